"""PATCH /api/v1/areas/{id}/estate: an estate's type, property mode and maturity (P004-29, P004-10); POST
{id}/children and {id}/move: keeping the tree (P000-01)."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema

from lianxin.areas.api import AreaOut, area_payloads
from lianxin.areas.api import router as areas_router
from lianxin.areas.estate_facts import estate_facts_set, estate_facts_setter
from lianxin.areas.models import Area, Level
from lianxin.core.api_errors import ApiError
from lianxin.core.api_types import ObjectId
from lianxin.core.scope import CHANGE, get_for_user


class EstatePersonRef(Schema):
    id: int
    name: str


class EstateBodyOut(Schema):
    id: int
    name: str
    has_plaque: bool
    office_place: str
    operating_since: date | None


class EstateOut(Schema):
    id: int
    name: str
    estate_type: str
    property_mode: str
    is_mature: bool
    branch: EstateBodyOut | None = Field(description=_("The estate's own party branch"))
    owners_committee: EstateBodyOut | None
    branch_secretary: EstatePersonRef | None
    committee_director: EstatePersonRef | None
    secretary_directs_committee: bool = Field(
        description=_("The branch secretary also directs the owners' committee (P004-10)")
    )
    both_plaques: bool = Field(
        description=_("Branch and owners' committee both have a plaque and operate physically (P004-07)")
    )


def _body(body) -> dict | None:
    if body is None:
        return None
    return {
        "id": body.pk,
        "name": body.name,
        "has_plaque": body.has_plaque,
        "office_place": body.office_place,
        "operating_since": body.operating_since,
    }


def _person(person) -> dict | None:
    return {"id": person.pk, "name": person.name} if person is not None else None


@areas_router.get(
    "/{area_id}/estate", response=EstateOut, summary=_("An estate's branch and owners' committee")
)
def estate_detail(request, area_id: ObjectId):
    """The estate's type, property mode and maturity, its party branch and owners' committee (plaque, office
    place, since when), the branch secretary and the committee's director, as the estate page shows them."""
    from lianxin.party.estate_governance import estate_governance

    estate = get_for_user(Area, request.user, area_id)
    if estate.level not in (Level.ESTATE, Level.GRID):
        raise ApiError(404, "not_an_estate", _("This area is not an estate."))
    g = estate_governance(estate=estate)
    return {
        "id": estate.pk,
        "name": estate.name,
        "estate_type": estate.estate_type,
        "property_mode": estate.property_mode,
        "is_mature": estate.is_mature,
        "branch": _body(g.branch),
        "owners_committee": _body(g.committee),
        "branch_secretary": _person(g.secretary),
        "committee_director": _person(g.director),
        "secretary_directs_committee": g.joint,
        "both_plaques": g.both_plaques,
    }


class EstateFactsIn(Schema):
    estate_type: str = ""  # commercial, old, resettlement
    property_mode: str = ""  # market, purchased, street_soe, county_soe, none
    is_mature: bool = False


@areas_router.patch(
    "/{area_id}/estate", response=AreaOut, summary=_("Set an estate's type and property mode")
)
def estate_facts_change(request, area_id: ObjectId, payload: EstateFactsIn):
    user = request.user
    estate = get_for_user(Area, user, area_id, CHANGE)
    if not estate_facts_setter(user):
        raise PermissionDenied
    estate = estate_facts_set(actor=user, estate=estate, **payload.dict())
    return area_payloads(user=user, areas=[estate])[0]


class AreaAddIn(Schema):
    level: str
    name: str
    code: str = ""


class AreaMoveIn(Schema):
    parent_id: ObjectId


class AreaMovedOut(AreaOut):
    warning: str = ""


def _keeper(user):
    from lianxin.areas.tree_keeping import tree_keeper

    if not tree_keeper(user):
        raise PermissionDenied


@areas_router.post("/{area_id}/children", response={201: AreaOut}, summary=_("Add an area under one"))
def area_add_api(request, area_id: ObjectId, payload: AreaAddIn):
    from ninja import Status

    from lianxin.areas.tree_keeping import area_add

    user = request.user
    parent = get_for_user(Area, user, area_id, CHANGE)
    _keeper(user)
    area = area_add(actor=user, parent=parent, level=payload.level, name=payload.name, code=payload.code)
    return Status(201, area_payloads(user=user, areas=[area])[0])


@areas_router.post("/{area_id}/move", response=AreaMovedOut, summary=_("Move an area with its subtree"))
def area_move_api(request, area_id: ObjectId, payload: AreaMoveIn):
    """Every record under it follows; ``warning`` says when the new parent is a cluster outside 3–5
    villages."""
    from lianxin.areas.tree_keeping import area_relocate

    user = request.user
    area = get_for_user(Area, user, area_id, CHANGE)
    _keeper(user)
    target = get_for_user(Area, user, payload.parent_id)
    area, warning = area_relocate(actor=user, area=area, new_parent=target)
    return {**area_payloads(user=user, areas=[area])[0], "warning": warning}
