"""The tasks part's routers: /api/v1/key-task-lists/, /api/v1/key-tasks/, /api/v1/leading-groups/ and
/api/v1/progress-rounds/, with the same services, selectors and scope as the pages (the same numbers)."""

from datetime import date, datetime

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from lianxin.areas.models import Area
from lianxin.cases.permissions import is_issuer_over
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import VIEW, get_for_user
from lianxin.people.models import Department, DepartmentKind, Organisation, Person
from lianxin.supervision.models import KeyTask, ProgressReport, ProgressRound, TaskList
from lianxin.supervision.selectors import key_tasks as sel
from lianxin.supervision.services import key_tasks as svc

MAX_ROWS = 500

lists_router = Router(tags=[_("Key tasks")])
tasks_router = Router(tags=[_("Key tasks")])
groups_router = Router(tags=[_("Key tasks")])
rounds_router = Router(tags=[_("Key tasks")])


class CompletionOut(Schema):
    total: int
    done: int
    on_time: int
    overdue: int
    rate: float | None = Field(description=_("Done as a share of all, in per cent, one decimal."))
    score: float = Field(description=_("On-time share × LIANXIN_PERFORMANCE_POINTS, one decimal."))


def _completion(c: sel.Completion) -> dict:
    return {
        "total": c.total,
        "done": c.done,
        "on_time": c.on_time,
        "overdue": c.overdue,
        "rate": c.rate_percent,
        "score": c.score,
    }


class KeyTaskListOut(Schema):
    id: int
    title: str
    plan: str
    scheme: str
    year: int
    area_id: int
    area_name: str
    group_id: int | None
    task_count: int
    done_count: int
    overdue_count: int
    rate: float | None


def _list_out(t) -> dict:
    return {
        "id": t.pk,
        "title": t.title,
        "plan": t.plan,
        "scheme": t.scheme,
        "year": t.year,
        "area_id": t.area_id,
        "area_name": t.area.name,
        "group_id": t.group_id,
        "task_count": t.task_count,
        "done_count": t.done_count,
        "overdue_count": t.overdue_count,
        "rate": sel.list_rate(t),
    }


class ListPage(Schema):
    count: int
    items: list[KeyTaskListOut]


class ListIn(Schema):
    area_id: ObjectId
    title: str = Field(max_length=200)
    plan: str = Field("", max_length=200)
    scheme: str = "free"
    year: int | None = Field(None, ge=2000, le=2100)
    group_id: ObjectId | None = None
    progress_rrule: str = Field("", max_length=200)


@lists_router.get("/", response=ListPage, summary=_("Key-task lists"))
def lists(request):
    rows = list(sel.lists_for(user=request.user)[:MAX_ROWS])
    return {"count": len(rows), "items": [_list_out(r) for r in rows]}


@lists_router.post("/", response={201: KeyTaskListOut}, summary=_("Draw up a key-task list"))
def list_create(request, payload: ListIn):
    user = request.user
    area = Area.objects.filter(pk=payload.area_id).first()
    if area is None:
        raise DomainError(str(_("Choose one within your scope.")), field="area_id")
    group = None
    if payload.group_id:
        group = Department.objects.filter(pk=payload.group_id, kind=DepartmentKind.LEADING_GROUP).first()
        if group is None:
            raise DomainError(str(_("Choose a leading group.")), field="group_id")
    created = svc.tasklist_create(
        user,
        area=area,
        title=payload.title,
        plan=payload.plan,
        scheme=payload.scheme,
        year=payload.year,
        group=group,
        progress_rrule=payload.progress_rrule,
    )
    return Status(201, _list_out(sel.lists_for(user=user).get(pk=created.pk)))


class ListDetail(KeyTaskListOut):
    completion: CompletionOut
    by_unit: list[dict]


@lists_router.get("/{list_id}", response=ListDetail, summary=_("A key-task list with its completion"))
def list_detail(request, list_id: ObjectId):
    user = request.user
    get_for_user(TaskList, user, list_id)
    row = sel.lists_for(user=user).get(pk=list_id)
    tasks = sel.keytasks_for(user=user, filters=sel.TaskFilters(task_list=list_id))
    return {
        **_list_out(row),
        "completion": _completion(sel.completion_of(tasks)),
        "by_unit": [
            {"unit": u.name, "rank": u.rank, **_completion(u.completion)}
            for u in sel.completion_by_unit(tasks)
        ],
    }


class PerformanceRow(Schema):
    unit: str
    total: int
    done: int
    on_time: int
    overdue: int
    score: float


@lists_router.get("/performance/", response=list[PerformanceRow], summary=_("Performance score by lead unit"))
def performance(request, year: int | None = Query(None, ge=2000, le=2100), list_id: ObjectId | None = None):
    rows = sel.performance_rows(user=request.user, year=year, task_list=list_id)
    return [
        {
            "unit": r.name,
            "total": r.completion.total,
            "done": r.completion.done,
            "on_time": r.completion.on_time,
            "overdue": r.completion.overdue,
            "score": r.completion.score,
        }
        for r in rows
    ]


class TaskOut(Schema):
    id: int
    list_id: int
    position: int
    heading: str
    title: str
    case_id: int
    case_number: str
    state: str
    state_label: str
    due: datetime | None
    overdue: bool
    lead_unit: str
    lead_department_id: int | None
    lead_organisation_id: int | None
    lead_area_id: int | None
    mixed_ownership: bool
    owner_id: int | None
    owner_name: str
    working_group_id: int | None
    review_effective: bool | None


def _task_out(t: KeyTask) -> dict:
    case = t.case
    return {
        "id": t.pk,
        "list_id": t.task_list_id,
        "position": t.position,
        "heading": t.heading,
        "title": case.title,
        "case_id": case.pk,
        "case_number": case.number,
        "state": case.state,
        "state_label": str(case.get_state_display()),
        "due": case.handle_due,
        "overdue": sel.keytask_is_overdue(t),
        "lead_unit": t.unit_name,
        "lead_department_id": t.lead_department_id,
        "lead_organisation_id": t.lead_organisation_id,
        "lead_area_id": t.lead_area_id,
        "mixed_ownership": bool(t.lead_organisation_id and t.lead_organisation.ownership == "mixed"),
        "owner_id": t.owner_id,
        "owner_name": t.owner.name if t.owner_id else "",
        "working_group_id": t.working_group_id,
        "review_effective": t.review_effective,
    }


class TaskPage(Schema):
    count: int
    completion: CompletionOut
    items: list[TaskOut]


class TaskQuery(Schema):
    list_id: ObjectId | None = None
    heading: str = Field("", max_length=50)
    state: str = Field("", description=_("open, done or overdue"), pattern="^(|open|done|overdue)$")
    mixed: bool = Field(False, description=_("Only tasks led by mixed-ownership enterprises (混改)."))
    working_group: ObjectId | None = None
    mine: bool = False


@tasks_router.get("/", response=TaskPage, summary=_("Key tasks"))
def key_tasks(request, q: Query[TaskQuery]):
    filters = sel.TaskFilters(
        task_list=q.list_id,
        heading=q.heading,
        state=q.state,
        mixed=q.mixed,
        working_group=q.working_group,
        mine=q.mine,
    )
    tasks = sel.keytasks_for(user=request.user, filters=filters)
    return {
        "count": tasks.count(),
        "completion": _completion(sel.completion_of(tasks)),
        "items": [_task_out(t) for t in tasks[:MAX_ROWS]],
    }


class TaskIn(Schema):
    list_id: ObjectId
    title: str = Field(max_length=100)
    category: str = Field("task_party_key", description=_("A task category code, e.g. task_party_key."))
    heading: str = Field("", max_length=50)
    lead_department_id: ObjectId | None = None
    lead_organisation_id: ObjectId | None = None
    lead_area_id: ObjectId | None = None
    owner_id: ObjectId | None = None
    working_group_id: ObjectId | None = None
    working_days: float | None = Field(None, gt=0, le=365)
    due: datetime | None = None
    description: str = Field("", max_length=2000)


def _one(model, pk, field, user=None):
    if pk is None:
        return None
    qs = model.objects.restrict(user, VIEW) if user is not None else model.objects.all()
    found = qs.filter(pk=pk).first()
    if found is None:
        raise DomainError(str(_("Choose one within your scope.")), field=field)
    return found


@tasks_router.post("/", response={201: TaskOut}, summary=_("Issue a key task"))
def key_task_create(request, payload: TaskIn):
    user = request.user
    task_list = get_for_user(TaskList, user, payload.list_id)
    created = svc.keytask_create(
        user,
        task_list=task_list,
        title=payload.title,
        category=payload.category,
        heading=payload.heading,
        lead_department=_one(Department, payload.lead_department_id, "lead_department_id"),
        lead_organisation=_one(Organisation, payload.lead_organisation_id, "lead_organisation_id"),
        lead_area=_one(Area, payload.lead_area_id, "lead_area_id"),
        owner=_one(Person, payload.owner_id, "owner_id"),
        working_group=_one(Department, payload.working_group_id, "working_group_id"),
        working_days=payload.working_days,
        due=payload.due,
        description=payload.description,
        idempotency_key=request.headers.get("Idempotency-Key", ""),
    )
    return Status(
        201,
        _task_out(KeyTask.objects.select_related("case", "owner", "lead_organisation").get(pk=created.pk)),
    )


@tasks_router.get("/{task_id}", response=TaskOut, summary=_("A key task"))
def key_task(request, task_id: ObjectId):
    return _task_out(get_for_user(KeyTask, request.user, task_id))


class ReviewIn(Schema):
    effective: bool
    note: str = Field("", max_length=500)


@tasks_router.post("/{task_id}/review", response=TaskOut, summary=_("Follow-up review (跟踪问效)"))
def key_task_review(request, task_id: ObjectId, payload: ReviewIn):
    key_task = get_for_user(KeyTask, request.user, task_id)
    svc.keytask_review(request.user, key_task=key_task, effective=payload.effective, note=payload.note)
    key_task.case.refresh_from_db()
    return _task_out(key_task)


class SeatOut(Schema):
    role: str
    role_label: str
    person_id: int
    person_name: str
    drawn_from: str


class WorkingGroupOut(Schema):
    id: int
    name: str
    remit: str
    seats: list[SeatOut]
    completion: CompletionOut


class GroupOut(Schema):
    id: int
    name: str
    area_id: int
    seats: list[SeatOut]
    working_groups: list[WorkingGroupOut]


def _seats(group) -> list[dict]:
    return [
        {
            "role": s.role,
            "role_label": str(s.get_role_display()),
            "person_id": s.person_id,
            "person_name": s.person.name,
            "drawn_from": s.home_units,
        }
        for s in sel.group_seats(group)
    ]


def _group_out(user, group) -> dict:
    return {
        "id": group.pk,
        "name": group.name,
        "area_id": group.area_id,
        "seats": _seats(group),
        "working_groups": [
            {
                "id": wg.department_id,
                "name": wg.department.name,
                "remit": wg.remit,
                "seats": _seats(wg.department),
                "completion": _completion(c),
            }
            for wg, c in sel.progress_by_group(user=user, group=group)
        ],
    }


class GroupPage(Schema):
    count: int
    items: list[GroupOut]


@groups_router.get("/", response=GroupPage, summary=_("Leading groups, their seats and working groups"))
def groups(request):
    rows = [_group_out(request.user, g) for g in sel.leading_groups_for(user=request.user)]
    return {"count": len(rows), "items": rows}


@groups_router.get("/{group_id}", response=GroupOut, summary=_("A leading group"))
def group(request, group_id: ObjectId):
    found = get_for_user(Department.objects.filter(kind=DepartmentKind.LEADING_GROUP), request.user, group_id)
    return _group_out(request.user, found)


class RoundOut(Schema):
    id: int
    list_id: int
    list_title: str
    number: int
    opens_on: date
    due_on: date
    expected: int
    reported: int
    not_reported: list[dict] = Field(description=_("Lead units still owing a report, and how many."))


def _round_out(r) -> dict:
    expected = r.reports.count()
    reported = r.reports.filter(reported_at__isnull=False).count()
    return {
        "id": r.pk,
        "list_id": r.task_list_id,
        "list_title": r.task_list.title,
        "number": r.number,
        "opens_on": r.opens_on,
        "due_on": r.due_on,
        "expected": expected,
        "reported": reported,
        "not_reported": [{"unit": name, "missing": n} for name, n in sel.non_reporters(r)],
    }


class RoundPage(Schema):
    count: int
    items: list[RoundOut]


@rounds_router.get("/", response=RoundPage, summary=_("Progress rounds"))
def rounds(request):
    rows = list(sel.rounds_for(user=request.user)[:200])
    return {"count": len(rows), "items": [_round_out(r) for r in rows]}


class RoundIn(Schema):
    list_id: ObjectId
    due_on: date | None = None


@rounds_router.post("/", response={201: RoundOut}, summary=_("Open a progress round"))
def round_open(request, payload: RoundIn):
    task_list = get_for_user(TaskList, request.user, payload.list_id)
    return Status(
        201, _round_out(svc.progressround_open(request.user, task_list=task_list, due_on=payload.due_on))
    )


def _round(user, round_id):
    lists = TaskList.objects.restrict(user).values("pk")
    return get_for_user(ProgressRound.objects.filter(task_list__in=lists), user, round_id)


@rounds_router.get("/{round_id}", response=RoundOut, summary=_("A progress round"))
def progress_round(request, round_id: ObjectId):
    return _round_out(_round(request.user, round_id))


class ReportIn(Schema):
    key_task_id: ObjectId
    progress: str = Field(max_length=4000)
    percent: int | None = Field(None, ge=0, le=100)
    evidence: str = Field("", max_length=500)


@rounds_router.post("/{round_id}/reports", response=RoundOut, summary=_("Report a key task's progress"))
def report(request, round_id: ObjectId, payload: ReportIn):
    from lianxin.core.errors_domain import DomainError as Refused

    user = request.user
    progress_round = _round(user, round_id)
    found = get_object_or_404(ProgressReport, round=progress_round, key_task_id=payload.key_task_id)
    writable = sel.reports_writable(user=user, progress_round=progress_round).filter(pk=found.pk).exists()
    if not writable:
        raise Refused(str(_("Only the lead unit reports this task's progress.")), code="forbidden")
    svc.progressreport_submit(
        user, report=found, progress=payload.progress, percent=payload.percent, evidence=payload.evidence
    )
    return _round_out(progress_round)


__all__ = ["is_issuer_over"]

ROUTERS: list = [
    ("/key-task-lists/", lists_router),
    ("/key-tasks/", tasks_router),
    ("/leading-groups/", groups_router),
    ("/progress-rounds/", rounds_router),
]
