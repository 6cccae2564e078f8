"""Industry pages (issue 23, docs/rural/industry.md): projects with their counts by stage and kind per
cluster and their beneficiaries (P000-13, P000-16, P002-18, P002-19, P002-66), parks and belts (P000-12),
brands (P000-15), the chains' six links (P000-14) and the training bases (P002-64).

Who: the organisation department (county_admin), secretaries (township, village), joint committee leaders
and task-force heads (their task force's projects). Lists read the selectors the API and the Excel read."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lianxin.areas.models import Area, Level
from lianxin.core import pages
from lianxin.core.context import user_context
from lianxin.core.errors_domain import DomainError
from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response
from lianxin.core.paths import under
from lianxin.core.rights import may
from lianxin.core.scope import CHANGE, VIEW, get_for_user
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.party.models.chains import ChainLink, IndustryChain
from lianxin.people.models import Organisation, OrganisationKind
from lianxin.people.roles import Role
from lianxin.rural.models import (
    Brand,
    BrandOwner,
    Certification,
    Park,
    ParkKind,
    ParkStatus,
    Project,
    ProjectKind,
    ProjectStage,
)
from lianxin.rural.permissions import JOINT_COMMITTEE_LEADER, TASK_FORCE_HEAD, VILLAGE_CADRE_ROLES
from lianxin.rural.selectors import industry as sel
from lianxin.rural.services import industry as svc

# Decided by role, without a query: the menu asks it on every page.
# A village's seconded or first secretary reads them as its secretary does (the coverage table links here).
INDUSTRY_ROLES = frozenset(
    {Role.ORG_ADMIN, Role.SECRETARY, Role.DEPUTY_SECRETARY, JOINT_COMMITTEE_LEADER, TASK_FORCE_HEAD}
    | VILLAGE_CADRE_ROLES
)


def sees_industry(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user_context(user).roles & INDUSTRY_ROLES)


def records(user) -> bool:
    return may(user, svc.INDUSTRY_RECORD)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _run(request, form, run, *, success: str, then):
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


def _date(value):
    from datetime import date

    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _root(request):
    area_id = request.GET.get("area") or ""
    if not area_id.isdigit():
        return None
    return sel.root_of(request.user, int(area_id))


def _task_forces(user):
    return PartyOrg.objects.restrict(user, VIEW).filter(kind=OrgKind.TASK_FORCE).order_by("path")


def _areas(user):
    """Where the user may record: the areas he may change, and his task forces' clusters."""
    task_force_areas = (
        PartyOrg.objects.restrict(user, CHANGE).filter(kind=OrgKind.TASK_FORCE).values("area_id")
    )
    return (
        Area.objects.live()
        .filter(
            Q(pk__in=Area.objects.restrict(user, CHANGE).values("pk")) | Q(pk__in=task_force_areas),
            level__in=[Level.COUNTY, Level.TOWNSHIP, Level.CLUSTER, Level.VILLAGE],
        )
        .order_by("path")
    )


def _villages(user):
    paths = list(_areas(user).values_list("path", flat=True))
    condition = Q(pk__in=[])
    for path in paths:
        condition |= under("path", path)
    return Area.objects.live().filter(condition, level=Level.VILLAGE).order_by("path")


def _enterprises():
    return Organisation.objects.filter(kind__in=svc.ENTERPRISE_KINDS).order_by("name")


class ProjectForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=ProjectKind.choices)
    stage = forms.ChoiceField(label=gettext_lazy("Stage"), choices=ProjectStage.choices)
    task_force = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Task force"), required=False)
    area = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Area"), required=False)
    central_village = forms.ModelChoiceField(
        queryset=None, label=gettext_lazy("Central village"), required=False
    )
    villages = forms.ModelMultipleChoiceField(
        queryset=None, label=gettext_lazy("Villages covered"), required=False
    )
    industry = forms.CharField(label=gettext_lazy("Industry"), max_length=50, required=False)
    enterprise = forms.ModelChoiceField(
        queryset=None, label=gettext_lazy("Leading enterprise"), required=False
    )
    investment = forms.DecimalField(
        label=gettext_lazy("Investment (yuan)"), max_digits=14, decimal_places=2, required=False
    )
    output_value = forms.DecimalField(
        label=gettext_lazy("Output value (yuan)"), max_digits=14, decimal_places=2, required=False
    )
    collective_income_gain = forms.DecimalField(
        label=gettext_lazy("Collective-income gain (yuan)"), max_digits=14, decimal_places=2, required=False
    )
    started_on = forms.DateField(
        label=gettext_lazy("Started on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    description = forms.CharField(
        label=gettext_lazy("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task_force"].queryset = _task_forces(user)
        self.fields["area"].queryset = _areas(user)
        villages = _villages(user)
        self.fields["central_village"].queryset = villages
        self.fields["villages"].queryset = villages
        self.fields["enterprise"].queryset = _enterprises()


class ProjectUpdateForm(forms.Form):
    stage = forms.ChoiceField(label=gettext_lazy("Stage"), choices=ProjectStage.choices)
    investment = forms.DecimalField(
        label=gettext_lazy("Investment (yuan)"), max_digits=14, decimal_places=2, required=False
    )
    output_value = forms.DecimalField(
        label=gettext_lazy("Output value (yuan)"), max_digits=14, decimal_places=2, required=False
    )
    collective_income_gain = forms.DecimalField(
        label=gettext_lazy("Collective-income gain (yuan)"), max_digits=14, decimal_places=2, required=False
    )


class BeneficiaryForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=50)
    annual_increase = forms.DecimalField(
        label=gettext_lazy("Annual income increase (yuan)"), max_digits=14, decimal_places=2
    )


def _money(value) -> str:
    return f"{value:,.2f}" if value is not None else ""


PROJECT_COLUMNS = [
    ExcelColumn(gettext_lazy("Name"), lambda p: p.name, 24),
    ExcelColumn(gettext_lazy("Kind"), lambda p: p.get_kind_display(), 14),
    ExcelColumn(gettext_lazy("Stage"), lambda p: p.get_stage_display(), 10),
    ExcelColumn(gettext_lazy("Area"), lambda p: p.area.name, 14),
    ExcelColumn(gettext_lazy("Task force"), lambda p: p.task_force.name if p.task_force else "", 16),
    ExcelColumn(
        gettext_lazy("Central village"), lambda p: p.central_village.name if p.central_village else "", 10
    ),
    ExcelColumn(gettext_lazy("Industry"), lambda p: p.industry, 10),
    ExcelColumn(gettext_lazy("Leading enterprise"), lambda p: p.enterprise.name if p.enterprise else "", 18),
    ExcelColumn(gettext_lazy("Investment (yuan)"), lambda p: p.investment, 14),
    ExcelColumn(gettext_lazy("Output value (yuan)"), lambda p: p.output_value, 14),
    ExcelColumn(gettext_lazy("Collective-income gain (yuan)"), lambda p: p.collective_income_gain, 14),
    ExcelColumn(gettext_lazy("People drawn in"), lambda p: p.n_beneficiaries, 8),
    ExcelColumn(gettext_lazy("Mean annual increase (yuan)"), lambda p: sel._money(p.mean_increase), 12),
]


@login_required
@require_http_methods(["GET", "POST"])
def project_list(request):
    user = request.user
    _require(sees_industry(user))
    g = request.GET
    root = _root(request)
    stage = g.get("stage") if g.get("stage") in ProjectStage.values else ""
    kind = g.get("kind") if g.get("kind") in ProjectKind.values else ""
    task_force = g.get("task_force") or ""
    task_force_id = int(task_force) if task_force.isdigit() else None
    q = (g.get("q") or "").strip()[:50]
    rows = sel.projects_for(user=user, root=root, stage=stage, kind=kind, task_force_id=task_force_id, q=q)
    figures = sel.project_figures(rows)
    if g.get("format") == "xlsx":
        notes = [(_("Industry projects"), str(figures["count"]))]
        notes += [(str(label), str(n)) for _c, label, n in figures["by_stage"]]
        notes += [(str(label), str(n)) for _c, label, n in figures["by_kind"]]
        notes += [
            (_("Investment in bases (yuan)"), _money(figures["bases"]["investment"])),
            (_("Output value of bases (yuan)"), _money(figures["bases"]["output_value"])),
            (_("Collective-income gain of bases (yuan)"), _money(figures["bases"]["collective_income_gain"])),
            (_("People drawn in"), str(figures["beneficiaries"])),
            (_("Mean annual increase (yuan)"), _money(figures["mean_increase"])),
        ]
        for line in figures["by_cluster"]:
            notes.append((line.area or _("Outside the clusters"), str(line.count)))
        workbook = list_workbook(
            title=_("Industry projects"),
            columns=[ExcelColumn(str(c.label), c.value, c.width) for c in PROJECT_COLUMNS],
            objects=rows,
            notes=notes,
        )
        return xlsx_response(workbook, f"{_('Industry projects')}.xlsx")
    form = ProjectForm(request.POST or None, user=user) if records(user) else None
    if request.method == "POST":
        _require(form is not None)

    def create(data):
        return svc.project_create(user, **data)

    done, status = _run(
        request,
        form,
        create,
        success=_("The project has been registered."),
        then=lambda p: reverse("rural:project", args=[p.pk]),
    )
    if done:
        return done
    return render(
        request,
        "rural/industry/projects.html",
        {
            "rows": list(rows[:300]),
            "figures": figures,
            "form": form,
            "root": root,
            "stages": ProjectStage.choices,
            "kinds": ProjectKind.choices,
            "task_forces": _task_forces(user),
            "filters": {"stage": stage, "kind": kind, "task_force": task_force, "q": q},
            "query": request.GET.urlencode(),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_detail(request, pk: int):
    user = request.user
    project = get_for_user(Project, user, pk)
    writable = svc.project_writable(user, project)
    which = request.POST.get("form") if request.method == "POST" else ""
    beneficiary_form = BeneficiaryForm(request.POST if which == "beneficiary" else None) if writable else None
    update_form = (
        ProjectUpdateForm(
            request.POST if which == "update" else None,
            initial={
                "stage": project.stage,
                "investment": project.investment,
                "output_value": project.output_value,
                "collective_income_gain": project.collective_income_gain,
            },
        )
        if writable
        else None
    )
    form = beneficiary_form if which == "beneficiary" else update_form if which == "update" else None
    if request.method == "POST":
        _require(form is not None)

    def run(data):
        if which == "beneficiary":
            return svc.beneficiary_add(
                user, project=project, name=data["name"], annual_increase=data["annual_increase"]
            )
        return svc.project_update(user, project=project, **data)

    done, status = _run(
        request,
        form,
        run,
        success=_("The beneficiary has been added.")
        if which == "beneficiary"
        else _("The project has been updated."),
        then=lambda _x: request.path,
    )
    if done:
        return done
    return render(
        request,
        "rural/industry/project.html",
        {
            "project": project,
            "villages": list(project.villages.order_by("path")),
            "beneficiaries": list(project.beneficiaries.select_related("person")),
            "people": sel.beneficiary_figures(project),
            "beneficiary_form": beneficiary_form,
            "update_form": update_form,
        },
        status=status,
    )


class ParkForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=ParkKind.choices)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), choices=ParkStatus.choices, initial=ParkStatus.OPERATING
    )
    area = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Area"))
    villages = forms.ModelMultipleChoiceField(
        queryset=None, label=gettext_lazy("Villages covered"), required=False
    )
    industry = forms.CharField(label=gettext_lazy("Industry"), max_length=50, required=False)
    started_on = forms.DateField(
        label=gettext_lazy("Started on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    support_technology = forms.BooleanField(label=gettext_lazy("Technology support"), required=False)
    support_finance = forms.BooleanField(label=gettext_lazy("Finance support"), required=False)
    support_utilities = forms.BooleanField(label=gettext_lazy("Water and power support"), required=False)
    support_note = forms.CharField(label=gettext_lazy("Support received"), max_length=200, required=False)
    trial_mu = forms.DecimalField(
        label=gettext_lazy("Experimental field (mu)"), max_digits=12, decimal_places=2, required=False
    )
    demonstration_mu = forms.DecimalField(
        label=gettext_lazy("Demonstration field (mu)"), max_digits=12, decimal_places=2, required=False
    )
    field_mu = forms.DecimalField(
        label=gettext_lazy("Large field (mu)"), max_digits=12, decimal_places=2, required=False
    )
    enterprises = forms.ModelMultipleChoiceField(
        queryset=None, label=gettext_lazy("Partner enterprises"), required=False
    )
    description = forms.CharField(
        label=gettext_lazy("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = _areas(user)
        self.fields["villages"].queryset = _villages(user)
        self.fields["enterprises"].queryset = Organisation.objects.filter(
            kind__in=[*svc.ENTERPRISE_KINDS, OrganisationKind.COOPERATIVE]
        ).order_by("kind", "name")


PARK_COLUMNS = [
    ExcelColumn(gettext_lazy("Name"), lambda p: p.name, 24),
    ExcelColumn(gettext_lazy("Kind"), lambda p: p.get_kind_display(), 18),
    ExcelColumn(gettext_lazy("Status"), lambda p: p.get_status_display(), 10),
    ExcelColumn(gettext_lazy("Area"), lambda p: p.area.name, 14),
    ExcelColumn(gettext_lazy("Started on"), lambda p: p.started_on, 12),
    ExcelColumn(gettext_lazy("Support"), lambda p: "、".join(p.supports), 14),
    ExcelColumn(gettext_lazy("Villages covered"), lambda p: "、".join(v.name for v in p.villages.all()), 24),
]


@login_required
@require_http_methods(["GET", "POST"])
def park_list(request):
    user = request.user
    _require(sees_industry(user))
    g = request.GET
    root = _root(request)
    kind = g.get("kind") if g.get("kind") in ParkKind.values else ""
    status_filter = g.get("status") if g.get("status") in ParkStatus.values else ""
    since, until = _date(g.get("since")), _date(g.get("until"))
    rows = sel.parks_for(user=user, root=root, kind=kind, status=status_filter, since=since, until=until)
    figures = sel.park_figures(rows)
    if g.get("format") == "xlsx":
        notes = [
            (_("Parks and belts"), str(figures["count"])),
            (_("New since last year"), str(figures["new"])),
        ]
        notes += [(str(label), f"{n}（{new}）") for _c, label, n, new in figures["by_kind"]]
        workbook = list_workbook(
            title=_("Parks and belts"),
            columns=[ExcelColumn(str(c.label), c.value, c.width) for c in PARK_COLUMNS],
            objects=rows,
            notes=notes,
        )
        return xlsx_response(workbook, f"{_('Parks and belts')}.xlsx")
    form = ParkForm(request.POST or None, user=user) if records(user) else None
    if request.method == "POST":
        _require(form is not None)
    done, status = _run(
        request,
        form,
        lambda data: svc.park_create(user, **data),
        success=_("The park or belt has been registered."),
        then=lambda p: reverse("rural:park", args=[p.pk]),
    )
    if done:
        return done
    return render(
        request,
        "rural/industry/parks.html",
        {
            "rows": list(rows[:300]),
            "figures": figures,
            "form": form,
            "root": root,
            "kinds": ParkKind.choices,
            "statuses": ParkStatus.choices,
            "filters": {"kind": kind, "status": status_filter, "since": since, "until": until},
            "query": request.GET.urlencode(),
        },
        status=status,
    )


@login_required
@require_GET
def park_detail(request, pk: int):
    park = get_for_user(Park, request.user, pk)
    return render(
        request,
        "rural/industry/park.html",
        {
            "park": park,
            "villages": list(park.villages.order_by("path")),
            "enterprises": list(park.enterprises.order_by("name")),
        },
    )


class BrandForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    owner_kind = forms.ChoiceField(label=gettext_lazy("Owner"), choices=BrandOwner.choices)
    area = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Cluster or village"), required=False)
    organisation = forms.ModelChoiceField(
        queryset=None, label=gettext_lazy("Cooperative or enterprise"), required=False
    )
    products = forms.CharField(label=gettext_lazy("Products"), max_length=200)
    certification = forms.ChoiceField(
        label=gettext_lazy("Certification"), choices=Certification.choices, required=False
    )
    trademark_number = forms.CharField(label=gettext_lazy("Trademark number"), max_length=40, required=False)
    registered_on = forms.DateField(
        label=gettext_lazy("Registered on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = _areas(user).filter(level__in=[Level.CLUSTER, Level.VILLAGE])
        self.fields["organisation"].queryset = (
            Organisation.objects.restrict(user, VIEW)
            .filter(kind__in=[OrganisationKind.COOPERATIVE, *svc.ENTERPRISE_KINDS])
            .order_by("kind", "name")
        )


@login_required
@require_http_methods(["GET", "POST"])
def brand_list(request):
    user = request.user
    _require(sees_industry(user))
    g = request.GET
    root = _root(request)
    owner_kind = g.get("owner") if g.get("owner") in BrandOwner.values else ""
    rows = sel.brands_for(user=user, root=root, owner_kind=owner_kind)
    figures = sel.brand_figures(rows)
    writable_clusters = set(
        Area.objects.restrict(user, CHANGE).filter(level=Level.CLUSTER).values_list("pk", flat=True)
    )
    form = BrandForm(request.POST or None, user=user) if records(user) else None
    if request.method == "POST":
        _require(form is not None)
    done, status = _run(
        request,
        form,
        lambda data: svc.brand_create(user, **data),
        success=_("The brand has been registered."),
        then=lambda b: reverse("rural:brand", args=[b.pk]),
    )
    if done:
        return done
    return render(
        request,
        "rural/industry/brands.html",
        {
            "rows": list(rows[:300]),
            "figures": figures,
            "clusters": [
                (c, records(user) and c.pk in writable_clusters)
                for c in sel.cluster_brands(user=user, root=root)
            ],
            "form": form,
            "owners": BrandOwner.choices,
            "filters": {"owner": owner_kind},
        },
        status=status,
    )


@login_required
@require_POST
def cluster_brand_set(request, pk: int):
    user = request.user
    cluster = get_for_user(Area, user, pk)
    try:
        svc.cluster_brand_set(user, cluster=cluster, brand=request.POST.get("brand", ""))
    except DomainError as error:
        if error.code == "forbidden":
            raise PermissionDenied from None
        messages.error(request, error.message)
        return redirect("rural:brands")
    messages.success(request, _("The cluster's brand has been saved."))
    return redirect("rural:brands")


@login_required
@require_GET
def brand_detail(request, pk: int):
    brand = get_for_user(Brand, request.user, pk)
    return render(request, "rural/industry/brand.html", {"brand": brand})


@login_required
@require_GET
def chain_links(request):
    user = request.user
    _require(sees_industry(user))
    rows = sel.chains_for(user=user, root=_root(request))
    chains = list(rows)
    writable = (
        set(IndustryChain.objects.restrict(user, CHANGE).values_list("pk", flat=True))
        if records(user)
        else set()
    )
    return render(
        request,
        "rural/industry/chains.html",
        {
            "chains": [(c, c.pk in writable) for c in chains],
            "figures": sel.chain_figures(chains),
            "links": ChainLink.choices,
        },
    )


@login_required
@require_POST
def chain_links_set(request, pk: int):
    user = request.user
    chain = get_for_user(IndustryChain, user, pk)
    try:
        svc.chain_links_set(user, chain=chain, links=request.POST.getlist("links"))
    except DomainError as error:
        if error.code == "forbidden":
            raise PermissionDenied from None
        messages.error(request, error.message)
        return redirect("rural:chain_links")
    messages.success(request, _("The chain's links have been saved."))
    return redirect("rural:chain_links")


@login_required
@require_GET
def training_bases(request):
    user = request.user
    _require(sees_industry(user))
    rows = sel.training_bases_for(user=user, root=_root(request))
    figures = sel.training_base_figures(rows)
    if request.GET.get("format") == "xlsx":
        workbook = list_workbook(
            title=_("Training bases"),
            columns=[
                ExcelColumn(_("Name"), lambda p: p.name, 30),
                ExcelColumn(_("Area"), lambda p: p.area.name, 16),
                ExcelColumn(_("Status"), lambda p: p.get_status_display(), 10),
                ExcelColumn(_("Address"), lambda p: p.address, 24),
            ],
            objects=rows,
            notes=[(_("Training bases"), str(figures["count"]))]
            + [(line.area or _("Outside the clusters"), str(line.count)) for line in figures["by_cluster"]],
        )
        return xlsx_response(workbook, f"{_('Training bases')}.xlsx")
    return render(
        request,
        "rural/industry/training_bases.html",
        {"rows": list(rows[:300]), "figures": figures},
    )
