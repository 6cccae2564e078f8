"""Meetings as the user's scope holds them: the list with its filters, its counts by kind, area and period
(the page, the API's figures and the Excel read the same), estates with no meeting in a period, the missed
periods of schedules, the forums' attendance and the studio's missed weeks."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from lianxin.areas.models import Area, Level
from lianxin.cases.clock import now
from lianxin.core.paths import under
from lianxin.deliberation.models import (
    Meeting,
    MeetingKind,
    MeetingLevel,
    MeetingParty,
    MissedMeeting,
    PartyRole,
    RotaWeek,
)


def day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass
class MeetingFilters:
    root: Area | None = None
    kind: MeetingKind | None = None
    since: date | None = None
    until: date | None = None  # inclusive
    public_only: bool = False


def meetings_for(*, user, filters: MeetingFilters | None = None):
    f = filters or MeetingFilters()
    rows = Meeting.objects.restrict(user).select_related("kind", "area")
    if f.root is not None:
        rows = rows.filter(under("area_path", f.root.path))
    if f.kind is not None:
        rows = rows.filter(kind=f.kind)
    if f.since is not None:
        rows = rows.filter(held_on__gte=day_start(f.since))
    if f.until is not None:
        rows = rows.filter(held_on__lt=day_start(f.until + timedelta(days=1)))
    if f.public_only:
        rows = rows.filter(is_public=True)
    return rows


@dataclass
class MeetingFigures:
    total: int = 0
    by_kind: list[dict] = field(default_factory=list)  # {"kind": code, "name": 名称, "count": n}
    by_area: list[dict] = field(default_factory=list)  # {"area_id", "name", "count"} per child of the root
    by_month: list[dict] = field(default_factory=list)  # {"month": "2026-11", "count"}
    matters: int = 0
    decisions: int = 0


def meeting_figures(*, user, filters: MeetingFilters) -> MeetingFigures:
    rows = meetings_for(user=user, filters=filters)
    figures = MeetingFigures(total=rows.count())
    kinds = {k.pk: k for k in MeetingKind.objects.all()}
    for row in rows.values("kind_id").annotate(n=Count("id")).order_by("kind_id"):
        kind = kinds[row["kind_id"]]
        figures.by_kind.append({"kind": kind.code, "name": kind.name, "count": row["n"]})
    figures.by_kind.sort(key=lambda r: (kinds_order(kinds, r["kind"]), r["kind"]))
    if filters.root is not None:
        at_root = rows.filter(area_id=filters.root.pk).count()
        if at_root:  # held at the chosen area itself (a street's joint meeting at the street)
            figures.by_area.append({"area_id": filters.root.pk, "name": filters.root.name, "count": at_root})
        children = Area.objects.filter(
            under("path", filters.root.path), depth=filters.root.depth + 1
        ).order_by("path")
        for child in children:
            n = rows.filter(under("area_path", child.path)).count()
            if n:
                figures.by_area.append({"area_id": child.pk, "name": child.name, "count": n})
    else:
        # No area chosen: by the place each meeting was held.
        for row in rows.values("area_id", "area__name").annotate(n=Count("id")).order_by("-n", "area__name"):
            figures.by_area.append({"area_id": row["area_id"], "name": row["area__name"], "count": row["n"]})
    months: dict[str, int] = {}
    for held in rows.values_list("held_on", flat=True):
        key = f"{timezone.localtime(held):%Y-%m}"
        months[key] = months.get(key, 0) + 1
    figures.by_month = [{"month": k, "count": v} for k, v in sorted(months.items())]
    figures.matters = rows.aggregate(n=Count("matters"))["n"]
    figures.decisions = rows.aggregate(n=Count("decisions"))["n"]
    return figures


def kinds_order(kinds: dict, code: str) -> int:
    for kind in kinds.values():
        if kind.code == code:
            return kind.order
    return 0


ESTATE_KINDS = (MeetingLevel.ESTATE,)


def estates_without_meeting(
    *, user, root: Area | None, since: date, until: date, kind: MeetingKind | None = None
):
    """Estates of the user's scope (under ``root``) where no estate-level meeting (or none of ``kind``) was
    held from ``since`` to ``until`` (P000-42)."""
    estates = Area.objects.restrict(user).filter(level=Level.ESTATE)
    if root is not None:
        estates = estates.filter(under("path", root.path))
    held = Meeting.objects.filter(
        held_on__gte=day_start(since), held_on__lt=day_start(until + timedelta(days=1))
    )
    held = held.filter(kind=kind) if kind is not None else held.filter(kind__level__in=ESTATE_KINDS)
    return estates.exclude(pk__in=held.values("area_id")).order_by("path")


def missed_for(*, user, root: Area | None = None):
    rows = MissedMeeting.objects.restrict(user).select_related("schedule__kind", "schedule__area")
    if root is not None:
        rows = rows.filter(under("area_path", root.path))
    return rows.order_by("-period_start", "area_path")


@dataclass
class Participation:
    person_id: int
    name: str
    invited: int
    attended: int


def forum_participation(*, user, filters: MeetingFilters) -> tuple[list[Meeting], list[Participation]]:
    """The forum sessions (社区书记论坛) and, for each secretary invited, how many he attended (P004-36)."""
    forums = meetings_for(user=user, filters=filters).filter(kind__is_forum=True).order_by("held_on")
    rows = (
        MeetingParty.objects.filter(meeting__in=forums.values("pk"), person__isnull=False)
        .filter(role__in=[PartyRole.SECRETARY, PartyRole.INVITEE])
        .values("person_id", "person__name")
        .annotate(invited=Count("id"), attended=Count("id", filter=Q(attended=True)))
        .order_by("person__name")
    )
    people = [Participation(r["person_id"], r["person__name"], r["invited"], r["attended"]) for r in rows]
    return list(forums), people


@dataclass
class RotaRow:
    week: date
    deputy: str
    deputy_type: str
    area: str
    held: bool
    passed: bool

    @property
    def missed(self) -> bool:
        return self.passed and not self.held


def rota_for(*, user, root: Area | None = None) -> list[RotaRow]:
    """The studio's rota (两代表一委员, weekly): each week, whether a session of the studio was held at its
    area that week; a past week without one is missed (P002-62)."""
    weeks = RotaWeek.objects.restrict(user).select_related("deputy", "area")
    if root is not None:
        weeks = weeks.filter(under("area_path", root.path))
    today = timezone.localdate(now())
    held = set()
    studio = Meeting.objects.filter(kind__has_rota=True)
    if root is not None:
        studio = studio.filter(under("area_path", root.path))
    for area_id, moment in studio.values_list("area_id", "held_on"):
        day = timezone.localdate(moment)
        held.add((area_id, day - timedelta(days=day.weekday())))
    return [
        RotaRow(
            week=w.week,
            deputy=w.deputy.name,
            deputy_type=w.get_deputy_type_display(),
            area=w.area.name,
            held=(w.area_id, w.week) in held,
            passed=w.week + timedelta(days=7) <= today,
        )
        for w in weeks.order_by("week", "area_path")
    ]


def studio_problems_solved(*, user, root: Area | None = None) -> int:
    """Matters raised at the studio whose cases are closed: the problems it solved."""
    from lianxin.cases.models import State

    rows = meetings_for(user=user, filters=MeetingFilters(root=root)).filter(kind__has_rota=True)
    from lianxin.deliberation.models import MeetingMatter

    return MeetingMatter.objects.filter(meeting__in=rows.values("pk"), case__state=State.CLOSED).count()
