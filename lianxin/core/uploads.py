"""Image uploads, for every app (case photos first): checked by content, limited, cleaned, stored safely.

    from lianxin.core.uploads import image_store, upload_access_register

    stored = image_store(request.FILES["photo"], folder="cases")   # raises UploadRefused (a DomainError)
    photo.image, photo.thumbnail = stored.name, stored.thumbnail    # keep the two names on your model

    # once, in your AppConfig.ready(): who may see the files of your folder
    upload_access_register("cases", lambda user, name: CasePhoto.objects.restrict(user).filter(image=name)...)

The page shows ``{% url 'media' name %}``; the view answers 404 unless the folder's access function says yes.

What ``image_store`` guarantees:
- the type is read from the content (Pillow), never from the name or the browser's Content-Type: JPEG,
  PNG and WebP only;
- at most UPLOAD_MAX_BYTES bytes and UPLOAD_MAX_PIXELS pixels (checked before decoding: no decompression
  bombs);
- the image is decoded and written anew: EXIF (GPS position, camera, time) and every other metadata chunk
  is dropped, the orientation is applied first so the picture still stands upright;
- stored under MEDIA_ROOT (outside the code tree, never served as static files) as
  ``<folder>/<yyyy>/<mm>/<random>.<ext>`` with a thumbnail beside it;
- served with the content type of what was stored, ``X-Content-Type-Options: nosniff``, and a CSP that lets
  nothing in the file run.
"""

import io
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from lianxin.core.errors_domain import DomainError

FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "WEBP": ("webp", "image/webp")}
CONTENT_TYPES = {ext: content_type for ext, content_type in FORMATS.values()}
THUMBNAIL_SIZE = (320, 320)
_FOLDER = re.compile(r"^[a-z0-9_-]+(/[a-z0-9_-]+)*$")
_NAME = re.compile(r"^[a-z0-9_/-]+/\d{4}/\d{2}/[0-9a-f]{32}(_thumb)?\.(jpg|png|webp)$")


class UploadRefused(DomainError):
    pass


@dataclass(frozen=True)
class StoredImage:
    name: str  # relative to MEDIA_ROOT: "cases/2026/12/<32 hex>.jpg"
    thumbnail: str  # "cases/2026/12/<32 hex>_thumb.jpg"
    content_type: str
    width: int
    height: int
    size: int  # bytes of the stored (cleaned) image


def _encode(image: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(buffer, "JPEG", quality=85, optimize=True)
    elif fmt == "PNG":
        image.save(buffer, "PNG", optimize=True)
    else:
        image.save(buffer, "WEBP", quality=85)
    return buffer.getvalue()


def _refused_for_pixels(max_pixels: int) -> UploadRefused:
    return UploadRefused(
        _("The picture is too large: at most %(mp)d million pixels.")
        % {"mp": max(1, max_pixels // 1_000_000)},
        code="too_many_pixels",
        field="photo",
    )


def image_store(
    upload, *, folder: str, max_bytes: int | None = None, max_pixels: int | None = None
) -> StoredImage:
    """Check, clean and store one uploaded image (a Django UploadedFile or any binary file object)."""
    if not _FOLDER.match(folder):
        raise ValueError(f"bad upload folder {folder!r}")
    max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
    max_pixels = max_pixels or settings.UPLOAD_MAX_PIXELS
    size = getattr(upload, "size", None)
    data = upload.read(max_bytes + 1)
    if (size is not None and size > max_bytes) or len(data) > max_bytes:
        raise UploadRefused(
            _("The file is too large: at most %(mb)d MB.") % {"mb": max_bytes // (1024 * 1024) or 1},
            code="too_large",
            field="photo",
        )
    too_many_pixels = _refused_for_pixels(max_pixels)
    try:
        probe = Image.open(io.BytesIO(data))  # reads the header only
    except Image.DecompressionBombError:
        # Pillow refuses, from the header alone, a picture declaring more than twice its own limit (a
        # 60000 × 60000 PNG of a few hundred bytes): too large, whatever it holds.
        raise too_many_pixels from None
    except (UnidentifiedImageError, OSError, ValueError):
        probe = None
    fmt = probe.format if probe is not None else None
    if fmt not in FORMATS:
        raise UploadRefused(_("Upload a photo (JPEG, PNG or WebP)."), code="not_an_image", field="photo")
    width, height = probe.size
    if width * height > max_pixels:
        raise too_many_pixels
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
        image = ImageOps.exif_transpose(image)
    except Exception:  # noqa: BLE001 - a crafted file can fail Pillow's decoders in many ways, all "damaged"
        raise UploadRefused(
            _("The photo is damaged and cannot be read."), code="damaged", field="photo"
        ) from None
    ext, content_type = FORMATS[fmt]
    clean = _encode(image, fmt)
    thumb = image.copy()
    thumb.thumbnail(THUMBNAIL_SIZE)
    thumb_bytes = _encode(thumb, fmt)
    stem = f"{folder}/{timezone.now():%Y/%m}/{secrets.token_hex(16)}"
    name = default_storage.save(f"{stem}.{ext}", ContentFile(clean))
    thumbnail = default_storage.save(f"{stem}_thumb.{ext}", ContentFile(thumb_bytes))
    return StoredImage(name, thumbnail, content_type, image.width, image.height, len(clean))


def image_delete(name: str) -> None:
    """Remove a stored image and its thumbnail."""
    if not _NAME.match(name):
        raise ValueError("not a stored image name")
    stem, ext = name.rsplit(".", 1)
    for path in (name, f"{stem}_thumb.{ext}"):
        default_storage.delete(path)


_access: dict[str, Callable] = {}


def upload_access_register(folder: str, allowed: Callable) -> None:
    """``allowed(user, name) -> bool`` decides who may see the files stored under ``folder``."""
    if not _FOLDER.match(folder):
        raise ValueError(f"bad upload folder {folder!r}")
    _access[folder] = allowed


def media_response(request, name: str):
    """The stored file, to whoever the owning folder's access function lets see it; 404 for anyone else."""
    if not _NAME.match(name) or ".." in name:
        raise Http404
    folder = name.rsplit("/", 3)[0]
    allowed = _access.get(folder)
    original = name.replace("_thumb.", ".")
    if allowed is None or not request.user.is_authenticated or not allowed(request.user, original):
        raise Http404
    if not default_storage.exists(name):
        raise Http404
    content_type = CONTENT_TYPES[name.rsplit(".", 1)[1]]
    return image_response(default_storage.open(name, "rb"), content_type=content_type)


def image_response(handle, *, content_type: str) -> FileResponse:
    """A stored image, as every view that serves one must send it: its stored type, never sniffed, and a
    sandbox CSP, so that a file that is not what it claims, opened on its own, runs nothing in our origin.
    Cached by the browser only (not by proxies) for an hour."""
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, max-age=3600"
    return response
