"""Readiness pages: plans with their teams and gaps, the roster by grid, mobilisations with the live page
(count, curve, 30/60-minute shares, silent list), the caller's own list and the signed link (no sign-in)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lianxin.areas.models import Area, Level
from lianxin.core import pages
from lianxin.core.errors_domain import DomainError
from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response
from lianxin.core.paths import under
from lianxin.core.scope import CHANGE, get_for_user
from lianxin.readiness import selectors, services
from lianxin.readiness.forms import AnswerForm, MobilisationForm, PlanForm, TeamForm
from lianxin.readiness.models import EmergencyPlan, Mobilisation, MobilisationRecipient
from lianxin.volunteering.permissions import is_staff
from lianxin.volunteering.views.common import form_run, require

PLAN_LEVELS = (Level.STREET, Level.TOWNSHIP, Level.COMMUNITY, Level.VILLAGE)


def _areas(user):
    return (
        Area.objects.restrict(user, CHANGE)
        .filter(level__in=PLAN_LEVELS, retired_on__isnull=True)
        .order_by("path")
    )


def _staff_persons(user):
    from lianxin.people.models import Person, Post

    holders = Post.objects.current().filter(area_path__in=list(_areas(user).values_list("path", flat=True)))
    return Person.objects.filter(pk__in=holders.values("person_id")).order_by("name")


def plan_rows(user):
    plans = list(selectors.plans_for(user=user).order_by("area__path", "title"))
    gaps = selectors.plans_gaps(plans)
    return [(p, gaps[p.pk]) for p in plans]


@login_required
@require_http_methods(["GET", "POST"])
def plans(request):
    user = request.user
    require(is_staff(user))
    form = PlanForm(request.POST or None, areas=_areas(user), persons=_staff_persons(user))
    done, status = form_run(
        request,
        form,
        lambda data: services.plan_create(user, **data),
        success=_("The plan has been saved."),
        then=lambda plan: reverse("readiness:plan", args=[plan.pk]),
    )
    if done:
        return done
    rows = plan_rows(user)
    return render(
        request,
        "readiness/plans.html",
        {"form": form, "rows": rows, "complete": sum(1 for _p, g in rows if g == 0)},
        status=status,
    )


@login_required
@require_GET
def plans_export(request):
    require(is_staff(request.user))
    rows = plan_rows(request.user)
    columns = [
        ExcelColumn(_("Plan"), lambda r: r[0].title, 24),
        ExcelColumn(_("Area"), lambda r: r[0].area.name, 16),
        ExcelColumn(_("Commander"), lambda r: r[0].commander.name, 12),
        ExcelColumn(_("Teams"), lambda r: r[0].teams.count(), 8),
        ExcelColumn(_("Estates uncovered"), lambda r: r[1], 10),
        ExcelColumn(_("Complete"), lambda r: r[1] == 0, 8),
    ]
    book = list_workbook(title=_("Emergency plans"), columns=columns, objects=rows)
    return xlsx_response(book, _("Emergency plans") + ".xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def plan(request, pk: int):
    from lianxin.party.models import MemberPost, MemberPostKind
    from lianxin.volunteering.models import VolunteerTeam

    user = request.user
    plan = get_for_user(EmergencyPlan, user, pk)
    form = None
    status = 200
    if is_staff(user):
        form = TeamForm(
            request.POST or None,
            shock_teams=MemberPost.objects.restrict(user).current().filter(kind=MemberPostKind.SHOCK_TEAM),
            volunteer_teams=VolunteerTeam.objects.restrict(user).filter(under("area_path", plan.area.path)),
            estates=selectors.area_estates(plan.area),
        )
        done, status = form_run(
            request,
            form,
            lambda data: services.plan_team_add(user, plan=plan, **data),
            success=_("The team has been added."),
            then=lambda team: reverse("readiness:plan", args=[plan.pk]),
        )
        if done:
            return done
    elif request.method == "POST":
        require(False)
    teams = [
        (t, len(selectors.team_person_ids(t))) for t in plan.teams.select_related("leader").order_by("pk")
    ]
    return render(
        request,
        "readiness/plan.html",
        {"plan": plan, "teams": teams, "gaps": selectors.plan_gaps(plan), "form": form},
        status=status,
    )


@login_required
@require_GET
def roster(request):
    user = request.user
    require(is_staff(user))
    areas = _areas(user)
    value = request.GET.get("area", "")
    area = get_for_user(Area, user, int(value)) if value.isdigit() else areas.first()
    rows = selectors.roster(area) if area is not None else []
    return render(
        request,
        "readiness/roster.html",
        {"area": area, "areas": areas, "rows": rows, "total": sum(r.total for r in rows)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def mobilisations(request):
    user = request.user
    require(is_staff(user))
    areas = _areas(user)
    form = MobilisationForm(
        request.POST or None,
        areas=areas,
        plans=selectors.plans_for(user=user, action=CHANGE),
        estates=Area.objects.restrict(user, CHANGE).filter(level=Level.ESTATE, retired_on__isnull=True),
    )
    done, status = form_run(
        request,
        form,
        lambda data: services.mobilisation_launch(user, **data),
        success=_("The mobilisation has been launched."),
        then=lambda m: reverse("readiness:mobilisation", args=[m.pk]),
    )
    if done:
        return done
    qs = selectors.mobilisations_for(user=user).order_by("-launched_at", "-pk")
    rows = list(qs[:100])
    return render(
        request,
        "readiness/mobilisations.html",
        {"form": form, "rows": rows, "count": qs.count()},
        status=status,
    )


SILENT_SHOWN = 200


def _live_context(m: Mobilisation) -> dict:
    f = selectors.mobilisation_figures(m, silent_limit=SILENT_SHOWN)
    chart = {
        "minutes": [point[0] for point in f.curve],
        "answered": [point[1] for point in f.curve],
        "called": f.called,
        "labels": {"answered": _("Answered"), "minutes": _("Minutes since launch")},
    }
    return {"m": m, "f": f, "chart": chart, "more_silent": max(0, f.silent_count - len(f.silent))}


@login_required
@require_GET
def mobilisation(request, pk: int):
    m = get_for_user(Mobilisation, request.user, pk)
    # The silent list names persons: community staff only (a volunteer of the area sees no resident).
    require(is_staff(request.user))
    template = "readiness/_live.html" if pages.is_htmx(request) else "readiness/mobilisation.html"
    return render(request, template, _live_context(m))


@login_required
@require_GET
def mobilisation_export(request, pk: int):
    m = get_for_user(Mobilisation, request.user, pk)
    require(is_staff(request.user))
    rows = selectors.recipient_rows(m)
    columns = [
        ExcelColumn(_("Name"), lambda r: r[0].person.name, 12),
        ExcelColumn(_("Grid"), lambda r: r[0].grid.name if r[0].grid_id else "", 16),
        ExcelColumn(_("Notified at"), lambda r: r[0].notified_at, 18),
        ExcelColumn(_("Answer"), lambda r: r[1].get_answer_display() if r[1] else _("Silent"), 10),
        ExcelColumn(_("Answered at"), lambda r: r[1].answered_at if r[1] else None, 18),
        ExcelColumn(_("Note"), lambda r: r[1].note if r[1] else "", 20),
    ]
    f = selectors.mobilisation_figures(m)
    notes = [
        (_("People called"), str(f.called)),
        (_("Answered"), str(f.answered)),
        (_("Within 30 minutes"), f"{f.share_30}%"),
        (_("Within 60 minutes"), f"{f.share_60}%"),
        (_("Silent"), str(f.silent_count)),
    ]
    book = list_workbook(title=m.callout.title, columns=columns, objects=rows, notes=notes)
    return xlsx_response(book, m.callout.title + ".xlsx")


@login_required
@require_GET
def mine(request):
    user = request.user
    # Anyone a mobilisation may call: who has never been called sees the empty state.
    require(bool(user.person_id))
    return render(request, "readiness/mine.html", {"rows": selectors.mine(user=user), "form": AnswerForm()})


def _error(request, error: DomainError, back: str):
    return render(
        request,
        "readiness/error.html",
        {"message": error.message, "back": back},
        status=pages.error_status(error),
    )


@login_required
@require_POST
def mobilisation_answer(request, pk: int):
    user = request.user
    recipient = MobilisationRecipient.objects.filter(
        mobilisation_id=pk, person_id=user.person_id or 0
    ).first()
    if recipient is None:
        raise Http404
    form = AnswerForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Answer on duty, on standby or unable to take part."), field="answer")
        services.mobilisation_answer(user, mobilisation=recipient.mobilisation, **form.cleaned_data)
    except DomainError as error:
        return _error(request, error, reverse("readiness:mine"))
    messages.success(request, _("Your answer has been recorded."))
    return redirect("readiness:mine")


@require_http_methods(["GET", "POST"])
def ack(request, token: str):
    """The signed link: the person called answers without signing in."""
    recipient = (
        MobilisationRecipient.objects.select_related("mobilisation__callout", "person")
        .filter(token=token[:60])
        .first()
    )
    if recipient is None:
        raise Http404
    from lianxin.volunteering.models import CalloutAnswer

    answer = CalloutAnswer.objects.filter(
        callout_id=recipient.mobilisation.callout_id, person_id=recipient.person_id
    ).first()
    form = AnswerForm(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise DomainError(_("Answer on duty, on standby or unable to take part."), field="answer")
            answer = services.token_answer(token=token, **form.cleaned_data)
        except DomainError as error:
            pages.form_error(form, error)
            status = pages.error_status(error)
    return render(
        request,
        "readiness/ack.html",
        {"recipient": recipient, "answer": answer, "form": form, "m": recipient.mobilisation},
        status=status,
    )
