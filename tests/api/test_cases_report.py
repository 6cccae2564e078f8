"""POST /api/v1/cases/ and photo uploads: a program reports through the api channel, an external system's
account with its own channel, reporter group and area (P002-57), a resident in his own community."""

import io

import pytest
from django.test import Client
from PIL import Image

from lianxin.cases.models import Case, CasePhoto
from lianxin.open311.services import system_create
from lianxin.tokens.services import token_create
from tests.api.helpers import assert_error
from tests.cases_world import category

pytestmark = pytest.mark.django_db


def _report(client, **body):
    return client.post("/api/v1/cases/", body, content_type="application/json")


def _jpeg(name="photo.jpg") -> io.BytesIO:
    data = io.BytesIO()
    Image.new("RGB", (64, 48), "blue").save(data, format="JPEG")
    data.seek(0)
    data.name = name
    return data


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_program_with_a_token_reports_through_the_api_channel(api_as, places, clock):
    response = _report(
        api_as("grid_worker"),
        category=category("cleaning").pk,
        area=places.estate.pk,
        description="东门垃圾桶满了",
        lat=35.2335,
        lng=115.4412,
    )

    assert response.status_code == 201, response.content
    case = Case.objects.get(pk=response.json()["id"])
    assert case.channel == "api"
    assert case.reporter_group == "worker"
    assert response.json()["state"] == case.state


def test_the_pages_own_calls_report_through_their_usual_channel(client_as, places, clock):
    client = client_as("resident")
    response = _report(
        client, category=category("stair_light").pk, area=places.building.pk, description="灯坏了"
    )

    assert response.status_code == 201
    assert Case.objects.get(pk=response.json()["id"]).channel == "h5"


def test_a_mini_program_reports_for_couriers_with_its_channel_and_reporter_group(places, clock):
    system = system_create(
        name="新新向党小程序", code="xinxin", area=places.street, channel="api", reporter_group="courier"
    )
    _token, secret = token_create(actor=system.account, name="小程序后台")
    program = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    response = _report(
        program,
        category=category("fire_lane").pk,
        area=places.estate.pk,
        description="小区东门消防通道被堵",
        external_id="wx-8812",
    )

    assert response.status_code == 201, response.content
    case = Case.objects.get(pk=response.json()["id"])
    assert (case.channel, case.reporter_group, case.external_system, case.external_id) == (
        "api",
        "courier",
        "xinxin",
        "wx-8812",
    )
    listed = program.get("/api/v1/cases/", {"reporter_group": "courier"}).json()["items"]
    assert [item["id"] for item in listed] == [case.pk]
    outside = _report(
        program, category=category("cleaning").pk, area=places.other_community_estate.pk, description="别处"
    )
    assert set(assert_error(outside, 400, "invalid")["fields"]) == {"area"}


def test_an_account_with_no_post_and_no_home_here_cannot_place_a_report(places, clock):
    from lianxin.people.models import User

    stranger = User.objects.create(username="stranger")
    _token, secret = token_create(actor=stranger, name="test")

    response = _report(
        Client(HTTP_AUTHORIZATION=f"Bearer {secret}"),
        category=category("cleaning").pk,
        area=places.estate.pk,
        description="x",
    )

    assert set(assert_error(response, 400, "invalid")["fields"]) == {"area"}


def test_a_resident_reports_in_his_community_as_on_the_page(api_as, places, clock):
    response = _report(
        api_as("resident"),
        category=category("cleaning").pk,
        area=places.other_estate.pk,
        description="路过看到垃圾",
    )
    elsewhere = _report(
        api_as("resident"),
        category=category("cleaning").pk,
        area=places.other_community_estate.pk,
        description="路过看到垃圾",
    )

    assert response.status_code == 201
    assert set(assert_error(elsewhere, 400, "invalid")["fields"]) == {"area"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"area": 1, "description": "x"}, "category"),
        ({"category": 10**9, "area": 1, "description": "x"}, "category"),
        ({"category": 1, "area": 1, "description": "x", "urgency": "now"}, "urgency"),
        ({"category": 1, "area": 1, "description": "x", "lat": 123}, "lat"),
        ({"category": 1, "area": 1, "description": "   "}, "description"),
        ({"category": 1, "area": 1, "description": "x", "photos": [10**9]}, "photos"),
    ],
)
def test_a_bad_report_is_refused_naming_the_field(api_as, places, clock, body, field):
    body = {**body, "area": places.estate.pk} if body.get("area") == 1 else body
    if body.get("category") == 1:
        body["category"] = category("cleaning").pk
    response = _report(api_as("grid_worker"), **body)

    assert 400 <= response.status_code < 500
    assert field in response.json()["error"]["fields"]
    assert not Case.objects.exists()


def test_a_photo_is_uploaded_then_attached_to_the_report(api_as, places, clock, media):
    client = api_as("grid_worker")
    uploaded = client.post("/api/v1/cases/photos", {"file": _jpeg()})

    assert uploaded.status_code == 201, uploaded.content
    photo = uploaded.json()
    assert (photo["width"], photo["height"], photo["content_type"]) == (64, 48, "image/jpeg")
    report = _report(
        client,
        category=category("cleaning").pk,
        area=places.estate.pk,
        description="垃圾",
        photos=[photo["id"]],
    )
    assert [p["id"] for p in report.json()["photos"]] == [photo["id"]]
    assert client.get(photo["url"]).status_code == 200


def test_a_retried_upload_with_the_same_key_stores_one_photo(api_as, media):
    client = api_as("grid_worker")

    first = client.post("/api/v1/cases/photos", {"file": _jpeg()}, HTTP_IDEMPOTENCY_KEY="up-1")
    again = client.post("/api/v1/cases/photos", {"file": _jpeg()}, HTTP_IDEMPOTENCY_KEY="up-1")
    other = client.post(
        "/api/v1/cases/photos", {"file": io.BytesIO(b"\x89PNG other")}, HTTP_IDEMPOTENCY_KEY="up-1"
    )

    assert first.json() == again.json()
    assert CasePhoto.objects.count() == 1
    assert_error(other, 409, "idempotency_conflict")


def test_a_file_that_is_not_a_photo_is_a_400(api_as, media):
    junk = io.BytesIO(b"%PDF-1.4 not a photo")
    junk.name = "scan.jpg"

    response = api_as("grid_worker").post("/api/v1/cases/photos", {"file": junk})

    assert set(assert_error(response, 400, "invalid_photo")["fields"]) == {"photos"}
    assert not CasePhoto.objects.exists()


def test_a_photo_of_someone_else_cannot_be_attached(api_as, places, clock, media):
    photo = api_as("grid_worker").post("/api/v1/cases/photos", {"file": _jpeg()}).json()
    assert_error(api_as("community_secretary").get(photo["url"]), 404, "not_found")

    response = _report(
        api_as("community_secretary"),
        category=category("cleaning").pk,
        area=places.estate.pk,
        description="垃圾",
        photos=[photo["id"]],
    )

    assert set(assert_error(response, 400, "invalid")["fields"]) == {"photos"}
