"""The coverage report over the API (GET /api/v1/coverage/): the figures and every rule with its count and the
places that break it, exactly as the coverage page and its Excel export show them (one payload,
``coverage.exports.coverage_payload``), within the caller's scope."""

from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema

from lianxin.areas.models import Area
from lianxin.core.api_types import ObjectId
from lianxin.core.scope import get_for_user
from lianxin.party.coverage.exports import coverage_payload

router = Router(tags=[_("Organisation coverage")])


class CoverageLineOut(Schema):
    name: str
    kind: str = Field(description=_("area, party_org, organisation, place, person or text"))
    id: int | None
    code: str
    where: str = Field(description=_("The place above, for names that repeat (the estate of a building)"))
    detail: str
    url: str


class CoverageSectionOut(Schema):
    key: str
    title: str
    rule: str
    count: int
    lines: list[CoverageLineOut]


class CoverageOut(Schema):
    area_id: int | None
    estates: int
    estate_branches: int
    estates_with_branch: int
    estate_coverage_rate: float | None = Field(description=_("Per cent, one decimal"))
    members_in_estate_branches: int
    gaps: int
    sections: list[CoverageSectionOut]


@router.get("/", response=CoverageOut, summary=_("Organisation coverage report"))
def coverage_api(request, area_id: ObjectId | None = None):
    """Where the organisations, people or links the rules require are missing (应建未建 estates, buildings
    without a party group, grids without a grid worker …), each section with its count and lines, and the
    estate-branch coverage figures, for an area you may see (all your areas without ``area_id``)."""
    root = get_for_user(Area, request.user, area_id) if area_id else None
    return coverage_payload(user=request.user, root=root)
