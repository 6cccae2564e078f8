"""Photos uploaded from a form: validated by content, shown to the uploader before they are attached and
to those who see the case after."""

import pytest

from lianxin.cases.models import CasePhoto
from lianxin.cases.tests.pages import HTMX, not_a_photo, photo_file, stair_light, text

pytestmark = pytest.mark.django_db


def test_an_upload_comes_back_as_a_thumbnail_with_its_hidden_id(client_as, cast):
    response = client_as("resident").post(
        "/cases/photos/", {"photo": [photo_file(), photo_file("b.jpg")]}, **HTMX
    )

    photos = CasePhoto.objects.filter(uploaded_by=cast.resident)
    assert response.status_code == 200 and photos.count() == 2
    for photo in photos:
        assert f'name="photos" value="{photo.pk}"' in text(response)
        assert f"/cases/photos/{photo.pk}/thumbnail/" in text(response)


def test_a_file_that_is_not_a_photo_is_400_with_the_chinese_message(client_as, cast):
    response = client_as("resident").post("/cases/photos/", {"photo": not_a_photo()}, **HTMX)

    assert response.status_code == 400 and "请上传照片（JPEG、PNG 或 WebP 格式）。" in text(response)
    assert not CasePhoto.objects.filter(uploaded_by=cast.resident).exists()


def test_an_unattached_photo_is_seen_by_its_uploader_only(client_as, cast):
    client_as("resident").post("/cases/photos/", {"photo": photo_file()})
    photo = CasePhoto.objects.get(uploaded_by=cast.resident)

    assert client_as("resident").get(f"/cases/photos/{photo.pk}/thumbnail/").status_code == 200
    assert client_as("grid_worker").get(f"/cases/photos/{photo.pk}/thumbnail/").status_code == 404


def test_a_photo_someone_else_uploaded_cannot_be_attached(client_as, cast, places, clock):
    from lianxin.cases import services

    photo = services.photo_upload(cast.grid_worker, upload=photo_file())
    case = stair_light(cast, places)
    services.case_take(cast.building_captain, case=case)
    response = client_as("building_captain").post(
        f"/cases/{case.pk}/steps/handle/", {"idempotency_key": "k", "note": "已修好", "photos": [photo.pk]}
    )

    assert response.status_code == 400
    photo.refresh_from_db()
    assert photo.event_id is None
