"""/api/v1/emergency-plans/, /api/v1/mobilisations/ (with their figures and answers) and /api/v1/acks/{token}
(the signed link's answer, no sign-in: the token is the credential)."""

from datetime import datetime

from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from lianxin.areas.models import Area
from lianxin.core.api_pagination import PageParams, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, VIEW, get_for_user
from lianxin.people.models import Person
from lianxin.readiness import selectors, services
from lianxin.readiness.models import EmergencyPlan, Mobilisation, MobilisationRecipient

plans_router = Router(tags=[_("Emergency plans")])
mobilisations_router = Router(tags=[_("Mobilisations")])
acks_router = Router(tags=[_("Mobilisations")])


class PlanTeamOut(Schema):
    id: int
    name: str
    kind: str
    leader: str
    duties: str
    members: int
    estates: list[str]


class EmergencyPlanOut(Schema):
    id: int
    title: str
    area_id: int
    area_name: str
    commander: str
    teams: int
    uncovered: int
    complete: bool


class PlanDetail(EmergencyPlanOut):
    workflow: list[str]
    uncovered_estates: list[str]
    team_list: list[PlanTeamOut]


class EmergencyPlanList(Schema):
    count: int
    complete: int
    items: list[EmergencyPlanOut]


def _plan_out(plan: EmergencyPlan, gaps: int | None = None) -> dict:
    gaps = len(selectors.plan_gaps(plan)) if gaps is None else gaps
    return {
        "id": plan.pk,
        "title": plan.title,
        "area_id": plan.area_id,
        "area_name": plan.area.name,
        "commander": plan.commander.name,
        "teams": plan.teams.count(),
        "uncovered": gaps,
        "complete": gaps == 0,
    }


def _team_out(team) -> dict:
    kind = "shock_team" if team.shock_team_id else ("volunteer_team" if team.volunteer_team_id else "named")
    return {
        "id": team.pk,
        "name": team.name,
        "kind": kind,
        "leader": team.leader.name if team.leader_id else "",
        "duties": team.duties,
        "members": len(selectors.team_person_ids(team)),
        "estates": [a.name for a in team.estates.order_by("path")],
    }


class EmergencyPlanIn(Schema):
    area_id: ObjectId
    title: str = Field(max_length=100)
    commander_id: ObjectId
    deputy_id: ObjectId | None = None
    workflow: str = Field("", max_length=4000, description=_("One step a line"))


def _person(user, pk, field):
    if pk is None:
        return None
    person = Person.objects.restrict(user, VIEW).filter(pk=pk).first()
    if person is None:
        raise DomainError(str(_("Choose one within your scope.")), field=field)
    return person


def _area(user, pk, field):
    if pk is None:
        return None
    area = Area.objects.restrict(user, CHANGE).filter(pk=pk).first()
    if area is None:
        raise DomainError(str(_("Choose one within your scope.")), field=field)
    return area


@plans_router.get("/", response=EmergencyPlanList, summary=_("Emergency plans"))
def plan_list(request):
    """The plans of your areas, each with its teams and the estates no team covers yet (incomplete)."""
    plans = list(selectors.plans_for(user=request.user).order_by("area__path", "title"))
    rows = [_plan_out(p) for p in plans]
    return {"count": len(rows), "complete": sum(1 for r in rows if r["complete"]), "items": rows}


@plans_router.post("/", response={201: PlanDetail}, summary=_("Create an emergency plan"))
def plan_create(request, payload: EmergencyPlanIn):
    user = request.user
    plan = services.plan_create(
        user,
        area=_area(user, payload.area_id, "area_id"),
        title=payload.title,
        commander=_person(user, payload.commander_id, "commander_id"),
        deputy=_person(user, payload.deputy_id, "deputy_id"),
        workflow=payload.workflow,
    )
    return Status(201, _plan_detail(plan))


def _plan_detail(plan) -> dict:
    gaps = selectors.plan_gaps(plan)
    return {
        **_plan_out(plan, len(gaps)),
        "workflow": plan.steps,
        "uncovered_estates": [a.name for a in gaps],
        "team_list": [_team_out(t) for t in plan.teams.order_by("pk")],
    }


@plans_router.get("/{plan_id}", response=PlanDetail, summary=_("An emergency plan"))
def plan_detail(request, plan_id: ObjectId):
    return _plan_detail(get_for_user(EmergencyPlan, request.user, plan_id))


class MobilisationOut(Schema):
    id: int
    callout_id: int
    title: str
    kind: str
    area_id: int
    plan_id: int | None
    launched_at: datetime
    called: int
    sent: int
    answered: int


class CurvePoint(Schema):
    minute: int
    answered: int


class SilentOut(Schema):
    person_id: int
    name: str
    grid: str


class MobilisationDetail(MobilisationOut):
    on_duty: int
    standby: int
    unable: int
    within_30: int
    within_60: int
    share_30: float | None
    share_60: float | None
    silent_count: int
    silent: list[SilentOut]
    curve: list[CurvePoint]


class MobilisationList(Schema):
    count: int
    items: list[MobilisationOut]
    next_cursor: str | None = None


def _mob_out(m: Mobilisation, answered: int | None = None) -> dict:
    if answered is None:
        answered = selectors.answers_of(m).count()
    return {
        "id": m.pk,
        "callout_id": m.callout_id,
        "title": m.callout.title,
        "kind": m.kind,
        "area_id": m.area_id,
        "plan_id": m.plan_id,
        "launched_at": m.launched_at,
        "called": m.called,
        "sent": m.sent,
        "answered": answered,
    }


def mobilisation_detail_out(m: Mobilisation, user=None) -> dict:
    from lianxin.volunteering.permissions import is_staff

    f = selectors.mobilisation_figures(m)
    # The silent list names persons: community staff only (the count is for everyone who sees the drill).
    silent = f.silent if user is None or is_staff(user) else []
    return {
        **_mob_out(m, f.answered),
        "on_duty": f.on_duty,
        "standby": f.standby,
        "unable": f.unable,
        "within_30": f.within_30,
        "within_60": f.within_60,
        "share_30": f.share_30,
        "share_60": f.share_60,
        "silent_count": f.silent_count,
        "silent": [
            {"person_id": r.person_id, "name": r.person.name, "grid": r.grid.name if r.grid_id else ""}
            for r in silent
        ],
        "curve": [{"minute": m_, "answered": n} for m_, n in f.curve],
    }


class MobilisationIn(Schema):
    area_id: ObjectId
    kind: str = Field(description=_("drill or real"))
    title: str = Field(max_length=100)
    place: str = Field(max_length=200)
    audience: str = Field("all", description=_("all, members, volunteers or teams"))
    plan_id: ObjectId | None = None
    estate_id: ObjectId | None = None
    channel: str = Field("inbox", description=_("inbox or link"))
    details: str = Field("", max_length=2000)


@mobilisations_router.get("/", response=MobilisationList, summary=_("Mobilisations and drills"))
def mobilisation_list(request, page: Query[PageParams]):
    qs = selectors.mobilisations_for(user=request.user)
    chunk = paginate(qs, page, key="id", descending=True)
    return {
        "count": qs.count(),
        "items": [_mob_out(m) for m in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@mobilisations_router.post(
    "/", response={201: MobilisationDetail}, summary=_("Launch a mobilisation or a drill")
)
def mobilisation_launch(request, payload: MobilisationIn):
    user = request.user
    plan = None
    if payload.plan_id is not None:
        plan = EmergencyPlan.objects.restrict(user, CHANGE).filter(pk=payload.plan_id).first()
        if plan is None:
            raise DomainError(str(_("Choose one within your scope.")), field="plan_id")
    m = services.mobilisation_launch(
        user,
        area=_area(user, payload.area_id, "area_id"),
        kind=payload.kind,
        title=payload.title,
        place=payload.place,
        audience=payload.audience,
        plan=plan,
        estate=_area(user, payload.estate_id, "estate_id"),
        channel=payload.channel,
        details=payload.details,
    )
    return Status(201, mobilisation_detail_out(m, user))


@mobilisations_router.get(
    "/{mobilisation_id}", response=MobilisationDetail, summary=_("A mobilisation's figures")
)
def mobilisation_detail(request, mobilisation_id: ObjectId):
    """Count, answers, the 30- and 60-minute shares, the response curve and the silent list."""
    return mobilisation_detail_out(get_for_user(Mobilisation, request.user, mobilisation_id), request.user)


class MobilisationAnswerOut(Schema):
    id: int
    person_id: int
    person_name: str
    answer: str
    note: str
    answered_at: datetime


class MobilisationAnswerIn(Schema):
    answer: str = Field(description=_("on_duty, standby or unable"))
    note: str = Field("", max_length=200)


def _answer_out(a) -> dict:
    return {
        "id": a.pk,
        "person_id": a.person_id,
        "person_name": a.person.name,
        "answer": a.answer,
        "note": a.note,
        "answered_at": a.answered_at,
    }


def _visible(user, m: Mobilisation) -> Mobilisation:
    """A mobilisation of the user's areas, or one that calls him."""
    if Mobilisation.objects.restrict(user, VIEW).filter(pk=m.pk).exists():
        return m
    raise DomainError(str(_("Not found, or outside the areas your posts cover.")), code="not_found")


def _mobilisation_for(user, pk) -> Mobilisation:
    m = Mobilisation.objects.select_related("callout").filter(pk=pk).first()
    if m is None:
        raise DomainError(str(_("Not found, or outside the areas your posts cover.")), code="not_found")
    if (
        user.person_id
        and MobilisationRecipient.objects.filter(mobilisation=m, person_id=user.person_id).exists()
    ):
        return m
    return _visible(user, m)


@mobilisations_router.get(
    "/{mobilisation_id}/answers", response=list[MobilisationAnswerOut], summary=_("A mobilisation's answers")
)
def answer_list(request, mobilisation_id: ObjectId):
    """Every answer for the staff over the area; his own for a person called."""
    user = request.user
    m = _mobilisation_for(user, mobilisation_id)
    answers = selectors.answers_of(m).select_related("person").order_by("answered_at", "pk")
    from lianxin.volunteering.permissions import is_staff

    if not is_staff(user) or not Mobilisation.objects.restrict(user, VIEW).filter(pk=m.pk).exists():
        answers = answers.filter(person_id=user.person_id or 0)
    return [_answer_out(a) for a in answers]


@mobilisations_router.post(
    "/{mobilisation_id}/answers", response={201: MobilisationAnswerOut}, summary=_("Answer a mobilisation")
)
def answer_create(request, mobilisation_id: ObjectId, payload: MobilisationAnswerIn):
    """到岗 (on_duty), 待命 (standby) or 不能参加 (unable), once: a second answer is 409 (您已于20:14响应)."""
    m = _mobilisation_for(request.user, mobilisation_id)
    answer = services.mobilisation_answer(
        request.user, mobilisation=m, answer=payload.answer, note=payload.note
    )
    return Status(201, _answer_out(answer))


@acks_router.post(
    "/{token}", response={201: MobilisationAnswerOut}, auth=None, summary=_("Answer by the signed link")
)
def ack_create(request, token: str, payload: MobilisationAnswerIn):
    """The answer of the person the signed link was sent to; no sign-in (the token names him)."""
    answer = services.token_answer(token=token[:60], answer=payload.answer, note=payload.note)
    return Status(201, _answer_out(answer))
