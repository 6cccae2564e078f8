"""The figures the source reports quote (practice ids of the figures issue), each defined here once and
documented in docs/figures.md. They read the case table and its events directly (they are not in the
roll-up), for an area's subtree and a period, so the dashboard loads them in a panel of their own.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Level
from lianxin.areas.selectors import POPULATION_PATH, population_persons
from lianxin.cases.figures import (
    MEDIATED_OUTCOMES,
    RESIDENT_KINDS,
    Period,
    day_start,
    figures_change,
    figures_for_area,
)
from lianxin.cases.models import (
    Action,
    Case,
    CaseAssignment,
    CaseEvent,
    Category,
    Channel,
    ReporterGroup,
    State,
)
from lianxin.cases.worktime import day_hours, working_hours_between
from lianxin.core.paths import ancestor_path
from lianxin.core.scope import under
from lianxin.people.models import Department, DepartmentKind, Post
from lianxin.people.roles import Role

ENFORCEMENT_CODES = ("zhifa", "zhifa_office")
MEDIATED = MEDIATED_OUTCOMES


@dataclass
class Practice:
    code: str  # the practice id: source report and row (docs/architecture.md)
    label: str
    value: object  # a number, a share (0–1) or None for "not yet measured"
    kind: str = "count"  # count, rate, hours, days, text
    note: str = ""
    target: float | None = None
    rows: list = field(default_factory=list)  # (label, value) breakdowns
    # The case list behind the number (a ``figure=`` key and more list parameters); "" when no case list
    # can hold it (events, visits, people). For a rate, the cases of its numerator.
    figure: str = ""
    params: dict = field(default_factory=dict)
    # Another list behind the number when no case list can hold it (the visits list for the visits).
    list_url: str = ""


def _cohort(area: Area, period: Period):
    return Case.objects.filter(
        under("area_path", area.path),
        reported_at__gte=day_start(period.start),
        reported_at__lt=day_start(period.end + timedelta(days=1)),
        kind__in=RESIDENT_KINDS,
    )


def _between(field: str, period: Period) -> Q:
    return Q(
        **{
            f"{field}__gte": day_start(period.start),
            f"{field}__lt": day_start(period.end + timedelta(days=1)),
        }
    )


def enforcement_departments() -> list[int]:
    return list(
        Department.objects.filter(
            Q(kind=DepartmentKind.ENFORCEMENT_OFFICE) | Q(code__in=ENFORCEMENT_CODES)
        ).values_list("pk", flat=True)
    )


def enforcement_actions(*, area: Area, period: Period) -> Practice:
    """P001-21: steps taken in the period by enforcement offices or the enforcement bureau on cases under
    the area: each whistle that summons one (as lead), each report (respond) one makes, and each handling
    of a case whose handler is one. Broken down by street (or township).

    Three narrow queries, not one OR: whistles and reports are found by action and time (an index), and
    handlings only on the few cases an enforcement office holds; an OR over the year's events of every case
    reads them all."""
    ids = enforcement_departments()
    events = CaseEvent.objects.filter(_between("at", period), under("case__area_path", area.path)).order_by()
    # The place is checked on the event's case, not here: given both, SQLite walks the area's cases.
    # NOT NULL is spelled out: SQLite uses the partial (NOT NULL) index only when the query says so.
    held = Case.objects.filter(handler_department_id__isnull=False, handler_department_id__in=ids).values(
        "pk"
    )
    steps = [
        events.filter(action=Action.WHISTLE, target_department_id__in=ids),
        events.filter(action=Action.RESPOND, data__department__in=ids),
        events.filter(action=Action.HANDLE, case_id__in=held),
    ]
    street_depth = _street_depth(area)
    by_street = defaultdict(int)
    for queryset in steps:
        for path in queryset.values_list("case__area_path", flat=True):
            by_street[ancestor_path(path, street_depth)] += 1
    names = dict(Area.objects.filter(path__in=by_street).values_list("path", "name"))
    return Practice(
        "P001-21",
        _("Enforcement actions recorded on cases"),
        sum(by_street.values()),
        note=_("Whistles summoning, reports by and handling by enforcement offices."),
        rows=sorted(((names.get(p, p), n) for p, n in by_street.items()), key=lambda r: -r[1]),
    )


def _street_depth(area: Area) -> int:
    street = Area.objects.filter(level__in=[Level.STREET, Level.TOWNSHIP]).order_by("depth").first()
    depth = street.depth if street else area.depth + 1
    return max(depth, area.depth)


def co_building_q() -> Q:
    """The cases in which a co-building unit took part (as handler, lead or assisting), after its agreement
    was signed: a unit of a ``volunteering.CoBuildingAgreement`` is the agreement's unit party organisation
    (a case assignment to it), the organisations that organisation covers, or the organisation named as
    the unit. Nothing when no agreement is recorded."""
    from lianxin.people.models import Organisation
    from lianxin.volunteering.models import CoBuildingAgreement

    condition = Q(pk__in=[])
    agreements = CoBuildingAgreement.objects.values_list("unit_org_id", "unit_name", "signed_on")
    for unit_org_id, unit_name, signed_on in agreements:
        units = Q(organisation__name=unit_name) if unit_name else Q(pk__in=[])
        if unit_org_id:
            units |= Q(party_org_id=unit_org_id)
            units |= Q(organisation__in=Organisation.objects.filter(party_orgs__pk=unit_org_id).values("pk"))
        taking_part = CaseAssignment.objects.filter(units).values("case_id")
        condition |= Q(pk__in=taking_part, closed_at__gte=day_start(signed_on))
    return condition


def co_building_cases(*, area: Area, period: Period) -> Practice:
    """P001-60: closed cases of the cohort in which a co-building unit took part (``co_building_q``: the
    units of the co-building agreements, each from the day it was signed)."""
    n = _cohort(area, period).filter(co_building_q(), state=State.CLOSED).count()
    label = _("Closed cases in which a co-building unit took part")
    return Practice(
        "P001-60",
        label,
        n,
        note=_("Units of the co-building agreements, from the day each was signed."),
    )


def estates_in_circle(*, area: Area) -> Practice:
    """P001-64: the share of located estates (grids) under the area whose point lies within a 15-minute walk
    of an open service-circle place (``provision.reach``), as the 15-minute circle table counts them."""
    from lianxin.provision.reach import reach_figures

    f = reach_figures(area)
    return Practice(
        "P001-64",
        _("Estates inside a service circle"),
        f.estates_within / f.estates if f.estates else None,
        "rate",
        note=_("%(within)d of %(total)d estates within a 15-minute walk of a centre or station")
        % {"within": f.estates_within, "total": f.estates},
    )


def zero_distance(*, area: Area, period: Period) -> list[Practice]:
    """P001-64: the share of estates inside a service circle, the average response time, and the reopen
    rate."""
    f = figures_for_area(area=area, period=period)
    return [
        estates_in_circle(area=area),
        Practice("P001-64", _("Average response time"), f.response_hours, "hours", figure="responded"),
        Practice(
            "P001-64",
            _("Reopen rate"),
            f.reopen_rate,
            "rate",
            note=_("Cases reopened at least once."),
            figure="reopened",
        ),
    ]


def liaison_cases(*, area: Area, period: Period, summary: dict | None = None) -> Practice:
    """P002-32: cases filed by liaisons (reporter group or channel) or handled by someone holding a
    liaison post, and how many of them are closed."""
    summary = summary if summary is not None else cohort_summary(area=area, period=period)
    return Practice(
        "P002-32",
        _("Cases filed or handled through liaisons"),
        sum(g["liaison"] for g in summary.values()),
        note=_("%(n)d of them closed") % {"n": sum(g["liaison_closed"] for g in summary.values())},
        figure="liaison",
    )


def cohort_summary(*, area: Area, period: Period) -> dict[str, dict]:
    """The counts several practices read from the period's cases under the area, by reporter group, in one
    pass over them (at a county's million cases each pass costs seconds): cases, distinct courier
    reporters, disputes and those mediated to an outcome, liaison cases and those closed."""
    from lianxin.cases.models import Kind

    liaisons = Post.objects.current().filter(role=Role.LIAISON).values("person_id")
    liaison = (
        Q(reporter_group=ReporterGroup.LIAISON)
        | Q(channel=Channel.LIAISON)
        | Q(handler_person_id__in=liaisons)
    )
    dispute = Q(kind=Kind.DISPUTE)
    rows = (
        _cohort(area, period)
        .values("reporter_group")
        .annotate(
            cases=Count("id"),
            courier_reporters=Count(
                "reporter_id", distinct=True, filter=Q(reporter_group=ReporterGroup.COURIER)
            ),
            disputes=Count("id", filter=dispute),
            mediated=Count("id", filter=dispute & Q(state=State.CLOSED, outcome__in=MEDIATED)),
            liaison=Count("id", filter=liaison),
            liaison_closed=Count("id", filter=liaison & Q(state=State.CLOSED)),
        )
        .order_by()
    )
    return {row.pop("reporter_group"): row for row in rows}


def targets(*, area: Area, period: Period) -> list[Practice]:
    """P001-38 / P002-55 / P001-56 / P003-11: satisfaction against 90 %, one-pass against 98 %, and the
    satisfaction's change from the previous period."""
    now, before = figures_change(area=area, period=period)
    change = None
    if now.satisfaction_rate is not None and before.satisfaction_rate is not None:
        change = now.satisfaction_rate - before.satisfaction_rate
    return [
        Practice(
            "P001-38",
            _("Satisfaction rate"),
            now.satisfaction_rate,
            "rate",
            target=settings.LIANXIN_TARGET_SATISFACTION,
            note=_("%(auto)d of %(rated)d ratings were automatic")
            % {"auto": now.rated_auto, "rated": now.rated},
            figure="satisfied",
        ),
        Practice(
            "P003-11",
            _("Satisfaction: change from the previous period"),
            change,
            "points",
            note=_("previous period: %(value)s") % {"value": _percent(before.satisfaction_rate)},
            figure="satisfied",
        ),
        Practice(
            "P002-55",
            _("One-pass rate"),
            now.one_pass_rate,
            "rate",
            target=settings.LIANXIN_TARGET_ONE_PASS,
            figure="one_pass",
        ),
    ]


def _percent(value) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def policy_fulfilment(*, area: Area, period: Period) -> Practice:
    """P003-43: closed policy-fulfilment cases of the cohort: steps (events of the case), materials asked
    for (``materials`` on its last handling event) and duration in working days, averaged per handling
    department."""
    cases = list(
        _cohort(area, period)
        .filter(state=State.CLOSED, category__code="policy_fulfilment")
        .select_related("handler_department")
        .values("pk", "event_count", "reported_at", "closed_at", "handler_department__name")
    )
    materials = {}
    for case_id, data in (
        CaseEvent.objects.filter(case_id__in=[c["pk"] for c in cases], action=Action.HANDLE)
        .order_by("case_id", "seq")
        .values_list("case_id", "data")
    ):
        if isinstance(data, dict) and "materials" in data:
            materials[case_id] = data["materials"]
    groups = defaultdict(list)
    for c in cases:
        days = working_hours_between(c["reported_at"], c["closed_at"]) / day_hours()
        groups[c["handler_department__name"] or _("no department")].append(
            (c["event_count"], materials.get(c["pk"]), days)
        )
    rows = []
    for name, items in sorted(groups.items()):
        known = [m for _s, m, _d in items if m is not None]
        rows.append(
            (
                name,
                _("%(n)d cases · %(steps).1f steps · %(materials)s materials · %(days).1f working days")
                % {
                    "n": len(items),
                    "steps": sum(s for s, _m, _d in items) / len(items),
                    "materials": f"{sum(known) / len(known):.1f}" if known else "—",
                    "days": sum(d for _s, _m, d in items) / len(items),
                },
            )
        )
    category = Category.objects.filter(code="policy_fulfilment").values_list("pk", flat=True).first()
    return Practice(
        "P003-43",
        _("Policy fulfilment: steps, materials and working days"),
        len(cases),
        rows=rows,
        figure="closed" if category else "",
        params={"category": category, "category_exact": 1} if category else {},
    )


def people_served(*, area: Area, period: Period) -> list[Practice]:
    """P004-26: distinct residents with a case (any residents' kind, service orders included) closed in the
    period under the area; and county coverage: counties under the area with at least one community or
    village with a case reported in the period, over all counties under it."""
    served = (
        Case.objects.filter(under("area_path", area.path), _between("closed_at", period), state=State.CLOSED)
        .filter(kind__in=RESIDENT_KINDS, reporter__isnull=False)
        .values("reporter_id")
        .distinct()
        .count()
    )
    counties = list(
        Area.objects.filter(under("path", area.path), level=Level.COUNTY).values_list("path", flat=True)
    )
    if area.level == Level.COUNTY:
        counties = [area.path]
    covered = 0
    for path in counties:
        if _cohort_by_path(path, period).exists():
            covered += 1
    return [
        Practice("P004-26", _("Residents served"), served, note=_("distinct residents with a case closed")),
        Practice(
            "P004-26",
            _("County coverage"),
            covered / len(counties) if counties else None,
            "rate",
            note=_("%(covered)d of %(total)d counties") % {"covered": covered, "total": len(counties)},
        ),
    ]


def _cohort_by_path(path: str, period: Period):
    return Case.objects.filter(
        under("area_path", path),
        reported_at__gte=day_start(period.start),
        reported_at__lt=day_start(period.end + timedelta(days=1)),
    )


def _urban_population(county: Area):
    """The county's latest recorded urban resident population (an ``AreaFact``), or None."""
    from lianxin.areas.models import AreaFact

    return (
        AreaFact.objects.filter(
            area=county, key="urban_resident_population", superseded_at__isnull=True, value_decimal__gt=0
        )
        .order_by("-year")
        .first()
    )


def workers_per_10k(*, area: Area) -> list[Practice]:
    """P004-41: for each county under the area, current community-worker posts ÷ residents recorded under
    its streets (urban) × 10,000, against the target (18), with the target headcount and the shortfall."""
    target = settings.LIANXIN_TARGET_WORKERS_PER_10K
    counties = (
        [area]
        if area.level == Level.COUNTY
        else list(Area.objects.filter(under("path", area.path), level=Level.COUNTY))
    )
    results = []
    for county in counties:
        streets = Area.objects.filter(under("path", county.path), level=Level.STREET).values_list(
            "path", flat=True
        )
        urban = Q(pk__in=[])
        for path in streets:
            urban |= under(POPULATION_PATH, path)
        # The denominator is the county's urban resident population of the statistics (P004-01) when it is
        # recorded, else the residents recorded under its streets.
        statistic = _urban_population(county)
        if statistic is not None:
            residents = int(statistic.value_decimal)
        else:
            residents = population_persons().filter(urban).count() if streets else 0
        workers = (
            Post.objects.current().filter(under("area_path", county.path), role=Role.COMMUNITY_WORKER).count()
        )
        wanted = math.ceil(residents * target / 10000)
        if statistic is not None:
            counted = _(
                "%(workers)d workers, urban resident population %(residents)d (%(year)d statistics); "
            ) % {
                "workers": workers,
                "residents": residents,
                "year": statistic.year,
            }
        else:
            counted = _("%(workers)d workers, %(residents)d urban residents recorded; ") % {
                "workers": workers,
                "residents": residents,
            }
        results.append(
            Practice(
                "P004-41",
                _("Community workers per 10,000 urban residents: %(county)s") % {"county": county.name},
                round(workers / residents * 10000, 1) if residents else None,
                "number",
                target=target,
                note=counted
                + _("target %(wanted)d, short by %(short)d by year end")
                % {
                    "workers": workers,
                    "residents": residents,
                    "wanted": wanted,
                    "short": max(0, wanted - workers),
                },
            )
        )
    return results


def household_visits(*, area: Area, period: Period) -> list[Practice]:
    """P000-31 / P002-31: household visits logged under the area in the period, by kind, per visitor, and the
    share of households visited at least once."""
    from lianxin.areas.models import Household
    from lianxin.cases.models import Visit, VisitKind

    visits = Visit.objects.filter(
        under("area_path", area.path),
        at__gte=day_start(period.start),
        at__lt=day_start(period.end + timedelta(days=1)),
    )
    by_kind = dict(visits.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    total = sum(by_kind.values())
    visitors = visits.values("visitor_id").distinct().count()
    visited = visits.filter(household__isnull=False).values("household_id").distinct().count()
    households = Household.objects.filter(under("area_path", area.path)).count()
    labels = dict(VisitKind.choices)
    # The visits behind both numbers, each visitor's count by kind (P000-31): the staff's visits list.
    listed = (
        reverse("cases:visit_list")
        + "?"
        + urlencode({"area": area.pk, "date_from": period.start, "date_to": period.end})
    )
    return [
        Practice(
            "P000-31",
            _("Household visits"),
            total,
            rows=[(labels.get(k, k), n) for k, n in sorted(by_kind.items())],
            note=_("%(visitors)d visitors, %(per)s visits each")
            % {"visitors": visitors, "per": f"{total / visitors:.1f}" if visitors else "—"},
            list_url=listed,
        ),
        Practice(
            "P000-31",
            _("Household visit coverage"),
            visited / households if households else None,
            "rate",
            note=_("%(visited)d of %(total)d households visited") % {"visited": visited, "total": households},
            list_url=listed,
        ),
    ]


def disputes_resolved(*, area: Area, period: Period, summary: dict | None = None) -> Practice:
    """P000-43 / P002-33: disputes of the cohort closed with a mediated (or partly mediated) outcome, by
    dispute category (物业纠纷, the owners against their property company, P000-43, among them)."""
    from lianxin.cases.models import Kind

    summary = summary if summary is not None else cohort_summary(area=area, period=period)
    by_category = (
        _cohort(area, period)
        .filter(kind=Kind.DISPUTE)
        .values("category__name")
        .annotate(
            raised=Count("id"),
            mediated=Count("id", filter=Q(state=State.CLOSED, outcome__in=MEDIATED)),
        )
        .order_by("-mediated", "category__name")
    )
    return Practice(
        "P002-33",
        _("Disputes mediated to an outcome"),
        sum(g["mediated"] for g in summary.values()),
        note=_("of %(total)d disputes raised") % {"total": sum(g["disputes"] for g in summary.values())},
        rows=[(row["category__name"], _("%(mediated)d of %(raised)d") % row) for row in by_category],
        figure="mediated",
    )


def reports_by_source(*, area: Area, period: Period, summary: dict | None = None) -> list[Practice]:
    """P004-34 / P003-28 / P001-49: cases of the cohort by who raised them, and reports per courier."""
    summary = summary if summary is not None else cohort_summary(area=area, period=period)
    labels = dict(ReporterGroup.choices)
    by_group = {group: g["cases"] for group, g in summary.items()}
    courier = summary.get(ReporterGroup.COURIER, {"cases": 0, "courier_reporters": 0})
    reports, reporters = courier["cases"], courier["courier_reporters"]
    # Each courier's own count (P003-28, a report counts towards its reporter, P001-49), most first.
    per_courier = (
        _cohort(area, period)
        .filter(reporter_group=ReporterGroup.COURIER, reporter__isnull=False)
        .values("reporter_id", "reporter__name")
        .annotate(n=Count("id"))
        .order_by("-n", "reporter__name", "reporter_id")
    )
    return [
        Practice(
            "P004-34",
            _("Cases by source"),
            sum(by_group.values()),
            rows=[(labels.get(k, k), n) for k, n in sorted(by_group.items(), key=lambda kv: -kv[1])],
            figure="reported",
        ),
        Practice(
            "P003-28",
            _("Snapshot reports by couriers"),
            reports,
            note=_("%(reporters)d couriers, %(per)s reports each")
            % {"reporters": reporters, "per": f"{reports / reporters:.1f}" if reporters else "—"},
            rows=[(row["reporter__name"], row["n"]) for row in per_courier],
            figure="reported",
            params={"reporter_group": ReporterGroup.COURIER},
        ),
    ]


def _keep_seconds() -> int:
    return getattr(settings, "LIANXIN_PRACTICES_KEEP_SECONDS", 24 * 3600)


def _practices_key(*, area: Area, period: Period, language: str) -> str:
    return f"lianxin:practices:{area.pk}:{area.path}:{period.kind}:{period.start}:{period.end}:{language}"


def practices_compute(*, area: Area, period: Period, language: str | None = None) -> tuple[list, object]:
    """Compute the panel and keep it, with when it was computed, in the cache every process shares (the
    Huey consumer computes, the web workers read): kept ``LIANXIN_PRACTICES_KEEP_SECONDS`` (a day by default)
    so that a stale panel is still shown while it is computed again."""
    from django.core.cache import caches
    from django.utils import timezone, translation

    language = language or translation.get_language()
    key = _practices_key(area=area, period=period, language=language)
    with translation.override(language):
        value = (practices_all(area=area, period=period), timezone.now())
    caches["shared"].set(key, value, _keep_seconds())
    caches["shared"].delete(key + ":computing")
    return value


def practices_cached(*, area: Area, period: Period) -> tuple[list[Practice], object]:
    """``practices_all`` and when it was computed, never computed in the request (at a county's million
    cases they take seconds). The figures of an area and a period are the same for everyone who may see
    the area: a Huey task computes them into the shared cache (``dashboard.tasks.practices_refresh``, on
    demand here and every few minutes for the counties). Kept figures older than
    ``LIANXIN_PRACTICES_CACHE_SECONDS`` (five minutes by default) are shown while the task computes them
    again; with nothing kept the answer is ``([], None)``, which the panel shows as "being computed".
    0 seconds: computed in the request, every time (tests, a small installation without a consumer)."""
    from django.core.cache import caches
    from django.utils import timezone
    from django.utils.translation import get_language

    seconds = settings.LIANXIN_PRACTICES_CACHE_SECONDS
    if not seconds:
        return practices_all(area=area, period=period), timezone.now()
    language = get_language()
    key = _practices_key(area=area, period=period, language=language)
    shared = caches["shared"]
    value = shared.get(key)
    if value is not None and timezone.now() - value[1] < timedelta(seconds=seconds):
        return value
    # One computation at a time for a panel: the first request to find it missing or old asks for it.
    if shared.add(key + ":computing", True, _keep_seconds()):
        from lianxin.dashboard.tasks import practices_refresh

        practices_refresh(area.pk, period.kind, period.start.isoformat(), period.end.isoformat(), language)
        if value is None:  # Huey in immediate mode (tests) has computed it already
            value = shared.get(key)
    return value if value is not None else ([], None)


def practices_all(*, area: Area, period: Period) -> list[Practice]:
    summary = cohort_summary(area=area, period=period)
    return [
        *reports_by_source(area=area, period=period, summary=summary),
        disputes_resolved(area=area, period=period, summary=summary),
        *household_visits(area=area, period=period),
        *targets(area=area, period=period),
        *zero_distance(area=area, period=period),
        enforcement_actions(area=area, period=period),
        co_building_cases(area=area, period=period),
        liaison_cases(area=area, period=period, summary=summary),
        policy_fulfilment(area=area, period=period),
        *people_served(area=area, period=period),
        *workers_per_10k(area=area),
    ]
