"""The pool part's API routers under /api/v1/: talents (phones masked), talent-needs (suggestions,
contacts), talent-returns (figures, follow-ups, returnee posts) and outreach-events (invitations,
attendance). Lists answer their count from the same selectors as the pages and their Excel."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from lianxin.areas.models import Area
from lianxin.core.api_pagination import PageParams, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import may
from lianxin.core.scope import CHANGE, VIEW, get_for_user
from lianxin.talent.models import (
    OutreachEvent,
    TalentChannel,
    TalentNeed,
    TalentProfile,
    TalentReturn,
)
from lianxin.talent.selectors import pool as sel
from lianxin.talent.services import pool as svc

talents_router = Router(tags=[_("Talents")])
needs_router = Router(tags=[_("Talent needs")])
returns_router = Router(tags=[_("Talent returns")])
events_router = Router(tags=[_("Outreach events")])


def _sees(request) -> None:
    if not may(request.user, svc.VIEW_TALENTS):
        raise PermissionDenied


def _pick(model, user, pk, field, action=VIEW):
    if pk is None:
        return None
    obj = model.objects.restrict(user, action).filter(pk=pk).first()
    if obj is None:
        raise DomainError(str(_("Choose one within your scope.")), field=field)
    return obj


def _area(user, pk, field, action=CHANGE):
    return _pick(Area, user, pk, field, action)


def _iso(value):
    return value.isoformat() if value else None


# Talents.


class TalentOut(Schema):
    id: int
    name: str
    home_area_id: int
    home_area: str
    current_city: str
    occupation: str
    field: str
    field_label: str
    skills: str
    willingness: str
    origin: str
    channel_id: int | None
    channel: str | None
    finder_id: int | None
    mobile: str = Field(description=_("Masked"))
    status: str
    person_id: int | None


def talent_out(t: TalentProfile) -> dict:
    return {
        "id": t.pk,
        "name": t.name,
        "home_area_id": t.home_area_id,
        "home_area": t.home_area.name,
        "current_city": t.current_city,
        "occupation": t.occupation,
        "field": t.field,
        "field_label": str(t.get_field_display()),
        "skills": t.skills,
        "willingness": t.willingness,
        "origin": t.origin,
        "channel_id": t.channel_id,
        "channel": t.channel.name if t.channel_id else None,
        "finder_id": t.finder_id,
        "mobile": t.mobile_masked,
        "status": t.status,
        "person_id": t.person_id,
    }


class TalentFiguresOut(Schema):
    total: int
    willing: int
    returned: int
    by_field: list[tuple[str, int]]


class TalentPage(Schema):
    count: int = Field(description=_("Talents matching the filters, as on the talent pool page"))
    figures: TalentFiguresOut
    items: list[TalentOut]
    next_cursor: str | None


class TalentQuery(Schema):
    area_id: ObjectId | None = None
    field: str = ""
    willingness: str = ""
    status: str = ""
    channel_id: ObjectId | None = None
    q: str = Field("", max_length=50)


class TalentIn(Schema):
    name: str = Field(max_length=50)
    home_area_id: ObjectId
    current_city: str = Field("", max_length=50)
    occupation: str = Field("", max_length=100)
    field: str = "other"
    skills: str = Field("", max_length=200)
    willingness: str = "considering"
    origin: str = "outside"
    channel_id: ObjectId | None = None
    mobile: str = Field("", max_length=20)


@talents_router.get("/", response=TalentPage, summary=_("Talents"))
def talent_list(request, page: Query[PageParams], q: Query[TalentQuery]):
    """The talent pool of the user's scope (village and township secretaries, county_admin)."""
    _sees(request)
    user = request.user
    rows = sel.talents_for(
        user=user,
        area=_area(user, q.area_id, "area_id", VIEW) if q.area_id else None,
        field=q.field,
        willingness=q.willingness,
        status=q.status,
        channel_id=q.channel_id,
        q=q.q.strip(),
    )
    chunk = paginate(rows, page, key="id")
    return {
        "count": rows.count(),
        "figures": sel.talent_figures(rows),
        "items": [talent_out(t) for t in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@talents_router.post("/", response={201: TalentOut}, summary=_("Add a talent"))
def talent_create(request, payload: TalentIn):
    user = request.user
    talent = svc.talent_create(
        user,
        name=payload.name,
        home_area=_area(user, payload.home_area_id, "home_area_id"),
        current_city=payload.current_city,
        occupation=payload.occupation,
        field=payload.field,
        skills=payload.skills,
        willingness=payload.willingness,
        origin=payload.origin,
        channel=_pick(TalentChannel, user, payload.channel_id, "channel_id"),
        mobile=payload.mobile,
    )
    return Status(201, talent_out(talent))


@talents_router.get("/{talent_id}", response=TalentOut, summary=_("A talent"))
def talent_get(request, talent_id: ObjectId):
    _sees(request)
    return talent_out(get_for_user(TalentProfile, request.user, talent_id))


class TalentVisitIn(Schema):
    visited_on: date
    visitor_id: ObjectId
    visitor_kind: str
    content: str = Field("", max_length=2000)


class TalentVisitOut(Schema):
    id: int
    talent_id: int
    visited_on: date
    visitor_id: int
    visitor_kind: str


@talents_router.post(
    "/{talent_id}/visits", response={201: TalentVisitOut}, summary=_("Record a talent visit")
)
def talent_visit(request, talent_id: ObjectId, payload: TalentVisitIn):
    user = request.user
    _sees(request)
    talent = get_for_user(TalentProfile, user, talent_id)
    visitor = sel.visitors_for(talent).filter(pk=payload.visitor_id).first()
    if visitor is None:
        raise DomainError(str(_("Choose one within your scope.")), field="visitor_id")
    visit = svc.visit_record(
        user,
        talent=talent,
        visited_on=payload.visited_on,
        visitor=visitor,
        visitor_kind=payload.visitor_kind,
        content=payload.content,
    )
    return Status(
        201,
        {
            "id": visit.pk,
            "talent_id": talent.pk,
            "visited_on": visit.visited_on,
            "visitor_id": visitor.pk,
            "visitor_kind": visit.visitor_kind,
        },
    )


# Needs.


class TalentSuggestionOut(Schema):
    talent_id: int
    name: str
    home_area: str
    matched_skills: list[str]


class TalentMatchingOut(Schema):
    id: int
    talent_id: int
    talent: str
    outcome: str
    matched_skills: str
    contacts: int


class TalentNeedOut(Schema):
    id: int
    area_id: int
    area: str
    kind: str
    title: str
    skills: str
    description: str
    status: str
    posted_on: date
    matchings: list[TalentMatchingOut]


def need_out(n: TalentNeed) -> dict:
    return {
        "id": n.pk,
        "area_id": n.area_id,
        "area": n.area.name,
        "kind": n.kind,
        "title": n.title,
        "skills": n.skills,
        "description": n.description,
        "status": n.status,
        "posted_on": n.posted_on,
        "matchings": [
            {
                "id": m.pk,
                "talent_id": m.talent_id,
                "talent": m.talent.name,
                "outcome": m.outcome,
                "matched_skills": m.matched_skills,
                "contacts": m.contacts.count(),
            }
            for m in n.matchings.select_related("talent")
        ],
    }


class TalentNeedDetailOut(TalentNeedOut):
    suggestions: list[TalentSuggestionOut]


class TalentNeedPage(Schema):
    count: int
    items: list[TalentNeedOut]
    next_cursor: str | None


class TalentNeedIn(Schema):
    area_id: ObjectId
    kind: str
    title: str = Field(max_length=100)
    skills: str = Field("", max_length=200)
    description: str = Field("", max_length=2000)
    posted_on: date | None = None


class TalentContactIn(Schema):
    talent_id: ObjectId
    contacted_on: date
    outcome: str
    note: str = Field("", max_length=200)


@needs_router.get("/", response=TalentNeedPage, summary=_("Talent needs"))
def need_list(request, page: Query[PageParams], status: str = ""):
    _sees(request)
    rows = sel.needs_for(user=request.user, status=status)
    chunk = paginate(rows, page, key="id", descending=True)
    return {
        "count": rows.count(),
        "items": [need_out(n) for n in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@needs_router.post("/", response={201: TalentNeedOut}, summary=_("Post a need"))
def need_create(request, payload: TalentNeedIn):
    user = request.user
    need = svc.need_post(
        user,
        area=_area(user, payload.area_id, "area_id"),
        kind=payload.kind,
        title=payload.title,
        skills=payload.skills,
        description=payload.description,
        posted_on=payload.posted_on,
    )
    return Status(201, need_out(need))


def _need_detail(need: TalentNeed, user) -> dict:
    out = need_out(need)
    out["suggestions"] = [
        {"talent_id": t.pk, "name": t.name, "home_area": t.home_area.name, "matched_skills": shared}
        for t, shared in sel.need_suggestions(need, user=user)
    ]
    return out


@needs_router.get("/{need_id}", response=TalentNeedDetailOut, summary=_("A need with its suggested talents"))
def need_get(request, need_id: ObjectId):
    _sees(request)
    return _need_detail(get_for_user(TalentNeed, request.user, need_id), request.user)


@needs_router.post("/{need_id}/contacts", response={201: TalentNeedDetailOut}, summary=_("Record a contact"))
def need_contact(request, need_id: ObjectId, payload: TalentContactIn):
    user = request.user
    _sees(request)
    need = get_for_user(TalentNeed, user, need_id)
    talent = _pick(TalentProfile, user, payload.talent_id, "talent_id")
    svc.matching_contact(
        user,
        need=need,
        talent=talent,
        contacted_on=payload.contacted_on,
        outcome=payload.outcome,
        note=payload.note,
    )
    return Status(201, _need_detail(need, user))


# Returns.


class TalentReturnOut(Schema):
    id: int
    talent_id: int
    name: str
    returned_on: date
    kind: str
    village_id: int
    village: str
    channel_id: int | None
    event_id: int | None
    project: str
    follow_ups: int


def return_out(r: TalentReturn) -> dict:
    return {
        "id": r.pk,
        "talent_id": r.talent_id,
        "name": r.talent.name,
        "returned_on": r.returned_on,
        "kind": r.kind,
        "village_id": r.village_id,
        "village": r.village.name,
        "channel_id": r.channel_id,
        "event_id": r.event_id,
        "project": r.project,
        "follow_ups": r.follow_ups.count(),
    }


class TalentReturnFiguresOut(Schema):
    count: int
    by_kind: dict[str, int]
    by_village: dict[str, int]
    pool: int
    share: str | None = Field(description=_("Returns as a percentage of the pool, one decimal place"))
    previous: int
    change: int


class TalentReturnPage(Schema):
    count: int = Field(description=_("Returns in the period, as on the returns page"))
    figures: TalentReturnFiguresOut
    items: list[TalentReturnOut]
    next_cursor: str | None


class TalentReturnQuery(Schema):
    since: date | None = None
    until: date | None = None
    year: int | None = Field(None, ge=2000, le=2100)
    area_id: ObjectId | None = None
    kind: str = ""
    due: bool = Field(False, description=_("Only returnees without a follow-up within the set days"))


class TalentReturnIn(Schema):
    talent_id: ObjectId
    returned_on: date
    kind: str
    village_id: ObjectId | None = None
    event_id: ObjectId | None = None
    project: str = Field("", max_length=100)


class TalentFollowUpIn(Schema):
    happened_on: date
    kind: str
    content: str = Field(max_length=300)


class TalentFollowUpOut(Schema):
    id: int
    happened_on: date
    kind: str
    content: str
    post_id: int | None


class TalentPostIn(Schema):
    role: str = Field(description="seconded_secretary | seconded_director | revitalisation_partner")
    village_id: ObjectId
    start_date: date
    end_date: date


class TalentPostOut(Schema):
    id: int
    person_id: int
    role: str
    area_id: int
    source: str
    start_date: date
    end_date: date | None


@returns_router.get("/", response=TalentReturnPage, summary=_("Talent returns"))
def return_list(request, page: Query[PageParams], q: Query[TalentReturnQuery]):
    """Returns (返乡创业就业) of the user's scope in the period, counted by type and village, with the share
    of the pool and the change from the previous period; ``due=true``: returnees due a follow-up today."""
    _sees(request)
    user = request.user
    area = _area(user, q.area_id, "area_id", VIEW) if q.area_id else None
    if q.due:
        rows = sel.followups_due_for(user=user)
        period = sel.Period.year()
    else:
        period = sel.period_parse(_iso(q.since), _iso(q.until), q.year)
        rows = sel.returns_for(user=user, area=area, period=period, kind=q.kind)
    figures = sel.return_figures(user=user, area=area, period=period, kind=q.kind)
    chunk = paginate(rows, page, key="id", descending=True)
    return {
        "count": rows.count(),
        "figures": {
            "count": figures["count"],
            "by_kind": {value: n for value, _label, n in figures["by_kind"]},
            "by_village": dict(figures["by_village"]),
            "pool": figures["pool"],
            "share": str(figures["share"]) if figures["share"] is not None else None,
            "previous": figures["previous"],
            "change": figures["change"],
        },
        "items": [return_out(r) for r in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@returns_router.post("/", response={201: TalentReturnOut}, summary=_("Record a return"))
def return_create(request, payload: TalentReturnIn):
    user = request.user
    _sees(request)
    talent = _pick(TalentProfile, user, payload.talent_id, "talent_id")
    talent_return = svc.return_record(
        user,
        talent=talent,
        returned_on=payload.returned_on,
        kind=payload.kind,
        village=_area(user, payload.village_id, "village_id") if payload.village_id else None,
        event=_pick(OutreachEvent, user, payload.event_id, "event_id"),
        project=payload.project,
    )
    return Status(201, return_out(talent_return))


@returns_router.get("/{return_id}", response=TalentReturnOut, summary=_("A return"))
def return_get(request, return_id: ObjectId):
    _sees(request)
    return return_out(get_for_user(TalentReturn, request.user, return_id))


@returns_router.get(
    "/{return_id}/follow-ups", response=list[TalentFollowUpOut], summary=_("A returnee's timeline")
)
def return_followups(request, return_id: ObjectId):
    _sees(request)
    r = get_for_user(TalentReturn, request.user, return_id)
    return [
        {"id": f.pk, "happened_on": f.happened_on, "kind": f.kind, "content": f.content, "post_id": f.post_id}
        for f in r.follow_ups.all()
    ]


@returns_router.post(
    "/{return_id}/follow-ups", response={201: TalentFollowUpOut}, summary=_("Record a follow-up")
)
def return_followup_create(request, return_id: ObjectId, payload: TalentFollowUpIn):
    _sees(request)
    r = get_for_user(TalentReturn, request.user, return_id)
    f = svc.followup_record(
        request.user,
        talent_return=r,
        happened_on=payload.happened_on,
        kind=payload.kind,
        content=payload.content,
    )
    return Status(
        201,
        {
            "id": f.pk,
            "happened_on": f.happened_on,
            "kind": f.kind,
            "content": f.content,
            "post_id": f.post_id,
        },
    )


@returns_router.post("/{return_id}/posts", response={201: TalentPostOut}, summary=_("Give a returnee post"))
def return_post(request, return_id: ObjectId, payload: TalentPostIn):
    """A dated post at a village (挂职书记、挂职主任、乡村振兴合伙人), source returnee."""
    user = request.user
    _sees(request)
    r = get_for_user(TalentReturn, user, return_id)
    post = svc.returnee_post_give(
        user,
        talent=r.talent,
        village=_area(user, payload.village_id, "village_id"),
        role=payload.role,
        start_date=payload.start_date,
        end_date=payload.end_date,
    )
    return Status(
        201,
        {
            "id": post.pk,
            "person_id": post.person_id,
            "role": post.role,
            "area_id": post.area_id,
            "source": post.source,
            "start_date": post.start_date,
            "end_date": post.end_date,
        },
    )


# Outreach events.


class TalentInvitationOut(Schema):
    talent_id: int
    name: str
    attended: bool | None


class TalentEventOut(Schema):
    id: int
    area_id: int
    title: str
    kind: str
    season: str
    held_on: date
    place: str
    projects: str
    invited: int
    attended: int
    attendance_share: str | None
    returns: int


def event_out(e: OutreachEvent) -> dict:
    figures = sel.event_figures(e)
    return {
        "id": e.pk,
        "area_id": e.area_id,
        "title": e.title,
        "kind": e.kind,
        "season": e.season,
        "held_on": e.held_on,
        "place": e.place,
        "projects": e.projects,
        "invited": figures["invited"],
        "attended": figures["attended"],
        "attendance_share": str(figures["attendance_share"])
        if figures["attendance_share"] is not None
        else None,
        "returns": figures["returns"],
    }


class TalentEventDetailOut(TalentEventOut):
    invitations: list[TalentInvitationOut]


def event_detail_out(e: OutreachEvent) -> dict:
    out = event_out(e)
    out["invitations"] = [
        {"talent_id": i.talent_id, "name": i.talent.name, "attended": i.attended}
        for i in e.invitations.select_related("talent")
    ]
    return out


class TalentEventPage(Schema):
    count: int
    items: list[TalentEventOut]
    next_cursor: str | None


class TalentEventIn(Schema):
    area_id: ObjectId
    title: str = Field(max_length=100)
    kind: str = Field(description="forum | tea_party")
    season: str = Field(description="spring_festival | mid_autumn | other")
    held_on: date
    place: str = Field("", max_length=100)
    projects: str = Field("", max_length=2000)


class TalentInviteIn(Schema):
    talent_ids: list[ObjectId] = Field(max_length=1000)


class TalentAttendanceIn(Schema):
    attended_ids: list[ObjectId] = Field(max_length=1000)


@events_router.get("/", response=TalentEventPage, summary=_("Outreach events"))
def event_list(request, page: Query[PageParams]):
    _sees(request)
    rows = sel.events_for(user=request.user)
    chunk = paginate(rows, page, key="id", descending=True)
    return {
        "count": rows.count(),
        "items": [event_out(e) for e in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@events_router.post("/", response={201: TalentEventOut}, summary=_("Record an outreach event"))
def event_create(request, payload: TalentEventIn):
    user = request.user
    event = svc.event_create(
        user,
        area=_area(user, payload.area_id, "area_id"),
        title=payload.title,
        kind=payload.kind,
        season=payload.season,
        held_on=payload.held_on,
        place=payload.place,
        projects=payload.projects,
    )
    return Status(201, event_out(event))


@events_router.get("/{event_id}", response=TalentEventDetailOut, summary=_("An outreach event"))
def event_get(request, event_id: ObjectId):
    _sees(request)
    return event_detail_out(get_for_user(OutreachEvent, request.user, event_id))


@events_router.post("/{event_id}/invitations", response=TalentEventDetailOut, summary=_("Invite talents"))
def event_invite(request, event_id: ObjectId, payload: TalentInviteIn):
    user = request.user
    _sees(request)
    event = get_for_user(OutreachEvent, user, event_id)
    talents = list(TalentProfile.objects.restrict(user, VIEW).filter(pk__in=payload.talent_ids))
    if len(talents) != len(set(payload.talent_ids)):
        raise DomainError(str(_("Choose one within your scope.")), field="talent_ids")
    svc.invitations_add(user, event=event, talents=talents)
    return event_detail_out(event)


@events_router.post(
    "/{event_id}/attendance", response=TalentEventDetailOut, summary=_("Record the attendance")
)
def event_attendance(request, event_id: ObjectId, payload: TalentAttendanceIn):
    user = request.user
    _sees(request)
    event = get_for_user(OutreachEvent, user, event_id)
    svc.attendance_record(user, event=event, attended_ids=payload.attended_ids)
    return event_detail_out(event)


ROUTERS: list = [
    ("/talents/", talents_router),
    ("/talent-needs/", needs_router),
    ("/talent-returns/", returns_router),
    ("/outreach-events/", events_router),
]
