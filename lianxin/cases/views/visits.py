"""Household visits (拉呱、串门、调解、帮办, P000-31; the liaison's four duties, P002-31): the visitor's log
and the form that records a visit. A mediation opens a dispute case, an errand a case the visitor handles."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lianxin.cases import permissions, services
from lianxin.cases.forms import VisitForm
from lianxin.cases.models import Visit
from lianxin.cases.views import queries
from lianxin.cases.views.common import error_status, form_error, new_key, posted_key
from lianxin.core.errors_domain import DomainError

PAGE_SIZE = 30


@login_required
@require_http_methods(["GET", "POST"])
def visits(request):
    user = request.user
    if not user.person_id or not permissions.is_worker(user):
        raise PermissionDenied  # the page is not for this post
    households = queries.visit_households(user)
    places = queries.report_places(user)
    categories = queries.report_categories(user, public_only=False)
    kwargs = {"households": households, "places": places, "categories": categories}
    status = 200
    if request.method == "POST":
        form = VisitForm(request.POST, **kwargs)
        status = 400
        replay = _replayed(user, posted_key(request))
        if replay is not None:
            return _logged(request, *replay)
        if form.is_valid():
            data = form.cleaned_data
            household = next((h for h in households if str(h.pk) == data["household"]), None)
            area = next((p.area for p in places if str(p.pk) == data["area"]), None)
            category = next((c for c, _label in categories if str(c.pk) == data["category"]), None)
            try:
                visit = services.visit_record(
                    user,
                    kind=data["kind"],
                    household=household,
                    area=area,
                    note=data["note"],
                    attendees=data["attendees"],
                    category=category,
                )
            except DomainError as error:
                _release(user, posted_key(request))
                form_error(form, error)
                status = error_status(error)
            else:
                _remember(user, posted_key(request), visit)
                return _logged(request, visit.pk, visit.case_id)
        else:
            _release(user, posted_key(request))
    else:
        form = VisitForm(**kwargs)
    page = Paginator(
        Visit.objects.restrict(user)
        .filter(visitor_id=user.person_id)
        .select_related("household", "area", "case"),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "key": posted_key(request) if status != 200 else new_key()}
    return render(request, "cases/visits.html", context, status=status)


# ``visit_record`` takes no idempotency key (the engine keeps none for visits): the page keeps the form's
# key for a day in the cache, so a double tap logs one visit and opens one case.
KEY_SECONDS = 24 * 3600
PENDING = "pending"


def _cache_key(user, key: str) -> str:
    return f"lianxin:visit-key:{user.pk}:{key}"


def _replayed(user, key: str):
    """(visit id, case id) of the visit this key logged already; claims the key when it is new."""
    if not key:
        return None
    done = cache.get(_cache_key(user, key))
    if done is not None and done != PENDING:
        return done
    if done == PENDING or not cache.add(_cache_key(user, key), PENDING, KEY_SECONDS):
        return (None, None)  # the same form is being logged by the first tap
    return None


def _remember(user, key: str, visit) -> None:
    if key:
        cache.set(_cache_key(user, key), (visit.pk, visit.case_id), KEY_SECONDS)


def _release(user, key: str) -> None:
    if key:
        cache.delete(_cache_key(user, key))


def _logged(request, visit_id, case_id):
    if visit_id is not None:
        messages.success(request, _("The visit is logged."))
    if case_id:
        return redirect("cases:detail", pk=case_id)
    return redirect("cases:visits")
