"""An alliance's three lists over the API (P003-38–40): ``/api/v1/alliances/{alliance_id}/demands``,
``/offers``, ``/matches`` and ``/deals``, each a keyset list (newest first) and a create. Money is a decimal
string in yuan ("1200000.00"), in and out. The routes hang on the alliances router of ``chains``."""

from datetime import date

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Schema, Status

from lianxin.core.api_pagination import PageParams, page_schema, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.party.api.chains import alliances_router
from lianxin.party.models import AllianceDemand, AllianceOffer, DemandState, OrgKind, PartyOrg
from lianxin.party.selectors import alliance_lists as lists
from lianxin.party.services import alliance_lists as services
from lianxin.people.models import Organisation


class DemandOut(Schema):
    id: int
    organisation_id: int
    organisation: str
    title: str
    quantity: str
    description: str
    needed_by: date | None
    state: str
    state_label: str
    offer_id: int | None
    suggested_offer_ids: list[int] = Field(
        description=_("Active offers of other members sharing words with the title, best first")
    )


class OfferOut(Schema):
    id: int
    organisation_id: int
    organisation: str
    title: str
    description: str
    active: bool


class DealOut(Schema):
    id: int
    demand_id: int
    offer_id: int
    value: str = Field(description=_("Yuan, as a decimal string"))
    signed_on: date


class AllianceListTotalsOut(Schema):
    demands: dict[str, int] = Field(description=_("Demands by state: open, matched, done"))
    offers: int
    offers_active: int
    deals: int
    deal_value: str = Field(description=_("Yuan, as a decimal string"))


DemandPage = page_schema(DemandOut, "AllianceDemandPage")
OfferPage = page_schema(OfferOut, "AllianceOfferPage")
DealPage = page_schema(DealOut, "AllianceDealPage")


class DemandIn(Schema):
    organisation_id: int
    title: str
    quantity: str = ""
    description: str = ""
    needed_by: date | None = None


class OfferIn(Schema):
    organisation_id: int
    title: str
    description: str = ""


class MatchIn(Schema):
    demand_id: int
    offer_id: int


class DealIn(Schema):
    demand_id: int
    value: str = Field(description=_("Yuan, as a decimal string: 1200000.00"))
    signed_on: date | None = Field(None, description=_("Today when omitted"))


def _alliance(user, alliance_id):
    alliance = PartyOrg.objects.filter(pk=alliance_id, kind=OrgKind.CHAIN_ALLIANCE).first()
    if alliance is None:
        raise Http404
    standing = services.alliance_standing(user, alliance)
    if not standing:
        raise Http404
    return alliance, standing


def _demand_out(demand, offers=None) -> dict:
    suggested = []
    if offers is not None and demand.state != DemandState.DONE:
        suggested = [o.pk for o in lists.offer_suggestions(demand, offers)]
    return {
        "id": demand.pk,
        "organisation_id": demand.organisation_id,
        "organisation": demand.organisation.name,
        "title": demand.title,
        "quantity": demand.quantity,
        "description": demand.description,
        "needed_by": demand.needed_by,
        "state": demand.state,
        "state_label": str(demand.get_state_display()),
        "offer_id": demand.offer_id,
        "suggested_offer_ids": suggested,
    }


def _offer_out(offer) -> dict:
    return {
        "id": offer.pk,
        "organisation_id": offer.organisation_id,
        "organisation": offer.organisation.name,
        "title": offer.title,
        "description": offer.description,
        "active": offer.active,
    }


def _deal_out(deal) -> dict:
    return {
        "id": deal.pk,
        "demand_id": deal.demand_id,
        "offer_id": deal.offer_id,
        "value": f"{deal.value:.2f}",
        "signed_on": deal.signed_on,
    }


def _of_alliance(model, alliance, pk, field):
    row = model.objects.filter(alliance=alliance, pk=pk).select_related("organisation").first()
    if row is None:
        raise DomainError(str(_("Not on this alliance's lists.")), code="invalid", field=field)
    return row


def _demand_page(rows, alliance, page):
    chunk = paginate(rows, page, descending=True)
    offers = list(lists.offers_of(alliance, active=True))
    return {"items": [_demand_out(d, offers) for d in chunk.items], "next_cursor": chunk.next_cursor}


@alliances_router.get("/{alliance_id}/demands", response=DemandPage, summary=_("The alliance's demand list"))
def demand_list(request, alliance_id: ObjectId, page: Query[PageParams], state: str = ""):
    alliance, _standing = _alliance(request.user, alliance_id)
    if state and state not in DemandState.values:
        raise DomainError(str(_("Unknown state.")), code="invalid", field="state")
    return _demand_page(lists.demands_of(alliance, state=state or None), alliance, page)


@alliances_router.post("/{alliance_id}/demands", response={201: DemandOut}, summary=_("File a demand"))
def demand_create(request, alliance_id: ObjectId, payload: DemandIn):
    alliance, _standing = _alliance(request.user, alliance_id)
    demand = services.demand_file(
        request.user,
        alliance=alliance,
        organisation=Organisation.objects.filter(pk=payload.organisation_id).first(),
        title=payload.title,
        quantity=payload.quantity,
        description=payload.description,
        needed_by=payload.needed_by,
    )
    return Status(201, _demand_out(demand, list(lists.offers_of(alliance, active=True))))


@alliances_router.get("/{alliance_id}/offers", response=OfferPage, summary=_("The alliance's resource list"))
def offer_list(request, alliance_id: ObjectId, page: Query[PageParams], active: bool | None = None):
    alliance, _standing = _alliance(request.user, alliance_id)
    chunk = paginate(lists.offers_of(alliance, active=active), page, descending=True)
    return {"items": [_offer_out(o) for o in chunk.items], "next_cursor": chunk.next_cursor}


@alliances_router.post("/{alliance_id}/offers", response={201: OfferOut}, summary=_("File an offer"))
def offer_create(request, alliance_id: ObjectId, payload: OfferIn):
    alliance, _standing = _alliance(request.user, alliance_id)
    offer = services.offer_file(
        request.user,
        alliance=alliance,
        organisation=Organisation.objects.filter(pk=payload.organisation_id).first(),
        title=payload.title,
        description=payload.description,
    )
    return Status(201, _offer_out(offer))


@alliances_router.get(
    "/{alliance_id}/matches",
    response=DemandPage,
    summary=_("Demands matched to an offer, with or without a deal"),
)
def match_list(request, alliance_id: ObjectId, page: Query[PageParams]):
    alliance, _standing = _alliance(request.user, alliance_id)
    return _demand_page(lists.matches_of(alliance), alliance, page)


@alliances_router.post(
    "/{alliance_id}/matches", response={201: DemandOut}, summary=_("Match a demand to another member's offer")
)
def match_create(request, alliance_id: ObjectId, payload: MatchIn):
    alliance, _standing = _alliance(request.user, alliance_id)
    demand = services.demand_match(
        request.user,
        demand=_of_alliance(AllianceDemand, alliance, payload.demand_id, "demand_id"),
        offer=_of_alliance(AllianceOffer, alliance, payload.offer_id, "offer_id"),
    )
    return Status(201, _demand_out(demand))


@alliances_router.get("/{alliance_id}/deals", response=DealPage, summary=_("The alliance's project list"))
def deal_list(request, alliance_id: ObjectId, page: Query[PageParams]):
    alliance, _standing = _alliance(request.user, alliance_id)
    chunk = paginate(lists.deals_of(alliance), page, descending=True)
    return {"items": [_deal_out(d) for d in chunk.items], "next_cursor": chunk.next_cursor}


@alliances_router.post(
    "/{alliance_id}/deals", response={201: DealOut}, summary=_("Record the deal that closes a matched demand")
)
def deal_create(request, alliance_id: ObjectId, payload: DealIn):
    alliance, _standing = _alliance(request.user, alliance_id)
    deal = services.deal_record(
        request.user,
        demand=_of_alliance(AllianceDemand, alliance, payload.demand_id, "demand_id"),
        value=payload.value,
        signed_on=payload.signed_on,
    )
    return Status(201, _deal_out(deal))


@alliances_router.get(
    "/{alliance_id}/totals", response=AllianceListTotalsOut, summary=_("The alliance's lists in figures")
)
def list_totals(request, alliance_id: ObjectId):
    """The same counts as the lists page and its export: demands by state, offers, deals and their value."""
    alliance, _standing = _alliance(request.user, alliance_id)
    counts = lists.list_counts(alliance)
    return {
        "demands": counts.demands,
        "offers": counts.offers,
        "offers_active": counts.offers_active,
        "deals": counts.deals,
        "deal_value": f"{counts.deal_value:.2f}",
    }
