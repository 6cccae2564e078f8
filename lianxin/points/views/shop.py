"""The shop staff's 核销 page: enter the code a resident shows, confirm it, and the shop's codes with their
counts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lianxin.core.errors_domain import DomainError
from lianxin.core.pages import error_status
from lianxin.points import selectors, services
from lianxin.points.models import RedemptionState
from lianxin.points.shops import is_shop_staff

PAGE_SIZE = 30


def _shop_staff_only(request) -> None:
    if not is_shop_staff(request.user):
        raise PermissionDenied  # the page is for partner shop staff


def _context(request, **extra) -> dict:
    rows = selectors.redemptions_of_shops(request.user)
    counts = dict(rows.order_by().values_list("state").annotate(n=Count("id")))
    page = Paginator(rows.order_by("-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "page": page,
        "total": sum(counts.values()),
        "counts": [(state, label, counts.get(state, 0)) for state, label in RedemptionState.choices],
        **extra,
    }


@login_required
@require_GET
def shop_home(request):
    _shop_staff_only(request)
    return render(request, "points/shop.html", _context(request))


@login_required
@require_POST
def shop_confirm(request):
    _shop_staff_only(request)
    code = (request.POST.get("code") or "").strip()
    if not code:
        context = _context(request, error=_("Enter the redemption code."))
        return render(request, "points/shop.html", context, status=400)
    try:
        redemption = services.redemption_confirm(request.user, code=code)
    except DomainError as error:
        context = _context(request, error=error.message, code=code)
        return render(request, "points/shop.html", context, status=error_status(error))
    messages.success(
        request,
        _("Confirmed %(code)s: hand over %(reward)s.")
        % {"code": redemption.code, "reward": redemption.reward.name},
    )
    return redirect("points:shop")
