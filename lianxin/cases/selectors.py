"""Reading cases: the queues, one case for a user, its trail, duplicates to merge. Everything starts from
``Case.objects.restrict(user)``, so pages, API and exports see the same cases."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Q, Subquery, Window
from django.db.models.functions import Coalesce
from django.utils import timezone

from lianxin.cases import clock
from lianxin.cases.models import Case, CaseEvent, Category, HandlerType, State
from lianxin.cases.models.enums import OPEN_STATES, WORKING_STATES
from lianxin.cases.permissions import is_worker, pool_paths
from lianxin.core.geo import distance_m
from lianxin.core.paths import ancestor_path, is_under
from lianxin.core.scope import CHANGE, VIEW, get_for_user, grants_for, path_granted, under

QUEUE_ORDER = ["handle_due", "response_due", "id"]
# What a queue row shows: the case's own columns and the names of its category, place and handler (as
# annotations: one model instance per row, not seven).
QUEUE_ROW_FIELDS = (
    "id",
    "title",
    "state",
    "reported_at",
    "responded_at",
    "response_due",
    "handled_at",
    "handle_due",
    "supervise_count",
)


def _name_of(model, column: str) -> Subquery:
    return Subquery(model.objects.filter(pk=OuterRef(column)).values("name")[:1])


def _queue_row_names() -> dict:
    """The names a row shows, each a subquery on a primary key: PostgreSQL plans a seven-table join for
    longer than these fifty rows take to read (3 ms against 0.3 ms)."""
    from lianxin.areas.models import Area
    from lianxin.party.models import PartyOrg
    from lianxin.people.models import Department, Organisation, Person

    return {
        "category_name": _name_of(Category, "category_id"),
        "area_name": _name_of(Area, "area_id"),
        # The handler as Case.handler_label names it: the person, department or company, else the level.
        "handler_name": Coalesce(
            _name_of(Person, "handler_person_id"),
            _name_of(Department, "handler_department_id"),
            _name_of(Organisation, "handler_organisation_id"),
            _name_of(PartyOrg, "handler_party_org_id"),
            _name_of(Area, "handler_area_id"),
        ),
    }


def case_queue_rows(*, ids: list[int]) -> list[Case]:
    """The cases of one queue page, in the order of ``ids``, with the names a row shows."""
    rows = Case.objects.filter(pk__in=ids).only(*QUEUE_ROW_FIELDS).annotate(**_queue_row_names())
    by_id = {case.pk: case for case in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


def case_queue_page(*, cases, number, per_page: int) -> Page:
    """One page of the queue, found in two steps: the page's ids with the number of matches (one sort of
    narrow rows over every match, the total counted in the same pass), then those rows with their names.
    One query doing both would join, and carry through the sort, every column of every match: thousands
    of wide rows for fifty shown. A page past the end shows the last one, as ``Paginator.get_page`` does."""
    ordered = cases.order_by(*QUEUE_ORDER)
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    # The offset must fit the database's 64-bit integer: a number past it (?page=999…) asks for a page
    # past the end, which shows the last one below.
    number = min(number, (2**63 - 1) // per_page)

    def window(n):
        start = (n - 1) * per_page
        counted = ordered.annotate(total=Window(Count("pk")))
        return list(counted.values_list("pk", "total")[start : start + per_page])

    found = window(number)
    total = found[0][1] if found else cases.count()
    paginator = Paginator(ordered.values_list("pk", flat=True), per_page)
    paginator.count = total  # a cached property: the pages below ask no COUNT of their own
    if not found and number > 1 and total:
        number = paginator.num_pages
        found = window(number)
    page = paginator.page(number) if total else paginator.page(1)
    page.object_list = case_queue_rows(ids=[pk for pk, _total in found])
    return page


def case_get_for_user(*, user, pk, action: str = VIEW) -> Case:
    """One case the user may see (404 outside his scope)."""
    # Two joins only: PostgreSQL plans a nine-table join for longer than it runs; the handler and the
    # reporter are fetched by id when a page shows them.
    queryset = Case.objects.select_related("category", "area")
    return get_for_user(queryset, user, pk, action)


def case_events(*, user, case: Case, public_only: bool = False):
    """The trail of a case the user may see; the reporter sees the public steps only."""
    events = (
        CaseEvent.objects.filter(case=case)
        .select_related(
            "actor_person",
            "target_person",
            "target_department",
            "target_organisation",
            "target_party_org",
            "target_area",
        )
        .prefetch_related("photos")
    )
    if public_only or (user.person_id and user.person_id == case.reporter_id and not _works_on(user, case)):
        events = events.filter(is_public=True)
    return events.order_by("seq")


def _works_on(user, case: Case) -> bool:
    # A worker or staff member who also reported the case reads the whole trail, as his post allows.
    grants = grants_for(user)
    return is_worker(user) or bool(grants.department_ids[VIEW] or grants.organisation_ids[VIEW])


@dataclass
class CaseFilters:
    state: str = ""  # a State value, or "open" / "final"
    category: int | None = None  # a category and everything under it
    category_exact: bool = False  # the category alone, not its subcategories (a figure table's row)
    area: object = None  # an Area: cases placed under it
    overdue: bool = False
    kind: str = ""
    channel: str = ""
    reporter_group: str = ""
    date_from: date | None = None
    date_to: date | None = None
    q: str = ""  # case number or words of the title
    # "me": sent to me or my department/company; "pool": my level's pool; "first": first received by me.
    handler: str = ""
    supervised: bool = False
    claimed: bool = False  # the cases the user or his organisations hold a live claim on (我认领的)
    return_disputed: bool = False
    extension_pending: bool = False
    # The cases behind one count of the figures (lianxin.cases.figures.FIGURE_FILTERS), e.g. "one_pass_no".
    figure: str = ""
    # Only the cases placed at ``area`` itself, none below it (the "县本级/直属" row of a figure table).
    area_itself: bool = False
    # The kind of handler the case is with (HandlerType), or "none" for a case not sent anywhere yet.
    handler_type: str = ""


def local_day_start(day: date) -> datetime:
    """The first moment of ``day`` in local time: date filters compare instants, not dates."""
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def response_overdue_q(now) -> Q:
    """Open cases not yet answered past their response limit."""
    return Q(state__in=OPEN_STATES, responded_at__isnull=True, response_due__lt=now)


def handling_overdue_q(now) -> Q:
    """Cases being worked on past their handling limit."""
    return Q(state__in=WORKING_STATES, handle_due__lt=now)


def case_list(*, user, filters: CaseFilters | None = None):
    """The cases the user may see, filtered as on the staff queue."""
    f = filters or CaseFilters()
    # Every case placed under an area the user's area grant covers is his to see by that grant alone: the
    # scope's other ways in (his own cases, his department's …) add nothing under it and are left out, so the
    # planner serves the list and its counts from the area's indexes instead of testing the whole OR on every
    # case of the county (a leader's workbench, the API list by street).
    covered = f.area is not None and path_granted(user, f.area.path, VIEW, residents=Case.scope.residents)
    qs = Case.objects.all() if covered else Case.objects.restrict(user, VIEW)
    if f.state == "open":
        qs = qs.filter(state__in=OPEN_STATES)
    elif f.state == "final":
        qs = qs.filter(state__in=[State.CLOSED, State.REJECTED, State.MERGED])
    elif f.state:
        qs = qs.filter(state=f.state)
    if f.category and f.category_exact:
        qs = qs.filter(category_id=f.category)
    elif f.category:
        category = Category.objects.filter(pk=f.category).first()
        if category is not None:
            ids = list(Category.objects.get_tree(category).values_list("id", flat=True))
            qs = qs.filter(category_id__in=ids)
    if f.area is not None:
        qs = qs.filter(area_path=f.area.path) if f.area_itself else qs.filter(under("area_path", f.area.path))
    if f.handler_type:
        qs = qs.filter(handler_type="" if f.handler_type == "none" else f.handler_type)
    if f.overdue:
        now = clock.now()
        # The open states outside the OR as well: the planner then walks the (state, area) index over the
        # few open cases instead of every case of the area.
        qs = qs.filter(state__in=OPEN_STATES).filter(response_overdue_q(now) | handling_overdue_q(now))
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.channel:
        qs = qs.filter(channel=f.channel)
    if f.reporter_group:
        qs = qs.filter(reporter_group=f.reporter_group)
    if f.date_from:
        qs = qs.filter(reported_at__gte=local_day_start(f.date_from))
    if f.date_to:
        qs = qs.filter(reported_at__lt=local_day_start(f.date_to + timedelta(days=1)))
    if f.supervised:
        qs = qs.filter(supervise_count__gt=0, state__in=OPEN_STATES)
    if f.claimed:
        qs = qs.filter(pk__in=_claimed_by(user))
    if f.return_disputed:
        qs = qs.filter(return_disputed=True)
    if f.extension_pending:
        qs = qs.filter(extension_pending=True)
    if f.figure:
        qs = _figure_filter(qs, f)
    if f.q:
        pk = Case.pk_from_number(f.q)
        words = Q(title__icontains=f.q.strip())
        qs = qs.filter(words | Q(pk=pk)) if pk and "-" in f.q else qs.filter(words)
    if f.handler == "me":
        qs = qs.filter(_mine(user), state__in=OPEN_STATES)
    elif f.handler == "pool":
        paths = pool_paths(user)
        if paths:
            qs = qs.filter(handler_type=HandlerType.AREA, handler_area_path__in=paths, state__in=OPEN_STATES)
        else:
            qs = qs.none()
    elif f.handler == "first":
        qs = (
            qs.filter(first_receiver_id=user.person_id, state__in=OPEN_STATES)
            if user.person_id
            else qs.none()
        )
    return qs


def _figure_filter(qs, f: CaseFilters):
    from lianxin.cases.figures import figure_q
    from lianxin.cases.kinds import resident_kinds

    condition = figure_q(f.figure)
    if condition is None:
        return qs
    # Like the figures themselves, a figure's cases are the residents' kinds unless a kind is chosen.
    return qs.filter(condition) if f.kind else qs.filter(condition, kind__in=resident_kinds())


def _mine(user) -> Q:
    grants = grants_for(user)
    condition = Q(pk__in=[])
    if user.person_id:
        condition |= Q(handler_type=HandlerType.PERSON, handler_person_id=user.person_id)
    if grants.department_ids[CHANGE]:
        condition |= Q(
            handler_type=HandlerType.DEPARTMENT,
            handler_department_id__in=sorted(grants.department_ids[CHANGE]),
        )
        condition |= Q(
            whistled=True,
            pk__in=_assigned_to_departments(sorted(grants.department_ids[CHANGE])),
        )
    if grants.organisation_ids[CHANGE]:
        condition |= Q(
            handler_type=HandlerType.ORGANISATION,
            handler_organisation_id__in=sorted(grants.organisation_ids[CHANGE]),
        )
    if grants.party_org_paths[CHANGE]:
        from lianxin.party.models import PartyOrg

        orgs = PartyOrg.objects.filter(path__in=sorted(grants.party_org_paths[CHANGE])).values("id")
        condition |= Q(handler_type=HandlerType.PARTY_ORG, handler_party_org_id__in=orgs)
    return condition


def _claimed_by(user):
    from lianxin.cases.models import CaseClaim

    claimant = Q(organisation_id__in=sorted(grants_for(user).organisation_ids[CHANGE]))
    if user.person_id:
        claimant |= Q(person_id=user.person_id)
    return CaseClaim.objects.filter(claimant, withdrawn_at__isnull=True).values("case_id")


def my_claims(*, user):
    """What the user, or an organisation he holds a post in, has claimed and not withdrawn (我认领的),
    newest first."""
    return case_list(user=user, filters=CaseFilters(claimed=True)).order_by("-reported_at", "-id")


def case_claims(*, case: Case):
    """Who claimed the case, in order, live claims and withdrawn ones."""
    return case.claims.select_related("person", "organisation").order_by("claimed_at", "id")


def _assigned_to_departments(ids):
    from lianxin.cases.models import CaseAssignment

    return CaseAssignment.objects.filter(department_id__in=ids, is_current=True).values("case_id")


def my_queue(*, user):
    """What waits on the user himself, soonest deadline first: his worker's phone queue."""
    return case_list(user=user, filters=CaseFilters(handler="me")).order_by(*QUEUE_ORDER)


def my_reports(*, user):
    """What the user raised, newest first (the resident's "my cases")."""
    if not user.person_id:
        return Case.objects.none()
    return Case.objects.restrict(user).filter(reporter_id=user.person_id).order_by("-reported_at", "-id")


def case_duplicates(*, user, case: Case, limit: int = 10) -> list[Case]:
    """Open cases of the same category near this one (same building or estate, or within the radius when
    both have a position) reported within the window: offered to staff to merge, never merged alone."""
    window = timedelta(hours=settings.LIANXIN_DUPLICATE_WINDOW_HOURS)
    prefix = ancestor_path(case.area_path, 5)  # down to the estate at most: same estate or below
    candidates = (
        Case.objects.restrict(user)
        .filter(
            category_id=case.category_id,
            state__in=OPEN_STATES,
            reported_at__gte=case.reported_at - window,
            reported_at__lte=case.reported_at + window,
            merged_into__isnull=True,
        )
        .exclude(pk=case.pk)
        .order_by("reported_at")
    )
    near = []
    for other in candidates[:200]:
        same_place = is_under(other.area_path, prefix) or is_under(case.area_path, other.area_path)
        close = (
            case.lat is not None
            and other.lat is not None
            and distance_m(case.lat, case.lng, other.lat, other.lng) <= settings.LIANXIN_DUPLICATE_RADIUS_M
        )
        if same_place or close:
            near.append(other)
        if len(near) >= limit:
            break
    return near


def category_tree(*, public_only: bool = False):
    qs = Category.objects.filter(is_active=True)
    if public_only:
        qs = qs.filter(is_public=True)
    return qs.order_by("path")


def visit_figures(*, user, area, date_from: date, date_to: date) -> dict:
    """Household visits under an area in a period (P000-31): by kind, per visitor, and household coverage
    (households visited at least once ÷ households recorded under the area)."""
    from django.db.models import Count

    from lianxin.areas.models import Household
    from lianxin.cases.models import Visit

    # Care visits to couriers (P003-22) are counted on their own page, not as household visits.
    visits = (
        Visit.objects.restrict(user)
        .filter(
            under("area_path", area.path),
            at__gte=local_day_start(date_from),
            at__lt=local_day_start(date_to + timedelta(days=1)),
        )
        .exclude(kind="care")
    )
    by_kind = dict(visits.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    by_visitor = list(
        visits.values("visitor_id", "visitor__name")
        .annotate(visits=Count("id"))
        .order_by("-visits", "visitor_id")
    )
    visited = visits.filter(household__isnull=False).values("household_id").distinct().count()
    households = Household.objects.restrict(user).filter(under("area_path", area.path)).count()
    return {
        "visits": sum(by_kind.values()),
        "by_kind": by_kind,
        "by_visitor": by_visitor,
        "visitors": len(by_visitor),
        "per_visitor": round(sum(by_kind.values()) / len(by_visitor), 2) if by_visitor else None,
        "households_visited": visited,
        "households": households,
        "coverage": round(visited / households, 4) if households else None,
    }


def case_summoned(*, case: Case) -> list:
    """The departments summoned to a whistled case (吹哨报到: the lead and the assisting ones, an enforcement
    office with its member departments), each with whether and when it reported: one list for the case
    page and the API (P001-20)."""
    return list(
        case.assignments.filter(is_current=True, role__in=["lead", "assist"])
        .select_related("department")
        .order_by("id")
    )
