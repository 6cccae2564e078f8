"""/api/v1/pairings/ (with the unpaired households in need and each pairing's visits), /api/v1/co-building/
and /api/v1/sent-down/: the same services, selectors and scope as the pages."""

from datetime import date

from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from lianxin.areas.models import Area, Household
from lianxin.core.api_pagination import PageParams, page_schema, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, VIEW, get_for_user
from lianxin.party.models import PartyOrg
from lianxin.volunteering import links, selectors, services
from lianxin.volunteering.models import CoBuildingAgreement, Pairing, PairingVisit, SentDownStaff

router = Router(tags=[_("Pairings")])
agreements_router = Router(tags=[_("Co-building agreements")])
sent_down_router = Router(tags=[_("People sent down")])


def _root(user, area_id):
    return get_for_user(Area, user, area_id) if area_id else None


def _pick(model, user, pk, field, action=VIEW):
    if pk is None:
        return None
    obj = model.objects.restrict(user, action).filter(pk=pk).first()
    if obj is None:
        raise DomainError(str(_("Choose one within your scope.")), field=field)
    return obj


class PairingOut(Schema):
    id: int
    household_id: int
    household_address: str
    captain_id: int
    captain_name: str
    volunteer_ids: list[int]
    started_on: date
    ended_on: date | None
    note: str


def _pairing_out(p: Pairing) -> dict:
    return {
        "id": p.pk,
        "household_id": p.household_id,
        "household_address": p.household.address,
        "captain_id": p.captain_id,
        "captain_name": p.captain.name,
        "volunteer_ids": sorted(v.pk for v in p.volunteers.all()),
        "started_on": p.started_on,
        "ended_on": p.ended_on,
        "note": p.note,
    }


PairingPage = page_schema(PairingOut, "PairingPage")


class PairingIn(Schema):
    household_id: ObjectId
    captain_id: ObjectId
    volunteer_ids: list[ObjectId] = Field(default_factory=list, max_length=20)
    note: str = Field("", max_length=200)


class HouseholdOut(Schema):
    id: int
    address: str
    area_id: int
    tags: list[str]


class UnpairedPage(Schema):
    count: int = Field(description=_("Households in need without a pairing, as on the pairings page"))
    items: list[HouseholdOut]
    next_cursor: str | None


class VisitOut(Schema):
    id: int
    visitor_id: int
    visitor_name: str
    visited_on: date
    note: str


class VisitIn(Schema):
    visited_on: date | None = None
    note: str = Field("", max_length=200)


def _visit_out(v: PairingVisit) -> dict:
    return {
        "id": v.pk,
        "visitor_id": v.visitor_id,
        "visitor_name": v.visitor.name,
        "visited_on": v.visited_on,
        "note": v.note,
    }


@router.get("/", response=PairingPage, summary=_("Pairings"))
def pairing_list(request, page: Query[PageParams], area_id: ObjectId | None = None):
    """Pairings in force: all of the area's for its staff, his own for a captain or volunteer."""
    rows = selectors.pairings_for(user=request.user, root=_root(request.user, area_id))
    chunk = paginate(rows, page, key="id")
    return {"items": [_pairing_out(p) for p in chunk.items], "next_cursor": chunk.next_cursor}


@router.post("/", response={201: PairingOut}, summary=_("Pair a household in need"))
def pairing_create(request, payload: PairingIn):
    """409 when the household already has a pairing (该居民已有结对)."""
    user = request.user
    volunteers = [
        links.person_find(user=user, text=str(pk), field_name="volunteer_ids") for pk in payload.volunteer_ids
    ]
    pairing = services.pairing_create(
        user,
        household=_pick(Household, user, payload.household_id, "household_id", CHANGE),
        captain=links.person_find(user=user, text=str(payload.captain_id), field_name="captain_id"),
        volunteers=volunteers,
        note=payload.note,
    )
    return Status(201, _pairing_out(pairing))


@router.get("/unpaired", response=UnpairedPage, summary=_("Households in need without a pairing"))
def unpaired_list(request, page: Query[PageParams], area_id: ObjectId | None = None):
    rows = selectors.unpaired_households(user=request.user, root=_root(request.user, area_id))
    chunk = paginate(rows, page, key="id")
    return {
        "count": rows.count(),
        "items": [
            {"id": h.pk, "address": h.address, "area_id": h.area_id, "tags": [t.name for t in h.tags.all()]}
            for h in chunk.items
        ],
        "next_cursor": chunk.next_cursor,
    }


@router.get("/{pairing_id}/visits", response=list[VisitOut], summary=_("A pairing's visits"))
def visit_list(request, pairing_id: ObjectId):
    pairing = get_for_user(Pairing, request.user, pairing_id)
    return [_visit_out(v) for v in selectors.pairing_visits(user=request.user, pairing=pairing)]


@router.post("/{pairing_id}/visits", response={201: VisitOut}, summary=_("Log a pairing visit"))
def visit_create(request, pairing_id: ObjectId, payload: VisitIn):
    """By the pairing's captain or one of its volunteers."""
    pairing = get_for_user(Pairing, request.user, pairing_id)
    visit = services.pairing_visit_log(
        request.user, pairing=pairing, visited_on=payload.visited_on, note=payload.note
    )
    return Status(201, _visit_out(visit))


class AgreementOut(Schema):
    id: int
    party_org_id: int
    party_org_name: str
    unit_name: str
    unit_org_id: int | None
    unit_type: str
    signed_on: date
    ends_on: date | None
    content: str
    joint_activities: int = Field(0, description=_("Activities held together under the agreement"))


def _agreement_out(a: CoBuildingAgreement) -> dict:
    return {
        "id": a.pk,
        "party_org_id": a.party_org_id,
        "party_org_name": a.party_org.name,
        "unit_name": a.unit_name,
        "unit_org_id": a.unit_org_id,
        "unit_type": a.unit_type,
        "signed_on": a.signed_on,
        "ends_on": a.ends_on,
        "content": a.content,
        "joint_activities": getattr(a, "joint_activities", 0),
    }


class AgreementPage(Schema):
    orgs: int = Field(description=_("Grassroots party organisations in the area"))
    with_agreement: int = Field(description=_("Of them, those with an agreement in force"))
    items: list[AgreementOut]
    next_cursor: str | None


class AgreementIn(Schema):
    party_org_id: ObjectId
    unit_name: str = Field("", max_length=100)
    unit_org_id: ObjectId | None = None
    unit_type: str = Field(description=_("organ, soe, school, private or social"))
    signed_on: date
    ends_on: date | None = None
    content: str = Field("", max_length=200)


@agreements_router.get("/", response=AgreementPage, summary=_("Co-building agreements"))
def agreement_list(request, page: Query[PageParams], area_id: ObjectId | None = None):
    root = _root(request.user, area_id)
    figures = selectors.agreement_figures(user=request.user, root=root)
    chunk = paginate(selectors.agreements_for(user=request.user, root=root), page, key="id")
    return {
        "orgs": figures["orgs"],
        "with_agreement": figures["with_agreement"],
        "items": [_agreement_out(a) for a in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@agreements_router.post("/", response={201: AgreementOut}, summary=_("Record a co-building agreement"))
def agreement_create(request, payload: AgreementIn):
    user = request.user
    agreement = services.agreement_create(
        user,
        party_org=_pick(PartyOrg, user, payload.party_org_id, "party_org_id"),
        unit_name=payload.unit_name,
        unit_org=PartyOrg.objects.filter(pk=payload.unit_org_id).first() if payload.unit_org_id else None,
        unit_type=payload.unit_type,
        signed_on=payload.signed_on,
        ends_on=payload.ends_on,
        content=payload.content,
    )
    return Status(201, _agreement_out(agreement))


class SentDownStaffOut(Schema):
    id: int
    person_id: int
    person_name: str
    party_org_id: int
    kind: str
    since: date
    until: date | None


def _sent_down_out(r: SentDownStaff) -> dict:
    return {
        "id": r.pk,
        "person_id": r.person_id,
        "person_name": r.person.name,
        "party_org_id": r.party_org_id,
        "kind": r.kind,
        "since": r.since,
        "until": r.until,
    }


SentDownPage = page_schema(SentDownStaffOut, "SentDownPage")


class SentDownIn(Schema):
    person_id: ObjectId
    party_org_id: ObjectId
    kind: str = Field(description=_("deputy, cppcc or cadre"))
    since: date | None = None


@sent_down_router.get("/", response=SentDownPage, summary=_("People sent down"))
def sent_down_list(request, page: Query[PageParams], area_id: ObjectId | None = None):
    rows = selectors.sent_down_for(user=request.user, root=_root(request.user, area_id))
    chunk = paginate(rows, page, key="id")
    return {"items": [_sent_down_out(r) for r in chunk.items], "next_cursor": chunk.next_cursor}


@sent_down_router.post("/", response={201: SentDownStaffOut}, summary=_("Record a person sent down"))
def sent_down_create(request, payload: SentDownIn):
    user = request.user
    record = services.sent_down_add(
        user,
        person=links.person_find(user=user, text=str(payload.person_id), field_name="person_id"),
        party_org=_pick(PartyOrg, user, payload.party_org_id, "party_org_id"),
        kind=payload.kind,
        since=payload.since,
    )
    return Status(201, _sent_down_out(record))
