"""Keeping the tree (P000-01): a cluster created under a township and villages moved into it with their
records; warned when the cluster has fewer than 3 or more than 5 villages. Pages and API, managers only."""

import pytest
from django.test import Client

from lianxin.areas.models import Area, Household, Level
from lianxin.core.scope import under
from lianxin.tokens.services import token_create

pytestmark = pytest.mark.django_db


def test_a_cluster_is_created_and_a_village_moved_in_with_its_households(client_as, world):
    village = (
        Household.objects.filter(area__level=Level.VILLAGE)
        .exclude(area_path__startswith=world.cluster.path)
        .select_related("area")
        .first()
        .area
    )
    township = Area.objects.get_parent(village)
    households = Household.objects.filter(under("area_path", village.path)).count()
    assert households
    client = client_as("county_admin")
    assert client.get(f"/areas/{township.pk}/new/").status_code == 200
    response = client.post(f"/areas/{township.pk}/new/", {"level": "cluster", "name": "西湖示范片区"})
    assert response.status_code == 302
    cluster = Area.objects.get(name="西湖示范片区")
    assert cluster.level == Level.CLUSTER and cluster.path.startswith(township.path)
    response = client.post(f"/areas/{village.pk}/move/", {"parent_code": cluster.code}, follow=True)
    village.refresh_from_db()
    assert village.path.startswith(cluster.path)
    assert Household.objects.filter(under("area_path", cluster.path)).count() == households
    assert "3" in response.content.decode().split("notice")[1]  # warned: one village, a cluster groups 3 to 5


def test_a_level_that_does_not_fit_is_refused_and_non_managers_get_403(client_as, world):
    estate = world.estates[0]
    response = client_as("community_secretary").post(
        f"/areas/{estate.pk}/new/", {"level": "community", "name": "x"}
    )
    assert response.status_code == 400
    assert client_as("grid_worker").get(f"/areas/{estate.pk}/new/").status_code == 403
    assert client_as("resident").get(f"/areas/{estate.pk}/move/").status_code == 404


def test_moving_over_the_api_returns_the_cluster_warning(cast, world):
    _token, secret = token_create(actor=cast.county_admin, name="tests")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    village = Area.objects.filter(level=Level.VILLAGE).exclude(path__startswith=world.cluster.path).first()
    township = Area.objects.get_parent(village)
    created = client.post(
        f"/api/v1/areas/{township.pk}/children",
        {"level": "cluster", "name": "北湖片区"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    village = (
        Area.objects.filter(under("path", township.path), level=Level.VILLAGE)
        .exclude(path__startswith=world.cluster.path)
        .first()
    )
    moved = client.post(
        f"/api/v1/areas/{village.pk}/move",
        {"parent_id": created.json()["id"]},
        content_type="application/json",
    )
    assert moved.status_code == 200, moved.content
    assert moved.json()["warning"]


def test_the_area_page_offers_keeping_links_only_to_keepers(client_as, world):
    estate = world.estates[0]
    assert (
        'data-testid="area-keeping"'
        in client_as("community_secretary").get(f"/areas/{estate.pk}/").content.decode()
    )
    page = client_as("grid_worker").get(f"/areas/{estate.pk}/").content.decode()
    assert 'data-testid="area-keeping"' not in page and 'data-testid="estate-facts-link"' not in page
