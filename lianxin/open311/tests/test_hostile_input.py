"""Hostile input through Open311 (issue 18): control characters never break an answer, impossible dates and
decompression bombs are a 400 in the spec's error format, never a 500."""

import io
import struct
import zlib

import pytest

from lianxin.cases.models import Case
from lianxin.open311.formats import render
from lianxin.open311.tests.conftest import V2, errors_of, parse, xml_items

pytestmark = pytest.mark.django_db


def _number(response) -> str:
    [item] = parse(response, "json")
    return item["service_request_id"]


def test_control_characters_are_dropped_where_a_request_enters(o311, api_key, places, clock):
    response = o311.post(
        f"{V2}/requests.json",
        {
            "api_key": api_key,
            "service_code": "cleaning",
            "address_string": "东门\x0c外",
            "description": "垃圾\x01\x0b桶满了\n第二行",
            "first_name": "伟\x1b",
            "last_name": "张",
        },
    )

    assert response.status_code == 201, response.content
    case = Case.objects.get(pk=Case.pk_from_number(_number(response)))
    assert case.description == "垃圾桶满了\n第二行"
    assert case.address == "东门外" and case.contact_name == "张伟"
    root = parse(o311.get(f"{V2}/requests/{case.number}.xml", {"api_key": api_key}), "xml")
    assert xml_items(root, "request")[0]["description"] == "垃圾桶满了\n第二行"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_stored_control_characters_still_give_a_well_formed_answer(o311, api_key, places, clock, fmt):
    response = o311.post(
        f"{V2}/requests.json", {"api_key": api_key, "service_code": "cleaning", "address_string": "东门"}
    )
    # Data stored before entry points cleaned their text.
    Case.objects.filter(pk=Case.pk_from_number(_number(response))).update(
        description="旧数据\x01\x0b\x1f",
        public_note="旧\x08说明",  # no NUL: PostgreSQL refuses it anyway
    )

    answer = o311.get(f"{V2}/requests.{fmt}", {"api_key": api_key})

    assert answer.status_code == 200
    body = parse(answer, fmt)
    [item] = body if fmt == "json" else xml_items(body, "request")
    assert item["description"].startswith("旧数据") and "\x0b" not in item["description"]
    assert "\x08" not in item["status_notes"]


def test_the_xml_format_drops_what_xml_cannot_carry():
    body = render("xml", "errors", [{"code": 400, "description": "a\x01b\ud800c\ufffed"}]).content

    assert body.endswith(b"<description>abcd</description></error></errors>")


def _png_declaring(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\0")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_decompression_bomb_in_a_multipart_post_is_a_400(o311, api_key, places, fmt):
    bomb = io.BytesIO(_png_declaring(60000, 60000))
    bomb.name = "bomb.png"

    response = o311.post(
        f"{V2}/requests.{fmt}",
        {"api_key": api_key, "service_code": "cleaning", "address_string": "东门", "photo1": bomb},
    )

    assert response.status_code == 400
    [error] = errors_of(response, fmt)
    assert str(error["code"]) == "400" and error["description"].startswith("photo1: ")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error["description"])
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    "params",
    [
        {"start_date": "9999-12-31T99:99:99Z"},
        {"end_date": "0001-01-01"},
        {"start_date": "9999-12-31"},
        {"start_date": "0001-01-01T00:00:00Z", "end_date": "0001-01-02T00:00:00Z"},
        {"end_date": "2026-02-30"},
        {"start_date": "2026-11-30T10:00:00+99:00"},
    ],
)
@pytest.mark.parametrize("path", ["requests", "servicerequestupdates"])
def test_impossible_dates_are_a_400_in_the_specs_format(o311, api_key, places, path, params):
    response = o311.get(f"{V2}/{path}.xml", {"api_key": api_key, **params})

    assert response.status_code == 400
    [error] = errors_of(response, "xml")
    assert error["code"] == "400"
    assert error["description"].split(" ")[0].rstrip(":") in ("start_date", "end_date")
