"""GET requests, GET a request and FixMyStreet's servicerequestupdates: the status changes a system's cases
go through in the loop are visible to it, in both formats, and only its own cases."""

from datetime import timedelta

import pytest

from lianxin.cases import services
from lianxin.cases.models import Case, Rating
from lianxin.open311.services import key_issue, system_create
from lianxin.open311.tests.conftest import V2, errors_of, parse, xml_items
from tests.cases_world import category

pytestmark = pytest.mark.django_db

REQUEST_FIELDS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}
UPDATE_FIELDS = {"update_id", "service_request_id", "status", "updated_datetime", "description", "media_url"}


def _submit(o311, api_key, code="stair_light", **extra) -> Case:
    from lianxin.open311.tests.conftest import parse as parse_body

    response = o311.post(
        f"{V2}/requests.json",
        {
            "api_key": api_key,
            "service_code": code,
            "address_string": "1号楼",
            "description": "楼道灯不亮",
            **extra,
        },
    )
    assert response.status_code == 201, response.content
    return Case.objects.get(pk=Case.pk_from_number(parse_body(response, "json")[0]["service_request_id"]))


@pytest.fixture
def reported(o311, api_key, places, clock):
    return _submit(o311, api_key, address_id=places.building.code)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_request_is_listed_with_the_specs_fields_and_w3c_dates(o311, api_key, reported, fmt):
    response = o311.get(f"{V2}/requests.{fmt}", {"api_key": api_key, "jurisdiction_id": "heze.gov.cn"})

    assert response.status_code == 200
    body = parse(response, fmt)
    if fmt == "xml":
        assert body.tag == "service_requests"
        body = xml_items(body, "request")
    [item] = body
    assert set(item) == REQUEST_FIELDS
    assert item["service_request_id"] == reported.number
    assert item["status"] == "open"
    assert item["service_code"] == "stair_light" and item["service_name"] == "楼道照明"
    assert item["requested_datetime"] == "2026-11-30T10:00:00+08:00"
    assert item["expected_datetime"].endswith("+08:00")
    assert item["address_id"] == reported.area.code
    assert item["agency_responsible"] == "1号楼"  # the building's captain: named by his level's place


def test_status_changes_in_the_loop_show_in_get_requests_and_in_the_updates(
    o311, api_key, system, reported, cast, clock
):
    captain = cast.building_captain
    clock.advance(minutes=30)
    services.case_take(captain, case=reported)
    services.case_handle(captain, case=reported, note="已更换声控灯泡")
    services.case_verify(cast.community_secretary, case=reported, passed=True, note="灯已亮")
    clock.advance(hours=1)
    # The system reported it, so the system relays its caller's rating.
    services.case_rate(system.account, case=reported, rating=Rating.SATISFIED)

    [item] = parse(o311.get(f"{V2}/requests/{reported.number}.json", {"api_key": api_key}), "json")
    assert item["status"] == "closed"
    assert item["status_notes"] == "灯已亮"
    assert item["updated_datetime"] == "2026-11-30T11:30:00+08:00"

    window = {
        "api_key": api_key,
        "start_date": "2026-11-30T00:00:00+08:00",
        "end_date": "2026-12-01T00:00:00Z",
    }
    updates = parse(o311.get(f"{V2}/servicerequestupdates.json", window), "json")
    assert all(set(UPDATE_FIELDS) <= set(u) for u in updates)
    assert [u["service_request_id"] for u in updates] == [reported.number] * len(updates)
    assert "已更换声控灯泡" in [u["description"] for u in updates]
    assert updates[-1]["status"] == "closed" and updates[0]["status"] == "open"
    root = parse(o311.get(f"{V2}/servicerequestupdates.xml", window), "xml")
    assert root.tag == "service_request_updates"
    assert [u["update_id"] for u in xml_items(root, "request_update")] == [u["update_id"] for u in updates]


def test_the_updates_are_only_the_public_steps_after_the_report(o311, api_key, reported, cast, clock):
    services.case_comment(cast.community_secretary, case=reported, note="内部：联系物业", is_public=False)

    window = {"api_key": api_key, "start_date": "2026-11-30T00:00:00Z", "end_date": "2026-12-01T00:00:00Z"}
    updates = parse(o311.get(f"{V2}/servicerequestupdates.json", window), "json")
    assert [u["external_status_code"] for u in updates] == ["dispatched"]
    assert "内部：联系物业" not in [u["description"] for u in updates]


def test_lists_take_comma_joined_ids_codes_and_statuses(o311, api_key, places, clock):
    light = _submit(o311, api_key, address_id=places.building.code)
    clean = _submit(o311, api_key, code="cleaning", address_id=places.estate.code)

    def ids(**params):
        body = parse(o311.get(f"{V2}/requests.json", {"api_key": api_key, **params}), "json")
        return [item["service_request_id"] for item in body]

    assert ids(service_request_id=f"{clean.number},{light.number}") == [clean.number, light.number]
    assert ids(service_request_id=f"{light.pk}") == [light.number]
    assert ids(service_code="cleaning,stair_light") == [clean.number, light.number]
    assert ids(service_code="cleaning") == [clean.number]
    assert ids(status="open,closed") == [clean.number, light.number]
    assert ids(status="closed") == []


def test_the_window_defaults_to_the_last_90_days_and_may_not_be_wider(o311, api_key, reported, clock):
    def get(**params):
        return o311.get(f"{V2}/requests.json", {"api_key": api_key, **params})

    assert len(parse(get(), "json")) == 1
    assert parse(get(start_date="2026-12-01T00:00:00Z"), "json") == []
    wide = get(start_date="2026-01-01T00:00:00Z", end_date="2026-11-30T00:00:00Z")
    assert wide.status_code == 400
    assert "90" in errors_of(wide, "json")[0]["description"]
    assert get(start_date="yesterday").status_code == 400
    assert get(status="pending").status_code == 400
    assert get(service_code="unicorns").status_code == 404


def test_a_system_reads_only_its_own_requests(o311, api_key, reported, places, cast, clock):
    other = system_create(name="城管系统", code="city-management", area=places.street)
    _key, other_secret = key_issue(system=other)
    mine = services.case_report(
        cast.resident, category=category("cleaning"), area=places.estate, description="垃圾"
    )

    assert parse(o311.get(f"{V2}/requests.json", {"api_key": other_secret}), "json") == []
    for number in (reported.number, mine.number):
        response = o311.get(f"{V2}/requests/{number}.xml", {"api_key": other_secret})
        assert response.status_code == 404
        assert errors_of(response, "xml")[0]["code"] == "404"
    assert o311.get(f"{V2}/requests/{mine.number}.json", {"api_key": api_key}).status_code == 404


def test_reading_updates_needs_an_api_key(o311, reported):
    # Requests and tokens are read without a key too, as OPEN311_PUBLIC_READS says (test_public_reads.py).
    response = o311.get(f"{V2}/servicerequestupdates.xml")

    assert response.status_code == 403


def test_a_request_number_with_a_wrong_date_is_not_found(o311, api_key, reported):
    wrong = reported.number.replace("20261130", "20250101")

    assert o311.get(f"{V2}/requests/{wrong}.json", {"api_key": api_key}).status_code == 404
    assert o311.get(f"{V2}/requests/abc.json", {"api_key": api_key}).status_code == 404
    assert o311.get(f"{V2}/requests/{'9' * 40}.json", {"api_key": api_key}).status_code == 404


def test_updates_default_to_the_last_day(o311, api_key, reported, clock, cast):
    from django.utils import timezone

    services.case_take(cast.building_captain, case=reported)
    recent = parse(o311.get(f"{V2}/servicerequestupdates.json", {"api_key": api_key}), "json")
    assert recent == [] or all(
        u["updated_datetime"] >= (timezone.now() - timedelta(days=1)).isoformat()[:10] for u in recent
    )
    since = parse(
        o311.get(
            f"{V2}/servicerequestupdates.json", {"api_key": api_key, "start_date": "2026-11-30T00:00:00Z"}
        ),
        "json",
    )
    assert {u["external_status_code"] for u in since} == {"dispatched", "in_progress"}
