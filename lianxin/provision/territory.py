"""The provision app's tables on the figures page, its workbook, the territory-figures API and the dashboard's
服务与志愿 panel (``rollups.tables``): service orders by mechanism (P004-21), orders by state and each
listed provider's stars (P004-22–24, P002-46), walk-ins by station and estate (P003-09), material notices
first and second (P002-44), the 15-minute circle and station coverage (P000-25, P001-51) and the 1+N+X
matrix per street (P002-40). Each counts within what the user may see, under the area asked for; the
period (default: this year) bounds orders, walk-ins and notices."""

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.paths import ancestor_paths, under
from lianxin.rollups.tables import (
    SERVICES,
    Row,
    TerritoryTable,
    paths_q,
    scope_paths,
    territory_table_register,
)


def period(since: date | None, until: date | None) -> tuple[date, date]:
    today = timezone.localdate()
    return since or date(today.year, 1, 1), until or today


def _span(since, until) -> str:
    return f"{since.isoformat()}—{until.isoformat()}"


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole}（{round(100 * part / whole, 1)}%）" if whole else "—"


def service_orders(*, user, root=None, since=None, until=None):
    """The service orders (of a catalogue item) the user may see under ``root``, reported in the period."""
    from lianxin.cases.figures import day_start
    from lianxin.cases.models import Case, Kind

    since, until = period(since, until)
    rows = Case.objects.restrict(user).filter(kind=Kind.SERVICE_ORDER, category__service_item__isnull=False)
    if root is not None:
        rows = rows.filter(under("area_path", root.path))
    return rows.filter(
        reported_at__gte=day_start(since), reported_at__lt=day_start(until + timedelta(days=1))
    )


def orders_by_mechanism(*, user, root=None, since=None, until=None) -> list[Row]:
    """Orders placed in the period per mechanism, every mechanism shown (P004-21), from the roll-up
    (``provision.service_orders``) of the user's areas: the catalogue page counts the same way."""
    from lianxin.provision.figures import ORDERS
    from lianxin.provision.models import Mechanism
    from lianxin.rollups.selectors import rollup_sums

    since, until = period(since, until)
    paths = scope_paths(user, root)
    rows = []
    for code, label in Mechanism.choices:
        totals = rollup_sums(
            key=ORDERS, area_paths=paths, day_from=since, day_to=until, dims={"mechanism": code}
        )
        rows.append(Row(label, sum(t.count for t in totals.values()), _span(since, until)))
    rows.append(Row(_("service orders in all"), sum(r.value for r in rows), _span(since, until)))
    return rows


def catalogue_items(*, user, root=None, since=None, until=None) -> list[Row]:
    """The catalogue's items per top category (大类, each item in exactly one, P002-46) and per mechanism
    (P004-21): the catalogue page's counts (``catalogue_counts``); the catalogue is the county's list."""
    from lianxin.provision.selectors import catalogue, catalogue_counts

    counts = catalogue_counts(catalogue())
    rows = [Row(name, n) for name, n in counts["by_top"]]
    for _code, label, n, _orders in counts["by_mechanism"]:
        rows.append(Row(_("mechanism: %(name)s") % {"name": label}, n))
    rows.append(Row(_("service items in all"), counts["total"]))
    return rows


def orders_by_state(*, user, root=None, since=None, until=None) -> list[Row]:
    """The period's orders by state, as each level sees the one record (P004-22, P004-24)."""
    from lianxin.cases.models import State

    orders = service_orders(user=user, root=root, since=since, until=until)
    counts = dict(orders.order_by().values_list("state").annotate(n=Count("pk")))
    rows = [Row(label, counts[value]) for value, label in State.choices if counts.get(value)]
    rated = orders.filter(rating_stars__isnull=False)
    stars = rated.order_by().values_list("rating_stars", flat=True)
    mean = sum(stars) / len(stars) if stars else None
    rows.append(Row(_("service orders in all"), orders.count()))
    rows.append(
        Row(
            _("rated orders"),
            len(stars),
            _("average %(stars)s stars") % {"stars": f"{mean:.2f}" if mean is not None else "—"},
        )
    )
    return rows


def provider_stars(*, user, root=None, since=None, until=None) -> list[Row]:
    """Each provider listing the user may see: its state, its rated orders and average stars, its open
    orders (P004-23, P004-24): the numbers of the providers page (``provider_records``)."""
    from lianxin.provision.selectors import listings_for, provider_records

    listings = listings_for(user)
    if root is not None:
        # The listings based under the area or covering it.
        listings = listings.filter(
            under("area_path", root.path)
            | under("coverage__area_path", root.path)
            | Q(coverage__area_path__in=ancestor_paths(root.path))
        )
    listings = list(listings.distinct().order_by("organisation__name"))
    records = provider_records([item.organisation_id for item in listings])
    rows = []
    for item in listings:
        record = records[item.organisation_id]
        rows.append(
            Row(
                item.organisation.name,
                record.stars if record.stars is not None else "—",
                _("%(state)s; %(rated)d rated, %(open)d open")
                % {"state": item.get_state_display(), "rated": record.rated, "open": record.open_cases},
            )
        )
    return rows


def walk_ins_by_station(*, user, root=None, since=None, until=None) -> list[Row]:
    """Walk-ins (到站办事) in the period per station's window place, noted with its estate (P003-09); the
    total is the roll-up's ``provision.walk_ins`` under the same areas."""
    from lianxin.cases.figures import day_start
    from lianxin.provision.models import WalkIn

    since, until = period(since, until)
    walk_ins = WalkIn.objects.filter(
        paths_q("area_path", scope_paths(user, root)),
        at__gte=day_start(since),
        at__lt=day_start(until + timedelta(days=1)),
    )
    counts = (
        walk_ins.values("window__place__name", "window__place__area__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "window__place__name")
    )
    rows = [Row(c["window__place__name"], c["n"], c["window__place__area__name"]) for c in counts]
    rows.append(Row(_("walk-ins in all"), walk_ins.count(), _span(since, until)))
    return rows


def material_notices(*, user, root=None, since=None, until=None) -> list[Row]:
    """Material notices given in the period on the cases the user may see, first and second (P002-44):
    the counts of the notices page (``notice_counts``)."""
    from lianxin.cases.figures import day_start
    from lianxin.provision.selectors import notice_counts, notices_for

    since, until = period(since, until)
    notices = notices_for(user).filter(
        created_at__gte=day_start(since), created_at__lt=day_start(until + timedelta(days=1))
    )
    if root is not None:
        notices = notices.filter(under("area_path", root.path))
    counts = notice_counts(notices)
    return [
        Row(_("material notices"), counts["notices"], _span(since, until)),
        Row(_("first notices"), counts["notices"] - counts["second"]),
        Row(
            _("second notices"),
            counts["second"],
            _("%(share)s of the cases noticed") % {"share": _share(counts["second"], counts["cases"])},
        ),
        Row(_("cases noticed"), counts["cases"]),
    ]


def _areas(user, root):
    from lianxin.areas.models import Area

    if root is not None:
        return [root]
    return list(Area.objects.restrict(user).filter(path__in=scope_paths(user, None)).order_by("path"))


def household_reach(*, user, root=None, since=None, until=None) -> list[Row]:
    """The 15-minute circle (P000-25): located households within 15 minutes of an open service-circle place;
    estates with a station against LIANXIN_TARGET_STATION_COVERAGE; communities with a centre; and the
    estates beyond a 10-minute walk (P001-51), named. From the stored reach (``reach_refresh``)."""
    from lianxin.provision.reach import estates_outside, reach_figures

    totals = Counter()
    for area in _areas(user, root):
        f = reach_figures(area)
        totals.update(
            households=f.households,
            located=f.households_located,
            within=f.households_within,
            estates=f.estates,
            stations=f.estates_with_station,
            estates_within=f.estates_within,
            communities=f.communities,
            centres=f.communities_with_centre,
        )
    target = Decimal(str(settings.LIANXIN_TARGET_STATION_COVERAGE))
    # The circle page's list (estates_outside): located estates beyond 10 minutes, and those not located.
    far = [r.estate.name for area in _areas(user, root) for r in estates_outside(area)]
    station_share = totals["stations"] / totals["estates"] if totals["estates"] else None
    return [
        Row(
            _("households within 15 minutes of a centre or station"),
            _share(totals["within"], totals["located"]),
            _("%(n)d households recorded, %(located)d located")
            % {"n": totals["households"], "located": totals["located"]},
        ),
        Row(
            _("estates with a station"),
            _share(totals["stations"], totals["estates"]),
            _("target %(target)s%%: %(verdict)s")
            % {
                "target": f"{target * 100:.0f}",
                "verdict": "—"
                if station_share is None
                else (_("met") if Decimal(station_share) >= target else _("not met")),
            },
        ),
        Row(_("estates within 15 minutes"), _share(totals["estates_within"], totals["estates"])),
        Row(_("communities with a service centre"), _share(totals["centres"], totals["communities"])),
        Row(_("estates beyond a 10-minute walk or not located"), len(far), "、".join(far[:30])),
    ]


def service_matrix(*, user, root=None, since=None, until=None) -> list[Row]:
    """The 1+N+X matrix per street and township (P002-40), as the matrix page counts it
    (``circles.service_matrix``: the street's hub, its communities' and villages' centres, its estates'
    stations), among the places the user may see."""
    from lianxin.areas.models import Place
    from lianxin.provision.circles import service_matrix as matrix_of
    from lianxin.provision.circles import streets_in

    streets = {street.pk: street for area in _areas(user, root) for street in streets_in(area)}
    places = Place.objects.restrict(user)
    rows = []
    for street in sorted(streets.values(), key=lambda a: a.path):
        matrix = matrix_of(street, places)
        h, c, s = matrix.counts
        rows.append(
            Row(
                street.name,
                f"{h}+{c}+{s}",
                _("%(hubs)d hub, %(centres)d centres, %(stations)d stations")
                % {"hubs": h, "centres": c, "stations": s},
            )
        )
    return rows


TABLES = [
    ("provision.orders_by_mechanism", _("Service orders by mechanism"), orders_by_mechanism, 500),
    ("provision.catalogue", _("Service catalogue by category and mechanism"), catalogue_items, 502),
    ("provision.orders_by_state", _("Service orders by state and rating"), orders_by_state, 505),
    ("provision.provider_stars", _("Service providers: stars and open orders"), provider_stars, 510),
    ("provision.walk_ins", _("Walk-ins by station"), walk_ins_by_station, 515),
    ("provision.material_notices", _("One-time notification: material notices"), material_notices, 520),
    ("provision.household_reach", _("15-minute service circle and station coverage"), household_reach, 525),
    ("provision.service_matrix", _("1+N+X service matrix per street"), service_matrix, 530),
]


def register() -> None:
    for key, title, compute, order in TABLES:
        territory_table_register(TerritoryTable(key, title, compute, order, SERVICES))
