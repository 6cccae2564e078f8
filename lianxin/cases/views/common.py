"""What every case page shares: HTMX detection, idempotency keys, a domain error turned into a status and a
message on the form that caused it, photos taken with a form."""

import uuid

from lianxin.cases.services import photo_upload
from lianxin.core.errors_domain import DomainError

# A domain error's code → the HTTP status of the page that shows it.
STATUS_BY_CODE = {
    "invalid": 400,
    "invalid_photo": 400,
    "forbidden": 403,
    "not_found": 404,
    "invalid_state": 409,
    "idempotency_conflict": 409,
}


def error_status(error: DomainError) -> int:
    return STATUS_BY_CODE.get(error.code, 400)


def new_key() -> str:
    return uuid.uuid4().hex


def posted_key(request) -> str:
    """The idempotency key the form carried; a form without one still works, once."""
    return (request.POST.get("idempotency_key") or "").strip()[:100]


def is_htmx(request) -> bool:
    """An HTMX swap wants the fragment; a history restore after a cache miss wants the whole page."""
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )


def form_error(form, error: DomainError) -> None:
    """Put the service's Chinese message on the field it names, or on the whole form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


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
