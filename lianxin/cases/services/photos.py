import hashlib
import io

from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from lianxin.cases.models import CasePhoto
from lianxin.core.errors_domain import DomainError
from lianxin.core.uploads import UploadRefused, image_store

FOLDER = "cases"


def photo_upload(actor, *, upload) -> CasePhoto:
    """Accept one photo from ``actor`` (a Django UploadedFile, a file object or bytes) through the
    platform's one upload path (``core.uploads``: type by content, size and pixel limits, EXIF stripped,
    random name, thumbnail); attached to a case by the step that names it."""
    if not getattr(actor, "is_authenticated", False):
        raise DomainError(_("Sign in to upload photos."), code="forbidden")
    if isinstance(upload, bytes):
        upload = io.BytesIO(upload)
    try:
        stored = image_store(upload, folder=FOLDER)
    except UploadRefused as refused:
        raise DomainError(refused.message, code="invalid_photo", field="photos") from None
    with default_storage.open(stored.name, "rb") as fh:
        digest = hashlib.sha256(fh.read()).hexdigest()
    return CasePhoto.objects.create(
        file=stored.name,
        thumbnail=stored.thumbnail,
        content_type=stored.content_type,
        width=stored.width,
        height=stored.height,
        size=stored.size,
        sha256=digest,
        uploaded_by=actor,
    )


def photo_visible(user, name: str) -> bool:
    """Who may open a stored case photo: before it is attached its uploader, after that whoever sees the
    case (registered with ``core.uploads`` for the "cases" folder)."""
    from lianxin.cases.models import Case

    photo = CasePhoto.objects.filter(file=name).only("case_id", "uploaded_by_id").first()
    if photo is None:
        return False
    if photo.case_id is None:
        return photo.uploaded_by_id == user.pk
    return Case.objects.restrict(user).filter(pk=photo.case_id).exists()
