"""The post list of an area (who holds which post under it: building captains, unit captains, community
workers, grid workers …) carries its count on the page, in the API and in an Excel export, the same three
numbers (issue 19: "a list with no count"; P000-34, P001-24, P001-25)."""

import io
import re

import pytest
from openpyxl import load_workbook

from lianxin.areas.selectors import area_subtree_posts
from lianxin.people.roles import Role

pytestmark = pytest.mark.django_db


def _page_numbers(html: str) -> tuple[int, int]:
    found = re.search(r'data-testid="post-count"[^>]*>\D*(\d+)\D+(\d+)', html)
    return int(found.group(1)), int(found.group(2))


@pytest.mark.parametrize("role", [Role.BUILDING_CAPTAIN, ""])
def test_page_api_and_export_give_one_count(client_as, cast, world, role):
    community = world.communities[0]
    client = client_as("community_secretary")
    expected = area_subtree_posts(user=cast.community_secretary, area=community, role=role)
    assert expected.count() > 0

    html = client.get(f"/areas/{community.pk}/posts/", {"role": role}).content.decode()
    api = client.get("/api/v1/posts/", {"area": community.pk, **({"role": role} if role else {})}).json()
    export = client.get(f"/areas/{community.pk}/posts/", {"role": role, "format": "xlsx"})

    posts, people = _page_numbers(html)
    assert posts == api["count"] == expected.count()
    assert people == api["people"] == expected.values("person").distinct().count()
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(export.content)).worksheets[0].iter_rows(values_only=True))
    assert len(rows) - 1 == posts
    if role:
        assert {r[0] for r in rows[1:]} == {Role(role).label}


def test_the_export_holds_only_what_the_user_may_see(client_as, world):
    # A building captain's list of his own estate is refused like the page: he may not open the community.
    community = world.communities[0]
    response = client_as("building_captain").get(f"/areas/{community.pk}/posts/", {"format": "xlsx"})
    assert response.status_code == 404
