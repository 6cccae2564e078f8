"""The four roles of new-employment workers (四大员, P002-58): posts over an area, distinct people counted."""

import pytest

from lianxin.people.models import Person, Post
from lianxin.people.roles import ROLE_RULES, Role

pytestmark = pytest.mark.django_db


def test_the_area_page_and_api_count_distinct_people_in_the_four_roles(client_as, world):
    community = world.communities[0]
    rider, other = Person.objects.create(name="骑手甲"), Person.objects.create(name="骑手乙")
    for person, role in [
        (rider, Role.GRID_GOVERNANCE_AGENT),
        (rider, Role.MOBILE_PUBLICITY_AGENT),
        (other, Role.CIVILITY_PATROLLER),
    ]:
        Post.objects.create(person=person, role=role, area=community, area_path=community.path)

    client = client_as("community_secretary")
    html = client.get(f"/areas/{community.pk}/").content.decode()
    shown = html[html.index('data-testid="four-roles"') :]
    assert shown.startswith('data-testid="four-roles">2') and "网格治理员" in shown.split("</dd>")[0]
    data = client.get(f"/api/v1/areas/{community.pk}/four-roles").json()
    assert data["people"] == 2
    assert {r["role"]: r["posts"] for r in data["roles"]}["mobile_publicity_agent"] == 1
    assert client_as("grid_worker").get(f"/api/v1/areas/{community.pk}/four-roles").status_code == 404


def test_the_four_roles_are_read_only_posts():
    for role in (Role.GRID_GOVERNANCE_AGENT, Role.SAFETY_SUPERVISOR):
        assert not ROLE_RULES[role].writes
