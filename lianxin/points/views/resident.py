"""The resident's 积分 page: balance, the ledger page by page (HTMX 更多), the rewards on offer with a 兑换
button each, and his codes to show at the shop."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lianxin.core.errors_domain import DomainError
from lianxin.core.pages import error_status, is_htmx, new_key, posted_key
from lianxin.points import selectors, services

LEDGER_PAGE = 20
CODES_SHOWN = 20


def _before(request) -> int | None:
    value = request.GET.get("before", "")
    return int(value) if value.isdigit() and 0 < len(value) < 10 else None


def _context(request) -> dict:
    person = request.user.person
    entries, more = selectors.entries_page(person, before=_before(request), limit=LEDGER_PAGE)
    return {
        "balance": selectors.balance_of(person),
        "entries": entries,
        "more": more,
        "rewards": list(selectors.rewards_on_offer()),
        "codes": list(selectors.redemptions_mine(person).order_by("-id")[:CODES_SHOWN]),
        "idempotency_key": new_key(),
    }


def _ledger_workbook(request):
    """The whole ledger (oldest first) with the balance and what was earned and spent: the same numbers
    as the page and ``/api/v1/points/balance`` and ``/entries``."""
    from django.db.models import Q, Sum
    from django.utils import timezone

    from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response

    person = request.user.person
    rows = selectors.entries_of(person).order_by("seq")
    sums = rows.aggregate(
        earned=Sum("amount", filter=Q(amount__gt=0)), spent=Sum("amount", filter=Q(amount__lt=0))
    )
    columns = [
        ExcelColumn(_("No."), lambda e: e.seq, 6),
        ExcelColumn(_("Time"), lambda e: timezone.localtime(e.created_at), 18),
        ExcelColumn(_("Kind"), lambda e: e.get_kind_display(), 8),
        ExcelColumn(_("Points"), lambda e: e.amount, 8),
        ExcelColumn(_("Balance after"), lambda e: e.balance_after, 10),
        ExcelColumn(_("Reason"), lambda e: e.reason, 30),
    ]
    notes = [
        (_("My points"), str(selectors.balance_of(person))),
        (_("Points earned"), str(sums["earned"] or 0)),
        (_("Points spent"), str(-(sums["spent"] or 0))),
    ]
    title = f"{person.name}，{_('Points ledger')}"
    return xlsx_response(
        list_workbook(title=title, columns=columns, objects=rows, notes=notes), f"{title}.xlsx"
    )


@login_required
@require_GET
def points_home(request):
    if request.GET.get("format") == "xlsx":
        return _ledger_workbook(request)
    context = _context(request)
    if is_htmx(request) and "before" in request.GET:
        return render(request, "points/_ledger_rows.html", context)
    return render(request, "points/home.html", context)


@login_required
@require_POST
def points_redeem(request):
    value = request.POST.get("reward", "")
    if not value.isdigit() or len(value) > 18:
        context = _context(request) | {"error": _("Choose a reward to redeem.")}
        return render(request, "points/home.html", context, status=400)
    reward = selectors.rewards_on_offer().filter(pk=int(value)).first()
    if reward is None:
        raise Http404
    try:
        redemption = services.reward_redeem(request.user, reward=reward, key=posted_key(request))
    except DomainError as error:
        context = _context(request) | {"error": error.message}
        return render(request, "points/home.html", context, status=error_status(error))
    messages.success(
        request,
        _("Redeemed %(reward)s: show code %(code)s at %(shop)s.")
        % {"reward": reward.name, "code": redemption.code, "shop": reward.shop.name},
    )
    return redirect("points:home")
