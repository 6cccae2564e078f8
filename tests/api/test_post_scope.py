"""What each role reaches through /api/v1/posts/."""

import pytest

from lianxin.core.scope import under
from lianxin.people.models import Post
from lianxin.people.roles import Role
from tests.api.helpers import assert_error, walk

pytestmark = pytest.mark.django_db


def test_the_grid_worker_sees_the_posts_of_his_estate_only(api_as, world):
    posts = walk(api_as("grid_worker"), "/api/v1/posts/")

    paths = Post.objects.filter(pk__in=[p["id"] for p in posts]).values_list("area_path", flat=True)
    assert posts
    assert all(path.startswith(world.estates[0].path) for path in paths)


def test_the_role_filter_keeps_one_role_under_the_area(api_as, world):
    client = api_as("street_secretary")
    street = world.streets[0]

    posts = walk(client, "/api/v1/posts/", area=street.pk, role=Role.GRID_WORKER)

    expected = Post.objects.current().filter(under("area_path", street.path), role=Role.GRID_WORKER)
    assert sorted(p["id"] for p in posts) == sorted(expected.values_list("pk", flat=True))
    assert {p["role"] for p in posts} == {"grid_worker"}


def test_an_area_outside_the_scope_is_refused(api_as, world):
    assert_error(api_as("grid_worker").get("/api/v1/posts/", {"area": world.estates[1].pk}), 404, "not_found")


def test_a_holder_outside_the_scope_is_named_but_not_linked(api_as, cast):
    # The property company's post lies in the county; its holder is placed nowhere the county admin covers.
    posts = walk(api_as("county_admin"), "/api/v1/posts/", role=Role.PROPERTY_STAFF)
    holder = next(p["person"] for p in posts if p["person"]["name"] == cast.property_staff.person.name)

    assert holder["id"] is None
    assert api_as("county_admin").get(f"/api/v1/persons/{cast.property_staff.person_id}").status_code == 404


def test_a_resident_holds_no_post_and_sees_none(api_as):
    assert walk(api_as("resident"), "/api/v1/posts/") == []
