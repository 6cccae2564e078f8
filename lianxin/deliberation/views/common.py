"""What the deliberation pages (and the API's meeting) share: a meeting's parts, a posted form run through a
service, the area a page is for."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from lianxin.cases.models import State
from lianxin.core import pages
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import get_for_user


def meeting_detail(meeting) -> dict:
    from lianxin.deliberation.services.meetings import matters_closed_since

    earlier = matters_closed_since(meeting)
    return {
        "parties": list(
            meeting.parties.select_related("person", "organisation", "party_org").order_by("role", "id")
        ),
        "votes": list(meeting.votes.select_related("topic").order_by("id")),
        "decisions": list(meeting.decisions.select_related("case").order_by("id")),
        "matters": list(meeting.matters.select_related("case", "case__category").order_by("id")),
        "topics": list(meeting.topics.order_by("id")),
        "earlier": earlier,
        "earlier_closed": sum(1 for m in earlier if m.case.state == State.CLOSED),
    }


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def area_root(request, *, default_first: bool = True):
    from lianxin.areas.models import Area
    from lianxin.areas.selectors import area_roots

    value = request.GET.get("area", "")
    if value.isdigit():
        return get_for_user(Area, request.user, int(value))
    return area_roots(user=request.user).first() if default_first else None


def form_run(request, form, run, *, success: str, then):
    """A posted form: valid → ``run(cleaned_data)``, a message and a redirect; else the status to show."""
    if request.method != "POST" or form is None:
        return None, 200
    if not form.is_valid():
        return None, 400
    try:
        result = run(form.cleaned_data)
    except DomainError as error:
        pages.form_error(form, error)
        return None, pages.error_status(error)
    messages.success(request, success)
    return redirect(then(result)), 302
