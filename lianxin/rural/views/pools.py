"""The pools pages (四个统筹, docs/rural/pools.md): the county admin's funds, entries, commitments and
tranches with the county total per year (/rural/pools/); a township secretary's clusters: cadres,
deployments, the joint activities and their attendance, the village assessment with its ranking. Thin
views over selectors.pools and services.pools; the exports read the same selectors as the pages."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from lianxin.areas.models import Area, Level
from lianxin.core import pages
from lianxin.core.errors_domain import DomainError
from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response
from lianxin.core.rights import may
from lianxin.core.scope import VIEW, get_for_user
from lianxin.rural.models import ClusterActivity, EntryKind, Fund, FundCommitment, FundSource, Tranche
from lianxin.rural.selectors import pools as sel
from lianxin.rural.services import pools as svc

# ------------------------------------------------------------------------------------------------ rights


def keeps_funds(user, at: str | None = None) -> bool:
    return may(user, svc.FUND_MANAGE, at=at) if at is not None else may(user, svc.FUND_MANAGE)


def keeps_cluster(user, cluster: Area) -> bool:
    return may(user, svc.POOLS_MANAGE, at=cluster.path)


def sees_pools(user) -> bool:
    """The county admin, and a township secretary (or joint committee leader) over at least one cluster."""
    if not getattr(user, "is_authenticated", False):
        return False
    if keeps_funds(user):
        return True
    return may(user, svc.POOLS_MANAGE) and sel.clusters_for(user).exists()


def _require_sees(user) -> None:
    if not sees_pools(user):
        raise PermissionDenied


# ------------------------------------------------------------------------------------------------ forms


class InflowForm(forms.Form):
    amount = forms.CharField(label=gettext_lazy("amount (yuan)"), max_length=20)
    source = forms.CharField(label=gettext_lazy("source"), max_length=100)
    source_kind = forms.ChoiceField(label=gettext_lazy("source kind"), choices=FundSource.choices)
    purpose = forms.CharField(label=gettext_lazy("purpose"), max_length=200, required=False)
    occurred_on = forms.DateField(label=gettext_lazy("date"), required=False)


class AllocateForm(forms.Form):
    amount = forms.CharField(label=gettext_lazy("amount (yuan)"), max_length=20)
    purpose = forms.CharField(label=gettext_lazy("purpose"), max_length=200)
    area = forms.ModelChoiceField(
        label=gettext_lazy("for area"), queryset=Area.objects.none(), required=False
    )
    occurred_on = forms.DateField(label=gettext_lazy("date"), required=False)

    def __init__(self, *args, fund: Fund, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(
            path__startswith=fund.area_path, level__in=[Level.VILLAGE, Level.CLUSTER, Level.TOWNSHIP]
        ).order_by("path")


class FundForm(forms.Form):
    area = forms.ModelChoiceField(label=gettext_lazy("area"), queryset=Area.objects.none())
    name = forms.CharField(label=gettext_lazy("name"), max_length=100)
    source_kinds = forms.MultipleChoiceField(
        label=gettext_lazy("source kinds"),
        choices=FundSource.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=gettext_lazy("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = (
            Area.objects.restrict(user, VIEW).filter(level__in=[Level.COUNTY, Level.CLUSTER]).order_by("path")
        )


class CommitmentForm(forms.Form):
    area = forms.ModelChoiceField(label=gettext_lazy("beneficiary"), queryset=Area.objects.none())
    name = forms.CharField(label=gettext_lazy("name"), max_length=100, initial="乡村振兴示范村扶持")
    yearly_amount = forms.CharField(
        label=gettext_lazy("amount per year"), max_length=20, initial="1000000.00"
    )
    first_year = forms.IntegerField(label=gettext_lazy("first year"))
    years = forms.IntegerField(label=gettext_lazy("years"), initial=3)
    fund = forms.ModelChoiceField(label=gettext_lazy("fund"), queryset=Fund.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = (
            Area.objects.restrict(user, VIEW)
            .filter(level=Level.VILLAGE, retired_on__isnull=True)
            .order_by("path")
        )
        self.fields["fund"].queryset = Fund.objects.restrict(user, VIEW).order_by("area_path", "name")


class DeploymentForm(forms.Form):
    person = forms.IntegerField(label=gettext_lazy("cadre"), widget=forms.Select)
    to_party_org = forms.IntegerField(
        label=gettext_lazy("to task force"), required=False, widget=forms.Select
    )
    to_area = forms.ModelChoiceField(
        label=gettext_lazy("to village"), queryset=Area.objects.none(), required=False
    )
    duty = forms.CharField(label=gettext_lazy("duty"), max_length=100, required=False)
    starts_on = forms.DateField(label=gettext_lazy("from"))
    ends_on = forms.DateField(label=gettext_lazy("to"), required=False)

    def __init__(self, *args, cluster: Area, roster, task_forces, **kwargs):
        super().__init__(*args, **kwargs)
        self.roster = {row.person.pk: row for row in roster}
        self.task_forces = {org.pk: org for org in task_forces}
        self.fields["person"].widget.choices = [("", "—")] + [
            (row.person.pk, f"{row.person.name}（{row.home.name if row.home else '—'}）") for row in roster
        ]
        self.fields["to_party_org"].widget.choices = [("", "—")] + [(o.pk, o.name) for o in task_forces]
        self.fields["to_area"].queryset = sel.cluster_villages(cluster)


class ActivityForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("name"), max_length=100, initial="党员活动日")
    held_on = forms.DateField(label=gettext_lazy("date"))
    place = forms.CharField(label=gettext_lazy("place"), max_length=100, required=False)
    content = forms.CharField(
        label=gettext_lazy("content"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SchemeForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("year"), min_value=2000, max_value=2100)
    name = forms.CharField(label=gettext_lazy("name"), max_length=100, required=False)
    indicators = forms.CharField(
        label=gettext_lazy("indicators"),
        help_text=gettext_lazy("One per line: the indicator's name and its weight (%), e.g. 产业发展 40."),
        widget=forms.Textarea(attrs={"rows": 4}),
        initial="党建引领 30\n产业发展 40\n乡村治理 30",
    )


def _handle(request, form, action):
    """Run ``action(cleaned_data)`` for a valid form; (done, status)."""
    if not form.is_valid():
        return False, 400
    try:
        action(form.cleaned_data)
    except DomainError as error:
        pages.form_error(form, error)
        return False, pages.error_status(error)
    messages.success(request, _("Saved."))
    return True, 200


# ------------------------------------------------------------------------------------------------ pages


@login_required
@require_http_methods(["GET", "POST"])
def pools(request):
    """The overview: funds with balances, commitments with the county total per year, the clusters."""
    user = request.user
    _require_sees(user)
    writer = keeps_funds(user)
    fund_form = FundForm(request.POST if request.method == "POST" else None, user=user)
    status = 200
    if request.method == "POST":
        if not writer:
            raise PermissionDenied
        done, status = _handle(
            request,
            fund_form,
            lambda d: svc.fund_create(
                user, area=d["area"], name=d["name"], source_kinds=d["source_kinds"], note=d["note"]
            ),
        )
        if done:
            return redirect("rural:pools")
    funds = sel.funds_for(user)
    commitments = sel.commitments_for(user)
    counts = sel.cadre_counts(user)
    return render(
        request,
        "rural/pools/pools.html",
        {
            "funds": funds,
            "fund_figures": sel.funds_figures(funds),
            "commitments": commitments,
            "commitment_figures": sel.commitments_figures(commitments),
            "years": sel.year_totals(commitments),
            "cadres": counts,
            "writer": writer,
            "fund_form": fund_form,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def fund(request, pk: int):
    user = request.user
    _require_sees(user)
    fund = get_for_user(Fund.objects.select_related("area"), user, pk)
    writer = keeps_funds(user, at=fund.area_path)
    which = request.POST.get("form") if request.method == "POST" else None
    inflow_form = InflowForm(request.POST if which == "inflow" else None)
    allocate_form = AllocateForm(request.POST if which == "allocate" else None, fund=fund)
    status = 200
    if request.method == "POST":
        if not writer:
            raise PermissionDenied
        if which == "inflow":
            done, status = _handle(
                request,
                inflow_form,
                lambda d: svc.fund_inflow(
                    user,
                    fund=fund,
                    amount=d["amount"],
                    source=d["source"],
                    source_kind=d["source_kind"],
                    purpose=d["purpose"],
                    occurred_on=d["occurred_on"],
                ),
            )
        else:
            done, status = _handle(
                request,
                allocate_form,
                lambda d: svc.fund_allocate(
                    user,
                    fund=fund,
                    amount=d["amount"],
                    purpose=d["purpose"],
                    area=d["area"],
                    occurred_on=d["occurred_on"],
                ),
            )
        if done:
            return redirect("rural:pools_fund", fund.pk)
    entries = list(sel.fund_entries(fund))
    return render(
        request,
        "rural/pools/fund.html",
        {
            "fund": fund,
            "row": sel.fund_row(fund),
            "entries": entries,
            "writer": writer,
            "inflow_form": inflow_form,
            "allocate_form": allocate_form,
            "INFLOW": EntryKind.INFLOW,
        },
        status=status,
    )


def _fund_columns():
    return [
        ExcelColumn(_("area"), lambda r: r.fund.area.name, 16),
        ExcelColumn(_("name"), lambda r: r.fund.name, 24),
        ExcelColumn(_("inflows (yuan)"), lambda r: r.inflow, 16),
        ExcelColumn(_("allocated (yuan)"), lambda r: r.allocated, 16),
        ExcelColumn(_("balance (yuan)"), lambda r: r.balance, 16),
        ExcelColumn(_("entries"), lambda r: r.entries, 8),
    ]


@login_required
@require_http_methods(["GET"])
def funds_export(request):
    user = request.user
    _require_sees(user)
    rows = sel.funds_for(user)
    workbook = list_workbook(title=_("Fund pools"), columns=_fund_columns(), objects=rows)
    return xlsx_response(workbook, f"{_('Fund pools')}.xlsx")


@login_required
@require_http_methods(["GET"])
def entries_export(request, pk: int):
    user = request.user
    _require_sees(user)
    fund = get_for_user(Fund, user, pk)
    columns = [
        ExcelColumn(_("date"), lambda e: e.occurred_on, 12),
        ExcelColumn(_("kind"), lambda e: e.get_kind_display(), 8),
        ExcelColumn(_("amount (yuan)"), lambda e: e.amount, 16),
        ExcelColumn(_("source"), lambda e: e.source, 20),
        ExcelColumn(_("purpose"), lambda e: e.purpose, 24),
        ExcelColumn(_("for area"), lambda e: e.area.name if e.area_id else "", 12),
        ExcelColumn(_("balance after"), lambda e: e.balance_after, 16),
    ]
    workbook = list_workbook(title=fund.name, columns=columns, objects=sel.fund_entries(fund))
    return xlsx_response(workbook, f"{fund.name}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def commitments(request):
    user = request.user
    _require_sees(user)
    writer = keeps_funds(user)
    form = CommitmentForm(request.POST if request.method == "POST" else None, user=user)
    status = 200
    if request.method == "POST":
        if not writer:
            raise PermissionDenied
        done, status = _handle(
            request,
            form,
            lambda d: svc.commitment_create(
                user,
                area=d["area"],
                name=d["name"],
                yearly_amount=d["yearly_amount"],
                first_year=d["first_year"],
                years=d["years"],
                fund=d["fund"],
            ),
        )
        if done:
            return redirect("rural:pools_commitments")
    rows = sel.commitments_for(user)
    return render(
        request,
        "rural/pools/commitments.html",
        {
            "rows": rows,
            "figures": sel.commitments_figures(rows),
            "years": sel.year_totals(rows),
            "writer": writer,
            "form": form,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET"])
def commitments_export(request):
    user = request.user
    _require_sees(user)
    rows = sel.commitments_for(user)
    tranches = [(row, t) for row in rows for t in row.tranches]
    columns = [
        ExcelColumn(_("beneficiary"), lambda p: p[0].commitment.area.name, 12),
        ExcelColumn(_("name"), lambda p: p[0].commitment.name, 20),
        ExcelColumn(_("year"), lambda p: p[1].year, 8),
        ExcelColumn(_("amount (yuan)"), lambda p: p[1].amount, 16),
        ExcelColumn(_("due on"), lambda p: p[1].due_on, 12),
        ExcelColumn(_("paid on"), lambda p: p[1].paid_on or "", 12),
    ]
    notes = [
        (
            str(y.year),
            _("committed %(c)s, paid %(p)s, pending %(n)s") % {"c": y.committed, "p": y.paid, "n": y.pending},
        )
        for y in sel.year_totals(rows)
    ]
    workbook = list_workbook(title=_("Funding commitments"), columns=columns, objects=tranches, notes=notes)
    return xlsx_response(workbook, f"{_('Funding commitments')}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def commitment(request, pk: int):
    user = request.user
    _require_sees(user)
    commitment = get_for_user(FundCommitment.objects.select_related("area", "fund", "county"), user, pk)
    writer = keeps_funds(user, at=commitment.county.path)
    status = 200
    error = ""
    if request.method == "POST":
        if not writer:
            raise PermissionDenied
        tranche = Tranche.objects.filter(commitment=commitment, pk=request.POST.get("tranche") or 0).first()
        if tranche is None:
            error, status = _("Choose a tranche of this commitment."), 400
        else:
            try:
                svc.tranche_pay(user, tranche=tranche)
            except DomainError as refused:
                error, status = refused.message, pages.error_status(refused)
            else:
                messages.success(request, _("Saved."))
                return redirect("rural:pools_commitment", commitment.pk)
    return render(
        request,
        "rural/pools/commitment.html",
        {"row": sel.commitment_row(commitment), "writer": writer, "error": error},
        status=status,
    )


def _cluster(user, pk: int) -> Area:
    return get_for_user(Area.objects.filter(level=Level.CLUSTER), user, pk)


def _task_forces(cluster: Area):
    from lianxin.party.models import OrgKind, PartyOrg

    return list(
        PartyOrg.objects.filter(kind=OrgKind.TASK_FORCE, area_path__startswith=cluster.path).order_by("path")
    )


@login_required
@require_http_methods(["GET", "POST"])
def cluster(request, pk: int):
    """A cluster's pools: its fund, cadre roster and deployments, joint activities, village assessment."""
    from lianxin.party.models import PartyOrg

    user = request.user
    _require_sees(user)
    cluster = _cluster(user, pk)
    writer = keeps_cluster(user, cluster)
    roster = sel.cluster_roster(cluster)
    task_forces = _task_forces(cluster)
    which = request.POST.get("form") if request.method == "POST" else None
    deploy_form = DeploymentForm(
        request.POST if which == "deploy" else None, cluster=cluster, roster=roster, task_forces=task_forces
    )
    activity_form = ActivityForm(request.POST if which == "activity" else None)
    scheme_form = SchemeForm(request.POST if which == "scheme" else None)
    status = 200
    if request.method == "POST":
        if not writer:
            raise PermissionDenied
        if which == "deploy":

            def deploy(d):
                row = deploy_form.roster.get(d["person"])
                if row is None:
                    raise DomainError(_("Choose the cadre."), field="person")
                org = PartyOrg.objects.filter(pk=d["to_party_org"]).first() if d["to_party_org"] else None
                svc.deployment_create(
                    user,
                    cluster=cluster,
                    person=row.person,
                    home_area=row.home,
                    to_area=d["to_area"],
                    to_party_org=org,
                    duty=d["duty"],
                    starts_on=d["starts_on"],
                    ends_on=d["ends_on"],
                )

            done, status = _handle(request, deploy_form, deploy)
        elif which == "scheme":
            done, status = _handle(
                request, scheme_form, lambda d: svc.assessment_create(user, cluster=cluster, **d)
            )
        else:
            done, status = _handle(
                request,
                activity_form,
                lambda d: svc.activity_schedule(
                    user,
                    cluster=cluster,
                    name=d["name"],
                    held_on=d["held_on"],
                    place=d["place"],
                    content=d["content"],
                ),
            )
        if done:
            return redirect("rural:pools_cluster", cluster.pk)
    schemes = [{"scheme": s, "ranking": sel.scheme_ranking(s)} for s in sel.cluster_schemes(user, cluster)]
    return render(
        request,
        "rural/pools/cluster.html",
        {
            "cluster": cluster,
            "funds": sel.funds_for(user, area=cluster),
            "roster": roster,
            "deployments": list(sel.deployments_for(user, cluster=cluster)),
            "activities": list(sel.activities_for(user, cluster=cluster)),
            "schemes": schemes,
            "villages": list(sel.cluster_villages(cluster)),
            "writer": writer,
            "deploy_form": deploy_form,
            "activity_form": activity_form,
            "scheme_form": scheme_form,
        },
        status=status,
    )


def _latest_scores(scheme, person_id) -> dict:
    from lianxin.assessment.models import Mark

    found = {}
    for row in Mark.objects.filter(scheme=scheme, subject_area__isnull=False).order_by("marked_at", "pk"):
        found[(row.subject_area_id, row.indicator_id)] = row.score
    return found


@login_required
@require_http_methods(["GET", "POST"])
def scheme(request, pk: int):
    """A cluster's village assessment: scores per village and indicator, and the ranking."""
    from lianxin.assessment.models import Scheme, SubjectKind
    from lianxin.assessment.scoring_rights import MARK

    user = request.user
    _require_sees(user)
    scheme = get_for_user(
        Scheme.objects.filter(subject_kind=SubjectKind.VILLAGE).select_related("area"), user, pk
    )
    marker = may(user, MARK, obj=scheme.area)
    status, error = 200, ""
    indicators = list(scheme.indicators.order_by("order", "pk"))
    villages = list(sel.cluster_villages(scheme.area))
    if request.method == "POST":
        if not marker:
            raise PermissionDenied
        scores = {}
        for village in villages:
            for indicator in indicators:
                value = (request.POST.get(f"score_{village.pk}_{indicator.pk}") or "").strip()
                if value:
                    scores[(village.pk, indicator.pk)] = value
        try:
            svc.assessment_scores(user, scheme=scheme, scores=scores)
        except DomainError as refused:
            error, status = refused.message, pages.error_status(refused)
        else:
            messages.success(request, _("Saved."))
            return redirect("rural:pools_scheme", scheme.pk)
    latest = _latest_scores(scheme, user.person_id)
    grid = [
        {"village": v, "cells": [{"indicator": i, "value": latest.get((v.pk, i.pk))} for i in indicators]}
        for v in villages
    ]
    return render(
        request,
        "rural/pools/scheme.html",
        {
            "scheme": scheme,
            "indicators": indicators,
            "grid": grid,
            "ranking": sel.scheme_ranking(scheme),
            "marker": marker,
            "error": error,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET"])
def roster_export(request, pk: int):
    user = request.user
    _require_sees(user)
    cluster = _cluster(user, pk)
    columns = [
        ExcelColumn(_("name"), lambda r: r.person.name, 10),
        ExcelColumn(_("home village"), lambda r: r.home.name if r.home else "", 12),
        ExcelColumn(_("posts"), lambda r: "、".join(str(p.get_role_display()) for p in r.posts), 24),
        ExcelColumn(_("deployed to"), lambda r: str(r.deployment.target) if r.deployment else "", 20),
        ExcelColumn(_("until"), lambda r: (r.deployment.ends_on or "") if r.deployment else "", 12),
    ]
    workbook = list_workbook(title=cluster.name, columns=columns, objects=sel.cluster_roster(cluster))
    return xlsx_response(workbook, f"{cluster.name}{_('cadres')}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def activity(request, pk: int):
    user = request.user
    _require_sees(user)
    activity = get_for_user(ClusterActivity.objects.select_related("cluster"), user, pk)
    writer = keeps_cluster(user, activity.cluster)
    status = 200
    error = ""
    if request.method == "POST":
        if not writer:
            raise PermissionDenied
        try:
            svc.attendance_record(user, activity=activity, present_ids=request.POST.getlist("present"))
        except DomainError as refused:
            error, status = refused.message, pages.error_status(refused)
        else:
            messages.success(request, _("Saved."))
            return redirect("rural:pools_activity", activity.pk)
    groups = sel.activity_attendance(activity)
    taken = {row.person_id: row.present for g in groups for row in g.rows}
    members = [
        {"branch": branch, "person": person, "present": taken.get(person.pk, False)}
        for branch, person in svc.activity_members(activity)
    ]
    return render(
        request,
        "rural/pools/activity.html",
        {
            "activity": activity,
            "groups": groups,
            "present": sum(g.present for g in groups),
            "total": sum(g.members for g in groups),
            "members": members,
            "writer": writer,
            "error": error,
        },
        status=status,
    )


def branch_section(*, user, area) -> str:
    """The area page's section (areas.sections): the cluster activities held for the village's branches,
    with their members' attendance (each branch's record, P002-08)."""
    from django.template.loader import render_to_string

    from lianxin.party.models import OrgKind, PartyOrg

    if area.level != Level.VILLAGE or not getattr(user, "is_authenticated", False):
        return ""
    branches = PartyOrg.objects.restrict(user, VIEW).filter(
        area=area, kind__in=[OrgKind.BRANCH, OrgKind.GENERAL_BRANCH]
    )
    records = [(b, sel.branch_activities(b)) for b in branches]
    records = [(b, rows) for b, rows in records if rows]
    if not records:
        return ""
    return render_to_string("rural/pools/_branch_section.html", {"records": records})
