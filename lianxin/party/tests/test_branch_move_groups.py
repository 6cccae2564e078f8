"""A branch moved to another estate would leave its building groups on the old estate's buildings (issue 19):
the move is refused with a Chinese reason naming the groups, on the page's service and the API alike; the
groups are not carried over, since no building of the new estate is theirs (P003-03)."""

import pytest
from django.test import Client

from lianxin.areas.models import Area, Level
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import under
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.party.services.orgs import party_org_edit
from lianxin.tokens.services import token_create
from tests.api.helpers import assert_chinese

pytestmark = pytest.mark.django_db


def _branch_with_groups() -> tuple[PartyOrg, PartyOrg]:
    group = PartyOrg.objects.filter(kind=OrgKind.GROUP).order_by("path").first()
    return PartyOrg.objects.get_parent(group), group


def _elsewhere(branch: PartyOrg) -> Area:
    community = Area.objects.get_parent(branch.area)
    return (
        Area.objects.filter(under("path", community.path), level=Level.ESTATE)
        .exclude(pk=branch.area_id)
        .order_by("path")
        .first()
    )


def _edit(actor, branch, area):
    return party_org_edit(
        actor=actor,
        org=branch,
        name=branch.name,
        kind=branch.kind,
        parent=PartyOrg.objects.get_parent(branch),
        area=area,
        secretary=None,
        field=branch.field,
    )


def test_a_branch_with_building_groups_is_not_moved_to_another_estate(cast, world):
    branch, group = _branch_with_groups()
    other = _elsewhere(branch)

    with pytest.raises(DomainError) as refused:
        _edit(cast.county_admin, branch, other)

    assert refused.value.code == "groups_outside" and refused.value.field == "area"
    assert group.name in refused.value.message
    assert_chinese(refused.value.message)
    branch.refresh_from_db()
    group.refresh_from_db()
    assert branch.area_id != other.pk and group.area.path.startswith(branch.area.path)
    with pytest.raises(DomainError):  # nor left without an estate
        _edit(cast.county_admin, branch, None)

    _token, secret = token_create(actor=cast.county_admin, name="tests")
    response = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").patch(
        f"/api/v1/party-orgs/{branch.pk}",
        {"name": branch.name, "kind": branch.kind, "area_id": other.pk, "field": branch.field},
        content_type="application/json",
    )
    assert response.status_code == 400, response.content
    assert_chinese(response.json()["error"]["message"])
    branch.refresh_from_db()
    assert branch.area_id != other.pk


def test_a_branch_without_groups_moves_and_an_unchanged_anchor_passes(cast, world):
    branch, _group = _branch_with_groups()
    _edit(cast.county_admin, branch, branch.area)  # the same estate: nothing to check

    other = _elsewhere(branch)
    bare = PartyOrg.objects.add_child(
        PartyOrg.objects.get_parent(branch),
        {"kind": OrgKind.BRANCH, "name": "新支部", "area": branch.area, "area_path": branch.area_path},
    )
    moved = _edit(cast.county_admin, bare, other)
    assert moved.area_id == other.pk
