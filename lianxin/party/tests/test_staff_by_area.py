"""Building and unit captains, community workers and grid workers counted by area (P001-24, P001-25): one
row per area one level below the chosen area (below the user's own areas without one), on the figures page
and in the API alike."""

import pytest

from lianxin.areas.models import Area
from lianxin.core.scope import under
from lianxin.party.figures.staffing import staff_by_area
from lianxin.people.models import Post
from lianxin.people.roles import Role

pytestmark = pytest.mark.django_db


def _people(area, roles) -> int:
    return (
        Post.objects.current()
        .filter(under("area_path", area.path), role__in=roles)
        .values("person_id")
        .distinct()
        .count()
    )


def test_captains_and_workers_are_counted_per_estate_of_a_community(cast, world):
    community = world.communities[0]
    captains, workers = staff_by_area(user=cast.county_admin, root=community)
    estates = list(Area.objects.filter(under("path", community.path), depth=community.depth + 1))

    assert {r.label for r in captains} == {e.name for e in estates}
    for estate in estates:
        row = next(r for r in captains if r.label == estate.name)
        assert row.value == _people(estate, [Role.BUILDING_CAPTAIN, Role.UNIT_CAPTAIN])
        work = next(r for r in workers if r.label == estate.name)
        assert work.value == _people(estate, [Role.COMMUNITY_WORKER, Role.GRID_WORKER])
    assert sum(r.value for r in captains) > 0


def test_without_an_area_the_rows_are_the_parts_of_the_users_own_area(cast, world):
    captains, _workers = staff_by_area(user=cast.street_secretary)
    street = world.streets[0]
    assert {r.label for r in captains} == set(
        Area.objects.filter(under("path", street.path), depth=street.depth + 1).values_list("name", flat=True)
    )


def test_the_api_gives_the_same_rows(client_as, cast, world):
    community = world.communities[0]
    captains, _workers = staff_by_area(user=cast.county_admin, root=community)
    tables = client_as("county_admin").get("/api/v1/territory-figures/", {"area_id": community.pk}).json()
    table = next(t for t in tables if t["title"] == "各区域楼长、单元长")
    assert [(r["label"], int(r["value"])) for r in table["rows"]] == [(r.label, r.value) for r in captains]
