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
    client = client_as("grid_worker")
    assert (
        client.post(f"/areas/{estate.pk}/edit/", {"name": estate.name, "estate_type": "old"}).status_code
        == 302
    )
    assert Area.objects.get(pk=estate.pk).estate_type == "old"
    bad = client.post(f"/areas/{estate.pk}/edit/", {"name": "", "lat": "35.1"})
    assert bad.status_code == 400
    assert Area.objects.get(pk=estate.pk).name == estate.name
    assert client_as("courier").post(f"/areas/{estate.pk}/edit/", {"name": "x"}).status_code == 403
