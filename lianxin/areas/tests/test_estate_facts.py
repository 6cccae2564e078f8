"""An estate's type, property mode and maturity, set by community staff from its page or the API
(P004-29, P004-10); read-only posts and other writers are refused."""

import pytest
from django.test import Client

from lianxin.areas.models import Area, EstateType, PropertyMode
from lianxin.audit.models import AuditRecord
from lianxin.tokens.services import token_create

pytestmark = pytest.mark.django_db


def test_the_community_secretary_sets_an_estates_type_and_property_mode(client_as, world):
    estate = world.estates[0]
    client = client_as("community_secretary")
    assert client.get(f"/areas/{estate.pk}/estate/").status_code == 200
    response = client.post(
        f"/areas/{estate.pk}/estate/",
        {"estate_type": "old", "property_mode": "county_soe", "is_mature": "on"},
    )
    assert response.status_code == 302
    estate = Area.objects.get(pk=estate.pk)
    assert (estate.estate_type, estate.property_mode, estate.is_mature) == (
        EstateType.OLD,
        PropertyMode.COUNTY_SOE,
        True,
    )
    assert AuditRecord.objects.filter(object_id=str(estate.pk), action="update").exists()
    page = client.get(f"/areas/{estate.pk}/").content.decode()
    assert "老旧小区" in page


def test_a_bad_mode_is_a_400_and_a_grid_worker_gets_403(client_as, world):
    estate = world.estates[0]
    assert (
        client_as("community_secretary")
        .post(f"/areas/{estate.pk}/estate/", {"property_mode": "x"})
        .status_code
        == 400
    )
    assert client_as("grid_worker").get(f"/areas/{estate.pk}/estate/").status_code == 403
    assert client_as("courier").get(f"/areas/{estate.pk}/estate/").status_code == 403
    assert client_as("resident").get(f"/areas/{estate.pk}/estate/").status_code == 404


def test_the_estate_facts_over_the_api(cast, world):
    estate = world.estates[1]
    _token, secret = token_create(actor=cast.street_secretary, name="tests")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    response = client.patch(
        f"/api/v1/areas/{estate.pk}/estate",
        {"estate_type": "resettlement", "property_mode": "purchased"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    estate = Area.objects.get(pk=estate.pk)
    assert (estate.estate_type, estate.property_mode) == (EstateType.RESETTLEMENT, PropertyMode.PURCHASED)
