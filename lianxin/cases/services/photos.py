from django.utils.translation import gettext as _

from lianxin.cases.models import CasePhoto
from lianxin.cases.photos import image_clean, photo_store
from lianxin.core.errors_domain import DomainError


def photo_upload(actor, *, upload) -> CasePhoto:
    """Accept one photo from ``actor`` (a Django UploadedFile or bytes): validated, EXIF stripped,
    thumbnailed, stored under a random name; attached to a case by the step that names it."""
    if not getattr(actor, "is_authenticated", False):
        raise DomainError(_("Sign in to upload photos."), code="forbidden")
    data = upload if isinstance(upload, bytes) else upload.read()
    photo, thumb, extension, content_type, width, height = image_clean(data)
    name, thumb_name, digest = photo_store(data=photo, extension=extension, thumbnail=thumb)
    return CasePhoto.objects.create(
        file=name,
        thumbnail=thumb_name,
        content_type=content_type,
        width=width,
        height=height,
        size=len(photo),
        sha256=digest,
        uploaded_by=actor,
    )
