"""Hostile input is a 4xx with a Chinese message, never a 500 (issue 18, finding 7): decompression bombs,
page numbers past any database's integers, request bodies over the size limit."""

import io
import json
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lianxin.cases.models import CasePhoto
from lianxin.tokens.services import token_create

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


def _bomb_png(width=60000, height=60000) -> bytes:
    """A small PNG whose header declares width × height pixels: Pillow refuses to open it at all."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def _bomb_upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("bomb.png", _bomb_png(), content_type="image/png")


def _api(cast, username: str) -> Client:
    _token, secret = token_create(actor=cast[username], name="tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_a_decompression_bomb_is_refused_by_the_shared_upload_code():
    from lianxin.core.uploads import UploadRefused, image_store

    with pytest.raises(UploadRefused) as refused:
        image_store(io.BytesIO(_bomb_png()), folder="cases")
    assert refused.value.code == "too_many_pixels"
    assert "像素" in refused.value.message


def test_a_decompression_bomb_on_the_photo_page_is_a_400_in_chinese(client_as, cast):
    response = client_as("resident").post("/cases/photos/", {"photo": _bomb_upload()})

    assert response.status_code == 400
    assert "像素" in response.content.decode()
    assert not CasePhoto.objects.filter(uploaded_by=cast.resident).exists()


def test_a_decompression_bomb_through_the_api_is_a_400_in_chinese(cast):
    response = _api(cast, "resident").post("/api/v1/cases/photos", {"file": _bomb_upload()})

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_photo"
    assert "像素" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("username", "path"),
    [
        ("county_admin", "/cases/"),
        ("resident", "/cases/mine/"),
        ("grid_worker", "/cases/todo/"),
        ("grid_worker", "/cases/visits/"),
        ("auditor", "/audit/"),
        ("grid_worker", "/inbox/"),
        ("county_admin", "/people/"),
    ],
)
@pytest.mark.parametrize("page", [HUGE, "-" + HUGE, "1e400", "nan", "0x10"])
def test_a_page_number_past_any_integer_shows_a_page_not_a_500(client_as, cast, username, path, page):
    from tests.personas import otp_verify_session

    client = client_as(username)
    otp_verify_session(client, cast[username])
    response = client.get(path, {"page": page})

    assert response.status_code == 200, (path, page, response.status_code)


def test_a_json_body_over_the_size_limit_is_a_413_in_chinese(cast, settings):
    body = json.dumps({"description": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)})

    response = _api(cast, "resident").post("/api/v1/cases/", body, content_type="application/json")

    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "too_large"
    assert "请求" in error["message"]


def test_a_form_over_the_size_limit_on_a_page_is_a_400_in_chinese(client_as, cast, settings):
    response = client_as("resident").post(
        "/cases/report/", {"description": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)}
    )

    assert response.status_code == 400
    assert "请求" in response.content.decode()
