"""What the volunteering pages share: a service's DomainError shown on the form that caused it, with the
status its code stands for (400, 403, 409); the one flow of a form posted to a service; and the one flow of
a button that ends a row (a member leaving, a pairing ending)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from lianxin.core import pages
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, get_for_user


def form_error(form, error: DomainError) -> int:
    """Put the service's Chinese message on its field (or the whole form) and give the page's status."""
    pages.form_error(form, error)
    return pages.error_status(error)


def area_root(request, *, default_first: bool = True):
    """The area a page's figures are for: ?area=<id> within the user's scope (404 outside it), else his first
    outermost area (or None, his whole scope, when ``default_first`` is off)."""
    from lianxin.areas.models import Area
    from lianxin.areas.selectors import area_roots

    value = request.GET.get("area", "")
    if value.isdigit():
        return get_for_user(Area, request.user, int(value))
    return area_roots(user=request.user).first() if default_first else None


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def form_run(request, form, run, *, success: str, then):
    """A posted form: valid → ``run(cleaned_data)``, then a message and a redirect to ``then(result)``.
    Returns (response, status): a redirect when done, else None and the status of the page to show (200
    for a GET, 400 for a refused field, the service's status for a refused write)."""
    if request.method != "POST" or form is None:
        return None, 200
    if not form.is_valid():
        return None, 400
    try:
        result = run(form.cleaned_data)
    except DomainError as error:
        return None, form_error(form, error)
    messages.success(request, success)
    return redirect(then(result)), 302


def error_page(request, error: DomainError, back: str):
    return render(
        request,
        "volunteering/decision_error.html",
        {"message": error.message, "back": back},
        status=pages.error_status(error),
    )


def row_action(request, model, pk: int, run, *, success: str, back: str, then):
    """A button on a row the user may change: ``run(row)``, then back to ``then(row)``; a refusal is shown
    with its status."""
    row = get_for_user(model, request.user, pk, CHANGE)
    try:
        run(row)
    except DomainError as error:
        return error_page(request, error, back)
    messages.success(request, success)
    return redirect(then(row))
