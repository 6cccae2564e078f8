"""The land part's pages (issue 23): collective income (tiers per year with their change, the cluster's
per-capita income against the county's, gaps; a village's years, entry and correction; the import) and land
(contracted farmland, transfer and trusteeship contracts in force, consolidations). Excel exports read the
same selectors as the pages and the API."""

from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from lianxin.areas.models import Area, Level
from lianxin.core import pages
from lianxin.core.errors_domain import DomainError
from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response
from lianxin.core.rights import may
from lianxin.core.scope import CHANGE, get_for_user
from lianxin.rural.models import INCOME_SOURCES, CollectiveIncome, ContractKind, LandContract
from lianxin.rural.selectors import land as sel
from lianxin.rural.services import land as svc
from lianxin.rural.setup_land import may_record_income, may_record_land

YEARS_SHOWN = 5


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _root(request):
    return sel.root_resolve(request.user, _int(request.GET.get("area")))


def _villages(user):
    return (
        Area.objects.restrict(user, CHANGE)
        .filter(level=Level.VILLAGE, retired_on__isnull=True)
        .order_by("path")
    )


def _run(request, form, run, *, success: str, then):
    if not form.is_valid():
        return None, 400
    try:
        result = run(form.cleaned_data)
    except DomainError as error:
        pages.form_error(form, error)
        return None, pages.error_status(error)
    messages.success(request, success)
    return redirect(then(result)), 302


# -- forms ---------------------------------------------------------------------------------------------------


def _money_field(label):
    return forms.DecimalField(label=label, max_digits=14, decimal_places=2, required=False)


class IncomeForm(forms.Form):
    village = forms.ModelChoiceField(queryset=Area.objects.none(), label=gettext_lazy("Village"))
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    operating = _money_field(gettext_lazy("Operating income"))
    contracting = _money_field(gettext_lazy("Contracting and remitted income"))
    investment = _money_field(gettext_lazy("Investment income"))
    subsidy = _money_field(gettext_lazy("Subsidy income"))
    other = _money_field(gettext_lazy("Other income"))
    cooperative_gain = _money_field(gettext_lazy("Driven by cooperatives"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = _villages(user)


class CorrectionForm(forms.Form):
    operating = _money_field(gettext_lazy("Operating income"))
    contracting = _money_field(gettext_lazy("Contracting and remitted income"))
    investment = _money_field(gettext_lazy("Investment income"))
    subsidy = _money_field(gettext_lazy("Subsidy income"))
    other = _money_field(gettext_lazy("Other income"))
    cooperative_gain = _money_field(gettext_lazy("Driven by cooperatives"))
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=200)


class PerCapitaForm(forms.Form):
    area = forms.ModelChoiceField(queryset=Area.objects.none(), label=gettext_lazy("Area"))
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    per_capita = forms.DecimalField(
        label=gettext_lazy("Per-capita disposable income"), max_digits=14, decimal_places=2
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = (
            Area.objects.restrict(user, CHANGE)
            .filter(level__in=[Level.COUNTY, Level.CLUSTER], retired_on__isnull=True)
            .order_by("path")
        )


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Excel file"))


class FarmlandForm(forms.Form):
    village = forms.ModelChoiceField(queryset=Area.objects.none(), label=gettext_lazy("Village"))
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    contracted_mu = forms.DecimalField(
        label=gettext_lazy("Contracted farmland (mu)"), max_digits=12, decimal_places=2, min_value=0
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = _villages(user)


class ContractForm(forms.Form):
    village = forms.ModelChoiceField(queryset=Area.objects.none(), label=gettext_lazy("Village"))
    kind = forms.ChoiceField(choices=ContractKind.choices, label=gettext_lazy("Kind"))
    mu = forms.DecimalField(label=gettext_lazy("Area (mu)"), max_digits=12, decimal_places=2)
    links = forms.IntegerField(
        label=gettext_lazy("Service links"), min_value=1, max_value=10, initial=1, required=False
    )
    link_names = forms.CharField(label=gettext_lazy("Service links named"), max_length=100, required=False)
    counterparty = forms.CharField(label=gettext_lazy("Counterparty or provider"), max_length=100)
    starts_on = forms.DateField(label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=gettext_lazy("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = _villages(user)


class ConsolidationForm(forms.Form):
    area = forms.ModelChoiceField(queryset=Area.objects.none(), label=gettext_lazy("Area"))
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    mu = forms.DecimalField(label=gettext_lazy("Land merged (mu)"), max_digits=12, decimal_places=2)
    planted_before = forms.DecimalField(
        label=gettext_lazy("Planted before (mu)"), max_digits=12, decimal_places=2
    )
    planted_after = forms.DecimalField(
        label=gettext_lazy("Planted after (mu)"), max_digits=12, decimal_places=2
    )
    income_gained = forms.DecimalField(
        label=gettext_lazy("Collective income gained"), max_digits=14, decimal_places=2
    )
    partner = forms.CharField(label=gettext_lazy("Partner"), max_length=100, required=False)
    cooperatives = forms.IntegerField(
        label=gettext_lazy("Cooperatives taking part"), min_value=0, required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = (
            Area.objects.restrict(user, CHANGE)
            .filter(level__in=[Level.VILLAGE, Level.CLUSTER, Level.TOWNSHIP], retired_on__isnull=True)
            .order_by("path")
        )


# -- collective income ---------------------------------------------------------------------------------------


def _years(request, root) -> list[int]:
    last = _int(request.GET.get("year")) or sel.latest_year(root)
    last = min(max(last, 2001), 2100)
    return list(range(last - YEARS_SHOWN + 1, last + 1))


TIER_COLUMNS = [
    ExcelColumn(gettext_lazy("Year"), lambda t: t.year, 8),
    ExcelColumn(gettext_lazy("Villages recorded"), lambda t: t.villages, 12),
    ExcelColumn(gettext_lazy("100,000 yuan or more"), lambda t: t.tiers[0]["count"], 14),
    ExcelColumn(gettext_lazy("Share (%)"), lambda t: t.tiers[0]["share"], 10),
    ExcelColumn(gettext_lazy("Change"), lambda t: t.tiers[0]["change"], 8),
    ExcelColumn(gettext_lazy("500,000 yuan or more"), lambda t: t.tiers[1]["count"], 14),
    ExcelColumn(gettext_lazy("Share (%)"), lambda t: t.tiers[1]["share"], 10),
    ExcelColumn(gettext_lazy("Change"), lambda t: t.tiers[1]["change"], 8),
    ExcelColumn(gettext_lazy("Collective income (yuan)"), lambda t: t.total, 18),
    ExcelColumn(gettext_lazy("Driven by cooperatives (yuan)"), lambda t: t.cooperative_gain, 18),
    ExcelColumn(gettext_lazy("Average per village (yuan)"), lambda t: t.gain_average, 16),
]


@login_required
@require_http_methods(["GET", "POST"])
def income(request):
    """Tiers per year with their change, per-capita comparison, gaps, the year's incomes; entry."""
    user = request.user
    _require(may_record_income(user))
    root = _root(request)
    years = _years(request, root) if root else []
    tiers = sel.income_tiers(root=root, years=years) if root else []
    if request.GET.get("format") == "xlsx":
        workbook = list_workbook(
            title=_("Collective income tiers"),
            columns=[ExcelColumn(str(c.label), c.value, c.width) for c in TIER_COLUMNS],
            objects=tiers,
            notes=[(_("Area"), root.name if root else "")],
        )
        return xlsx_response(workbook, f"{_('Collective income tiers')}.xlsx")
    form = IncomeForm(
        request.POST or None, user=user, initial={"year": (years[-1] if years else date.today().year)}
    )
    status = 200
    if request.method == "POST":

        def record(data):
            return svc.collective_income_record(
                user,
                village=data["village"],
                year=data["year"],
                amounts={name: data[name] for name, _label in INCOME_SOURCES},
                cooperative_gain=data["cooperative_gain"],
            )

        done, status = _run(
            request,
            form,
            record,
            success=_("The collective income has been recorded."),
            then=lambda r: reverse("rural:income_year", args=[r.pk]),
        )
        if done:
            return done
    year = years[-1] if years else None
    # A village's own page lists all its years; a wider area's, the year shown.
    by_year = None if root is not None and root.level == Level.VILLAGE else year
    rows = list(sel.incomes_for(user=user, root=root, year=by_year)[:500]) if root else []
    per_capita = sel.per_capita_compare(root=root, year=year) if root and year else {"rows": []}
    gaps = sel.income_gaps(root=root, year=year) if root and year else None
    per_capita_form = (
        PerCapitaForm(user=user, initial={"year": year}) if may(user, svc.PER_CAPITA_RECORD) else None
    )
    return render(
        request,
        "rural/land/income.html",
        {
            "root": root,
            "roots": sel.root_choices(user, root),
            "years": years,
            "year": year,
            "rows_year": by_year,
            "tiers": tiers,
            "rows": rows,
            "per_capita": per_capita,
            "gaps": gaps,
            "form": form,
            "per_capita_form": per_capita_form,
            "sources": INCOME_SOURCES,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def income_year(request, pk: int):
    """One village-year: its sources, total, cooperatives' part and corrections; the correction form."""
    user = request.user
    row = get_for_user(CollectiveIncome, user, pk)
    may_correct = may(user, svc.INCOME_RECORD, obj=row) and (
        CollectiveIncome.objects.restrict(user, CHANGE).filter(pk=pk).exists()
    )
    initial = {name: getattr(row, name) for name, _label in INCOME_SOURCES}
    initial["cooperative_gain"] = row.cooperative_gain
    form = CorrectionForm(request.POST or None, initial=initial) if may_correct else None
    status = 200
    if request.method == "POST":
        _require(form is not None)

        def correct(data):
            return svc.collective_income_record(
                user,
                village=row.area,
                year=row.year,
                amounts={name: data[name] for name, _label in INCOME_SOURCES},
                cooperative_gain=data["cooperative_gain"],
                correction=True,
                reason=data["reason"],
            )

        done, status = _run(
            request,
            form,
            correct,
            success=_("The correction has been recorded."),
            then=lambda r: reverse("rural:income_year", args=[r.pk]),
        )
        if done:
            return done
    amounts = [(label, getattr(row, name)) for name, label in INCOME_SOURCES]
    return render(
        request,
        "rural/land/income_year.html",
        {
            "row": row,
            "amounts": amounts,
            "corrections": list(sel.corrections_for(user=user, income=row)),
            "form": form,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def income_import(request):
    """Upload a file of collective incomes: every bad cell listed with its row and column, nothing written
    (400); a clean file is written at once."""
    from lianxin.rural.imports_land import SPEC, incomes_import

    user = request.user
    _require(may_record_income(user))
    form = ImportForm(request.POST or None, request.FILES or None)
    result, status = None, 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        else:
            try:
                result = incomes_import(user, upload=form.cleaned_data["file"])
            except DomainError as error:
                pages.form_error(form, error)
                status = pages.error_status(error)
            else:
                if result["errors"]:
                    status = 400
                else:
                    messages.success(request, _("%(n)s rows imported.") % {"n": result["written"]})
                    return redirect(reverse("rural:income"))
    return render(
        request,
        "rural/land/income_import.html",
        {"form": form, "result": result, "columns": SPEC.columns, "kind": SPEC.kind},
        status=status,
    )


@login_required
@require_POST
def per_capita(request):
    user = request.user
    _require(may(user, svc.PER_CAPITA_RECORD))
    form = PerCapitaForm(request.POST, user=user)
    if form.is_valid():
        try:
            svc.per_capita_record(
                user,
                area=form.cleaned_data["area"],
                year=form.cleaned_data["year"],
                per_capita=form.cleaned_data["per_capita"],
            )
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(reverse("rural:income"))
        messages.success(request, _("The per-capita income has been recorded."))
    else:
        messages.error(request, _("Check the area, the year and the amount."))
    return redirect(reverse("rural:income"))


def income_panel(*, user) -> dict | None:
    """The workbench's 集体收入: the latest year's tiers, the cluster against the county, the gaps."""
    if not getattr(user, "is_authenticated", False) or not may_record_income(user):
        return None
    root = sel.root_resolve(user)
    if root is None or root.level not in (Level.CITY, Level.COUNTY, Level.TOWNSHIP, Level.CLUSTER):
        return None
    year = sel.latest_year(root)
    tiers = sel.income_tiers(root=root, years=[year])
    if not tiers or not tiers[0].villages:
        return None
    return {
        "root": root,
        "year": year,
        "tiers": tiers[0],
        "per_capita": sel.per_capita_compare(root=root, year=year)["rows"][:4],
        "gaps": sel.income_gaps(root=root, year=year),
    }


# -- land ----------------------------------------------------------------------------------------------------

CONTRACT_COLUMNS = [
    ExcelColumn(gettext_lazy("Village"), lambda c: c.area.name, 12),
    ExcelColumn(gettext_lazy("Kind"), lambda c: c.get_kind_display(), 12),
    ExcelColumn(gettext_lazy("Area (mu)"), lambda c: c.mu, 10),
    ExcelColumn(gettext_lazy("Service links"), lambda c: c.links, 8),
    ExcelColumn(gettext_lazy("Mu-times"), lambda c: c.mu_times, 10),
    ExcelColumn(gettext_lazy("Counterparty or provider"), lambda c: c.counterparty, 20),
    ExcelColumn(gettext_lazy("From"), lambda c: c.starts_on, 12),
    ExcelColumn(gettext_lazy("To"), lambda c: c.ends_on, 12),
]


@login_required
@require_http_methods(["GET"])
def land(request):
    """Land figures for an area and a year, the contracts (in force first), farmland and consolidations."""
    user = request.user
    _require(may_record_land(user))
    root = _root(request)
    year = _int(request.GET.get("year")) or date.today().year
    year = min(max(year, 2000), 2100)
    figures = sel.land_figures(root=root, year=year) if root else None
    on = figures["on"] if figures else date.today()
    contracts = sel.contracts_for(user=user, root=root) if root else LandContract.objects.none()
    if request.GET.get("format") == "xlsx":
        notes = []
        if figures:
            notes = [
                (_("Area"), root.name),
                (_("Contracted farmland (mu)"), str(figures["contracted_mu"])),
                (_("Transferred in force (mu)"), str(figures["transferred_mu"])),
                (_("Transfer rate (%)"), str(figures["transfer_rate"] or "—")),
                (_("Trusteeship mu-times"), str(figures["trusteeship_mu_times"])),
            ]
        workbook = list_workbook(
            title=_("Land contracts"),
            columns=[ExcelColumn(str(c.label), c.value, c.width) for c in CONTRACT_COLUMNS],
            objects=contracts,
            notes=notes,
        )
        return xlsx_response(workbook, f"{_('Land contracts')}.xlsx")
    rows = list(contracts[:300])
    for c in rows:
        c.is_in_force = c.in_force(on)
    return render(
        request,
        "rural/land/land.html",
        {
            "root": root,
            "roots": sel.root_choices(user, root),
            "year": year,
            "figures": figures,
            "contracts": rows,
            "contract_count": contracts.count(),
            "farmland": list(sel.farmland_for(user=user, root=root, year=year)[:300]) if root else [],
            "consolidations": list(sel.consolidations_for(user=user, root=root)[:100]) if root else [],
            "farmland_form": FarmlandForm(user=user, initial={"year": year}),
            "contract_form": ContractForm(user=user),
            "consolidation_form": ConsolidationForm(user=user, initial={"year": year}),
        },
    )


def _land_post(request, form, run, success):
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(reverse("rural:land"))
    try:
        run(form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(reverse("rural:land"))
    messages.success(request, success)
    return redirect(reverse("rural:land"))


@login_required
@require_POST
def farmland_add(request):
    user = request.user
    _require(may_record_land(user))
    return _land_post(
        request,
        FarmlandForm(request.POST, user=user),
        lambda d: svc.farmland_record(
            user, village=d["village"], year=d["year"], contracted_mu=d["contracted_mu"]
        ),
        _("The contracted farmland has been recorded."),
    )


@login_required
@require_POST
def contract_add(request):
    user = request.user
    _require(may_record_land(user))
    return _land_post(
        request,
        ContractForm(request.POST, user=user),
        lambda d: svc.land_contract_record(
            user,
            village=d["village"],
            kind=d["kind"],
            mu=d["mu"],
            links=d["links"] or 1,
            link_names=d["link_names"],
            counterparty=d["counterparty"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
        ),
        _("The contract has been recorded."),
    )


@login_required
@require_POST
def consolidation_add(request):
    user = request.user
    _require(may_record_land(user))
    return _land_post(
        request,
        ConsolidationForm(request.POST, user=user),
        lambda d: svc.consolidation_record(
            user,
            area=d["area"],
            name=d["name"],
            year=d["year"],
            mu=d["mu"],
            planted_before=d["planted_before"],
            planted_after=d["planted_after"],
            income_gained=d["income_gained"],
            partner=d["partner"],
            cooperatives=d["cooperatives"] or 0,
        ),
        _("The consolidation has been recorded."),
    )


class EndForm(forms.Form):
    ends_on = forms.DateField(label=gettext_lazy("Ended on"), widget=forms.DateInput(attrs={"type": "date"}))


@login_required
@require_http_methods(["GET", "POST"])
def contract_detail(request, pk: int):
    """A contract; who may record land ends it early (it no longer counts from the next day)."""
    user = request.user
    contract = get_for_user(LandContract, user, pk)
    may_end = may_record_land(user) and LandContract.objects.restrict(user, CHANGE).filter(pk=pk).exists()
    form = EndForm(request.POST or None) if may_end and contract.ends_on > date.today() else None
    status = 200
    if request.method == "POST":
        _require(form is not None)
        done, status = _run(
            request,
            form,
            lambda d: svc.land_contract_end(user, contract=contract, ends_on=d["ends_on"]),
            success=_("The contract has been ended."),
            then=lambda c: reverse("rural:land_contract", args=[c.pk]),
        )
        if done:
            return done
    return render(
        request,
        "rural/land/contract.html",
        {"contract": contract, "in_force": contract.in_force(date.today()), "form": form},
        status=status,
    )
