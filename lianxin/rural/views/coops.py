"""Cooperatives' pages (docs/rural/coops.md): the list with its figures and Excel (county_admin, the
township's and the village's secretaries: their own), a cooperative's page (boards, status, the 12
standards and their evidence, the chair's months, finances, rewards), the evaluation rounds and awards (the
three departments score, county_admin awards), the standards' wording, the township company's stakes and the
villages' conversions. Views parse and render; services decide."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lianxin.areas.models import Area, Household, Level
from lianxin.core import pages
from lianxin.core.context import user_context
from lianxin.core.errors_domain import DomainError
from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response
from lianxin.core.rights import may
from lianxin.core.scope import CHANGE, VIEW, get_for_user
from lianxin.people.models import Organisation, OrganisationKind
from lianxin.rural.models import (
    Conversion,
    ConversionStep,
    Cooperative,
    CooperativeStatusChange,
    CoopStatus,
    Disposition,
    EvaluationRound,
    StakeForm,
    Standard,
)
from lianxin.rural.selectors import coops as sel
from lianxin.rural.services import coops as svc

COOP_CAPABILITIES = (svc.COOP_KEEP, svc.COOP_EVIDENCE, svc.COOP_MONTH, svc.COOP_SCORE, svc.COOP_AWARD)


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def sees_cooperatives(user) -> bool:
    return _signed_in(user) and any(may(user, c) for c in COOP_CAPABILITIES)


def sees_evaluations(user) -> bool:
    return _signed_in(user) and (may(user, svc.COOP_AWARD) or may(user, svc.COOP_SCORE))


def sees_county(user) -> bool:
    """The county's organisation department (county_admin): the county-wide panel."""
    if not _signed_in(user) or not may(user, svc.COOP_AWARD):
        return False
    return any(
        p.area and p.area.level == Level.COUNTY for p in user_context(user).posts if p.role == "org_admin"
    )


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _answer(request, run, *, success: str, then: str):
    """Run a service and go back to the page: its Chinese refusal (or ``success``) shown there."""
    try:
        run()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect(then)


# The list ----------------------------------------------------------------------------------------------


COOP_COLUMNS = [
    ExcelColumn(gettext_lazy("Cooperative"), lambda r: r.coop.name, 26),
    ExcelColumn(gettext_lazy("Village"), lambda r: r.coop.village.name, 12),
    ExcelColumn(
        gettext_lazy("Leading branch"),
        lambda r: r.coop.leading_branch.name if r.coop.leading_branch else "",
        22,
    ),
    ExcelColumn(gettext_lazy("Status"), lambda r: r.coop.get_status_display(), 10),
    ExcelColumn(gettext_lazy("Disposition"), lambda r: r.coop.get_disposition_display(), 8),
    ExcelColumn(gettext_lazy("Chair"), lambda r: "、".join(p.name for p in r.chair), 10),
    ExcelColumn(
        gettext_lazy("Chaired by the village secretary"),
        lambda r: _("yes") if r.chaired_by_secretary else _("no"),
        10,
    ),
    ExcelColumn(gettext_lazy("Council members"), lambda r: len(r.council), 8),
    ExcelColumn(gettext_lazy("Supervisors"), lambda r: len(r.supervisors), 8),
    ExcelColumn(gettext_lazy("Cross-appointed"), lambda r: f"{r.cross_appointed}/{r.board_people}", 8),
    ExcelColumn(gettext_lazy("Member households"), lambda r: r.coop.member_households, 8),
    ExcelColumn(gettext_lazy("Party members' households"), lambda r: r.coop.party_member_households, 8),
    ExcelColumn(gettext_lazy("Standards evidenced"), lambda r: f"{r.standards_met}/{svc.STANDARD_COUNT}", 8),
    ExcelColumn(gettext_lazy("Person-times employed"), lambda r: r.person_times, 10),
    ExcelColumn(gettext_lazy("Wages paid (yuan)"), lambda r: r.wages, 14),
]


class RegisterForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Cooperative"), queryset=Organisation.objects.none()
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), choices=CoopStatus.choices, initial=CoopStatus.RUNNING
    )
    member_households = forms.IntegerField(label=gettext_lazy("Member households"), min_value=0, initial=0)
    party_member_households = forms.IntegerField(
        label=gettext_lazy("Party members' households"), min_value=0, initial=0
    )
    business = forms.CharField(label=gettext_lazy("Business"), max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.restrict(user, CHANGE)
            .filter(kind=OrganisationKind.COOPERATIVE, cooperative__isnull=True)
            .order_by("name")
        )


def _root(request):
    area_id = request.GET.get("area")
    if area_id and area_id.isdigit():
        return get_for_user(Area, request.user, int(area_id))
    return None


@login_required
@require_http_methods(["GET", "POST"])
def cooperative_list(request):
    user = request.user
    require(sees_cooperatives(user))
    g = request.GET
    rows_qs = sel.cooperatives_for(
        user=user,
        root=_root(request),
        status=g.get("status", ""),
        disposition=g.get("disposition", ""),
        lacking=g.get("lacking", ""),
        q=g.get("q", ""),
    )
    rows = sel.coop_rows(rows_qs)
    if g.get("format") == "xlsx":
        workbook = list_workbook(title=_("Cooperatives"), columns=COOP_COLUMNS, objects=rows)
        return xlsx_response(workbook, f"{_('Cooperatives')}.xlsx")
    form = RegisterForm(request.POST or None, user=user) if may(user, svc.COOP_KEEP) else None
    status = 200
    if request.method == "POST":
        require(form is not None)
        if form.is_valid():
            data = form.cleaned_data
            try:
                coop = svc.cooperative_register(
                    user,
                    organisation=data["organisation"],
                    leading_branch=_village_branch(data["organisation"].area),
                    status=data["status"],
                    member_households=data["member_households"],
                    party_member_households=data["party_member_households"],
                    business=data["business"],
                )
            except DomainError as error:
                pages.form_error(form, error)
                status = pages.error_status(error)
            else:
                messages.success(request, _("Registered."))
                return redirect("rural:cooperative", pk=coop.pk)
        else:
            status = 400
    context = {
        "rows": rows,
        "figures": sel.coop_figures(rows),
        "form": form,
        "statuses": CoopStatus.choices,
        "dispositions": Disposition.choices,
        "filters": g,
    }
    return render(request, "rural/coops/list.html", context, status=status)


def _village_branch(village):
    from lianxin.party.models import PartyOrg

    if village is None:
        return None
    return PartyOrg.objects.filter(area=village, kind="branch").order_by("path").first()


# A cooperative ----------------------------------------------------------------------------------------


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=CoopStatus.choices)
    disposition = forms.ChoiceField(
        label=gettext_lazy("Disposition"), choices=[("", "—"), *Disposition.choices], required=False
    )
    note = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)


class MonthForm(forms.Form):
    month = forms.CharField(label=gettext_lazy("Month (YYYY-MM)"), max_length=7)
    person_times = forms.IntegerField(label=gettext_lazy("Person-times employed"), min_value=0)
    wages = forms.DecimalField(label=gettext_lazy("Wages paid (yuan)"), min_value=0, decimal_places=2)


class EvidenceForm(forms.Form):
    standard = forms.IntegerField(min_value=1, max_value=svc.STANDARD_COUNT)
    evidence = forms.CharField(label=gettext_lazy("Evidence"), max_length=5000, required=False)
    evidence_file = forms.FileField(label=gettext_lazy("Evidence photo"), required=False)


class RewardForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2001, max_value=2100)


@login_required
@require_GET
def cooperative_detail(request, pk: int):
    user = request.user
    coop = get_for_user(
        Cooperative.objects.select_related("organisation", "village", "leading_branch"), user, pk
    )
    row = sel.coop_rows([coop])[0]
    months = sel.months_for(user=user, cooperative=coop)
    context = {
        "coop": coop,
        "row": row,
        "standards": sel.standards_of(coop),
        "history": CooperativeStatusChange.objects.filter(cooperative=coop).select_related("recorded_by"),
        "months": months,
        "month_sums": sel.month_sums(months),
        "finances": coop.finances.order_by("-year"),
        "rewards": coop.rewards.select_related("person").order_by("-year", "-role", "id"),
        "award": getattr(coop, "award", None),
        "may_keep": may(user, svc.COOP_KEEP, coop),
        "may_evidence": may(user, svc.COOP_EVIDENCE, coop),
        "is_chair": svc.is_chair(user, coop),
        "status_form": StatusForm(initial={"status": coop.status, "disposition": coop.disposition}),
        "month_form": MonthForm(),
        "reward_form": RewardForm(initial={"year": svc.today().year - 1}),
    }
    return render(request, "rural/coops/detail.html", context)


def _coop(request, pk):
    # Rights are the services' (a chair changes only his months and evidence): read access suffices here.
    return get_for_user(Cooperative, request.user, pk, action=VIEW)


@login_required
@require_POST
def cooperative_status(request, pk: int):
    coop = _coop(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the form."))
        return redirect("rural:cooperative", pk=pk)
    d = form.cleaned_data
    return _answer(
        request,
        lambda: svc.cooperative_status_set(
            request.user, cooperative=coop, status=d["status"], disposition=d["disposition"], note=d["note"]
        ),
        success=_("Status recorded."),
        then=reverse("rural:cooperative", args=[pk]),
    )


@login_required
@require_POST
def cooperative_evidence(request, pk: int):
    coop = _coop(request, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Check the form."))
        return redirect("rural:cooperative", pk=pk)
    d = form.cleaned_data
    standard = (
        Standard.objects.filter(number=d["standard"]).first() or svc.standards_ensure()[d["standard"] - 1]
    )
    if request.POST.get("remove"):
        run = lambda: svc.standard_uncheck(request.user, cooperative=coop, standard=standard)  # noqa: E731
    else:
        run = lambda: svc.standard_check(  # noqa: E731
            request.user,
            cooperative=coop,
            standard=standard,
            evidence=d["evidence"],
            evidence_file=d["evidence_file"],
        )
    return _answer(
        request, run, success=_("Evidence recorded."), then=reverse("rural:cooperative", args=[pk])
    )


@login_required
@require_POST
def cooperative_month(request, pk: int):
    coop = _coop(request, pk)
    form = MonthForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the form."))
        return redirect("rural:cooperative", pk=pk)
    d = form.cleaned_data
    return _answer(
        request,
        lambda: svc.month_record(
            request.user, cooperative=coop, month=d["month"], person_times=d["person_times"], wages=d["wages"]
        ),
        success=_("Month recorded."),
        then=reverse("rural:cooperative", args=[pk]),
    )


@login_required
@require_POST
def cooperative_rewards(request, pk: int):
    coop = _coop(request, pk)
    form = RewardForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the form."))
        return redirect("rural:cooperative", pk=pk)
    return _answer(
        request,
        lambda: svc.reward_record(request.user, cooperative=coop, year=form.cleaned_data["year"]),
        success=_("Rewards recorded."),
        then=reverse("rural:cooperative", args=[pk]),
    )


# Evaluation rounds and awards ------------------------------------------------------------------------------


class EvaluationForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2001, max_value=2100)


def _county_of(user) -> Area | None:
    for post in user_context(user).posts:
        if post.area is not None and post.area.level == Level.COUNTY:
            return post.area
    return None


@login_required
@require_http_methods(["GET", "POST"])
def award_list(request):
    """The evaluation rounds and the awards made (county_admin creates rounds and awards; the
    departments' posts open a round to score)."""
    user = request.user
    require(sees_evaluations(user))
    form = EvaluationForm(request.POST or None) if may(user, svc.COOP_AWARD) else None
    status = 200
    if request.method == "POST":
        require(form is not None)
        county = _county_of(user)
        if form.is_valid() and county is not None:
            try:
                evaluation = svc.evaluation_create(user, county=county, year=form.cleaned_data["year"])
            except DomainError as error:
                pages.form_error(form, error)
                status = pages.error_status(error)
            else:
                return redirect("rural:evaluation", pk=evaluation.pk)
        else:
            status = 400
    from lianxin.rural.models import Award

    awards = Award.objects.restrict(user, VIEW).select_related("cooperative__organisation", "evaluation")
    context = {
        "evaluations": sel.evaluations_for(user=user),
        "awards": awards,
        "award_total": sum((a.amount for a in awards), svc.money(0, "amount")),
        "fund": svc.county_fund(_county_of(user)) if _county_of(user) else None,
        "form": form,
    }
    if context["fund"] is not None:
        from lianxin.rural.services.pools import fund_balance

        context["fund_balance"] = fund_balance(context["fund"])
    return render(request, "rural/coops/awards.html", context, status=status)


@login_required
@require_GET
def evaluation_detail(request, pk: int):
    user = request.user
    evaluation = get_for_user(EvaluationRound.objects.select_related("scheme", "county"), user, pk)
    department = svc.department_of(user, evaluation.county)
    context = {
        "evaluation": evaluation,
        "rows": sel.evaluation_rows(evaluation, sel.evaluation_cooperatives(evaluation)),
        "department": department,
        "department_label": svc.department_label(department) if department else "",
        "may_score": department is not None and may(user, svc.COOP_SCORE),
        "may_award": may(user, svc.COOP_AWARD, evaluation),
        "departments": [(d, svc.department_label(d)) for d in svc.DEPARTMENTS],
    }
    return render(request, "rural/coops/evaluation.html", context)


def _evaluation_coop(request, pk):
    evaluation = get_for_user(EvaluationRound, request.user, pk)
    coop_id = request.POST.get("cooperative", "")
    coop = (
        Cooperative.objects.filter(pk=coop_id, area_path__startswith=evaluation.area_path).first()
        if coop_id.isdigit()
        else None
    )
    return evaluation, coop


@login_required
@require_POST
def evaluation_score(request, pk: int):
    evaluation, coop = _evaluation_coop(request, pk)
    then = reverse("rural:evaluation", args=[pk])
    if coop is None:
        messages.error(request, _("Choose a cooperative of the county."))
        return redirect(then)
    return _answer(
        request,
        lambda: svc.evaluation_score(
            request.user, evaluation=evaluation, cooperative=coop, score=request.POST.get("score")
        ),
        success=_("Score recorded."),
        then=then,
    )


@login_required
@require_POST
def evaluation_award(request, pk: int):
    evaluation, coop = _evaluation_coop(request, pk)
    then = reverse("rural:evaluation", args=[pk])
    if coop is None:
        messages.error(request, _("Choose a cooperative of the county."))
        return redirect(then)
    return _answer(
        request,
        lambda: svc.award_grant(request.user, evaluation=evaluation, cooperative=coop),
        success=_("Awarded."),
        then=then,
    )


# Standards, stakes, conversions ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def standard_list(request):
    user = request.user
    require(sees_cooperatives(user))
    may_word = may(user, svc.COOP_STANDARDS)
    if request.method == "POST":
        require(may_word)
        number = request.POST.get("number", "")
        standard = Standard.objects.filter(number=number).first() if number.isdigit() else None
        if standard is None:
            messages.error(request, _("Choose a standard."))
            return redirect("rural:standards")
        return _answer(
            request,
            lambda: svc.standard_update(
                user,
                standard=standard,
                text=request.POST.get("text", ""),
                title=request.POST.get("title", ""),
            ),
            success=_("Saved."),
            then=reverse("rural:standards"),
        )
    return render(
        request, "rural/coops/standards.html", {"standards": svc.standards_ensure(), "may_word": may_word}
    )


@login_required
@require_http_methods(["GET", "POST"])
def stake_list(request):
    user = request.user
    require(sees_cooperatives(user))
    companies = (
        Organisation.objects.restrict(user, VIEW)
        .filter(kind=OrganisationKind.TOWNSHIP_COMPANY)
        .order_by("name")
    )
    if request.method == "POST":
        company = companies.filter(pk=request.POST.get("company") or 0).first()
        village = (
            Area.objects.restrict(user, VIEW)
            .filter(pk=request.POST.get("village") or 0, level=Level.VILLAGE)
            .first()
        )
        if company is None or village is None:
            messages.error(request, _("Choose the company and a village."))
            return redirect("rural:stakes")
        return _answer(
            request,
            lambda: svc.stake_record(
                user,
                company=company,
                village=village,
                form=request.POST.get("form", ""),
                percent=request.POST.get("percent"),
            ),
            success=_("Stake recorded."),
            then=reverse("rural:stakes"),
        )
    stakes = sel.stakes_for(user=user)
    groups = []
    for company in companies:
        rows = [s for s in stakes if s.company_id == company.pk]
        groups.append({"company": company, "stakes": rows, "total": sum((s.percent for s in rows), 0)})
    villages = Area.objects.restrict(user, VIEW).filter(level=Level.VILLAGE).order_by("path")[:300]
    context = {
        "groups": groups,
        "forms": StakeForm.choices,
        "villages": villages,
        "may_keep": may(user, svc.COOP_KEEP),
    }
    return render(request, "rural/coops/stakes.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def conversion_list(request):
    user = request.user
    require(sees_cooperatives(user))
    if request.method == "POST":
        village = Area.objects.restrict(user, CHANGE).filter(pk=request.POST.get("village") or 0).first()
        if village is None:
            messages.error(request, _("Choose a village."))
            return redirect("rural:conversions")
        return _answer(
            request,
            lambda: svc.conversion_start(
                user, village=village, economic_organisation_name=request.POST.get("name", "")
            ),
            success=_("Conversion started."),
            then=reverse("rural:conversions"),
        )
    context = {
        "conversions": sel.conversions_for(user=user),
        "villages": Area.objects.restrict(user, CHANGE)
        .filter(level__in=[Level.VILLAGE, Level.COMMUNITY])
        .order_by("path")[:300],
        "may_keep": may(user, svc.COOP_KEEP),
        "steps": ConversionStep.choices,
    }
    return render(request, "rural/coops/conversions.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def conversion_detail(request, pk: int):
    user = request.user
    conversion = get_for_user(Conversion.objects.select_related("village", "economic_organisation"), user, pk)
    then = reverse("rural:conversion", args=[pk])
    if request.method == "POST":
        what = request.POST.get("what", "")
        if what == "step":
            run = lambda: svc.conversion_step(  # noqa: E731
                user,
                conversion=conversion,
                step=request.POST.get("step", ""),
                undo=bool(request.POST.get("undo")),
            )
        elif what == "asset":
            run = lambda: svc.conversion_asset_add(  # noqa: E731
                user,
                conversion=conversion,
                name=request.POST.get("name", ""),
                value=request.POST.get("value", ""),
                kind=request.POST.get("kind", ""),
            )
        elif what == "share":
            household = (
                Household.objects.restrict(user, VIEW).filter(pk=request.POST.get("household") or 0).first()
            )
            if household is None:
                messages.error(request, _("Choose a household of the village."))
                return redirect(then)
            run = lambda: svc.conversion_share_set(  # noqa: E731
                user, conversion=conversion, household=household, shares=request.POST.get("shares", "")
            )
        else:
            messages.error(request, _("Check the form."))
            return redirect(then)
        return _answer(request, run, success=_("Saved."), then=then)
    from lianxin.core.paths import under
    from lianxin.people.models import Post

    officers = []
    if conversion.economic_organisation_id:
        officers = (
            Post.objects.current(svc.today())
            .filter(organisation=conversion.economic_organisation)
            .select_related("person")
        )
    done = conversion.steps_done or {}
    context = {
        "conversion": conversion,
        "steps": [(value, label, done.get(value)) for value, label in ConversionStep.choices],
        "steps_done": len(done),
        "assets": conversion.assets.all(),
        "asset_total": sum((a.value for a in conversion.assets.all()), 0),
        "shares": conversion.shares.select_related("household"),
        "households": Household.objects.restrict(user, VIEW)
        .filter(under("area_path", conversion.area_path))
        .order_by("id")[:500],
        "officers": officers,
        "may_keep": may(user, svc.COOP_KEEP, conversion),
    }
    return render(request, "rural/coops/conversion.html", context)
