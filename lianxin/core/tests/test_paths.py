"""The tree-path helpers agree with treebeard's own idea of the tree: ancestors, parent, depth and the
subtree of every area of the small world, and of the case categories (three characters a level)."""

import pytest

from lianxin.areas.models import Area
from lianxin.cases.models import Category
from lianxin.core.paths import (
    STEPLEN,
    ancestor_path,
    ancestor_paths,
    is_under,
    parent_path,
    path_depth,
    root_path,
    under,
)
from lianxin.party.models import PartyOrg


def test_the_ancestors_of_a_path_are_its_whole_steps_root_first():
    assert ancestor_paths("000100020003") == ["0001", "00010002", "000100020003"]
    assert ancestor_paths("000100020003", include_self=False) == ["0001", "00010002"]
    assert ancestor_paths("0001", include_self=False) == []
    assert ancestor_paths("") == []
    assert ancestor_paths("001002", 3) == ["001", "001002"]


def test_depth_parent_root_and_the_ancestor_at_a_depth():
    path = "000100020003"
    assert path_depth(path) == 3 and path_depth("") == 0 and path_depth("001002", 3) == 2
    assert parent_path(path) == "00010002" and parent_path("0001") == ""
    assert parent_path("001002", 3) == "001"
    assert root_path(path) == "0001" and root_path("001002", 3) == "001"
    assert ancestor_path(path, 1) == "0001" and ancestor_path(path, 2) == "00010002"
    assert ancestor_path(path, 5) == path  # no deeper than the node: the node itself


def test_a_node_is_under_itself_and_its_ancestors_but_not_under_a_sibling():
    assert is_under("00010002", "0001") and is_under("0001", "0001") and is_under("0001", "")
    assert not is_under("00010003", "00010002") and not is_under("0001", "00010002")


def test_the_area_and_party_trees_step_by_the_default_length():
    assert Area.steplen == PartyOrg.steplen == STEPLEN


@pytest.mark.django_db
def test_every_area_s_ancestors_parent_and_depth_are_treebeard_s(world):
    areas = list(Area.objects.all())
    assert len(areas) > 20
    for area in areas:
        ancestors = [a.path for a in Area.objects.get_ancestors(area)]
        assert ancestor_paths(area.path, include_self=False) == ancestors
        assert ancestor_paths(area.path) == [*ancestors, area.path]
        assert path_depth(area.path) == area.depth
        parent = Area.objects.get_parent(area)
        assert parent_path(area.path) == (parent.path if parent else "")


@pytest.mark.django_db
def test_under_selects_a_node_s_subtree_as_treebeard_does(world):
    for area in [world.county, world.streets[0], world.communities[0], world.estates[0]]:
        subtree = set(Area.objects.filter(under("path", area.path)).values_list("pk", flat=True))
        expected = {area.pk, *Area.objects.get_descendants(area).values_list("pk", flat=True)}
        assert subtree == expected and len(subtree) > 1


@pytest.mark.django_db
def test_category_paths_take_their_own_step(world):
    categories = [c for c in Category.objects.all() if c.depth > 1]
    assert categories
    for category in categories:
        assert parent_path(category.path, Category.steplen) == Category.objects.get_parent(category).path
        root = Category.objects.get_ancestors(category).first()
        assert root_path(category.path, Category.steplen) == root.path
