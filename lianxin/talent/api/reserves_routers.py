"""The reserves part's API routers, mounted under /api/v1/: ``reserves`` (the pools with their age-band table;
``reserves/selections``: talents selected into village party organisations, with the running count),
``candidates`` (with their three gates; appointing), ``trainings`` (talent programmes, members, sessions,
attendance, training hours). Same services, selectors and scope as the pages; hours as strings."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status

from lianxin.areas.models import Area
from lianxin.core.api_pagination import PageParams, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import VIEW, get_for_user
from lianxin.people.models import Person
from lianxin.talent.models import (
    Candidate,
    CandidateStatus,
    Programme,
    ProgrammeSession,
    Reserve,
    ReserveStatus,
    Selection,
)
from lianxin.talent.selectors import reserves as sel
from lianxin.talent.services import reserves as svc


def _keeper(request) -> None:
    """Reserves, candidates and programmes are the keepers' (``reserve.keep``): others get 403."""
    if not svc.keeper(request.user):
        raise PermissionDenied


def _scoped(model, user, pk, field: str):
    if pk is None:
        return None
    obj = model.objects.restrict(user, VIEW).filter(pk=pk).first()
    if obj is None:
        raise DomainError(_("Choose one within your scope."), field=field)
    return obj


def _root(user, area_id):
    return get_for_user(Area, user, area_id) if area_id else None


def _year(value) -> int | None:
    if value is None:
        return None
    if not 2000 <= value <= 2100:
        raise DomainError(_("Enter a year from 2000 to 2100."), field="year")
    return value


class ListOut(Schema):
    count: int
    figures: dict[str, Any] = {}
    items: list[dict[str, Any]]
    next_cursor: str | None = None


# -- reserves ------------------------------------------------------------------------------------------------

reserves_router = Router(tags=[gettext_lazy("Reserve pool")])


def reserve_out(r: Reserve, year: int | None = None) -> dict:
    return {
        "id": r.pk,
        "area_id": r.area_id,
        "area_name": r.area.name,
        "person_id": r.person_id,
        "name": r.person.name,
        "birth_year": r.birth_year,
        "age": sel.reserve_age(r, year),
        "education": r.education,
        "education_label": r.get_education_display(),
        "current_role": r.current_role,
        "status": r.status,
        "status_label": r.get_status_display(),
        "added_on": r.added_on.isoformat(),
        "used_on": r.used_on.isoformat() if r.used_on else None,
        "used_post_id": r.used_post_id,
    }


def _table_out(table: dict) -> dict:
    return {
        "year": table["year"],
        "in_pool": table["in_pool"],
        "used": table["used"],
        "bands": [
            {"key": b["key"], "label": str(b["label"]), "in_pool": b["in_pool"], "used": b["used"]}
            for b in table["bands"]
        ],
    }


class ReserveIn(Schema):
    area_id: ObjectId
    person_id: ObjectId
    birth_year: int | None = None
    education: str
    current_role: str = Field("", max_length=100)
    added_on: date | None = None
    note: str = Field("", max_length=200)


class ReserveAppointIn(Schema):
    role: str
    on: date | None = None


@reserves_router.get("/", response=ListOut, summary=gettext_lazy("Reserves, with the age-band table"))
def reserve_list(
    request,
    page: Query[PageParams],
    area_id: ObjectId | None = None,
    status: str = "",
    year: int | None = None,
):
    """The reserves the user sees (under ``area_id``); figures: the pool by age band in ``year`` (this
    year), in the pool and used. ``count`` answers the rows listed (``status`` filters them)."""
    _keeper(request)
    root = _root(request.user, area_id)
    year = _year(year)
    rows = sel.reserves_for(
        user=request.user, root=root, status=status if status in ReserveStatus.values else ""
    )
    table = sel.age_band_table(sel.reserves_for(user=request.user, root=root), year=year)
    chunk = paginate(rows, page)
    return {
        "count": rows.count(),
        "figures": _table_out(table),
        "items": [reserve_out(r, table["year"]) for r in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@reserves_router.post("/", response={201: dict[str, Any]}, summary=gettext_lazy("Add a reserve to a pool"))
def reserve_create(request, payload: ReserveIn):
    _keeper(request)
    reserve = svc.reserve_add(
        request.user,
        area=_scoped(Area, request.user, payload.area_id, "area_id"),
        person=_scoped(Person, request.user, payload.person_id, "person_id"),
        birth_year=payload.birth_year,
        education=payload.education,
        current_role=payload.current_role,
        added_on=payload.added_on,
        note=payload.note,
    )
    return Status(201, reserve_out(reserve))


def selection_out(s: Selection) -> dict:
    return {
        "id": s.pk,
        "talent_id": s.talent_id,
        "person_id": s.person_id,
        "name": s.person.name,
        "party_org_id": s.party_org_id,
        "party_org_name": s.party_org.name,
        "village_id": s.area_id,
        "selected_as": s.selected_as,
        "selected_as_label": s.get_selected_as_display(),
        "selected_on": s.selected_on.isoformat(),
        "post_id": s.post_id,
        "reserve_id": s.reserve_id,
    }


class SelectionIn(Schema):
    talent_id: ObjectId
    party_org_id: ObjectId
    selected_as: str
    selected_on: date | None = None
    education: str = ""
    current_role: str = Field("", max_length=100)


@reserves_router.get(
    "/selections", response=ListOut, summary=gettext_lazy("Talents selected into village party organisations")
)
def selection_list(request, page: Query[PageParams], area_id: ObjectId | None = None):
    """Figures: the running count (total, as members, as reserve cadres) of the user's scope."""
    _keeper(request)
    rows = sel.selections_for(user=request.user, root=_root(request.user, area_id))
    chunk = paginate(rows, page, descending=True)
    return {
        "count": rows.count(),
        "figures": sel.selection_figures(rows),
        "items": [selection_out(s) for s in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@reserves_router.post(
    "/selections", response={201: dict[str, Any]}, summary=gettext_lazy("Select a talent into a village")
)
def selection_create(request, payload: SelectionIn):
    _keeper(request)
    from lianxin.party.models import PartyOrg
    from lianxin.talent.models import TalentProfile

    selection = svc.selection_make(
        request.user,
        talent=_scoped(TalentProfile, request.user, payload.talent_id, "talent_id"),
        party_org=_scoped(PartyOrg, request.user, payload.party_org_id, "party_org_id"),
        selected_as=payload.selected_as,
        selected_on=payload.selected_on,
        education=payload.education,
        current_role=payload.current_role,
    )
    return Status(201, selection_out(selection))


@reserves_router.get("/{reserve_id}", response=dict[str, Any], summary=gettext_lazy("A reserve"))
def reserve_detail(request, reserve_id: ObjectId):
    _keeper(request)
    reserve = get_for_user(Reserve.objects.select_related("area", "person"), request.user, reserve_id)
    out = reserve_out(reserve)
    out["candidacies"] = [
        {"id": c.pk, "area_name": c.area.name, "status": c.status}
        for c in reserve.candidacies.select_related("area").order_by("-id")
    ]
    return out


@reserves_router.post(
    "/{reserve_id}/appoint",
    response={201: dict[str, Any]},
    summary=gettext_lazy("Appoint a reserve to a post"),
)
def reserve_appoint(request, reserve_id: ObjectId, payload: ReserveAppointIn):
    _keeper(request)
    reserve = get_for_user(Reserve, request.user, reserve_id)
    post = svc.reserve_appoint(request.user, reserve=reserve, role=payload.role, on=payload.on)
    reserve.refresh_from_db()
    return Status(201, {**reserve_out(reserve), "post_id": post.pk})


@reserves_router.post(
    "/{reserve_id}/withdraw",
    response=dict[str, Any],
    summary=gettext_lazy("Withdraw a reserve from the pool"),
)
def reserve_withdraw(request, reserve_id: ObjectId):
    _keeper(request)
    reserve = get_for_user(Reserve, request.user, reserve_id)
    return reserve_out(svc.reserve_withdraw(request.user, reserve=reserve))


# -- candidates ----------------------------------------------------------------------------------------------

candidates_router = Router(tags=[gettext_lazy("Secretary candidates")])


def candidate_out(c: Candidate) -> dict:
    return {
        "id": c.pk,
        "area_id": c.area_id,
        "area_name": c.area.name,
        "person_id": c.person_id,
        "name": c.person.name,
        "reserve_id": c.reserve_id,
        "status": c.status,
        "status_label": c.get_status_display(),
        "proposed_on": c.proposed_on.isoformat(),
        "appointed_on": c.appointed_on.isoformat() if c.appointed_on else None,
        "post_id": c.post_id,
        "gates": [
            {
                "kind": g.kind,
                "label": g.get_kind_display(),
                "result": g.result,
                "result_label": g.get_result_display(),
                "reviewer": g.reviewer,
                "reviewed_on": g.reviewed_on.isoformat() if g.reviewed_on else None,
                "note": g.note,
            }
            for g in sel.gates_ordered(c)
        ],
    }


class CandidateIn(Schema):
    area_id: ObjectId | None = None
    person_id: ObjectId | None = None
    reserve_id: ObjectId | None = None
    proposed_on: date | None = None


class GateIn(Schema):
    kind: str
    result: str
    reviewer: str = Field("", max_length=50)
    reviewed_on: date | None = None
    note: str = Field("", max_length=200)


class CandidateAppointIn(Schema):
    on: date | None = None


@candidates_router.get("/", response=ListOut, summary=gettext_lazy("Secretary candidates with their gates"))
def candidate_list(request, page: Query[PageParams], area_id: ObjectId | None = None, status: str = ""):
    _keeper(request)
    rows = sel.candidates_for(
        user=request.user,
        root=_root(request.user, area_id),
        status=status if status in CandidateStatus.values else "",
    )
    chunk = paginate(rows, page, descending=True)
    figures = {s: rows.filter(status=s).count() for s in CandidateStatus.values}
    return {
        "count": rows.count(),
        "figures": figures,
        "items": [candidate_out(c) for c in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@candidates_router.post("/", response={201: dict[str, Any]}, summary=gettext_lazy("Propose a candidate"))
def candidate_create(request, payload: CandidateIn):
    _keeper(request)
    if payload.reserve_id is None and (payload.area_id is None or payload.person_id is None):
        raise DomainError(_("Choose a reserve, or an area and a person."), field="reserve_id")
    candidate = svc.candidate_propose(
        request.user,
        area=_scoped(Area, request.user, payload.area_id, "area_id"),
        person=_scoped(Person, request.user, payload.person_id, "person_id"),
        reserve=_scoped(Reserve, request.user, payload.reserve_id, "reserve_id"),
        proposed_on=payload.proposed_on,
    )
    return Status(201, candidate_out(candidate))


@candidates_router.get("/{candidate_id}", response=dict[str, Any], summary=gettext_lazy("A candidate"))
def candidate_detail(request, candidate_id: ObjectId):
    _keeper(request)
    return candidate_out(
        get_for_user(Candidate.objects.select_related("area", "person"), request.user, candidate_id)
    )


@candidates_router.post(
    "/{candidate_id}/gates", response=dict[str, Any], summary=gettext_lazy("Record a gate's result")
)
def gate_record(request, candidate_id: ObjectId, payload: GateIn):
    _keeper(request)
    candidate = get_for_user(Candidate, request.user, candidate_id)
    svc.gate_record(
        request.user,
        candidate=candidate,
        kind=payload.kind,
        result=payload.result,
        reviewer=payload.reviewer,
        reviewed_on=payload.reviewed_on,
        note=payload.note,
    )
    candidate.refresh_from_db()
    return candidate_out(candidate)


@candidates_router.post(
    "/{candidate_id}/appoint",
    response=dict[str, Any],
    summary=gettext_lazy("Appoint the candidate secretary"),
)
def candidate_appoint(request, candidate_id: ObjectId, payload: CandidateAppointIn):
    """Only when the three gates are passed: else 409 naming the first not passed (群众关未通过)."""
    _keeper(request)
    candidate = get_for_user(Candidate, request.user, candidate_id)
    svc.candidate_appoint(request.user, candidate=candidate, on=payload.on)
    candidate.refresh_from_db()
    out = candidate_out(candidate)
    if candidate.reserve_id:
        out["reserve_status"] = Reserve.objects.get(pk=candidate.reserve_id).status
    return out


@candidates_router.post(
    "/{candidate_id}/withdraw", response=dict[str, Any], summary=gettext_lazy("Withdraw a candidate")
)
def candidate_withdraw(request, candidate_id: ObjectId):
    _keeper(request)
    candidate = get_for_user(Candidate, request.user, candidate_id)
    return candidate_out(svc.candidate_withdraw(request.user, candidate=candidate))


# -- trainings (talent programmes) ---------------------------------------------------------------------------

trainings_router = Router(tags=[gettext_lazy("Talent programmes")])


def _hours(value: Decimal) -> str:
    return str(Decimal(value).quantize(Decimal("0.1")))


def programme_out(p: Programme, *, detail: bool = False) -> dict:
    out = {
        "id": p.pk,
        "area_id": p.area_id,
        "area_name": p.area.name,
        "kind": p.kind,
        "kind_label": p.get_kind_display(),
        "name": p.name,
        "year": p.year,
        "capacity": p.capacity,
        "plan_id": p.plan_id,
        "member_count": getattr(p, "member_count", None) if not detail else p.members.count(),
        "session_count": getattr(p, "session_count", None) if not detail else p.sessions.count(),
    }
    if detail:
        out["sessions"] = [
            {
                "id": s.pk,
                "training_class_id": s.training_class_id,
                "title": s.training_class.title,
                "starts_on": s.training_class.starts_on.isoformat(),
                "ends_on": s.training_class.ends_on.isoformat(),
                "days": s.training_class.days,
                "hours_per_day": _hours(s.hours_per_day),
                "capacity": s.training_class.capacity,
                "enrolled": s.enrolled,
            }
            for s in sel.programme_sessions(p)
        ]
        out["members"] = [
            {**h, "joined_on": h["joined_on"].isoformat(), "hours": _hours(h["hours"])}
            for h in sel.training_hours(p)
        ]
    return out


class ProgrammeIn(Schema):
    area_id: ObjectId
    kind: str
    name: str = Field(max_length=100)
    year: int
    capacity: int


class ProgrammeMemberIn(Schema):
    person_id: ObjectId
    joined_on: date | None = None


class ProgrammeSessionIn(Schema):
    title: str = Field(max_length=100)
    starts_on: date
    ends_on: date | None = None
    hours_per_day: Decimal = Decimal("8")
    capacity: int | None = None


class RollIn(Schema):
    person_id: ObjectId


class ProgrammeAttendanceIn(Schema):
    person_id: ObjectId
    days_attended: int


@trainings_router.get("/", response=ListOut, summary=gettext_lazy("Talent programmes"))
def programme_list(
    request, page: Query[PageParams], area_id: ObjectId | None = None, year: int | None = None
):
    _keeper(request)
    rows = sel.programmes_for(user=request.user, root=_root(request.user, area_id), year=_year(year))
    chunk = paginate(rows, page)
    return {
        "count": rows.count(),
        "figures": {"members": sum(p.member_count for p in rows)},
        "items": [programme_out(p) for p in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@trainings_router.post("/", response={201: dict[str, Any]}, summary=gettext_lazy("Create a programme"))
def programme_create(request, payload: ProgrammeIn):
    _keeper(request)
    programme = svc.programme_create(
        request.user,
        area=_scoped(Area, request.user, payload.area_id, "area_id"),
        kind=payload.kind,
        name=payload.name,
        year=payload.year,
        capacity=payload.capacity,
    )
    return Status(201, programme_out(programme, detail=True))


@trainings_router.get(
    "/{programme_id}", response=dict[str, Any], summary=gettext_lazy("A programme: sessions, members' hours")
)
def programme_detail(request, programme_id: ObjectId):
    _keeper(request)
    return programme_out(get_for_user(Programme, request.user, programme_id), detail=True)


@trainings_router.post(
    "/{programme_id}/members", response={201: dict[str, Any]}, summary=gettext_lazy("Add a member")
)
def member_add(request, programme_id: ObjectId, payload: ProgrammeMemberIn):
    """Up to the programme's capacity: beyond, 409 naming the limit."""
    _keeper(request)
    programme = get_for_user(Programme, request.user, programme_id)
    member = svc.programme_member_add(
        request.user,
        programme=programme,
        person=_scoped(Person, request.user, payload.person_id, "person_id"),
        joined_on=payload.joined_on,
    )
    return Status(
        201, {"id": member.pk, "person_id": member.person_id, "joined_on": member.joined_on.isoformat()}
    )


@trainings_router.post(
    "/{programme_id}/sessions", response={201: dict[str, Any]}, summary=gettext_lazy("Add a training session")
)
def session_add(request, programme_id: ObjectId, payload: ProgrammeSessionIn):
    _keeper(request)
    programme = get_for_user(Programme, request.user, programme_id)
    session = svc.programme_session_add(
        request.user,
        programme=programme,
        title=payload.title,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        hours_per_day=payload.hours_per_day,
        capacity=payload.capacity,
    )
    return Status(201, {"id": session.pk, "training_class_id": session.training_class_id})


def _session(user, programme_id, session_id) -> ProgrammeSession:
    programme = get_for_user(Programme, user, programme_id)
    return get_for_user(ProgrammeSession.objects.filter(programme=programme), user, session_id)


@trainings_router.post(
    "/{programme_id}/sessions/{session_id}/enrolments",
    response={201: dict[str, Any]},
    summary=gettext_lazy("Put a member on a session's roll"),
)
def session_enrol(request, programme_id: ObjectId, session_id: ObjectId, payload: RollIn):
    """Up to the session's capacity: beyond, 409 naming the limit."""
    _keeper(request)
    session = _session(request.user, programme_id, session_id)
    enrolment = svc.session_enrol(
        request.user, session=session, person=_scoped(Person, request.user, payload.person_id, "person_id")
    )
    return Status(201, {"id": enrolment.pk, "person_id": enrolment.person_id})


@trainings_router.post(
    "/{programme_id}/sessions/{session_id}/attendance",
    response=dict[str, Any],
    summary=gettext_lazy("Record a member's days attended"),
)
def session_attendance(request, programme_id: ObjectId, session_id: ObjectId, payload: ProgrammeAttendanceIn):
    _keeper(request)
    session = _session(request.user, programme_id, session_id)
    enrolment = svc.session_attendance(
        request.user,
        session=session,
        person=_scoped(Person, request.user, payload.person_id, "person_id"),
        days_attended=payload.days_attended,
    )
    return {
        "id": enrolment.pk,
        "person_id": enrolment.person_id,
        "days_attended": enrolment.days_attended,
        "hours": _hours(session.hours_per_day * enrolment.days_attended),
    }


ROUTERS: list = [
    ("/reserves/", reserves_router),
    ("/candidates/", candidates_router),
    ("/trainings/", trainings_router),
]
