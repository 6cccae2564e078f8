"""The resident's service pages at phone width (居民点单, P001-61, P004-23): 服务 lists the catalogue at his
home with the providers that serve it and their stars; 下单 reports an order through the case engine (the
intake router picks the provider, the payment listener spends the points); 我的订单 lists his orders with
their state and provider, and rates a finished one with 1–5 stars through the engine's rate step."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lianxin.cases import services as case_services
from lianxin.cases.models import State
from lianxin.cases.transitions import allowed_steps
from lianxin.core.errors_domain import DomainError
from lianxin.core.pages import error_status, new_key
from lianxin.provision import selectors, services
from lianxin.provision.matching import providers_by_item

RATED_STATES = {State.HANDLED, State.VERIFIED}


def _home(user):
    person = getattr(user, "person", None)
    return person.area if person is not None else None


@login_required
@require_GET
def services_home(request):
    from lianxin.provision.models import TargetGroup

    home = _home(request.user)
    offered = providers_by_item(home) if home is not None else {}
    # Residents filter by whom a service is for (一老一小, P001-30), as GET /api/v1/service-items/ does.
    group = request.GET.get("group", "")
    group = group if group in TargetGroup.values else ""
    items = [
        {"item": item, "providers": offered.get(item.pk, [])}
        for item in selectors.catalogue(active_only=True, group=group)
    ]
    context = {"home": home, "items": items, "group": group, "groups": TargetGroup.choices}
    return render(request, "provision/services_home.html", context)


def _active_item(pk: int):
    return get_object_or_404(selectors.catalogue(active_only=True), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def order_new(request, pk: int):
    item = _active_item(pk)
    home = _home(request.user)
    status = 200
    if request.method == "POST":
        try:
            case = services.service_order_place(
                request.user,
                item=item,
                note=request.POST.get("note", ""),
                idempotency_key=(request.POST.get("idempotency_key") or "")[:100],
            )
        except DomainError as error:
            messages.error(request, error.message)
            status = error_status(error)
        else:
            messages.success(
                request, _("Ordered %(item)s: order %(number)s.") % {"item": item.name, "number": case.number}
            )
            return redirect("provision:orders_mine")
    providers = providers_by_item(home).get(item.pk, []) if home is not None else []
    context = {"item": item, "home": home, "providers": providers, "idempotency_key": new_key()}
    return render(request, "provision/order_new.html", context, status=status)


def _mine(user) -> dict:
    rows = []
    for case in selectors.orders_mine(user)[: selectors.MY_ORDERS_SHOWN]:
        # Only a handled order can be rated; asking the step rules of those alone keeps the page light.
        rates = case.state in RATED_STATES and "rate" in allowed_steps(user, case)
        rows.append({"case": case, "rates": rates})
    return {"rows": rows, "stars": range(1, 6), "idempotency_key": new_key()}


@login_required
@require_GET
def orders_mine(request):
    return render(request, "provision/orders_mine.html", _mine(request.user))


@login_required
@require_POST
def order_rate(request, pk: int):
    case = selectors.orders_mine(request.user).filter(pk=pk).first()
    if case is None:
        raise Http404
    try:
        case_services.case_rate(
            request.user,
            case=case,
            stars=request.POST.get("stars"),
            idempotency_key=(request.POST.get("idempotency_key") or "")[:100],
        )
    except DomainError as error:
        messages.error(request, error.message)
        return render(request, "provision/orders_mine.html", _mine(request.user), status=error_status(error))
    messages.success(request, _("Thank you for rating order %(number)s.") % {"number": case.number})
    return redirect("provision:orders_mine")
