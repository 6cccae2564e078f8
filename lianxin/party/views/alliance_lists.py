"""Pages of an alliance's three lists (P003-38–40): demands by state, offers, deals with their total value,
and the forms to file, match and close. Thin: ``alliance_standing`` decides who reaches the lists, the
services write, the selectors read."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lianxin.core.api_errors import DOMAIN_STATUS
from lianxin.core.errors_domain import DomainError
from lianxin.party.models import AllianceDemand, AllianceOffer, DemandState, OrgKind, PartyOrg
from lianxin.party.selectors import alliance_lists as lists
from lianxin.party.services import alliance_lists as services
from lianxin.people.models import Organisation


def yuan(value) -> str:
    return f"{value:,.2f}"


def _alliance(request, pk):
    alliance = PartyOrg.objects.filter(pk=pk, kind=OrgKind.CHAIN_ALLIANCE).select_related("area").first()
    if alliance is None:
        raise Http404
    standing = services.alliance_standing(request.user, alliance)
    if not standing:
        raise Http404  # as if it did not exist: the lists are the alliance's members' and leads'
    return alliance, standing


def _context(alliance, standing) -> dict:
    offers = list(lists.offers_of(alliance))
    active = [o for o in offers if o.active]
    demands = list(lists.demands_of(alliance))
    for demand in demands:
        demand.may_act = demand.organisation_id in standing.orgs
        if demand.may_act and demand.state != DemandState.DONE:
            suggested = lists.offer_suggestions(demand, active)
            others = [o for o in active if o.organisation_id != demand.organisation_id and o not in suggested]
            demand.offer_choices = [(o, True) for o in suggested] + [(o, False) for o in others]
    deals = list(lists.deals_of(alliance))
    for deal in deals:
        deal.value_display = yuan(deal.value)
    counts = lists.list_counts(alliance)
    return {
        "alliance": alliance,
        "standing": standing,
        "counts": counts,
        "state_counts": [(label, counts.demands[value]) for value, label in DemandState.choices],
        "deal_value": yuan(counts.deal_value),
        "demands": demands,
        "offers": offers,
        "deals": deals,
        "orgs": Organisation.objects.filter(pk__in=standing.orgs).order_by("name"),
        "today": timezone.localdate().isoformat(),
    }


@login_required
@require_GET
def alliance_lists_home(request):
    """The alliances whose lists the user reaches: a member enterprise's contact finds his here."""
    alliances = services.alliances_of_user(request.user)
    if not alliances:
        raise Http404  # as the menu: nothing here for those who reach no alliance's lists
    rows = [(a, lists.list_counts(a)) for a in alliances]
    return render(request, "party/alliance_lists_home.html", {"rows": rows})


@login_required
@require_GET
def alliance_lists(request, pk):
    alliance, standing = _alliance(request, pk)
    if request.GET.get("format") == "xlsx":
        return _deals_workbook(alliance)
    return render(request, "party/alliance_lists.html", _context(alliance, standing))


def _deals_workbook(alliance):
    """The project list (deals) with the alliance's totals, the same counts as the page and the API."""
    from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response

    counts = lists.list_counts(alliance)
    columns = [
        ExcelColumn(_("Demanding enterprise"), lambda d: d.demand.organisation.name, 20),
        ExcelColumn(_("Demand"), lambda d: d.demand.title, 20),
        ExcelColumn(_("Quantity"), lambda d: d.demand.quantity, 10),
        ExcelColumn(_("Offering enterprise"), lambda d: d.offer.organisation.name, 20),
        ExcelColumn(_("Value (yuan)"), lambda d: d.value, 14),
        ExcelColumn(_("Signed on"), lambda d: d.signed_on, 12),
    ]
    notes = [(label, str(counts.demands[value])) for value, label in DemandState.choices]
    notes += [
        (_("Offers"), str(counts.offers)),
        (_("Deals"), str(counts.deals)),
        (_("Deal value (yuan)"), yuan(counts.deal_value)),
    ]
    title = f"{alliance.name}，{_('Demand, resource and project lists')}"
    workbook = list_workbook(
        title=title,
        columns=columns,
        objects=lists.deals_of(alliance).order_by("signed_on", "id"),
        notes=notes,
    )
    return xlsx_response(workbook, f"{title}.xlsx")


def _write(request, pk, action):
    alliance, standing = _alliance(request, pk)
    try:
        action(alliance)
    except DomainError as error:
        messages.error(request, error.message)
        context = _context(alliance, standing)
        return render(
            request, "party/alliance_lists.html", context, status=DOMAIN_STATUS.get(error.code, 400)
        )
    messages.success(request, _("Saved."))
    return redirect("party:alliance_lists", pk=alliance.pk)


def _pick(queryset, raw):
    try:
        return queryset.get(pk=int(raw)) if raw else None
    except (ValueError, TypeError, queryset.model.DoesNotExist):
        return None


def _date(raw, field):
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise DomainError(_("Enter a date as YYYY-MM-DD."), code="invalid", field=field) from None


def _demand(alliance, demand_pk) -> AllianceDemand:
    demand = AllianceDemand.objects.filter(alliance=alliance, pk=demand_pk).first()
    if demand is None:
        raise Http404
    return demand


@login_required
@require_POST
def demand_add(request, pk):
    post = request.POST

    def action(alliance):
        services.demand_file(
            request.user,
            alliance=alliance,
            organisation=_pick(Organisation.objects.all(), post.get("organisation")),
            title=post.get("title", ""),
            quantity=post.get("quantity", ""),
            description=post.get("description", ""),
            needed_by=_date(post.get("needed_by"), "needed_by"),
        )

    return _write(request, pk, action)


@login_required
@require_POST
def offer_add(request, pk):
    post = request.POST

    def action(alliance):
        services.offer_file(
            request.user,
            alliance=alliance,
            organisation=_pick(Organisation.objects.all(), post.get("organisation")),
            title=post.get("title", ""),
            description=post.get("description", ""),
        )

    return _write(request, pk, action)


@login_required
@require_POST
def offer_active(request, pk, offer_pk):
    def action(alliance):
        offer = AllianceOffer.objects.filter(alliance=alliance, pk=offer_pk).first()
        if offer is None:
            raise Http404
        services.offer_set_active(request.user, offer=offer, active=request.POST.get("active") == "1")

    return _write(request, pk, action)


@login_required
@require_POST
def demand_match(request, pk, demand_pk):
    def action(alliance):
        offer = _pick(AllianceOffer.objects.filter(alliance=alliance), request.POST.get("offer"))
        if offer is None:
            raise DomainError(_("Choose an offer of this alliance."), code="invalid", field="offer")
        services.demand_match(request.user, demand=_demand(alliance, demand_pk), offer=offer)

    return _write(request, pk, action)


@login_required
@require_POST
def deal_add(request, pk, demand_pk):
    def action(alliance):
        services.deal_record(
            request.user,
            demand=_demand(alliance, demand_pk),
            value=request.POST.get("value", ""),
            signed_on=_date(request.POST.get("signed_on"), "signed_on"),
        )

    return _write(request, pk, action)
