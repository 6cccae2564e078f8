"""A case's photos and their thumbnails, to those who may see the case (before it is attached, to the
uploader only)."""

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import Http404
from django.views.decorators.http import require_GET

from lianxin.cases.models import Case, CasePhoto
from lianxin.core.uploads import image_response


@login_required
@require_GET
def photo_view(request, pk: int, thumbnail: bool = False):
    """A photo, to those who may see its case (or, before it is attached, to its uploader only)."""
    photo = CasePhoto.objects.filter(pk=pk).first()
    if photo is None:
        raise Http404
    if photo.case_id is None:
        if photo.uploaded_by_id != request.user.pk:
            raise Http404
    elif not Case.objects.restrict(request.user).filter(pk=photo.case_id).exists():
        raise Http404
    name = photo.thumbnail.name if thumbnail else photo.file.name
    content_type = "image/jpeg" if thumbnail else photo.content_type
    try:
        handle = default_storage.open(name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    return image_response(handle, content_type=content_type)
