"""Tree operations: create with generated codes, rename, move with every record under the node following it
(households, people, posts, cases, their figures), and the rules that refuse a wrong move."""

import pytest

from lianxin.areas.models import Area, Household, Level
from lianxin.areas.services import area_create, area_move, area_rename, cluster_size_warning
from lianxin.cases import services
from lianxin.cases.engine import case_differences
from lianxin.cases.figures import figures_for_area, period_of
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import under
from lianxin.people.models import Person, Post
from tests.cases_world import category


def test_a_new_estate_gets_a_code_after_its_community_and_a_rename_keeps_it(cast, places):
    estate = area_create(
        actor=cast.county_admin, parent=places.community, level=Level.ESTATE, name="新建小区"
    )
    assert estate.code.startswith(places.community.code)
    renamed = area_rename(actor=cast.county_admin, area=estate, name="和美家园")
    assert renamed.code == estate.code and renamed.name == "和美家园"


def test_moving_an_estate_to_another_community_takes_everything_under_it_along(cast, places, clock, world):
    case = services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="灯坏"
    )
    services.case_take(cast.building_captain, case=case)
    other = next(c for c in world.communities if c.pk != places.community.pk)
    before = {
        "households": Household.objects.filter(under("area_path", places.estate.path)).count(),
        "persons": Person.objects.filter(under("area_path", places.estate.path)).count(),
        "posts": Post.objects.filter(under("area_path", places.estate.path)).count(),
    }

    moved = area_move(actor=cast.county_admin, area=places.estate, new_parent=other)

    assert moved.path.startswith(other.path)
    assert Household.objects.filter(under("area_path", moved.path)).count() == before["households"] > 0
    assert Person.objects.filter(under("area_path", moved.path)).count() == before["persons"]
    assert Post.objects.filter(under("area_path", moved.path)).count() == before["posts"]
    case.refresh_from_db()
    assert case.area_path.startswith(moved.path)
    assert case_differences(case) == {}
    day = clock.now.date()
    assert figures_for_area(area=Area.objects.get(pk=other.pk), period=period_of("day", day)).reported == 1
    assert (
        figures_for_area(area=Area.objects.get(pk=places.community.pk), period=period_of("day", day)).reported
        == 0
    )


def test_a_move_under_itself_or_to_a_wrong_level_is_refused(cast, places):
    building = Area.objects.filter(under("path", places.estate.path), level=Level.BUILDING).first()
    with pytest.raises(DomainError):
        area_move(actor=cast.county_admin, area=places.estate, new_parent=building)
    with pytest.raises(DomainError):
        area_move(actor=cast.county_admin, area=places.estate, new_parent=places.street)


def test_a_cluster_warns_outside_three_to_five_villages(world):
    assert cluster_size_warning(cluster=world.cluster) == ""
    lonely = area_create(actor=None, parent=world.townships[0], level=Level.CLUSTER, name="新片区")
    assert "3" in cluster_size_warning(cluster=lonely)
