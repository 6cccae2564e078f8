"""/api/v1/meetings/ (list, figures, record, a meeting with its parties, votes, decisions and matters) and
/api/v1/meeting-kinds/: the same services, selectors and scope as the pages."""

from datetime import date, datetime

from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from lianxin.areas.models import Area
from lianxin.cases.models import Category
from lianxin.core.api_pagination import PageParams, page_schema, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import VIEW, get_for_user
from lianxin.deliberation.api.common import period_check, pick
from lianxin.deliberation.models import Meeting, MeetingKind, PartyRole, Topic, Vote
from lianxin.deliberation.selectors.meetings import MeetingFilters, meeting_figures, meetings_for
from lianxin.deliberation.services import meetings as services
from lianxin.deliberation.views.common import meeting_detail
from lianxin.party.models import PartyOrg
from lianxin.people.models import Department, Organisation, Person

router = Router(tags=[_("Meetings")])
kinds_router = Router(tags=[_("Meetings")])


class KindOut(Schema):
    code: str
    name: str
    level: str
    parties: list[str]
    channel: str
    rrule: str
    has_rota: bool
    is_forum: bool
    source: str


@kinds_router.get("/", response=list[KindOut], summary=_("Meeting kinds"))
def kind_list(request):
    """The kinds of meeting with their level, required parties, intake channel and recurrence (blank:
    LIANXIN_MEETING_DEFAULT_RRULE)."""
    return [
        {
            "code": k.code,
            "name": k.name,
            "level": k.level,
            "parties": list(k.parties),
            "channel": k.channel,
            "rrule": k.rrule,
            "has_rota": k.has_rota,
            "is_forum": k.is_forum,
            "source": k.source,
        }
        for k in MeetingKind.objects.all()
    ]


class MeetingOut(Schema):
    id: int
    kind: str
    kind_name: str
    area_id: int
    area_name: str
    title: str
    held_on: datetime
    is_public: bool
    attendance: int
    matters: int
    decisions: int


def _meeting_out(m: Meeting) -> dict:
    return {
        "id": m.pk,
        "kind": m.kind.code,
        "kind_name": m.kind.name,
        "area_id": m.area_id,
        "area_name": m.area.name,
        "title": m.title,
        "held_on": m.held_on,
        "is_public": m.is_public,
        "attendance": m.attendance,
        "matters": m.matters.count(),
        "decisions": m.decisions.count(),
    }


MeetingPage = page_schema(MeetingOut, "MeetingPage")


class MeetingQuery(Schema):
    area_id: ObjectId | None = None
    kind: str = Field("", max_length=40)
    since: date | None = None
    until: date | None = None


def filters_from(user, query: MeetingQuery) -> MeetingFilters:
    period_check(query.since, query.until)
    kind = None
    if query.kind:
        kind = MeetingKind.objects.filter(code=query.kind).first()
        if kind is None:
            raise DomainError(str(_("Choose the kind of meeting.")), field="kind")
    root = get_for_user(Area, user, query.area_id) if query.area_id else None
    return MeetingFilters(root=root, kind=kind, since=query.since, until=query.until)


@router.get("/", response=MeetingPage, summary=_("Meetings"))
def meeting_list(request, page: Query[PageParams], query: Query[MeetingQuery]):
    rows = meetings_for(user=request.user, filters=filters_from(request.user, query))
    chunk = paginate(rows, page, key="id", descending=True)
    return {"items": [_meeting_out(m) for m in chunk.items], "next_cursor": chunk.next_cursor}


class CountOut(Schema):
    key: str
    name: str
    count: int


class MeetingFiguresOut(Schema):
    total: int = Field(description=_("Meetings in the period, as on the meetings page"))
    matters: int
    decisions: int
    by_kind: list[CountOut]
    by_area: list[CountOut]
    by_month: list[CountOut]


@router.get("/figures", response=MeetingFiguresOut, summary=_("Meeting counts by kind, area and period"))
def meeting_figures_get(request, query: Query[MeetingQuery]):
    f = meeting_figures(user=request.user, filters=filters_from(request.user, query))
    return {
        "total": f.total,
        "matters": f.matters,
        "decisions": f.decisions,
        "by_kind": [{"key": r["kind"], "name": r["name"], "count": r["count"]} for r in f.by_kind],
        "by_area": [{"key": str(r["area_id"]), "name": r["name"], "count": r["count"]} for r in f.by_area],
        "by_month": [{"key": r["month"], "name": r["month"], "count": r["count"]} for r in f.by_month],
    }


class PartyIn(Schema):
    role: str = Field(max_length=20)
    name: str = Field("", max_length=100)
    person_id: ObjectId | None = None
    organisation_id: ObjectId | None = None
    party_org_id: ObjectId | None = None
    attended: bool = True


class MeetingIn(Schema):
    kind: str = Field(max_length=40)
    area_id: ObjectId
    title: str = Field("", max_length=100)
    held_on: datetime
    place: str = Field("", max_length=100)
    minutes: str = Field("", max_length=20000)
    is_public: bool = False
    body: str = Field("", max_length=100)
    attendance: int | None = Field(None, ge=0, le=100000)
    parties: list[PartyIn] = Field(default_factory=list, max_length=200)


def party_from(user, party: PartyIn) -> dict:
    """A party's links: organisations and party organisations by id (the estate's, checked by the service),
    a person within the user's scope."""
    organisation = None
    if party.organisation_id:
        organisation = Organisation.objects.filter(pk=party.organisation_id).first()
        if organisation is None:
            raise DomainError(str(_("Choose one within your scope.")), field="parties")
    party_org = None
    if party.party_org_id:
        party_org = PartyOrg.objects.filter(pk=party.party_org_id).first()
        if party_org is None:
            raise DomainError(str(_("Choose one within your scope.")), field="parties")
    person = pick(Person, user, party.person_id, "parties") if party.person_id else None
    return {
        "role": party.role,
        "name": party.name,
        "person": person,
        "organisation": organisation,
        "party_org": party_org,
        "attended": party.attended,
    }


@router.post("/", response={201: MeetingOut}, summary=_("Record a meeting"))
def meeting_create(request, payload: MeetingIn):
    """400 when a required party is missing (四方联动缺少：业主委员会)."""
    user = request.user
    kind = MeetingKind.objects.filter(code=payload.kind).first()
    if kind is None:
        raise DomainError(str(_("Choose the kind of meeting.")), field="kind")
    meeting = services.meeting_record(
        user,
        kind=kind,
        area=pick(Area, user, payload.area_id, "area_id"),
        title=payload.title,
        held_on=payload.held_on,
        minutes=payload.minutes,
        place=payload.place,
        is_public=payload.is_public,
        body=payload.body,
        attendance=payload.attendance,
        parties=[party_from(user, p) for p in payload.parties],
    )
    return Status(201, _meeting_out(meeting))


class PartyOut(Schema):
    role: str
    role_name: str
    name: str
    attended: bool


class VoteOut(Schema):
    id: int
    question: str
    votes_for: int
    votes_against: int
    votes_abstain: int
    passed: bool


class DecisionOut(Schema):
    id: int
    text: str
    owner: str
    case_id: int
    case_number: str
    state: str
    state_name: str
    handle_due: datetime | None
    overdue: bool


class MatterOut(Schema):
    id: int
    meeting_id: int
    case_id: int
    case_number: str
    title: str
    channel: str
    state: str
    state_name: str
    closed: bool


class MeetingDetailOut(MeetingOut):
    minutes: str
    place: str
    parties: list[PartyOut]
    votes: list[VoteOut]
    decisions_list: list[DecisionOut]
    matters_list: list[MatterOut]
    earlier_matters: list[MatterOut] = Field(description=_("Matters of the earlier sessions, closed or not"))
    earlier_closed: int


def _case_bits(case) -> dict:
    return {
        "case_id": case.pk,
        "case_number": case.number,
        "state": case.state,
        "state_name": str(case.get_state_display()),
    }


def _matter_out(m) -> dict:
    return {
        "id": m.pk,
        "meeting_id": m.meeting_id,
        "title": m.case.title or m.case.description[:50],
        "channel": m.case.channel,
        "closed": m.case.state == "closed",
        **_case_bits(m.case),
    }


def _decision_out(d) -> dict:
    return {
        "id": d.pk,
        "text": d.text,
        "owner": d.owner_name,
        "handle_due": d.case.handle_due,
        "overdue": bool(d.case.handle_overdue),
        **_case_bits(d.case),
    }


def _vote_out(v) -> dict:
    return {
        "id": v.pk,
        "question": v.question,
        "votes_for": v.votes_for,
        "votes_against": v.votes_against,
        "votes_abstain": v.votes_abstain,
        "passed": v.passed,
    }


@router.get("/{meeting_id}", response=MeetingDetailOut, summary=_("A meeting"))
def meeting_get(request, meeting_id: ObjectId):
    meeting = get_for_user(Meeting, request.user, meeting_id)
    d = meeting_detail(meeting)
    return {
        **_meeting_out(meeting),
        "minutes": meeting.minutes,
        "place": meeting.place,
        "parties": [
            {
                "role": p.role,
                "role_name": str(PartyRole(p.role).label),
                "name": p.name,
                "attended": p.attended,
            }
            for p in d["parties"]
        ],
        "votes": [_vote_out(v) for v in d["votes"]],
        "decisions_list": [_decision_out(x) for x in d["decisions"]],
        "matters_list": [_matter_out(m) for m in d["matters"]],
        "earlier_matters": [_matter_out(m) for m in d["earlier"]],
        "earlier_closed": d["earlier_closed"],
    }


class MatterIn(Schema):
    category: str = Field(max_length=60)
    description: str = Field(max_length=2000)
    title: str = Field("", max_length=100)
    raised_by: str = Field("", max_length=50)


@router.post("/{meeting_id}/matters", response={201: MatterOut}, summary=_("Record a matter raised"))
def matter_create(request, meeting_id: ObjectId, payload: MatterIn):
    """The matter becomes a case with the kind's channel (居民说事, 乡村夜话), linked to the meeting."""
    meeting = get_for_user(Meeting, request.user, meeting_id)
    category = Category.objects.filter(code=payload.category, is_active=True).exclude(kind="task").first()
    matter = services.matter_raise(
        request.user,
        meeting=meeting,
        category=category,
        description=payload.description,
        title=payload.title,
        raised_by=payload.raised_by,
    )
    return Status(201, _matter_out(matter))


class VoteIn(Schema):
    question: str = Field(max_length=200)
    votes_for: int = Field(ge=0, le=100000)
    votes_against: int = Field(ge=0, le=100000)
    votes_abstain: int = Field(0, ge=0, le=100000)
    topic_id: ObjectId | None = None


@router.post("/{meeting_id}/votes", response={201: VoteOut}, summary=_("Record a vote"))
def vote_create(request, meeting_id: ObjectId, payload: VoteIn):
    meeting = get_for_user(Meeting, request.user, meeting_id)
    vote = services.vote_record(
        request.user,
        meeting=meeting,
        question=payload.question,
        votes_for=payload.votes_for,
        votes_against=payload.votes_against,
        votes_abstain=payload.votes_abstain,
        topic=pick(Topic, request.user, payload.topic_id, "topic_id"),
    )
    return Status(201, _vote_out(vote))


class MeetingDecisionIn(Schema):
    text: str = Field(max_length=200)
    vote_id: ObjectId | None = None
    topic_id: ObjectId | None = None
    person_id: ObjectId | None = None
    organisation_id: ObjectId | None = None
    department_id: ObjectId | None = None
    party_org_id: ObjectId | None = None
    working_days: float | None = Field(None, gt=0, le=365)
    due: datetime | None = None


@router.post("/{meeting_id}/decisions", response={201: DecisionOut}, summary=_("Record a decision as a task"))
def decision_create(request, meeting_id: ObjectId, payload: MeetingDecisionIn):
    """400 without an owner or a deadline (决定须指定责任人和完成期限); the task goes to the owner, due in
    so many working days, and is followed to done or overdue."""
    user = request.user
    meeting = get_for_user(Meeting, user, meeting_id)
    owner = {}
    if payload.person_id:
        owner["person"] = pick(Person, user, payload.person_id, "person_id")
    if payload.organisation_id:
        owner["organisation"] = Organisation.objects.filter(pk=payload.organisation_id).first()
    if payload.department_id:
        owner["department"] = Department.objects.filter(pk=payload.department_id).first()
    if payload.party_org_id:
        owner["party_org"] = PartyOrg.objects.filter(pk=payload.party_org_id).first()
    vote = Vote.objects.filter(pk=payload.vote_id, meeting=meeting).first() if payload.vote_id else None
    if payload.vote_id and vote is None:
        raise DomainError(str(_("The vote is not of this meeting.")), field="vote_id")
    decision = services.decision_record(
        user,
        meeting=meeting,
        text=payload.text,
        owner=owner,
        working_days=payload.working_days,
        due=payload.due,
        vote=vote,
        topic=pick(Topic, user, payload.topic_id, "topic_id", VIEW),
    )
    return Status(201, _decision_out(decision))
