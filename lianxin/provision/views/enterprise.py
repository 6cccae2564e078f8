"""The enterprise contact's page (企业服务, P000-62): the chain service teams' services (税务征缴、卫生保洁、
证照办理、安全消防), each with the team the enterprise's request would reach (its chain alliance's first), a
form to submit a request, and the enterprise's requests with their team, state and stars (rated on
我的订单)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lianxin.core.errors_domain import DomainError
from lianxin.core.pages import error_status, new_key, posted_key
from lianxin.provision.matching import alliances_of, provider_match
from lianxin.provision.services.enterprise import (
    enterprise_items,
    enterprise_request_place,
    enterprise_requests,
    enterprises_of,
)


def _int(value) -> int:
    value = str(value or "")
    return int(value) if value.isdigit() and len(value) < 18 else 0


@login_required
@require_http_methods(["GET", "POST"])
def enterprise_services(request):
    user = request.user
    enterprises = list(enterprises_of(user))
    if not enterprises:
        raise PermissionDenied  # the page (and its menu entry) is an enterprise contact's
    enterprise = next((e for e in enterprises if e.pk == _int(request.GET.get("enterprise"))), enterprises[0])
    items = list(enterprise_items())
    status = 200
    if request.method == "POST":
        enterprise = next(
            (e for e in enterprises if e.pk == _int(request.POST.get("enterprise"))), enterprise
        )
        try:
            item = next((i for i in items if i.pk == _int(request.POST.get("item"))), None)
            if item is None:
                raise DomainError(_("Choose one of the enterprise services."), field="item")
            case = enterprise_request_place(
                user,
                enterprise=enterprise,
                item=item,
                description=request.POST.get("description", ""),
                idempotency_key=posted_key(request),
            )
        except DomainError as error:
            messages.error(request, error.message)
            status = error_status(error)
        else:
            messages.success(
                request,
                _("Request %(number)s submitted: %(handler)s takes it.")
                % {"number": case.number, "handler": case.handler_label},
            )
            return redirect(f"{request.path}?enterprise={enterprise.pk}")
    alliances = alliances_of(user)
    offers = []
    for item in items:
        teams = provider_match(item=item, area=enterprise.area, alliances=alliances)
        offers.append({"item": item, "team": teams[0] if teams else None})
    context = {
        "enterprises": enterprises,
        "enterprise": enterprise,
        "offers": offers,
        "requests": enterprise_requests(user)[:50],
        "key": posted_key(request) if status != 200 else new_key(),
    }
    return render(request, "provision/enterprise_services.html", context, status=status)
