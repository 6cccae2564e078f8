"""PATCH /api/v1/areas/{id}/estate: an estate's type, property mode and maturity (P004-29, P004-10)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from ninja import Schema

from lianxin.areas.api import AreaOut, area_payloads
from lianxin.areas.api import router as areas_router
from lianxin.areas.estate_facts import estate_facts_set, estate_facts_setter
from lianxin.areas.models import Area
from lianxin.core.api_types import ObjectId
from lianxin.core.scope import CHANGE, get_for_user


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
