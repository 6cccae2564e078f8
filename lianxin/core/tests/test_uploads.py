import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from lianxin.core import uploads
from lianxin.core.uploads import UploadRefused, image_store, upload_access_register


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """A media root of the test's own; the default storage is rebuilt around it, and again afterwards."""
    from django.core.files.storage import storages
    from django.utils.functional import empty

    settings.MEDIA_ROOT = tmp_path / "media"
    storages._storages = {}
    default_storage._wrapped = empty
    yield settings.MEDIA_ROOT
    storages._storages = {}
    default_storage._wrapped = empty


def _photo(fmt="JPEG", size=(64, 48), exif=True, name="photo.jpg") -> SimpleUploadedFile:
    image = Image.new("RGB", size, (200, 30, 30))
    buffer = io.BytesIO()
    kwargs = {}
    if exif and fmt == "JPEG":
        data = Image.Exif()
        data[0x010F] = "PhoneMaker"  # Make
        data[0x0132] = "2026:01:01 10:00:00"
        data[0x8825] = {2: (35.0, 23.0, 10.0), 1: "N"}  # GPS
        kwargs["exif"] = data.tobytes()
    image.save(buffer, fmt, **kwargs)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_a_photo_is_stored_under_media_root_with_a_random_name_and_a_thumbnail(media_root):
    stored = image_store(_photo(), folder="cases")

    assert stored.name.startswith("cases/") and stored.name.endswith(".jpg")
    assert "photo" not in stored.name
    assert (media_root / stored.name).exists()
    assert (media_root / stored.thumbnail).exists()
    assert (stored.width, stored.height, stored.content_type) == (64, 48, "image/jpeg")
    assert image_store(_photo(), folder="cases").name != stored.name


def test_exif_with_the_gps_position_is_stripped(media_root):
    original = _photo()
    assert Image.open(io.BytesIO(original.read())).getexif()  # the upload carries EXIF
    original.seek(0)

    stored = image_store(original, folder="cases")

    saved = Image.open(media_root / stored.name)
    assert not saved.getexif()
    assert b"PhoneMaker" not in (media_root / stored.name).read_bytes()


def test_the_type_is_read_from_the_content_not_the_name():
    png_named_jpg = _photo(fmt="PNG", name="looks.jpg")
    assert image_store(png_named_jpg, folder="cases").name.endswith(".png")

    script = SimpleUploadedFile("photo.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    with pytest.raises(UploadRefused) as refused:
        image_store(script, folder="cases")
    assert "JPEG" in refused.value.message


def test_too_many_bytes_or_pixels_are_refused_before_decoding(settings):
    with pytest.raises(UploadRefused) as too_big:
        image_store(_photo(size=(400, 400)), folder="cases", max_bytes=500)
    assert too_big.value.code == "too_large"

    with pytest.raises(UploadRefused) as too_many:
        image_store(_photo(size=(100, 100)), folder="cases", max_pixels=5000)
    assert too_many.value.code == "too_many_pixels"


@pytest.mark.django_db
def test_stored_files_are_served_only_to_whom_the_owner_allows_with_a_safe_type(client_as, cast, media_root):
    stored = image_store(_photo(), folder="testphotos")
    upload_access_register(
        "testphotos", lambda user, name: user.username == "grid_worker" and name == stored.name
    )
    try:
        allowed = client_as("grid_worker").get(f"/media/{stored.name}")
        assert allowed.status_code == 200
        assert allowed["Content-Type"] == "image/jpeg"
        assert allowed["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in allowed["Content-Security-Policy"]
        assert client_as("grid_worker").get(f"/media/{stored.thumbnail}").status_code == 200

        assert client_as("resident").get(f"/media/{stored.name}").status_code == 404
        assert client_as("grid_worker").get("/media/testphotos/../../etc/passwd").status_code == 404
    finally:
        uploads._access.pop("testphotos", None)


@pytest.mark.django_db
def test_a_folder_nobody_registered_serves_nothing(client_as, media_root):
    stored = image_store(_photo(), folder="unclaimed")
    assert client_as("county_admin").get(f"/media/{stored.name}").status_code == 404
