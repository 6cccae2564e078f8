"""Reading key tasks: the lists a user sees with their counts and completion rate, the key tasks (filtered
by heading, state, lead unit, working group, mixed ownership), completion by lead unit (the bulletins'
ranking and the performance score), progress by working group, and progress rounds with the units that
have not reported. Pages, API and exports call these, so they show the same numbers."""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Count, F, Q
from django.utils import timezone

from lianxin.cases import clock
from lianxin.cases.models import State
from lianxin.cases.models.enums import FINAL_STATES
from lianxin.core.paths import is_under
from lianxin.people.models import Department, DepartmentKind, Ownership
from lianxin.supervision.models import KeyTask, ProgressReport, ProgressRound, TaskList, WorkingGroup

STATE_FILTERS = ("open", "done", "overdue")


def overdue_q(now, prefix: str = "case__") -> Q:
    """A key task past its deadline and not yet handled, wherever it waits (taken, sent, or in a pool)."""
    return Q(**{f"{prefix}handled_at__isnull": True, f"{prefix}handle_due__lt": now}) & ~Q(
        **{f"{prefix}state__in": FINAL_STATES}
    )


def done_q(until: datetime | None = None, prefix: str = "case__") -> Q:
    condition = Q(**{f"{prefix}state": State.CLOSED})
    if until is not None:
        condition &= Q(**{f"{prefix}closed_at__lt": until})
    return condition


def on_time_q(until: datetime | None = None, prefix: str = "case__") -> Q:
    return done_q(until, prefix) & Q(**{f"{prefix}handled_at__lte": F(f"{prefix}handle_due")})


@dataclass
class Completion:
    total: int = 0
    done: int = 0
    on_time: int = 0
    overdue: int = 0

    @property
    def rate(self) -> float | None:
        return self.done / self.total if self.total else None

    @property
    def rate_percent(self) -> float | None:
        return round(self.done * 100 / self.total, 1) if self.total else None

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.total if self.total else None

    @property
    def score(self) -> float:
        """综合绩效考核 (P004-57): on-time completion × LIANXIN_PERFORMANCE_POINTS, one decimal."""
        if not self.total:
            return 0.0
        return round(self.on_time * settings.LIANXIN_PERFORMANCE_POINTS / self.total + 1e-9, 1)


def completion_of(tasks, *, until: datetime | None = None) -> Completion:
    now = until or clock.now()
    counts = tasks.aggregate(
        total=Count("pk"),
        done=Count("pk", filter=done_q(until)),
        on_time=Count("pk", filter=on_time_q(until)),
        overdue=Count("pk", filter=overdue_q(now)),
    )
    return Completion(**counts)


def lists_for(*, user):
    now = clock.now()
    return (
        TaskList.objects.restrict(user)
        .select_related("area", "group")
        .annotate(
            task_count=Count("tasks", distinct=True),
            done_count=Count("tasks", filter=done_q(prefix="tasks__case__"), distinct=True),
            overdue_count=Count("tasks", filter=overdue_q(now, prefix="tasks__case__"), distinct=True),
        )
        .order_by("-year", "-created_at", "-pk")
    )


def list_rate(task_list) -> float | None:
    if not task_list.task_count:
        return None
    return round(task_list.done_count * 100 / task_list.task_count, 1)


@dataclass
class TaskFilters:
    task_list: int | None = None
    heading: str = ""
    state: str = ""  # open, done, overdue
    mixed: bool = False  # led by a mixed-ownership enterprise (混改, P000-66)
    working_group: int | None = None
    mine: bool = False  # issued by the user, owned by him, or led by his department


def keytasks_for(*, user, filters: TaskFilters | None = None):
    f = filters or TaskFilters()
    qs = KeyTask.objects.restrict(user).select_related(
        "task_list",
        "case",
        "case__category",
        "lead_department",
        "lead_organisation",
        "lead_area",
        "owner",
        "working_group",
    )
    if f.task_list:
        qs = qs.filter(task_list_id=f.task_list)
    if f.heading:
        qs = qs.filter(heading=f.heading)
    now = clock.now()
    if f.state == "open":
        qs = qs.exclude(case__state__in=FINAL_STATES)
    elif f.state == "done":
        qs = qs.filter(done_q())
    elif f.state == "overdue":
        qs = qs.filter(overdue_q(now))
    if f.mixed:
        qs = qs.filter(lead_organisation__ownership=Ownership.MIXED)
    if f.working_group:
        qs = qs.filter(working_group_id=f.working_group)
    if f.mine and getattr(user, "person_id", None):
        departments = Department.objects.restrict(user).values("pk")
        qs = qs.filter(
            Q(owner_id=user.person_id)
            | Q(case__reporter_id=user.person_id)
            | Q(lead_department__in=departments, lead_department__kind=DepartmentKind.DEPARTMENT)
            | Q(working_group__in=departments)
        )
    return qs.order_by("task_list_id", "position", "pk")


def keytask_is_overdue(key_task, now=None) -> bool:
    now = now or clock.now()
    case = key_task.case
    if case.state in FINAL_STATES or case.handled_at:
        return False
    return bool(case.handle_overdue or (case.handle_due and case.handle_due < now))


# -- completion by unit (bulletins, performance) -----------------------------------------------------


@dataclass
class UnitRow:
    key: str
    name: str
    completion: Completion = field(default_factory=Completion)
    rank: int | None = None


def completion_by_unit(tasks, *, until: datetime | None = None) -> list[UnitRow]:
    """One row per lead unit, ranked by completion rate (equal rates share a rank), then by name."""
    now = until or clock.now()
    rows: dict[str, UnitRow] = {}
    values = tasks.values(
        "lead_department_id",
        "lead_department__name",
        "lead_organisation_id",
        "lead_organisation__name",
        "lead_area_id",
        "lead_area__name",
    ).annotate(
        total=Count("pk"),
        done=Count("pk", filter=done_q(until)),
        on_time=Count("pk", filter=on_time_q(until)),
        overdue=Count("pk", filter=overdue_q(now)),
    )
    for v in values:
        if v["lead_department_id"]:
            key, name = f"department:{v['lead_department_id']}", v["lead_department__name"]
        elif v["lead_organisation_id"]:
            key, name = f"organisation:{v['lead_organisation_id']}", v["lead_organisation__name"]
        else:
            key, name = f"area:{v['lead_area_id']}", v["lead_area__name"] or ""
        row = rows.setdefault(key, UnitRow(key=key, name=name))
        row.completion.total += v["total"]
        row.completion.done += v["done"]
        row.completion.on_time += v["on_time"]
        row.completion.overdue += v["overdue"]
    ordered = sorted(rows.values(), key=lambda r: (-(r.completion.rate or 0), -r.completion.total, r.name))
    rank, previous = 0, None
    for index, row in enumerate(ordered, start=1):
        if row.completion.rate != previous:
            rank, previous = index, row.completion.rate
        row.rank = rank
    return ordered


def performance_rows(*, user, year: int | None = None, task_list: int | None = None) -> list[UnitRow]:
    """综合绩效考核 (P004-57): each lead unit's on-time completion × LIANXIN_PERFORMANCE_POINTS, ranked by
    score."""
    tasks = keytasks_for(user=user, filters=TaskFilters(task_list=task_list))
    if year:
        tasks = tasks.filter(task_list__year=year)
    rows = completion_by_unit(tasks)
    rows.sort(key=lambda r: (-r.completion.score, r.name))
    return rows


# -- leading and working groups ------------------------------------------------------------------------


def leading_groups_for(*, user):
    """The leading groups the user sees: those over his areas, and those he sits on."""
    return Department.objects.restrict(user).filter(kind=DepartmentKind.LEADING_GROUP).select_related("area")


def group_seats(group: Department) -> list:
    """The group's current posts (组长 first), with where each holder comes from (his other posts)."""
    from lianxin.people.models import Post
    from lianxin.supervision.permissions import DEPUTY_GROUP_LEADER, GROUP_LEADER, GROUP_MEMBER

    today = timezone.localdate()
    order = {GROUP_LEADER: 0, DEPUTY_GROUP_LEADER: 1, GROUP_MEMBER: 2}
    posts = list(
        Post.objects.filter(department=group, start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("person")
    )
    others = {}
    for post in (
        Post.objects.filter(person__in=[p.person_id for p in posts], start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .exclude(department=group)
        .select_related("area", "department")
    ):
        if post.department_id and post.department.kind in (
            DepartmentKind.LEADING_GROUP,
            DepartmentKind.WORKING_GROUP,
        ):
            continue
        unit = post.department.name if post.department_id else (post.area.name if post.area_id else "")
        if unit:
            others.setdefault(post.person_id, []).append(unit)
    for post in posts:
        post.home_units = "、".join(dict.fromkeys(others.get(post.person_id, [])))
    posts.sort(key=lambda p: (order.get(p.role, 9), p.pk))
    return posts


def working_groups_of(group: Department):
    return WorkingGroup.objects.filter(leading_group=group).select_related("department").order_by("pk")


def progress_by_group(*, user, group: Department) -> list[tuple]:
    """(working group, completion) for each working group of the leading group, and the tasks of its lists
    under no working group last."""
    tasks = KeyTask.objects.restrict(user)
    rows = []
    for wg in working_groups_of(group):
        rows.append((wg, completion_of(tasks.filter(working_group=wg.department))))
    return rows


def groups_sat_on(user) -> list[int]:
    """The leading and working groups the user holds a seat on."""
    from lianxin.core.context import user_context

    return [
        held.post.department_id
        for held in user_context(user).held
        if held.post is not None and getattr(held.post, "department_id", None)
    ]


# -- progress rounds -----------------------------------------------------------------------------------


def rounds_for(*, user):
    lists = TaskList.objects.restrict(user).values("pk")
    return (
        ProgressRound.objects.filter(task_list__in=lists)
        .select_related("task_list")
        .annotate(
            expected=Count("reports", distinct=True),
            reported=Count("reports", filter=Q(reports__reported_at__isnull=False), distinct=True),
        )
        .order_by("-opens_on", "-number", "-pk")
    )


def round_reports(progress_round):
    return progress_round.reports.select_related(
        "key_task",
        "key_task__case",
        "key_task__lead_department",
        "key_task__lead_organisation",
        "key_task__lead_area",
    ).order_by("key_task__position", "pk")


def non_reporters(progress_round) -> list[tuple[str, int]]:
    """The lead units with a report still missing in the round, and how many each owes (P004-54)."""
    missing: dict[str, int] = {}
    for report in round_reports(progress_round).filter(reported_at__isnull=True):
        name = report.key_task.unit_name
        missing[name] = missing.get(name, 0) + 1
    return sorted(missing.items())


def reports_writable(*, user, progress_round):
    """The reports of the round this user may fill: those of tasks he handles (his department, his
    enterprise, his street's pool) or owns."""
    from lianxin.core.scope import CHANGE

    return ProgressReport.objects.restrict(user, CHANGE).filter(
        round=progress_round
    ) | ProgressReport.objects.filter(
        round=progress_round, key_task__owner_id=getattr(user, "person_id", None) or 0
    )


def in_area(obj_path: str, root_path: str) -> bool:
    return is_under(obj_path, root_path)
