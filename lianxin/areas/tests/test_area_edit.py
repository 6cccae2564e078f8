"""Editing an area's facts: planned households, facilities, brand (community); estate type (estate)."""

import pytest

from lianxin.areas.models import Area

pytestmark = pytest.mark.django_db


def test_a_community_secretary_sets_planned_households_facilities_and_brand(client_as, world):
    community = world.communities[0]
    client = client_as("community_secretary")
    response = client.post(
        f"/areas/{community.pk}/edit/",
        {
            "name": community.name,
            "official_population": "5200",
            "planned_households": "1800",
            "facilities": "党群服务中心、卫生室",
            "brand": "梧桐里·凤凰家",
        },
    )
    assert response.status_code == 302
    community.refresh_from_db()
    assert (community.planned_households, community.official_population, community.brand) == (
        1800,
        5200,
        "梧桐里·凤凰家",
    )
    html = client.get(f"/areas/{community.pk}/").content.decode()
    assert "梧桐里·凤凰家" in html and "党群服务中心、卫生室" in html


def test_an_estate_is_tagged_old_and_bad_input_is_a_400(client_as, world):
    estate = world.estates[0]
    client = client_as("community_secretary")
    assert (
        client.post(f"/areas/{estate.pk}/edit/", {"name": estate.name, "estate_type": "old"}).status_code
        == 302
    )
    assert Area.objects.get(pk=estate.pk).estate_type == "old"
    bad = client.post(f"/areas/{estate.pk}/edit/", {"name": "", "lat": "35.1"})
    assert bad.status_code == 400
    assert Area.objects.get(pk=estate.pk).name == estate.name
    assert client_as("courier").post(f"/areas/{estate.pk}/edit/", {"name": "x"}).status_code == 403


@pytest.mark.parametrize("username", ["grid_worker", "property_staff"])
def test_the_grid_worker_and_the_property_company_change_no_estate_fact(client_as, cast, world, username):
    """Issue 18 finding 6: they may write other rows of the estate, but its type, property mode, maturity
    and name are the community's (and the tree keepers'): the edit page refuses them as the estate endpoint
    and the API do, and the service refuses them whatever calls it."""
    from lianxin.areas.services import area_update
    from lianxin.core.errors_domain import DomainError

    estate = world.estates[0]
    before = Area.objects.get(pk=estate.pk)
    client = client_as(username)
    page = client.post(
        f"/areas/{estate.pk}/edit/",
        {"name": "改名小区", "estate_type": "old", "property_mode": "none", "is_mature": "on"},
    )
    assert page.status_code == 403
    assert client.get(f"/areas/{estate.pk}/edit/").status_code == 403
    with pytest.raises(DomainError):
        area_update(actor=cast[username], area=estate, estate_type="old")
    with pytest.raises(DomainError):
        area_update(actor=cast[username], area=estate, name="改名小区")
    after = Area.objects.get(pk=estate.pk)
    assert (after.name, after.estate_type, after.property_mode, after.is_mature) == (
        before.name,
        before.estate_type,
        before.property_mode,
        before.is_mature,
    )
    assert f'/areas/{estate.pk}/edit/"' not in client.get(f"/areas/{estate.pk}/").content.decode()


def test_a_community_worker_sets_the_estate_facts_but_does_not_rename_it(world):
    """Each fact has its owners: the name is the tree keepers' (organisation department, secretaries)."""
    from lianxin.areas.services import area_update
    from lianxin.core.errors_domain import DomainError
    from lianxin.people.models import Person, Post, User
    from lianxin.people.roles import Role

    person = Person.objects.create(name="社区工作者甲")
    Post.objects.create(
        person=person,
        role=Role.COMMUNITY_WORKER,
        area=world.communities[0],
        area_path=world.communities[0].path,
    )
    worker = User.objects.create(username="community_worker_a", person=person)
    estate = world.estates[0]
    area_update(actor=worker, area=estate, estate_type="old", is_mature=True)
    assert Area.objects.get(pk=estate.pk).estate_type == "old"
    with pytest.raises(DomainError):
        area_update(actor=worker, area=estate, name="改名小区")
    assert Area.objects.get(pk=estate.pk).name == estate.name
