"""What every case page shares: HTMX detection, idempotency keys, a domain error turned into a status and a
message on the form that caused it, photos taken with a form."""

from lianxin.cases.services import photo_upload
from lianxin.core.errors_domain import DomainError
from lianxin.core.pages import error_status, form_error, is_htmx, new_key, posted_key

__all__ = ["error_status", "form_error", "form_messages", "is_htmx", "new_key", "photos_from", "posted_key"]


def form_messages(form) -> str:
    """All of a form's error messages on one line, for places with no room for the form itself."""
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def photos_from(request, user) -> tuple[list[int], DomainError | None]:
    """The ids of the photos a form carries: those uploaded already (by the page's script, or by an earlier
    attempt of the same form) and the files sent with it now, uploaded here. A file that is not a photo
    stops there, with the error; what was uploaded before it is kept."""
    ids = [int(v) for v in request.POST.getlist("photos") if str(v).isdigit()]
    for upload in request.FILES.getlist("photo_files"):
        if not upload.size:
            continue
        try:
            ids.append(photo_upload(user, upload=upload).pk)
        except DomainError as error:
            return ids, error
    return ids, None


def photos_kept(user, ids) -> list:
    """The user's own unattached photos among ``ids``, to show again on a form re-rendered after an error."""
    from lianxin.cases.models import CasePhoto

    if not ids:
        return []
    return list(CasePhoto.objects.filter(pk__in=ids, uploaded_by=user, event__isnull=True).order_by("id"))
