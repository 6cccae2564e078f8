"""GET requests, GET a request and GET tokens without an api_key (issue 19): the spec needs no key for them,
so clients such as georeport and FixMyStreet in batch mode can read. Residents' data stays private: without a
key, only public requests with only what a public report may show, as OPEN311_PUBLIC_READS says."""

from decimal import Decimal

import pytest
from django.core.cache import caches

from lianxin.cases import services
from lianxin.cases.models import Case, Category, RequestType
from lianxin.open311.models import ServiceType
from lianxin.open311.tests.conftest import V2, errors_of, parse, xml_items
from tests.cases_world import category

pytestmark = pytest.mark.django_db

PUBLIC_FIELDS = {"description": None, "media_url": None}


@pytest.fixture(autouse=True)
def fresh_counts():
    caches["shared"].clear()
    yield
    caches["shared"].clear()


def _post(o311, api_key, **fields) -> dict:
    fields = {"api_key": api_key, "service_code": "stair_light", **fields}
    response = o311.post(f"{V2}/requests.json", fields)
    assert response.status_code == 201, response.content
    [item] = parse(response, "json")
    return item


@pytest.fixture
def posted(o311, api_key, places, clock) -> Case:
    item = _post(
        o311,
        api_key,
        address_id=places.building.code,
        lat="35.2335678",
        long="115.4412345",
        address_string="和谐家园3号楼2单元",
        description="3号楼2单元王秀英家门口垃圾满了",
        first_name="秀英",
        last_name="王",
        phone="13800138000",
        media_url="https://example.org/photo.jpg",
    )
    return Case.objects.get(pk=Case.pk_from_number(item["service_request_id"]))


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_without_a_key_a_request_shows_only_its_public_fields(o311, posted, places, cast, fmt):
    services.case_take(cast.building_captain, case=posted)
    services.case_comment(
        cast.community_secretary,
        case=posted,
        note=f"已请{cast.building_captain.person.name}处理",
        is_public=True,
    )

    response = o311.get(f"{V2}/requests/{posted.number}.{fmt}")

    assert response.status_code == 200
    body = parse(response, fmt)
    [item] = body if fmt == "json" else xml_items(body, "request")
    assert item["service_request_id"] == posted.number and item["status"] == "open"
    assert item["service_code"] == "stair_light" and item["requested_datetime"].endswith("+08:00")
    assert item["description"] is None and item["media_url"] is None
    assert item["address"] == places.community.name and item["address_id"] == places.community.code
    assert float(item["lat"]) == 35.234 and float(item["long"]) == 115.441
    assert item["agency_responsible"] == places.community.name  # the building's captain: his community
    assert item["status_notes"] == f"已请{places.community.name}处理"
    text = response.content.decode()
    for private in ("王秀英", "13800138000", "3号楼", "example.org", cast.building_captain.person.name):
        assert private not in text


def test_without_a_key_the_list_shows_public_requests_of_every_system_and_channel(
    o311, api_key, posted, places, cast, clock
):
    resident = services.case_report(
        cast.resident, category=category("cleaning"), area=places.estate, description="垃圾桶满了"
    )
    complaint = services.case_report(
        cast.resident,
        category=category("cleaning"),
        area=places.estate,
        description="投诉保洁员",
        request_type=RequestType.COMPLAINT,
    )
    # A category kept from residents and external systems (staff report in it).
    unlisted = services.case_report(
        cast.grid_worker, category=category("parking"), area=places.estate, description="占用消防通道"
    )
    Category.objects.filter(code="parking").update(is_public=False)

    listed = [item["service_request_id"] for item in parse(o311.get(f"{V2}/requests.json"), "json")]

    assert posted.number in listed and resident.number in listed
    assert complaint.number not in listed and unlisted.number not in listed
    for hidden_case in (complaint, unlisted):
        response = o311.get(f"{V2}/requests/{hidden_case.number}.json")
        assert response.status_code == 404  # the same answer as a number that does not exist
        assert (
            errors_of(response, "json")[0]["description"]
            == errors_of(o311.get(f"{V2}/requests/20261130-9999999.json"), "json")[0]["description"]
        )
    # With its key, the system still reads the full request, and only its own.
    [mine] = parse(o311.get(f"{V2}/requests.json", {"api_key": api_key}), "json")
    assert mine["description"] == "3号楼2单元王秀英家门口垃圾满了"


def test_without_a_key_a_dispute_is_not_shown(o311, posted, places, cast, clock):
    dispute = services.case_report(
        cast.grid_worker,
        category=category("neighbour_dispute"),
        area=places.estate,
        description="邻里漏水纠纷",
        dispute_parties=[{"name": "甲"}, {"name": "乙"}],
    )

    assert o311.get(f"{V2}/requests/{dispute.number}.json").status_code == 404
    assert dispute.number not in [
        i["service_request_id"] for i in parse(o311.get(f"{V2}/requests.json"), "json")
    ]


def test_a_batch_client_looks_up_its_token_without_a_key(o311, system, api_key, places, clock):
    system.service_type = ServiceType.BATCH
    system.save(update_fields=["service_type"])
    token = _post(o311, api_key, address_string="东门")["token"]

    response = o311.get(f"{V2}/tokens/{token}.xml")

    assert response.status_code == 200
    [item] = xml_items(parse(response, "xml"), "request")
    assert item["token"] == token
    assert Case.objects.filter(pk=Case.pk_from_number(item["service_request_id"])).exists()
    assert o311.get(f"{V2}/tokens/{'0' * 32}.xml").status_code == 404


@pytest.mark.parametrize("path", ["requests.json", "requests/{number}.json", "tokens/{token}.json"])
def test_the_setting_none_keeps_every_read_behind_the_key(o311, posted, settings, path):
    settings.OPEN311_PUBLIC_READS = "none"
    url = f"{V2}/" + path.format(number=posted.number, token=posted.open311.token)

    response = o311.get(url)

    assert response.status_code == 403
    assert "api_key" in errors_of(response, "json")[0]["description"]


def test_the_setting_full_shows_every_field_without_a_key(o311, posted, settings):
    settings.OPEN311_PUBLIC_READS = "full"

    [item] = parse(o311.get(f"{V2}/requests/{posted.number}.json"), "json")

    assert item["description"] == "3号楼2单元王秀英家门口垃圾满了"
    assert Decimal(str(item["lat"])) == Decimal("35.233568")


def test_an_unknown_setting_reads_as_none(o311, posted, settings):
    settings.OPEN311_PUBLIC_READS = "everything"

    assert o311.get(f"{V2}/requests.json").status_code == 403


def test_reads_without_a_key_are_limited_per_address(o311, posted, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "open311_public": "2/m"}

    assert o311.get(f"{V2}/requests.json").status_code == 200
    assert o311.get(f"{V2}/requests/{posted.number}.json").status_code == 200
    refused = o311.get(f"{V2}/tokens/{posted.open311.token}.json")
    other = o311.get(f"{V2}/requests.json", REMOTE_ADDR="203.0.113.9")

    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert other.status_code == 200


def test_updates_still_need_a_key(o311, posted):
    assert o311.get(f"{V2}/servicerequestupdates.xml").status_code == 403
