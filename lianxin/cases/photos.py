"""Photos: checked by their content (not their name), limited in bytes and pixels, re-encoded so that no
EXIF data (GPS position, phone model) survives, stored under random names outside the code tree, with a
thumbnail for lists and timelines."""

import hashlib
import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from lianxin.core.errors_domain import DomainError

# What we accept, by the format Pillow finds in the bytes, and what we store it as.
ACCEPTED = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "WEBP": ("webp", "image/webp")}
THUMBNAIL_SIZE = (360, 360)


def _invalid(message: str):
    raise DomainError(message, code="invalid_photo", field="photos")


def image_clean(data: bytes) -> tuple[bytes, bytes, str, str, int, int]:
    """(photo, thumbnail, extension, content type, width, height) of an uploaded image, or a DomainError."""
    if len(data) > settings.LIANXIN_PHOTO_MAX_BYTES:
        _invalid(
            _("The photo is larger than %(mb)s MB. Take it again at a lower resolution.")
            % {"mb": settings.LIANXIN_PHOTO_MAX_BYTES // (1024 * 1024)}
        )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            width, height = probe.size
            if kind not in ACCEPTED:
                raise UnidentifiedImageError(kind)
            if width * height > settings.LIANXIN_PHOTO_MAX_PIXELS:
                _invalid(_("The photo has too many pixels. Take it again at a lower resolution."))
            probe.verify()
        image = Image.open(io.BytesIO(data))
        image.load()
    except DomainError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        _invalid(_("This file is not a photo Lianxin can read. Send a JPEG, PNG or WebP picture."))
    extension, content_type = ACCEPTED[kind]
    image = ImageOps.exif_transpose(image)
    if kind == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    out = io.BytesIO()
    # Saving without exif= drops every EXIF tag; the orientation was applied above.
    image.save(out, format=kind, **({"quality": 85} if kind in ("JPEG", "WEBP") else {}))
    thumb = image.copy()
    thumb.thumbnail(THUMBNAIL_SIZE)
    if thumb.mode not in ("RGB", "L"):
        thumb = thumb.convert("RGB")
    thumb_out = io.BytesIO()
    thumb.save(thumb_out, format="JPEG", quality=80)
    return out.getvalue(), thumb_out.getvalue(), extension, content_type, image.width, image.height


def photo_store(*, data: bytes, extension: str, thumbnail: bytes) -> tuple[str, str, str]:
    """Save a cleaned photo and its thumbnail under random names; return their names and the hash."""
    from lianxin.cases.models.photos import _random_name

    name = default_storage.save(_random_name("", extension), ContentFile(data))
    thumb_name = default_storage.save(_random_name("t_", "jpg"), ContentFile(thumbnail))
    return name, thumb_name, hashlib.sha256(data).hexdigest()
