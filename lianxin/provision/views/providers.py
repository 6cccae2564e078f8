"""Provider listings: the staff's vetting list (counted by state) and each listing's page with its items,
coverage, open cases, stars and history; providers' staff see and change their own listing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lianxin.areas.models import Area, Level, Place
from lianxin.core.errors_domain import DomainError
from lianxin.core.pages import error_status, form_error
from lianxin.core.scope import CHANGE, get_for_user
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.people.models import Organisation, OrganisationKind
from lianxin.provision import permissions, selectors, services
from lianxin.provision.forms import ListingForm, ListingStepForm
from lianxin.provision.models import ListingAction, ListingState, ProviderForm, ProviderListing, ServiceItem

# Coverage is chosen among the administrative divisions down to communities and villages (public names).
COVERAGE_LEVELS = (
    Level.COUNTY,
    Level.STREET,
    Level.TOWNSHIP,
    Level.CLUSTER,
    Level.COMMUNITY,
    Level.VILLAGE,
    Level.ESTATE,
)
STEP_LABELS = {
    ListingAction.APPROVE: gettext_lazy("Approve"),
    ListingAction.SUSPEND: gettext_lazy("Suspend"),
    ListingAction.RESUME: gettext_lazy("Resume"),
}


def _require_sees(user):
    if not permissions.sees_providers(user):
        raise PermissionDenied


@login_required
@require_GET
def provider_list(request):
    _require_sees(request.user)
    listings = list(selectors.listings_for(request.user).order_by("area_path", "organisation__name", "id"))
    counts = selectors.listing_counts(listings)
    state = request.GET.get("state", "")
    if state in ListingState.values:
        listings = [listing for listing in listings if listing.state == state]
    else:
        state = ""
    form = request.GET.get("form", "")
    if form in ProviderForm.values:
        listings = [listing for listing in listings if listing.form == form]
    else:
        form = ""
    records = selectors.provider_records(listing.organisation_id for listing in listings)
    rows = [{"listing": listing, "record": records[listing.organisation_id]} for listing in listings]
    if request.GET.get("format") == "xlsx":
        return _providers_xlsx(rows, state=state, form=form)
    query = "&".join(f"{k}={v}" for k, v in (("state", state), ("form", form)) if v)
    return render(
        request,
        "provision/providers.html",
        {
            "rows": rows,
            "counts": counts,
            "states": ListingState.choices,
            "state": state,
            "forms": ProviderForm.choices,
            "form": form,
            "export_query": f"{query}&format=xlsx" if query else "format=xlsx",
            "can_apply": _organisations(request.user).exists(),
        },
    )


def _providers_xlsx(rows, *, state: str, form: str):
    """The page's rows with the same numbers: orders, handled, open, rated and mean stars per provider (a
    chain team's count, P000-62, with ?form=team)."""
    from django.utils import timezone

    from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response

    columns = [
        ExcelColumn(_("Provider"), lambda r: r["listing"].organisation.name, 24),
        ExcelColumn(_("Form"), lambda r: r["listing"].get_form_display(), 10),
        ExcelColumn(_("Based in"), lambda r: r["listing"].area.name, 14),
        ExcelColumn(
            _("Alliance served"), lambda r: r["listing"].alliance.name if r["listing"].alliance_id else "", 24
        ),
        ExcelColumn(
            _("Service items"),
            lambda r: "、".join(i.category.name for i in r["listing"].service_items.all()),
            30,
        ),
        ExcelColumn(_("State"), lambda r: r["listing"].get_state_display(), 8),
        ExcelColumn(_("Orders"), lambda r: r["record"].orders, 8),
        ExcelColumn(_("Handled"), lambda r: r["record"].handled, 8),
        ExcelColumn(_("Open orders"), lambda r: r["record"].open_cases, 8),
        ExcelColumn(_("Rated"), lambda r: r["record"].rated, 8),
        ExcelColumn(_("Stars"), lambda r: r["record"].stars if r["record"].stars is not None else "", 8),
    ]
    notes = [
        (_("State"), dict(ListingState.choices).get(state, _("All")) if state else _("All")),
        (_("Form"), dict(ProviderForm.choices).get(form, _("All")) if form else _("All")),
        (_("Listings"), str(len(rows))),
        (_("Orders"), str(sum(r["record"].orders for r in rows))),
        (_("Handled"), str(sum(r["record"].handled for r in rows))),
        (_("exported at"), f"{timezone.localtime():%Y-%m-%d %H:%M}"),
    ]
    title = str(_("Service providers"))
    workbook = list_workbook(title=title, columns=columns, objects=rows, notes=notes)
    return xlsx_response(workbook, f"{title}.xlsx")


def _organisations(user):
    return Organisation.objects.restrict(user, CHANGE).filter(
        kind=OrganisationKind.PROVIDER, listing__isnull=True
    )


def _form(request, user, *, data=None, initial=None, editing=False):
    return ListingForm(
        data,
        initial=initial,
        editing=editing,
        organisations=_organisations(user).order_by("name"),
        items=ServiceItem.objects.select_related("category")
        .filter(category__is_active=True)
        .order_by("category__path"),
        areas=Area.objects.filter(level__in=COVERAGE_LEVELS).order_by("path"),
        centres=Place.objects.restrict(user).order_by("area_path", "name"),
        alliances=PartyOrg.objects.restrict(user).filter(kind=OrgKind.CHAIN_ALLIANCE).order_by("path"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def provider_apply(request):
    _require_sees(request.user)
    form = _form(request, request.user, data=request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                listing = services.listing_apply(
                    request.user,
                    organisation=data["organisation"],
                    form=data["form"],
                    items=list(data["items"]),
                    areas=list(data["areas"]),
                    centre=data["centre"],
                    alliance=data["alliance"],
                )
            except DomainError as error:
                form_error(form, error)
                status = error_status(error)
            else:
                messages.success(request, _("The application is recorded; the staff will vet it."))
                return redirect("provision:provider", pk=listing.pk)
        else:
            status = 400
    return _form_page(request, form, None, status=status)


def _form_page(request, form, listing, *, status):
    return render(
        request,
        "provision/form.html",
        {
            "title": listing.organisation.name if listing else _("Apply for a listing"),
            "intro": _(
                "What the provider offers and where it serves. Orders reach it only for these items in "
                "these areas, and only once it is listed."
            ),
            "form": form,
            "testid": "listing-form",
            "back_url": reverse("provision:provider", args=[listing.pk])
            if listing
            else reverse("provision:providers"),
            "back_label": _("Back to the service providers"),
        },
        status=status,
    )


def _listing(request, pk, action="view"):
    _require_sees(request.user)
    return get_for_user(selectors.listings_for(request.user), request.user, pk, action)


def _may_change(user, listing) -> bool:
    return (
        permissions.may_vet(user, listing)
        or ProviderListing.objects.restrict(user, CHANGE).filter(pk=listing.pk).exists()
    )


def _detail(request, listing, *, status=200):
    record = selectors.provider_records([listing.organisation_id])[listing.organisation_id]
    steps = []
    if permissions.may_vet(request.user, listing):
        steps = [
            (action, STEP_LABELS[action])
            for action, (sources, _target) in services.providers.STEPS.items()
            if listing.state in sources
        ]
    return render(
        request,
        "provision/provider.html",
        {
            "listing": listing,
            "record": record,
            "steps": steps,
            "step_form": ListingStepForm(),
            "can_change": _may_change(request.user, listing),
            "events": listing.events.select_related("actor").order_by("-at", "-id")[:50],
        },
        status=status,
    )


@login_required
@require_GET
def provider_detail(request, pk):
    return _detail(request, _listing(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def provider_edit(request, pk):
    listing = _listing(request, pk)
    if not _may_change(request.user, listing):
        raise PermissionDenied
    initial = {
        "form": listing.form,
        "items": list(listing.service_items.all()),
        "areas": [c.area for c in listing.coverage.all()],
        "centre": listing.centre,
        "alliance": listing.alliance,
    }
    form = _form(request, request.user, data=request.POST or None, initial=initial, editing=True)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.listing_update(
                    request.user,
                    listing=listing,
                    form=data["form"],
                    items=list(data["items"]),
                    areas=list(data["areas"]),
                    centre=data["centre"],
                    alliance=data["alliance"],
                    clear_centre=data["centre"] is None,
                    clear_alliance=data["alliance"] is None,
                )
            except DomainError as error:
                form_error(form, error)
                status = error_status(error)
            else:
                messages.success(request, _("%(name)s saved.") % {"name": listing.organisation.name})
                return redirect("provision:provider", pk=listing.pk)
        else:
            status = 400
    return _form_page(request, form, listing, status=status)


@login_required
@require_POST
def provider_step(request, pk, action):
    listing = _listing(request, pk)
    if action not in services.providers.STEPS:
        from django.http import Http404

        raise Http404
    form = ListingStepForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.listing_step(request.user, listing=listing, action=action, note=note)
    except DomainError as error:
        messages.error(request, error.message)
        return _detail(request, listing, status=error_status(error))
    messages.success(
        request,
        _("%(name)s is now %(state)s.")
        % {"name": listing.organisation.name, "state": listing.get_state_display()},
    )
    return redirect("provision:provider", pk=listing.pk)
