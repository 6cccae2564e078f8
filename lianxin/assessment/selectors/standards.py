"""Reads of the standards part: the lists the pages, the API and the exports share (so the three show the same
numbers), and their figures. Scope is applied in the querysets (``restrict``)."""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Count, Q, Sum

from lianxin.areas.models import Area
from lianxin.assessment.models import (
    BrandStatus,
    ChecklistTemplate,
    ChecklistTick,
    CreditEvent,
    Honour,
    HonourKind,
    MemberStar,
    Nomination,
    PartyBrand,
    SharedPractice,
    StarRating,
    WeakOrgFlag,
    WeakOrgStatus,
)
from lianxin.core.context import user_context
from lianxin.core.paths import ancestor_paths
from lianxin.core.scope import VIEW, under
from lianxin.party.models import OrgKind, PartyOrg

BRANCH_KINDS = (OrgKind.BRANCH, OrgKind.GENERAL_BRANCH, OrgKind.JOINT_BRANCH, OrgKind.MOBILE_BRANCH)


def share(part: int, whole: int) -> float | None:
    """A percentage with one decimal (83.3), None for an empty whole."""
    return round(part * 100 / whole, 1) if whole else None


# -- star ratings -----------------------------------------------------------------------------------------


def star_ratings_for(
    *, user, year: int, root: PartyOrg | None = None, field: str = "", stars: int | None = None
):
    """The current rating of each organisation the user sees, for ``year``, under ``root`` (its subtree)
    and of ``field`` (organ, community …)."""
    rows = StarRating.objects.restrict(user, VIEW).filter(year=year, is_current=True)
    if root is not None:
        rows = rows.filter(under("org_path", root.path))
    if field:
        rows = rows.filter(org__field=field)
    if stars:
        rows = rows.filter(stars=stars)
    return rows.select_related("org", "rated_by_org", "given_by__person").order_by("-stars", "org_path")


def star_figures(rows) -> dict:
    """P003-51: the distribution by stars, the share at three stars or more and at five stars, against the
    targets (LIANXIN_TARGET_THREE_STAR, LIANXIN_TARGET_FIVE_STAR)."""
    counts = dict(rows.order_by().values_list("stars").annotate(n=Count("pk")).values_list("stars", "n"))
    total = sum(counts.values())
    three = sum(n for s, n in counts.items() if s >= 3)
    five = counts.get(5, 0)
    target_three = float(settings.LIANXIN_TARGET_THREE_STAR)
    target_five = float(settings.LIANXIN_TARGET_FIVE_STAR)
    three_share = share(three, total)
    five_share = share(five, total)
    return {
        "total": total,
        "by_stars": [{"stars": s, "count": counts.get(s, 0)} for s in (5, 4, 3, 2, 1)],
        "three_plus": three,
        "three_plus_share": three_share,
        "five": five,
        "five_share": five_share,
        "target_three_share": round(target_three * 100, 1),
        "target_five_share": round(target_five * 100, 1),
        "three_met": three_share is not None and three_share >= round(target_three * 100, 1),
        "five_met": five_share is not None and five_share >= round(target_five * 100, 1),
    }


def rating_history(*, user, org: PartyOrg):
    return (
        StarRating.objects.restrict(user, VIEW)
        .filter(org=org)
        .select_related("rated_by_org", "given_by__person")
        .prefetch_related("evidence__criterion")
        .order_by("-year", "-given_at", "-id")
    )


def rateable_orgs(*, user, root: PartyOrg | None = None):
    """The organisations the user sees (the form's choices; the service checks the superior committee)."""
    rows = PartyOrg.objects.restrict(user, VIEW).filter(depth__gt=1).exclude(kind=OrgKind.GROUP)
    if root is not None:
        rows = rows.filter(under("path", root.path))
    return rows.order_by("path")


# -- members ----------------------------------------------------------------------------------------------


def credit_base() -> int:
    return int(getattr(settings, "LIANXIN_CREDIT_BASE", 100))


def member_stars_for(*, user, year: int, root: PartyOrg | None = None):
    rows = MemberStar.objects.restrict(user, VIEW).filter(year=year, is_current=True)
    if root is not None:
        rows = rows.filter(under("org_path", root.path))
    return rows.select_related("person", "org").order_by("-stars", "org_path", "person__name")


def credit_scores(*, person_ids, year: int) -> dict[int, int]:
    """Each member's credit score for the year: the base plus the points of his credit events."""
    sums = dict(
        CreditEvent.objects.filter(person_id__in=list(person_ids), happened_on__year=year)
        .values_list("person_id")
        .annotate(total=Sum("points"))
        .values_list("person_id", "total")
    )
    return {pid: credit_base() + (sums.get(pid) or 0) for pid in person_ids}


def credit_events_for(*, user, year: int, root: PartyOrg | None = None):
    rows = CreditEvent.objects.restrict(user, VIEW).filter(happened_on__year=year)
    if root is not None:
        rows = rows.filter(under("org_path", root.path))
    return rows.select_related("person", "org", "rule").order_by("-happened_on", "-id")


# -- counts per area --------------------------------------------------------------------------------------


def counts_by_area(rows, *, user, root: Area | None, path_field: str = "area_path") -> list[dict]:
    """How many rows lie under each area one level below ``root`` (the user's outermost area when none), and
    at ``root`` itself; the rows sum to the list's count."""
    from lianxin.areas.selectors import area_children, area_roots

    if root is None:
        root = area_roots(user=user).first()
    if root is None:
        return []
    paths = list(rows.order_by().values_list(path_field, flat=True))
    result = []
    counted = 0
    for child in area_children(user=user, area=root).order_by("path"):
        n = sum(1 for p in paths if p and p.startswith(child.path))
        counted += n
        if n:
            result.append({"area_id": child.pk, "area_name": child.name, "count": n})
    rest = len(paths) - counted
    if rest:
        result.insert(0, {"area_id": root.pk, "area_name": root.name, "count": rest})
    return result


# -- weak and lax organisations ---------------------------------------------------------------------------


def weak_orgs_for(
    *, user, year: int | None = None, status: str = WeakOrgStatus.LISTED, root: Area | None = None
):
    rows = WeakOrgFlag.objects.restrict(user, VIEW)
    if year:
        rows = rows.filter(year=year)
    if status:
        rows = rows.filter(status=status)
    if root is not None:
        rows = rows.filter(under("area_path", root.path))
    return (
        rows.select_related("org", "accepted_by__person")
        .annotate(item_count=Count("items"))
        .order_by("area_path", "org__path")
    )


def weak_org_items(flag: WeakOrgFlag):
    return flag.items.select_related("case").order_by("id")


# -- checklists -------------------------------------------------------------------------------------------


@dataclass
class ChecklistRow:
    org: PartyOrg
    done: int
    total: int
    ticks: dict = field(default_factory=dict)  # item id → tick

    @property
    def percent(self) -> float | None:
        return share(self.done, self.total)

    @property
    def complete(self) -> bool:
        return bool(self.total) and self.done == self.total


def checklist_orgs(*, user, template: ChecklistTemplate, root: PartyOrg | None = None):
    rows = PartyOrg.objects.restrict(user, VIEW).filter(kind__in=BRANCH_KINDS)
    if template.field:
        rows = rows.filter(field=template.field)
    if root is not None:
        rows = rows.filter(under("path", root.path))
    return rows.order_by("path")


def checklist_progress(*, user, template: ChecklistTemplate, year: int, root: PartyOrg | None = None):
    """Each branch's completion of the checklist for the year (P001-50)."""
    items = list(template.items.all())
    orgs = list(checklist_orgs(user=user, template=template, root=root))
    ticks = ChecklistTick.objects.filter(item__template=template, year=year, org__in=orgs)
    by_org: dict[int, dict] = {}
    for tick in ticks:
        by_org.setdefault(tick.org_id, {})[tick.item_id] = tick
    rows = [
        ChecklistRow(org=o, done=len(by_org.get(o.pk, {})), total=len(items), ticks=by_org.get(o.pk, {}))
        for o in orgs
    ]
    return items, rows


def checklist_figures(rows: list[ChecklistRow]) -> dict:
    complete = sum(1 for r in rows if r.complete)
    return {"orgs": len(rows), "complete": complete, "complete_share": share(complete, len(rows))}


# -- honours and brands -----------------------------------------------------------------------------------


def honours_for(
    *,
    user,
    kind: str = "",
    year: int | None = None,
    title: str = "",
    root: Area | None = None,
    since: int | None = None,
    until: int | None = None,
):
    rows = Honour.objects.restrict(user, VIEW)
    if kind:
        rows = rows.filter(kind=kind)
    if year:
        rows = rows.filter(year=year)
    if since:
        rows = rows.filter(year__gte=since)
    if until:
        rows = rows.filter(year__lte=until)
    if title:
        rows = rows.filter(title=title)
    if root is not None:
        rows = rows.filter(under("area_path", root.path))
    return rows.select_related("person", "area", "org").order_by("-year", "kind", "title", "id")


def honour_figures(rows, *, user, root: Area | None = None) -> dict:
    by_kind = dict(rows.order_by().values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    by_title = list(rows.order_by().values("title").annotate(count=Count("pk")).order_by("-count", "title"))
    by_year = list(rows.order_by().values("year").annotate(count=Count("pk")).order_by("-year"))
    return {
        "total": rows.count(),
        "by_kind": [
            {"kind": k, "label": str(label), "count": by_kind.get(k, 0)} for k, label in HonourKind.choices
        ],
        "by_title": by_title,
        "by_year": by_year,
        "by_area": counts_by_area(rows, user=user, root=root),
    }


def area_honours(*, user, area: Area):
    """The titles of a building (or of the buildings under an area), for the area's page."""
    return (
        Honour.objects.restrict(user, VIEW)
        .filter(under("area_path", area.path), kind=HonourKind.BUILDING)
        .select_related("area")
        .order_by("-year", "title")
    )


def brands_for(*, user, status: str = "", year: int | None = None, root: PartyOrg | None = None):
    rows = PartyBrand.objects.restrict(user, VIEW)
    if status:
        rows = rows.filter(status=status)
    if year:
        rows = rows.filter(year=year)
    if root is not None:
        rows = rows.filter(under("org_path", root.path))
    return rows.select_related("org").order_by("-year", "org_path", "name")


def brand_figures(rows) -> dict:
    by_status = dict(rows.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    return {
        "total": sum(by_status.values()),
        "by_status": [
            {"status": s, "label": str(label), "count": by_status.get(s, 0)}
            for s, label in BrandStatus.choices
        ],
    }


# -- campaigns --------------------------------------------------------------------------------------------


def campaigns_for(*, user):
    return (
        _campaigns(user)
        .select_related("area")
        .annotate(
            nomination_count=Count("nominations", distinct=True),
            activity_count=Count("activities", distinct=True),
        )
        .order_by("-starts_on", "-id")
    )


def _campaigns(user):
    from lianxin.assessment.models import Campaign

    return Campaign.objects.restrict(user, VIEW)


@dataclass
class RiderRecord:
    reports: list
    activities: list
    campaign_activities: int

    @property
    def report_count(self) -> int:
        return len(self.reports)

    @property
    def activity_count(self) -> int:
        return len(self.activities)


def rider_record(*, person, starts_on: date, ends_on: date, campaign=None) -> RiderRecord:
    """The rider's record for the period: the cases he reported (随手拍), the activities he signed in to."""
    from lianxin.cases.models import Case
    from lianxin.volunteering.models import SignUp

    reports = list(
        Case.objects.filter(reporter=person, reported_at__date__gte=starts_on, reported_at__date__lte=ends_on)
        .select_related("category")
        .order_by("reported_at")
    )
    signups = list(
        SignUp.objects.filter(
            person=person,
            signed_in_at__isnull=False,
            activity__held_on__gte=starts_on,
            activity__held_on__lte=ends_on,
        )
        .select_related("activity")
        .order_by("activity__held_on")
    )
    ids = set(campaign.activities.values_list("pk", flat=True)) if campaign is not None else set()
    return RiderRecord(
        reports=reports,
        activities=[s.activity for s in signups],
        campaign_activities=sum(1 for s in signups if s.activity_id in ids),
    )


def nominations_for(*, user, campaign):
    rows = Nomination.objects.restrict(user, VIEW).filter(campaign=campaign).select_related("person")
    result = []
    for n in rows.order_by("status", "nominated_at", "id"):
        n.record = rider_record(
            person=n.person, starts_on=campaign.starts_on, ends_on=campaign.ends_on, campaign=campaign
        )
        result.append(n)
    result.sort(key=lambda n: (-n.record.report_count - n.record.activity_count, n.pk))
    return result


# -- shared practices -------------------------------------------------------------------------------------


def _held_org_paths(user) -> set[str]:
    paths: set[str] = set()
    for held in user_context(user).held:
        paths |= held.grants.party_org_paths[VIEW]
    return paths


def sector_committees_for(*, user):
    """The sector committees whose board the user sees: those his scope reaches, and those above an
    organisation he holds a post in (a branch's secretary sees his own sector's board, no other)."""
    if not getattr(user, "is_authenticated", False):
        return PartyOrg.objects.none()
    seen = set(
        PartyOrg.objects.restrict(user, VIEW)
        .filter(kind=OrgKind.SECTOR_COMMITTEE)
        .values_list("pk", flat=True)
    )
    above = {a for path in _held_org_paths(user) for a in ancestor_paths(path)}
    if above:
        seen |= set(
            PartyOrg.objects.filter(path__in=above, kind=OrgKind.SECTOR_COMMITTEE).values_list(
                "pk", flat=True
            )
        )
    return PartyOrg.objects.filter(pk__in=seen).order_by("path")


@dataclass
class BoardRow:
    org: PartyOrg
    activities: int
    practices: int
    rank: int = 0


def practice_board(*, committee: PartyOrg, year: int) -> tuple[list[BoardRow], list]:
    """The organisations under one sector committee, ranked by their activities of the year (then by their
    shared practices), and the practices they shared (互观互学互促)."""
    from lianxin.areas.models import PlaceActivity

    orgs = list(
        PartyOrg.objects.filter(under("path", committee.path)).exclude(pk=committee.pk).order_by("path")
    )
    activity = dict(
        PlaceActivity.objects.filter(organiser__in=orgs, held_on__year=year)
        .values_list("organiser_id")
        .annotate(n=Count("pk"))
        .values_list("organiser_id", "n")
    )
    practices = SharedPractice.objects.filter(under("org_path", committee.path), shared_on__year=year)
    shared = dict(practices.values_list("org_id").annotate(n=Count("pk")).values_list("org_id", "n"))
    rows = [BoardRow(org=o, activities=activity.get(o.pk, 0), practices=shared.get(o.pk, 0)) for o in orgs]
    rows.sort(key=lambda r: (-r.activities, -r.practices, r.org.path))
    for index, row in enumerate(rows, start=1):
        row.rank = index
    return rows, list(practices.select_related("org").order_by("-shared_on", "-id"))


def committee_for_board(*, user, pk: int) -> PartyOrg:
    """The committee if its board is the user's, else 404."""
    from django.http import Http404

    committee = sector_committees_for(user=user).filter(pk=pk).first()
    if committee is None:
        raise Http404
    return committee


def org_choices_for_practice(*, user):
    """Organisations under a sector committee that the user may keep."""
    from lianxin.core.scope import CHANGE

    committees = sector_committees_for(user=user)
    condition = Q()
    for c in committees:
        condition |= under("path", c.path)
    if not committees:
        return PartyOrg.objects.none()
    return (
        PartyOrg.objects.restrict(user, CHANGE)
        .filter(condition)
        .exclude(kind=OrgKind.SECTOR_COMMITTEE)
        .order_by("path")
    )
