"""Reads of the provision app; every scoped list starts here, from ``restrict``."""

from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q

from lianxin.cases.models import Case, Category
from lianxin.cases.models.enums import OPEN_STATES, State
from lianxin.core.paths import root_path, under
from lianxin.core.scope import VIEW
from lianxin.provision.models import ListingState, Mechanism, ProviderListing, ServiceItem


def catalogue(*, mechanism: str = "", group: str = "", top=None, active_only: bool = True):
    """The catalogue's items in tree order (top category, then item). The catalogue is the county's public
    list: every signed-in user reads it."""
    items = ServiceItem.objects.select_related("category")
    if active_only:
        items = items.filter(category__is_active=True)
    if mechanism:
        items = items.filter(mechanism=mechanism)
    if group:
        # A JSON list holds the code as a quoted string: a text match on the quoted code is exact.
        items = items.filter(target_groups__icontains=f'"{group}"')
    if top is not None:
        items = items.filter(under("category__path", top.path))
    return items.order_by("category__path")


def top_categories():
    """The catalogue's top categories (大类): the roots of the service-order tree."""
    from lianxin.cases.models import Category

    return Category.objects.filter(depth=1, kind="service_order").order_by("path")


def catalogue_counts(items, orders: dict[str, int] | None = None) -> dict:
    """Items per mechanism (every mechanism, zeros included), with the orders placed under each when
    given, and items per top category."""
    items = list(items)
    by_mechanism = Counter(i.mechanism for i in items)
    orders = orders or {}
    tops = {c.path: c for c in top_categories()}
    by_top = Counter(root_path(i.category.path, Category.steplen) for i in items)
    return {
        "total": len(items),
        "by_mechanism": [
            (code, label, by_mechanism.get(code, 0), orders.get(code, 0)) for code, label in Mechanism.choices
        ],
        "by_top": [(tops[p].name, n) for p, n in sorted(by_top.items()) if p in tops],
    }


def listings_for(user, action: str = VIEW):
    """The listings this user reaches (the one place their scope is applied)."""
    return (
        ProviderListing.objects.restrict(user, action)
        .select_related("organisation", "area", "centre", "alliance")
        .prefetch_related("service_items__category", "coverage__area")
    )


@dataclass(frozen=True)
class ProviderRecord:
    open_cases: int
    rated: int
    stars: Decimal | None  # the mean of its cases' stars, two places
    orders: int = 0  # every case it was given (P000-62: a chain team's orders)
    handled: int = 0  # of those, handled, verified or closed


HANDLED_STATES = (State.HANDLED, State.VERIFIED, State.CLOSED)


def _two_places(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def provider_records(organisation_ids) -> dict[int, ProviderRecord]:
    """For each provider: its cases, those handled, those open and the mean stars of its rated cases
    (Case.rating_stars). The providers' page, its export and the API read it alike."""
    ids = list(organisation_ids)
    if not ids:
        return {}
    rows = (
        Case.objects.filter(handler_organisation_id__in=ids)
        .values("handler_organisation_id")
        .annotate(
            open_cases=Count("pk", filter=Q(state__in=OPEN_STATES)),
            rated=Count("rating_stars"),
            stars=Avg("rating_stars"),
            orders=Count("pk", filter=~Q(state=State.MERGED)),
            handled=Count("pk", filter=Q(state__in=HANDLED_STATES)),
        )
    )
    found = {
        r["handler_organisation_id"]: ProviderRecord(
            r["open_cases"], r["rated"], _two_places(r["stars"]), r["orders"], r["handled"]
        )
        for r in rows
    }
    return {pk: found.get(pk, ProviderRecord(0, 0, None)) for pk in ids}


def listing_counts(listings) -> dict:
    states = Counter(listing.state for listing in listings)
    return {
        "total": sum(states.values()),
        "by_state": [(code, label, states.get(code, 0)) for code, label in ListingState.choices],
    }


def notices_for(user):
    """The material notices of the cases this user reaches (the one place their scope is applied)."""
    from lianxin.provision.models import MaterialNotice

    return MaterialNotice.objects.filter(case__in=Case.objects.restrict(user).values("pk"))


def notice_counts(notices) -> dict:
    """Notices, second notices (a case noticed again) and the cases noticed."""
    counts = notices.aggregate(
        notices=Count("pk"), second=Count("pk", filter=Q(seq__gt=1)), cases=Count("case", distinct=True)
    )
    return {key: counts[key] or 0 for key in ("notices", "second", "cases")}


ORDER_FIGURE_DAYS = 365


def orders_by_mechanism(user, *, today=None) -> dict[str, int] | None:
    """Service orders placed in the user's areas over the last year, per mechanism (from the roll-up);
    None for a user whose posts open no area."""
    from datetime import timedelta

    from django.utils import timezone

    from lianxin.core.scope import grants_for, outermost
    from lianxin.provision.figures import ORDERS
    from lianxin.rollups.selectors import rollup_sums

    paths = outermost(grants_for(user).area_paths[VIEW])
    if not paths:
        return None
    today = today or timezone.localdate()
    since = today - timedelta(days=ORDER_FIGURE_DAYS - 1)
    counts = {}
    for code in Mechanism.values:
        totals = rollup_sums(
            key=ORDERS, area_paths=paths, day_from=since, day_to=today, dims={"mechanism": code}
        )
        counts[code] = sum(t.count for t in totals.values())
    return counts


MY_ORDERS_SHOWN = 50


def orders_mine(user):
    """The service orders this user placed or that were placed for him, newest first (in his scope: a
    reporter always sees his own cases)."""
    from lianxin.cases.models import Kind

    if not getattr(user, "person_id", None):
        return Case.objects.none()
    return (
        Case.objects.restrict(user)
        .filter(kind=Kind.SERVICE_ORDER, reporter_id=user.person_id)
        .select_related("category", "handler_organisation", "handler_area")
        .order_by("-reported_at", "-pk")
    )


def windows_for(user):
    """The windows this user reaches: those of the places in his posts' areas (a station's staff have
    its place's area)."""
    from lianxin.provision.models import ServiceWindow

    return ServiceWindow.objects.restrict(user).filter(is_active=True).prefetch_related("items__category")


def places_kept(user):
    """The places whose windows this user may open: those under the areas he is staff over."""
    from lianxin.areas.models import Place
    from lianxin.cases import permissions as case_permissions

    places = Place.objects.restrict(user).select_related("area").order_by("name")
    return places.filter(pk__in=[p.pk for p in places if case_permissions.is_staff_over(user, p.area_path)])


def roster(window, day_from, day_to):
    return window.duties.filter(date__range=(day_from, day_to)).select_related("person")


def place_staff(place, day):
    """The persons holding a post on the place on ``day`` (Post.place): who may be on duty at its windows."""
    from django.db.models import Q

    from lianxin.people.models import Person

    current = Q(posts__place=place, posts__start_date__lte=day) & (
        Q(posts__end_date__isnull=True) | Q(posts__end_date__gte=day)
    )
    return Person.objects.filter(current).distinct().order_by("name")


def walk_ins_at(area_path: str, day_from, day_to) -> int:
    """Walk-ins counted under a place's area (and below) over the days, from the roll-up."""
    from lianxin.provision.figures import WALK_INS
    from lianxin.rollups.selectors import rollup_sum

    return rollup_sum(key=WALK_INS, area_path=area_path, day_from=day_from, day_to=day_to).count


def resident_by_mobile(user, mobile: str, name: str = ""):
    """The one person the user's posts reach with this mobile number (and name, when several share it): a
    walk-in's resident, found the same way by the window page and the API."""
    from django.utils.translation import gettext as _

    from lianxin.core.errors_domain import DomainError
    from lianxin.people.models import Person

    found = Person.objects.restrict(user).filter(mobile_index=Person.mobile_lookup(mobile or ""))
    if (name or "").strip():
        found = found.filter(name=name.strip())
    people = list(found[:2])
    if len(people) != 1:
        message = (
            _("Several people share this number: give the resident's name too.")
            if people
            else _("No resident your post serves has this mobile number.")
        )
        raise DomainError(message, field="mobile")
    return people[0]
