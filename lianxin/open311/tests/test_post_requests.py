"""POST requests: a GeoReport request becomes a case in the staff queue, as FixMyStreet's client sends it;
missing or wrong fields get the spec's errors, all in one body."""

import io

import pytest
from PIL import Image

from lianxin.cases.models import Case, Category
from lianxin.cases.selectors import CaseFilters, case_list
from lianxin.open311.models import ServiceType
from lianxin.open311.tests.conftest import V2, errors_of, parse, xml_items

pytestmark = pytest.mark.django_db


def _post(client, fmt="json", **fields):
    return client.post(f"{V2}/requests.{fmt}", fields)


def _case(response) -> Case:
    [item] = parse(response, "json")
    return Case.objects.get(pk=Case.pk_from_number(item["service_request_id"]))


def test_a_posted_request_appears_in_the_staff_queue_with_channel_open311(o311, api_key, places, clock, cast):
    response = _post(
        o311,
        api_key=api_key,
        jurisdiction_id="heze.gov.cn",
        service_code="cleaning",
        address_string="和谐家园东门",
        address_id=places.estate.code,
        description="东门垃圾桶满了",
        first_name="伟",
        last_name="张",
        phone="13800138000",
        email="zhang@example.com",
        deviceid="fms-device-1",
    )

    assert response.status_code == 201, response.content
    [item] = parse(response, "json")
    assert set(item) == {"service_request_id", "service_notice", "account_id"}
    case = _case(response)
    assert case.channel == "open311" and case.reporter_group == "external"
    assert case.external_system == "hotline-12345"
    assert case.area == places.estate
    assert case.contact_name == "张伟" and case.contact_phone == "13800138000"
    assert case.device_id == "fms-device-1"
    assert case.address == "和谐家园东门"
    queue = case_list(user=cast.community_secretary, filters=CaseFilters(channel="open311", state="open"))
    assert case in queue
    assert case not in case_list(user=cast.resident)


def test_the_xml_answer_has_the_service_requests_root(o311, api_key, places, clock):
    response = _post(o311, "xml", api_key=api_key, service_code="cleaning", lat="35.2", long="115.4")

    assert response.status_code == 201
    root = parse(response, "xml")
    assert root.tag == "service_requests"
    [item] = xml_items(root, "request")
    assert item["service_request_id"].endswith(f"{Case.objects.latest('pk').pk:07d}")
    assert item["account_id"] is None


def test_a_position_is_placed_in_the_nearest_estate_of_the_keys_area(o311, api_key, positioned, clock):
    near_other = _post(o311, api_key=api_key, service_code="cleaning", lat="35.2430", long="115.4412")
    far_away = _post(o311, api_key=api_key, service_code="cleaning", lat="36.9", long="117.0")

    assert _case(near_other).area == positioned.other_estate
    assert float(_case(near_other).lat) == pytest.approx(35.243)
    assert _case(far_away).area == positioned.street  # nothing within the radius: the key's own area


def test_an_address_outside_the_keys_area_is_refused(o311, api_key, places, clock):
    response = _post(
        o311, api_key=api_key, service_code="cleaning", address_id=places.other_community_estate.code
    )

    assert response.status_code == 400
    assert "address_id" in errors_of(response, "json")[0]["description"]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_missing_or_wrong_api_key_is_a_403(o311, api_key, places, fmt):
    missing = _post(o311, fmt, service_code="cleaning", address_string="东门")
    wrong = _post(o311, fmt, api_key="o311_nope", service_code="cleaning", address_string="东门")

    assert missing.status_code == wrong.status_code == 403
    assert str(errors_of(missing, fmt)[0]["code"]) == "403"
    assert "api_key" in errors_of(wrong, fmt)[0]["description"]
    assert not Case.objects.exists()


def test_a_revoked_key_or_a_disabled_system_is_a_403(o311, system, places):
    from lianxin.open311.services import key_issue, key_revoke

    key, secret = key_issue(system=system)
    key_revoke(key=key)
    assert _post(o311, api_key=secret, service_code="cleaning", address_string="东门").status_code == 403
    _key, fresh = key_issue(system=system)
    system.is_active = False
    system.save(update_fields=["is_active"])
    assert _post(o311, api_key=fresh, service_code="cleaning", address_string="东门").status_code == 403


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_every_missing_field_is_named_in_one_400(o311, api_key, places, fmt):
    response = _post(o311, fmt, api_key=api_key, lat="35.2")

    assert response.status_code == 400
    descriptions = " ".join(e["description"] for e in errors_of(response, fmt))
    assert "service_code" in descriptions and "long" in descriptions
    assert len(errors_of(response, fmt)) == 2


def test_an_unknown_service_is_a_404(o311, api_key, places):
    response = _post(o311, api_key=api_key, service_code="unicorns", address_string="东门")

    assert response.status_code == 404
    assert "service_code" in errors_of(response, "json")[0]["description"]


def test_attributes_are_validated_and_unknown_ones_ignored(o311, api_key, places, clock):
    category = Category.objects.get(code="stair_light")
    category.extra_fields = [
        {"code": "floor", "datatype": "number", "required": True, "description": "几楼"},
        {"code": "kind", "datatype": "singlevaluelist", "values": [{"key": "voice", "name": "声控灯"}]},
        {"code": "when", "datatype": "multivaluelist", "values": [{"key": "am"}, {"key": "pm"}]},
    ]
    category.save(update_fields=["extra_fields"])
    base = {"api_key": api_key, "service_code": "stair_light", "address_string": "3号楼"}

    refused = o311.post(f"{V2}/requests.json", {**base, "attribute[kind]": "neon"})
    assert refused.status_code == 400
    named = " ".join(e["description"] for e in errors_of(refused, "json"))
    assert "attribute[floor]" in named and "attribute[kind]" in named

    taken = o311.post(
        f"{V2}/requests.json",
        {
            **base,
            "attribute[floor]": "3",
            "attribute[kind]": "voice",
            "attribute[when][]": ["am", "pm"],
            "attribute[fixmystreet_id]": "991",
        },
    )
    assert taken.status_code == 201, taken.content
    assert _case(taken).extra == {"floor": 3.0, "kind": "voice", "when": ["am", "pm"]}


def _jpeg() -> io.BytesIO:
    data = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(data, format="JPEG")
    data.seek(0)
    data.name = "photo1.jpg"
    return data


def test_a_multipart_post_with_photo_files_attaches_them_to_the_case(
    o311, api_key, places, clock, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    response = o311.post(
        f"{V2}/requests.json",
        {"api_key": api_key, "service_code": "cleaning", "lat": "35.2", "long": "115.4", "photo1": _jpeg()},
    )

    assert response.status_code == 201, response.content
    case = _case(response)
    assert case.photos.count() == 1
    listed = parse(o311.get(f"{V2}/requests/{case.number}.json", {"api_key": api_key}), "json")
    assert "/open311/v2/media/" in listed[0]["media_url"]
    photo = o311.get(listed[0]["media_url"])
    assert photo.status_code == 200
    # Served as every stored image is: never sniffed, sandboxed if opened on its own (issue 18).
    assert photo["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert photo["X-Content-Type-Options"] == "nosniff"


def test_a_file_that_is_not_a_photo_is_a_400_and_no_case(o311, api_key, places):
    junk = io.BytesIO(b"not a picture")
    junk.name = "photo1.jpg"
    response = o311.post(
        f"{V2}/requests.json",
        {"api_key": api_key, "service_code": "cleaning", "address_string": "东门", "photo1": junk},
    )

    assert response.status_code == 400
    assert not Case.objects.exists()


def test_repeated_media_urls_are_kept_and_the_first_is_shown(o311, api_key, places, clock):
    response = o311.post(
        f"{V2}/requests.json",
        {
            "api_key": api_key,
            "service_code": "cleaning",
            "address_string": "东门",
            "media_url": ["https://fms.example/p/1.jpeg", "https://fms.example/p/2.jpeg"],
        },
    )

    case = _case(response)
    assert case.open311.media_urls == ["https://fms.example/p/1.jpeg", "https://fms.example/p/2.jpeg"]
    [shown] = parse(o311.get(f"{V2}/requests/{case.number}.json", {"api_key": api_key}), "json")
    assert shown["media_url"] == "https://fms.example/p/1.jpeg"


def test_a_retried_post_with_the_same_idempotency_key_makes_one_case(o311, api_key, places, clock):
    fields = {"api_key": api_key, "service_code": "cleaning", "address_string": "东门"}
    first = o311.post(f"{V2}/requests.json", fields, HTTP_IDEMPOTENCY_KEY="fms-42")
    again = o311.post(f"{V2}/requests.json", fields, HTTP_IDEMPOTENCY_KEY="fms-42")

    assert parse(first, "json") == parse(again, "json")
    assert Case.objects.count() == 1


def test_a_batch_system_gets_a_token_and_exchanges_it_for_the_request_id(
    o311, system, api_key, places, clock
):
    system.service_type = ServiceType.BATCH
    system.save(update_fields=["service_type"])
    response = _post(o311, api_key=api_key, service_code="cleaning", address_string="东门")

    [item] = parse(response, "json")
    assert "service_request_id" not in item
    case = Case.objects.get()
    for fmt in ("json", "xml"):
        answer = o311.get(f"{V2}/tokens/{item['token']}.{fmt}", {"api_key": api_key})
        assert answer.status_code == 200
        if fmt == "json":
            assert parse(answer, fmt) == [{"service_request_id": case.number, "token": item["token"]}]
        else:
            assert xml_items(parse(answer, fmt), "request") == [
                {"service_request_id": case.number, "token": item["token"]}
            ]
    assert o311.get(f"{V2}/tokens/nope.json", {"api_key": api_key}).status_code == 404
    assert parse(o311.get(f"{V2}/services.json", {"api_key": api_key}), "json")[0]["type"] == "batch"


def test_a_description_may_have_the_specs_4000_characters(o311, api_key, places, clock):
    longest = "楼" * 3999 + "尾"

    taken = _post(o311, api_key=api_key, service_code="cleaning", address_string="东门", description=longest)
    refused = _post(
        o311, api_key=api_key, service_code="cleaning", address_string="东门", description=longest + "多"
    )

    assert taken.status_code == 201, taken.content
    assert _case(taken).description == longest
    assert refused.status_code == 400
    assert errors_of(refused, "json")[0]["description"].startswith("description: ")
