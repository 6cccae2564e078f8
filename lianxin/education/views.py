"""Education pages for staff (the county organisation department's console first): sessions by kind, year
and area with their counts, a session's participants and results, plans with their classes, a class's
enrolments, attendance and evaluations, the library (teaching points, teachers, courses) and funds."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lianxin.areas.models import Area, Level
from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response
from lianxin.core.scope import CHANGE, VIEW, get_for_user
from lianxin.education import selectors, services
from lianxin.education.forms import ClassForm, EnrolForm, FundForm, ParticipantForm, PlanForm, SessionForm
from lianxin.education.models import (
    EducationSession,
    LocalTeacher,
    SessionKind,
    TeachingPoint,
    TrainingClass,
)
from lianxin.volunteering.permissions import is_staff
from lianxin.volunteering.views.common import form_run, require

AREA_LEVELS = (Level.COUNTY, Level.STREET, Level.TOWNSHIP, Level.COMMUNITY, Level.VILLAGE)


def _areas(user, action=CHANGE):
    return (
        Area.objects.restrict(user, action)
        .filter(level__in=AREA_LEVELS, retired_on__isnull=True)
        .order_by("path")
    )


def _filters(request):
    user = request.user
    value = request.GET.get("area", "")
    area = get_for_user(Area, user, int(value)) if value.isdigit() else None
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and 1949 <= int(year) <= 2100 else None
    kind = SessionKind.objects.filter(code=request.GET.get("kind", "")).first()
    return area, year, kind


def _persons(user):
    from lianxin.people.models import Person

    return Person.objects.restrict(user, VIEW).order_by("name")[:2000]


@login_required
@require_GET
def console(request):
    """The education console: sessions by kind, volume, plans, classes and funds for an area and year."""
    user = request.user
    require(is_staff(user))
    area, year, _kind = _filters(request)
    year = year or timezone.localdate().year
    sessions = selectors.sessions_for(user=user, area=area, year=year)
    from datetime import date

    volume = selectors.training_volume(user=user, area=area, since=date(year, 1, 1), until=date(year, 12, 31))
    funds = selectors.funds_by_source(selectors.funds_for(user=user, area=area, year=year))
    plans = selectors.plans_for(user=user).filter(year_from__lte=year, year_to__gte=year)
    classes = selectors.classes_for(user=user).filter(starts_on__year=year)
    return render(
        request,
        "education/console.html",
        {
            "area": area,
            "year": year,
            "areas": _areas(user, VIEW),
            "by_kind": selectors.sessions_by_kind(sessions),
            "sessions": sessions.count(),
            "volume": volume,
            "funds": funds,
            "funds_total": sum(r["yuan"] for r in funds),
            "plans": plans.order_by("kind", "pk"),
            "classes": classes.order_by("-starts_on"),
        },
    )


def _session_rows(request):
    area, year, kind = _filters(request)
    return selectors.sessions_for(user=request.user, area=area, year=year, kind=kind).order_by(
        "-held_on", "-pk"
    )


@login_required
@require_http_methods(["GET", "POST"])
def sessions(request):
    from lianxin.volunteering.models import Course

    user = request.user
    require(is_staff(user))
    form = SessionForm(
        request.POST or None,
        kinds=SessionKind.objects.filter(active=True),
        areas=_areas(user),
        points=TeachingPoint.objects.restrict(user).select_related("place"),
        courses=Course.objects.restrict(user),
    )
    done, status = form_run(
        request,
        form,
        lambda data: services.session_record(user, **data),
        success=_("The session has been recorded."),
        then=lambda s: reverse("education:session", args=[s.pk]),
    )
    if done:
        return done
    qs = _session_rows(request)
    area, year, kind = _filters(request)
    return render(
        request,
        "education/sessions.html",
        {
            "form": form,
            "rows": qs[:200],
            "count": qs.count(),
            "by_kind": selectors.sessions_by_kind(qs),
            "kinds": SessionKind.objects.filter(active=True),
            "area": area,
            "year": year,
            "kind": kind,
            "areas": _areas(user, VIEW),
            "query": request.GET.urlencode(),
        },
        status=status,
    )


@login_required
@require_GET
def sessions_export(request):
    require(is_staff(request.user))
    columns = [
        ExcelColumn(_("Held on"), lambda s: s.held_on, 12),
        ExcelColumn(_("Kind"), lambda s: s.kind.name, 14),
        ExcelColumn(_("Title"), lambda s: s.activity.title, 28),
        ExcelColumn(_("Place"), lambda s: s.activity.place.name if s.activity.place_id else "", 20),
        ExcelColumn(_("Batch"), lambda s: s.batch, 10),
        ExcelColumn(_("Participants"), lambda s: s.activity.participants, 10),
        ExcelColumn(_("Results"), lambda s: s.results, 30),
    ]
    book = list_workbook(title=_("Party-education sessions"), columns=columns, objects=_session_rows(request))
    return xlsx_response(book, _("Party-education sessions") + ".xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def session(request, pk: int):
    user = request.user
    s = get_for_user(EducationSession, user, pk)
    form = None
    status = 200
    if is_staff(user):
        form = ParticipantForm(request.POST or None, persons=_persons(user))
        done, status = form_run(
            request,
            form,
            lambda data: services.session_participant_add(user, session=s, **data),
            success=_("The participant has been recorded."),
            then=lambda r: reverse("education:session", args=[s.pk]),
        )
        if done:
            return done
    else:
        require(request.method == "GET")
    results = s.scores.select_related("person").order_by("person__name")
    return render(
        request, "education/session.html", {"s": s, "results": results, "form": form}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def plans(request):
    user = request.user
    require(is_staff(user))
    plan_qs = selectors.plans_for(user=user, action=CHANGE)
    points = TeachingPoint.objects.restrict(user).select_related("place")
    plan_form = PlanForm(
        request.POST if request.POST.get("form") == "plan" else None,
        areas=_areas(user),
        parents=plan_qs.filter(kind="five_year"),
    )
    class_form = ClassForm(
        request.POST if request.POST.get("form") == "class" else None, plans=plan_qs, points=points
    )
    status = 200
    if request.POST.get("form") == "plan":
        done, status = form_run(
            request,
            plan_form,
            lambda data: services.training_plan_create(user, **data),
            success=_("The plan has been saved."),
            then=lambda p: reverse("education:plans"),
        )
        if done:
            return done
    elif request.POST.get("form") == "class":
        done, status = form_run(
            request,
            class_form,
            lambda data: services.training_class_create(user, **data),
            success=_("The class has been saved."),
            then=lambda c: reverse("education:class", args=[c.pk]),
        )
        if done:
            return done
    elif request.method == "POST":
        status = 400
    rows = list(selectors.plans_for(user=user).order_by("year_from", "kind", "pk"))
    classes = list(selectors.classes_for(user=user).order_by("-starts_on", "-pk"))
    figures = {c.pk: selectors.class_figures(c) for c in classes}
    return render(
        request,
        "education/plans.html",
        {
            "rows": rows,
            "classes": [(c, figures[c.pk]) for c in classes],
            "plan_form": plan_form,
            "class_form": class_form,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def training_class(request, pk: int):
    user = request.user
    klass = get_for_user(TrainingClass, user, pk)
    form = None
    status = 200
    if is_staff(user):
        form = EnrolForm(
            request.POST if request.POST.get("form") == "enrol" else None, persons=_persons(user)
        )
        if request.POST.get("form") == "enrol":
            done, status = form_run(
                request,
                form,
                lambda data: services.enrolment_add(user, training_class=klass, **data),
                success=_("The trainee has been enrolled."),
                then=lambda e: reverse("education:class", args=[klass.pk]),
            )
            if done:
                return done
        elif request.POST.get("form") == "attendance":
            from django.contrib import messages
            from django.shortcuts import redirect

            from lianxin.core.errors_domain import DomainError

            enrolment = klass.enrolments.filter(pk=request.POST.get("enrolment", "0") or 0).first()
            days = request.POST.get("days_attended", "")
            try:
                if enrolment is None or not days.isdigit():
                    raise DomainError(_("Enter the days attended, from 0 to %(n)s.") % {"n": klass.days})
                services.attendance_record(user, enrolment=enrolment, days_attended=int(days))
            except DomainError as error:
                messages.error(request, error.message)
                status = 400
            else:
                messages.success(request, _("The attendance has been recorded."))
                return redirect("education:class", pk=klass.pk)
    else:
        require(request.method == "GET")
    enrolments = klass.enrolments.select_related("person").order_by("person__name")
    evaluations = klass.evaluations.select_related("course", "enrolment__person").order_by("-pk")
    return render(
        request,
        "education/class.html",
        {
            "c": klass,
            "f": selectors.class_figures(klass),
            "enrolments": enrolments,
            "evaluations": evaluations,
            "form": form,
            "days": range(0, klass.days + 1),
        },
        status=status,
    )


@login_required
@require_GET
def library(request):
    from lianxin.volunteering.models import Course

    user = request.user
    require(is_staff(user))
    points = (
        TeachingPoint.objects.restrict(user).select_related("place").prefetch_related("courses", "teachers")
    )
    teachers = (
        LocalTeacher.objects.restrict(user).select_related("trainer").prefetch_related("teaching_points")
    )
    courses = Course.objects.restrict(user).select_related("trainer").order_by("title")
    return render(
        request,
        "education/library.html",
        {"points": points, "teachers": teachers, "courses": courses},
    )


@login_required
@require_http_methods(["GET", "POST"])
def funds(request):
    user = request.user
    require(is_staff(user))
    form = FundForm(
        request.POST or None, areas=_areas(user), plans=selectors.plans_for(user=user, action=CHANGE)
    )
    done, status = form_run(
        request,
        form,
        lambda data: services.fund_record(user, **data),
        success=_("The funds have been recorded."),
        then=lambda f: reverse("education:funds"),
    )
    if done:
        return done
    area, year, _kind = _filters(request)
    qs = selectors.funds_for(user=user, area=area, year=year).order_by("-year", "source", "pk")
    by_source = selectors.funds_by_source(qs)
    return render(
        request,
        "education/funds.html",
        {
            "form": form,
            "rows": qs,
            "count": qs.count(),
            "by_source": by_source,
            "total": sum(r["yuan"] for r in by_source),
            "query": request.GET.urlencode(),
        },
        status=status,
    )


@login_required
@require_GET
def funds_export(request):
    require(is_staff(request.user))
    area, year, _kind = _filters(request)
    qs = selectors.funds_for(user=request.user, area=area, year=year).order_by("-year", "source", "pk")
    columns = [
        ExcelColumn(_("Year"), lambda f: f.year, 8),
        ExcelColumn(_("Area"), lambda f: f.area.name, 16),
        ExcelColumn(_("Source"), lambda f: f.get_source_display(), 14),
        ExcelColumn(_("Amount (yuan)"), lambda f: f.yuan, 14),
        ExcelColumn(_("Plan"), lambda f: f.plan.title if f.plan_id else "", 24),
        ExcelColumn(_("Note"), lambda f: f.note, 24),
    ]
    book = list_workbook(title=_("Training funds"), columns=columns, objects=qs)
    return xlsx_response(book, _("Training funds") + ".xlsx")
