"""/api/v1/education-sessions/ (with counts by kind), /api/v1/training-plans/, /api/v1/training-classes/ (with
enrolment, attendance and evaluation figures) and /api/v1/training-figures/ (person-times, distinct persons,
funds by source)."""

from datetime import date

from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from lianxin.areas.models import Area, Place
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, VIEW, get_for_user
from lianxin.education import selectors, services
from lianxin.education.models import EducationSession, SessionKind, TrainingClass, TrainingPlan

sessions_router = Router(tags=[_("Party education")])
plans_router = Router(tags=[_("Party education")])
classes_router = Router(tags=[_("Party education")])
figures_router = Router(tags=[_("Party education")])


class Filters(Schema):
    area_id: ObjectId | None = None
    year: int | None = Field(None, ge=1949, le=2100)
    kind: str = Field("", max_length=40, description=_("A session kind's code"))


def _area(user, pk, action=VIEW):
    if pk is None:
        return None
    area = Area.objects.restrict(user, action).filter(pk=pk).first()
    if area is None:
        raise DomainError(str(_("Choose one within your scope.")), field="area_id", code="not_found")
    return area


def _kind(code):
    if not code:
        return None
    kind = SessionKind.objects.filter(code=code).first()
    if kind is None:
        raise DomainError(str(_("Choose a kind from the list.")), field="kind")
    return kind


class EducationSessionOut(Schema):
    id: int
    activity_id: int
    kind: str
    kind_name: str
    title: str
    held_on: date
    area_id: int | None
    place: str
    participants: int
    batch: str
    results: str


class KindCount(Schema):
    kind: str
    name: str
    sessions: int
    person_times: int


class SessionList(Schema):
    count: int
    participants: int
    by_kind: list[KindCount]
    items: list[EducationSessionOut]


def session_out(s: EducationSession) -> dict:
    a = s.activity
    return {
        "id": s.pk,
        "activity_id": a.pk,
        "kind": s.kind.code,
        "kind_name": s.kind.name,
        "title": a.title,
        "held_on": s.held_on,
        "area_id": a.area_id,
        "place": a.place.name if a.place_id else "",
        "participants": a.participants,
        "batch": s.batch,
        "results": s.results,
    }


@sessions_router.get("/", response=SessionList, summary=_("Party-education sessions"))
def session_list(request, filters: Query[Filters]):
    """Sessions of your scope, filtered by area, year and kind, with the count and person-times by kind
    (the newest 500 listed)."""
    user = request.user
    qs = selectors.sessions_for(
        user=user, area=_area(user, filters.area_id), year=filters.year, kind=_kind(filters.kind)
    )
    by_kind = selectors.sessions_by_kind(qs)
    return {
        "count": qs.count(),
        "participants": sum(r["person_times"] for r in by_kind),
        "by_kind": [
            {
                "kind": r["kind"].code,
                "name": r["kind"].name,
                "sessions": r["sessions"],
                "person_times": r["person_times"],
            }
            for r in by_kind
        ],
        "items": [session_out(s) for s in qs.order_by("-held_on", "-pk")[:500]],
    }


class SessionIn(Schema):
    kind: str = Field(max_length=40)
    title: str = Field(max_length=200)
    held_on: date
    area_id: ObjectId | None = None
    place_id: ObjectId | None = None
    batch: str = Field("", max_length=50)
    results: str = Field("", max_length=4000)


@sessions_router.post("/", response={201: EducationSessionOut}, summary=_("Record a party-education session"))
def session_create(request, payload: SessionIn):
    user = request.user
    place = None
    if payload.place_id is not None:
        place = Place.objects.restrict(user, CHANGE).filter(pk=payload.place_id).first()
        if place is None:
            raise DomainError(str(_("Choose one within your scope.")), field="place_id")
    session = services.session_record(
        user,
        kind=_kind(payload.kind) or _kind("-"),
        title=payload.title,
        held_on=payload.held_on,
        area=_area(user, payload.area_id, CHANGE),
        place=place,
        batch=payload.batch,
        results=payload.results,
    )
    return Status(201, session_out(session))


class EducationResultOut(Schema):
    person_id: int
    name: str
    score: float | None
    passed: bool | None
    note: str


class EducationSessionDetail(EducationSessionOut):
    results_list: list[EducationResultOut]


@sessions_router.get(
    "/{session_id}", response=EducationSessionDetail, summary=_("A session and its participants' results")
)
def session_detail(request, session_id: ObjectId):
    s = get_for_user(EducationSession, request.user, session_id)
    rows = [
        {
            "person_id": r.person_id,
            "name": r.person.name,
            "score": float(r.score) if r.score is not None else None,
            "passed": r.passed,
            "note": r.note,
        }
        for r in s.scores.select_related("person").order_by("person__name")
    ]
    return {**session_out(s), "results_list": rows}


class TrainingPlanOut(Schema):
    id: int
    kind: str
    title: str
    area_id: int
    year_from: int
    year_to: int
    parent_id: int | None
    target_person_times: int | None
    classes: int


class TrainingPlanList(Schema):
    count: int
    items: list[TrainingPlanOut]


def plan_out(p: TrainingPlan) -> dict:
    return {
        "id": p.pk,
        "kind": p.kind,
        "title": p.title,
        "area_id": p.area_id,
        "year_from": p.year_from,
        "year_to": p.year_to,
        "parent_id": p.parent_id,
        "target_person_times": p.target_person_times,
        "classes": p.classes.count(),
    }


@plans_router.get("/", response=TrainingPlanList, summary=_("Training plans"))
def plan_list(request):
    rows = [plan_out(p) for p in selectors.plans_for(user=request.user).order_by("year_from", "kind", "pk")]
    return {"count": len(rows), "items": rows}


class TrainingPlanIn(Schema):
    area_id: ObjectId
    kind: str = Field(description=_("five_year or annual"))
    title: str = Field(max_length=100)
    year_from: int = Field(ge=2000, le=2100)
    year_to: int | None = Field(None, ge=2000, le=2100)
    parent_id: ObjectId | None = None
    target_person_times: int | None = Field(None, ge=0, le=10_000_000)
    content: str = Field("", max_length=4000)


@plans_router.post("/", response={201: TrainingPlanOut}, summary=_("Create a training plan"))
def plan_create(request, payload: TrainingPlanIn):
    user = request.user
    parent = None
    if payload.parent_id is not None:
        parent = selectors.plans_for(user=user).filter(pk=payload.parent_id).first()
        if parent is None:
            raise DomainError(str(_("Choose one within your scope.")), field="parent_id")
    plan = services.training_plan_create(
        user,
        area=_area(user, payload.area_id, CHANGE),
        kind=payload.kind,
        title=payload.title,
        year_from=payload.year_from,
        year_to=payload.year_to,
        parent=parent,
        target_person_times=payload.target_person_times,
        content=payload.content,
    )
    return Status(201, plan_out(plan))


class ClassOut(Schema):
    id: int
    plan_id: int
    title: str
    audience: str
    area_id: int
    starts_on: date
    ends_on: date
    days: int
    enrolled: int
    completed: int
    attendance: float | None
    evaluations: int
    evaluation_avg: float | None


class ClassList(Schema):
    count: int
    enrolled: int
    items: list[ClassOut]


def class_out(c: TrainingClass) -> dict:
    return {
        "id": c.pk,
        "plan_id": c.plan_id,
        "title": c.title,
        "audience": c.audience,
        "area_id": c.area_id,
        "starts_on": c.starts_on,
        "ends_on": c.ends_on,
        "days": c.days,
        **selectors.class_figures(c),
    }


@classes_router.get("/", response=ClassList, summary=_("Training classes"))
def class_list(request):
    rows = [class_out(c) for c in selectors.classes_for(user=request.user).order_by("-starts_on", "-pk")]
    return {"count": len(rows), "enrolled": sum(r["enrolled"] for r in rows), "items": rows}


@classes_router.get("/{class_id}", response=ClassOut, summary=_("A training class and its figures"))
def class_detail(request, class_id: ObjectId):
    return class_out(get_for_user(TrainingClass, request.user, class_id))


class FundOut(Schema):
    source: str
    label: str
    yuan: str


class EducationFiguresOut(Schema):
    person_times: int
    session_person_times: int
    class_person_times: int
    distinct_persons: int
    sessions: int
    funds: list[FundOut]
    funds_total: str


class FigureFilters(Schema):
    area_id: ObjectId | None = None
    since: date | None = None
    until: date | None = None


@figures_router.get("/", response=EducationFiguresOut, summary=_("Training volume and funds"))
def training_figures(request, filters: Query[FigureFilters]):
    """Person-times and distinct persons trained in an area and period; funds by source for the years of the
    period (every year when none is given)."""
    user = request.user
    area = _area(user, filters.area_id)
    volume = selectors.training_volume(user=user, area=area, since=filters.since, until=filters.until)
    funds = selectors.funds_for(user=user, area=area)
    if filters.since:
        funds = funds.filter(year__gte=filters.since.year)
    if filters.until:
        funds = funds.filter(year__lte=filters.until.year)
    rows = selectors.funds_by_source(funds)
    sessions = selectors.sessions_for(user=user, area=area)
    if filters.since:
        sessions = sessions.filter(held_on__gte=filters.since)
    if filters.until:
        sessions = sessions.filter(held_on__lte=filters.until)
    return {
        "person_times": volume.person_times,
        "session_person_times": volume.session_person_times,
        "class_person_times": volume.class_person_times,
        "distinct_persons": volume.distinct_persons,
        "sessions": sessions.count(),
        "funds": [{"source": r["source"], "label": str(r["label"]), "yuan": str(r["yuan"])} for r in rows],
        "funds_total": str(sum(r["yuan"] for r in rows)),
    }


# (prefix, router) pairs mounted under /api/v1/ by lianxin/api.py.
ROUTERS: list = [
    ("/education-sessions/", sessions_router),
    ("/training-plans/", plans_router),
    ("/training-classes/", classes_router),
    ("/training-figures/", figures_router),
]
