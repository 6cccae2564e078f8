"""/api/v1/callouts/: call-outs, their counts per answer and the answers (POST answers once: 409 已答复)."""

from datetime import datetime

from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from lianxin.areas.models import Area
from lianxin.core.api_pagination import PageParams, page_schema, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, get_for_user
from lianxin.volunteering import selectors, services
from lianxin.volunteering.models import Callout, CalloutAnswer, VolunteerTeam

router = Router(tags=[_("Call-outs")])


class AnswerCount(Schema):
    answer: str
    label: str
    count: int


class CalloutOut(Schema):
    id: int
    kind: str
    title: str
    details: str
    team_id: int | None
    area_id: int
    starts_at: datetime
    place: str
    needed: int
    created_at: datetime


class CalloutDetail(CalloutOut):
    called: int
    answered: int
    unanswered: int
    answers: list[AnswerCount]


def _callout_out(c: Callout) -> dict:
    return {
        "id": c.pk,
        "kind": c.kind,
        "title": c.title,
        "details": c.details,
        "team_id": c.team_id,
        "area_id": c.area_id,
        "starts_at": c.starts_at,
        "place": c.place,
        "needed": c.needed,
        "created_at": c.created_at,
    }


CalloutPage = page_schema(CalloutOut, "CalloutPage")


class CalloutIn(Schema):
    kind: str = Field(description=_("emergency or task"))
    title: str = Field(max_length=100)
    team_id: ObjectId | None = Field(None, description=_("Call out this team …"))
    area_id: ObjectId | None = Field(None, description=_("… or the volunteers of this area"))
    starts_at: datetime
    place: str = Field(max_length=200)
    needed: int = Field(ge=1, le=10000)
    details: str = Field("", max_length=2000)


class AnswerOut(Schema):
    id: int
    person_id: int
    person_name: str
    answer: str
    note: str
    answered_at: datetime


def _answer_out(a: CalloutAnswer) -> dict:
    return {
        "id": a.pk,
        "person_id": a.person_id,
        "person_name": a.person.name,
        "answer": a.answer,
        "note": a.note,
        "answered_at": a.answered_at,
    }


class AnswerIn(Schema):
    answer: str = Field(description=_("on_duty, standby or unable"))
    note: str = Field("", max_length=200)


def _changeable(model, user, pk, field):
    if pk is None:
        return None
    obj = model.objects.restrict(user, CHANGE).filter(pk=pk).first()
    if obj is None:
        raise DomainError(str(_("Choose one within your scope.")), field=field)
    return obj


@router.get("/", response=CalloutPage, summary=_("Call-outs"))
def callout_list(request, page: Query[PageParams]):
    """The call-outs of your areas and teams, and those that call you; newest first."""
    chunk = paginate(selectors.callouts_for(user=request.user), page, key="id", descending=True)
    return {"items": [_callout_out(c) for c in chunk.items], "next_cursor": chunk.next_cursor}


@router.post("/", response={201: CalloutDetail}, summary=_("Call out a team or an area's volunteers"))
def callout_create(request, payload: CalloutIn):
    user = request.user
    callout = services.callout_create(
        user,
        kind=payload.kind,
        title=payload.title,
        team=_changeable(VolunteerTeam, user, payload.team_id, "team_id"),
        area=_changeable(Area, user, payload.area_id, "area_id"),
        starts_at=payload.starts_at,
        place=payload.place,
        needed=payload.needed,
        details=payload.details,
    )
    return Status(201, _detail(callout))


def _detail(callout: Callout) -> dict:
    counts = selectors.callout_counts(callout)
    return {
        **_callout_out(callout),
        "called": counts["called"],
        "answered": counts["answered"],
        "unanswered": counts["unanswered"],
        "answers": [{**row, "label": str(row["label"])} for row in counts["answers"]],
    }


@router.get("/{callout_id}", response=CalloutDetail, summary=_("A call-out and its count per answer"))
def callout_detail(request, callout_id: ObjectId):
    return _detail(get_for_user(Callout, request.user, callout_id))


@router.get("/{callout_id}/answers", response=list[AnswerOut], summary=_("A call-out's answers"))
def answer_list(request, callout_id: ObjectId):
    """Every answer for the staff over the area; his own for a volunteer."""
    callout = get_for_user(Callout, request.user, callout_id)
    return [_answer_out(a) for a in selectors.callout_answers(user=request.user, callout=callout)]


@router.post("/{callout_id}/answers", response={201: AnswerOut}, summary=_("Answer a call-out"))
def answer_create(request, callout_id: ObjectId, payload: AnswerIn):
    """到岗 (on_duty), 待命 (standby) or 不能参加 (unable), once: a second answer is 409."""
    callout = get_for_user(Callout, request.user, callout_id)
    answer = services.callout_answer(request.user, callout=callout, answer=payload.answer, note=payload.note)
    return Status(201, _answer_out(answer))
