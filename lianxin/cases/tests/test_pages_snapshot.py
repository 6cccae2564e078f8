"""随手拍 in three taps (P001-49, P003-28, P004-34, P000-28): photo, category, send; the phone's position
places it in the nearest estate of the reporter's scope, or he picks the estate."""

import pytest

from lianxin.areas.models import Area
from lianxin.cases.models import Case, Channel, ReporterGroup
from lianxin.cases.tests.pages import key, options, photo_file, text
from tests.cases_world import category

pytestmark = pytest.mark.django_db


def snap(client, **data):
    data.setdefault("idempotency_key", key())
    return client.post("/cases/snapshot/", data)


@pytest.fixture
def located(places):
    Area.objects.filter(pk=places.estate.pk).update(lat="35.233000", lng="115.441000")
    Area.objects.filter(pk=places.other_estate.pk).update(lat="35.260000", lng="115.470000")


def test_a_courier_sends_a_photo_and_a_category_and_it_lands_in_the_nearest_estate(
    client_as, cast, places, clock, located
):
    response = snap(
        client_as("courier"),
        category=category("safety").pk,
        area="nearest",
        lat="35.233500",
        lng="115.441200",
        photo_files=[photo_file()],
    )

    case = Case.objects.get(reporter=cast.courier.person)
    assert response.status_code == 302
    assert case.area == places.estate
    assert case.channel == Channel.SNAPSHOT and case.reporter_group == ReporterGroup.COURIER
    assert case.photos.count() == 1
    assert case.description  # a default line when he typed nothing


def test_without_a_position_the_courier_must_pick_the_estate(client_as, cast, places, clock):
    client = client_as("courier")
    refused = snap(client, category=category("safety").pk, area="nearest")

    assert refused.status_code == 400
    assert "无法按位置确定小区，请选择小区。" in text(refused)
    snap(client, category=category("safety").pk, area=places.other_estate.pk)
    assert Case.objects.get(reporter=cast.courier.person).area == places.other_estate


def test_a_grid_workers_snapshot_is_a_patrol_report_of_his_grid(client_as, cast, places, clock):
    snap(client_as("grid_worker"), category=category("environment").pk, area="nearest")

    case = Case.objects.get(reporter=cast.grid_worker.person)
    assert case.area == places.estate  # his only estate, position or not
    assert case.channel == Channel.PATROL and case.reporter_group == ReporterGroup.WORKER


def test_the_snapshot_offers_only_the_estates_of_the_couriers_community(client_as, places):
    html = text(client_as("courier").get("/cases/snapshot/"))
    estates = options(html, "area")

    assert str(places.other_estate.pk) in estates and str(places.estate.pk) in estates
    assert str(places.other_community_estate.pk) not in estates
    assert 'capture="environment"' in html


def test_a_resident_has_no_snapshot_page(client_as):
    assert client_as("resident").get("/cases/snapshot/").status_code == 403
