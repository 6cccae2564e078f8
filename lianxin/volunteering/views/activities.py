"""Activity pages: the staff's list (publish, counts, export), an activity's page (the roll, the QR code,
closing sign-in, confirming hours, results), the resident's 活动 page and QR landing (360 px), 我的时长,
the counts page (P000-49, P001-39, P002-37, P003-12, P003-29, P003-49, P004-47) and the training registers
(P000-63)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from lianxin.areas.models import Area, Place, PlaceActivity, PlaceActivityKind
from lianxin.core.errors_domain import DomainError
from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response
from lianxin.core.scope import CHANGE, VIEW, get_for_user
from lianxin.party.models import PartyOrg
from lianxin.volunteering import links
from lianxin.volunteering.models import (
    ActivityDetail,
    Course,
    ProjectSource,
    SourceKind,
    Trainer,
    VolunteerTeam,
)
from lianxin.volunteering.selectors import activities as sel
from lianxin.volunteering.services import activities as svc
from lianxin.volunteering.views.common import area_root, form_error, form_run, require


class ActivityForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), choices=PlaceActivityKind.choices, initial=PlaceActivityKind.VOLUNTEERING
    )
    place = forms.ModelChoiceField(label=gettext_lazy("Place"), queryset=Place.objects.none(), required=False)
    area = forms.ModelChoiceField(label=gettext_lazy("Area"), queryset=Area.objects.none(), required=False)
    starts_at = forms.DateTimeField(
        label=gettext_lazy("Starts at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=gettext_lazy("Ends at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    capacity = forms.IntegerField(label=gettext_lazy("Capacity"), required=False, min_value=1)
    organiser = forms.ModelChoiceField(
        label=gettext_lazy("Organising party organisation"), queryset=PartyOrg.objects.none(), required=False
    )
    teams = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Teams taking part"), queryset=VolunteerTeam.objects.none(), required=False
    )
    course = forms.ModelChoiceField(
        label=gettext_lazy("Course"), queryset=Course.objects.none(), required=False
    )
    trainer = forms.ModelChoiceField(
        label=gettext_lazy("Trainer"), queryset=Trainer.objects.none(), required=False
    )
    source = forms.ModelChoiceField(
        label=gettext_lazy("Project source"), queryset=ProjectSource.objects.none(), required=False
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, data=None, *, user):
        super().__init__(data)
        self.fields["place"].queryset = Place.objects.restrict(user).order_by("name")
        self.fields["area"].queryset = Area.objects.restrict(user, CHANGE).filter(retired_on__isnull=True)
        self.fields["organiser"].queryset = (
            PartyOrg.objects.restrict(user).exclude(kind="group").order_by("path")
        )
        self.fields["teams"].queryset = VolunteerTeam.objects.restrict(user).order_by("name")
        self.fields["course"].queryset = Course.objects.restrict(user).order_by("title")
        self.fields["trainer"].queryset = Trainer.objects.restrict(user).order_by("name")
        self.fields["source"].queryset = ProjectSource.objects.restrict(user).order_by("name")


class SourceForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=SourceKind.choices)
    note = forms.CharField(label=gettext_lazy("Note"), required=False)
    area = forms.ModelChoiceField(label=gettext_lazy("Area"), queryset=Area.objects.none())


class HoursForm(forms.Form):
    hours = forms.DecimalField(label=gettext_lazy("Hours"), max_digits=4, decimal_places=1, min_value=0)


class ResultsForm(forms.Form):
    residents_served = forms.IntegerField(label=gettext_lazy("Residents served"), min_value=0)
    problems_solved = forms.IntegerField(label=gettext_lazy("Problems solved"), min_value=0)
    cases = forms.CharField(
        label=gettext_lazy("Cases closed"),
        required=False,
        help_text=gettext_lazy("Case numbers separated by spaces or commas."),
    )


class TrainerForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=50)
    title = forms.CharField(label=gettext_lazy("Title or unit"), max_length=100, required=False)
    expertise = forms.CharField(label=gettext_lazy("Expertise"), max_length=200, required=False)
    area = forms.ModelChoiceField(label=gettext_lazy("Area"), queryset=Area.objects.none())


class CourseForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    topic = forms.CharField(label=gettext_lazy("Topic"), max_length=100, required=False)
    trainer = forms.ModelChoiceField(
        label=gettext_lazy("Trainer"), queryset=Trainer.objects.none(), required=False
    )
    hours = forms.DecimalField(
        label=gettext_lazy("Hours"), max_digits=4, decimal_places=1, required=False, min_value=0
    )
    is_featured = forms.BooleanField(label=gettext_lazy("Quality course"), required=False)
    area = forms.ModelChoiceField(label=gettext_lazy("Area"), queryset=Area.objects.none())


def _publish(user, data):
    return svc.activity_publish(
        user,
        title=data["title"],
        kind=data["kind"],
        place=data["place"],
        area=data["area"],
        starts_at=data["starts_at"],
        ends_at=data["ends_at"],
        capacity=data["capacity"],
        organiser=data["organiser"],
        teams=list(data["teams"]),
        course=data["course"],
        trainer=data["trainer"],
        source=data["source"],
        note=data["note"],
    )


def _activity_columns():
    return [
        ExcelColumn(_("Title"), lambda a: a.title, 24),
        ExcelColumn(_("Kind"), lambda a: a.get_kind_display(), 10),
        ExcelColumn(_("Held on"), lambda a: a.held_on, 12),
        ExcelColumn(_("Place"), lambda a: a.place.name if a.place_id else "", 20),
        ExcelColumn(_("Area"), lambda a: a.area.name if a.area_id else "", 16),
        ExcelColumn(
            _("Organising party organisation"), lambda a: a.organiser.name if a.organiser_id else "", 24
        ),
        ExcelColumn(_("Teams taking part"), lambda a: a.team_count, 10),
        ExcelColumn(_("Capacity"), lambda a: a.capacity, 8),
        ExcelColumn(_("Signed up"), lambda a: a.signed_up, 8),
        ExcelColumn(_("Signed in"), lambda a: a.signed_in, 8),
        ExcelColumn(_("Participants"), lambda a: a.participants, 8),
        ExcelColumn(_("Residents served"), lambda a: a.residents_served, 8),
        ExcelColumn(_("Problems solved"), lambda a: a.problems_solved, 8),
        ExcelColumn(_("Cases closed"), lambda a: a.case_count, 8),
    ]


def _totals_notes(root, totals):
    return [
        (_("Area"), root.name if root else _("all areas you may see")),
        (_("Activities"), str(totals["activities"])),
        (_("Participants"), str(totals["participants"])),
        (_("Persons signed in (each counted once)"), str(totals["persons"])),
        (_("Residents served"), str(totals["residents_served"])),
        (_("Problems solved"), str(totals["problems_solved"])),
        (_("computed at"), f"{timezone.localtime():%Y-%m-%d %H:%M}"),
    ]


@login_required
@require_http_methods(["GET", "POST"])
def activities(request):
    """Staff: the activities of their areas with their counts, the form to publish one, the export."""
    user = request.user
    require(svc.may_publish_somewhere(user))
    form = ActivityForm(request.POST or None, user=user)
    done, status = form_run(
        request,
        form,
        lambda data: _publish(user, data),
        success=_("The activity has been published."),
        then=lambda a: reverse("volunteering:activity", args=[a.pk]),
    )
    if done:
        return done
    root = area_root(request, default_first=False)
    rows = sel.activities_for(user=user, root=root, kind=request.GET.get("kind", ""))
    totals = sel.activity_totals(rows)
    if request.GET.get("format") == "xlsx":
        title = _("Activities, %(area)s") % {"area": root.name if root else _("all areas you may see")}
        workbook = list_workbook(
            title=title, columns=_activity_columns(), objects=rows, notes=_totals_notes(root, totals)
        )
        return xlsx_response(workbook, f"{title}.xlsx")
    return render(
        request,
        "volunteering/activities/list.html",
        {
            "form": form,
            "rows": rows[:300],
            "root": root,
            "totals": totals,
            "kinds": PlaceActivityKind.choices,
        },
        status=status,
    )


def _activity_for(user, pk) -> PlaceActivity:
    """An activity the user sees: in his scope, or open to him as a person."""
    activity = sel.activities_for(user=user).filter(pk=pk).first()
    if activity is None:
        from django.http import Http404

        raise Http404
    return activity


@login_required
def activity(request, pk: int):
    user = request.user
    item = _activity_for(user, pk)
    detail = ActivityDetail.objects.filter(activity=item).first()
    organiser = svc.may_organise(user, item)
    signups = sel.activity_signups(user=user, activity=item, organiser=organiser)
    context = {
        "activity": item,
        "detail": detail,
        "organiser": organiser,
        "signups": signups,
        "mine": signups.filter(person_id=user.person_id or 0).first(),
        "hours_form": HoursForm(initial={"hours": detail.hours if detail else None}),
        "results_form": ResultsForm(
            initial={"residents_served": item.residents_served, "problems_solved": item.problems_solved}
        ),
    }
    if organiser and detail is not None:
        import segno

        url = request.build_absolute_uri(reverse("volunteering:checkin", args=[detail.signin_token]))
        context["checkin_url"] = url
        context["qr"] = segno.make(url, error="m").svg_data_uri(scale=4)
        if request.GET.get("format") == "xlsx":
            columns = [
                ExcelColumn(_("Name"), lambda s: s.person.name, 12),
                ExcelColumn(_("Group"), lambda s: s.get_group_display(), 10),
                ExcelColumn(_("Signed up at"), lambda s: timezone.localtime(s.signed_up_at), 18),
                ExcelColumn(
                    _("Signed in at"),
                    lambda s: timezone.localtime(s.signed_in_at) if s.signed_in_at else "",
                    18,
                ),
                ExcelColumn(_("Signed in by"), lambda s: s.get_signed_in_via_display(), 8),
                ExcelColumn(_("Hours"), lambda s: s.hours, 8),
            ]
            workbook = list_workbook(title=item.title, columns=columns, objects=signups)
            return xlsx_response(workbook, f"{item.title}.xlsx")
    return render(request, "volunteering/activities/detail.html", context)


def _post_action(request, pk, run, *, success):
    user = request.user
    item = _activity_for(user, pk)
    try:
        run(user, item)
    except DomainError as error:
        return _error(request, error, pk)
    messages.success(request, success)
    return redirect(request.POST.get("next") or reverse("volunteering:activity", args=[pk]))


def _error(request, error, pk):
    from lianxin.core import pages

    return render(
        request,
        "volunteering/activities/error.html",
        {"message": error.message, "back": reverse("volunteering:activity", args=[pk])},
        status=pages.error_status(error),
    )


@login_required
@require_POST
def activity_signup(request, pk: int):
    return _post_action(
        request,
        pk,
        lambda user, item: svc.activity_sign_up(user, activity=item),
        success=_("You have signed up."),
    )


@login_required
@require_POST
def activity_roll(request, pk: int):
    """The organiser ticks a person on the roll (by id, mobile or ID number)."""

    def tick(user, item):
        person = links.person_find(user=user, text=request.POST.get("person", ""))
        svc.activity_sign_in(user, activity=item, person=person)

    return _post_action(request, pk, tick, success=_("Signed in."))


@login_required
@require_POST
def activity_close(request, pk: int):
    return _post_action(
        request,
        pk,
        lambda user, item: svc.activity_signin_close(user, activity=item),
        success=_("Sign-in has been closed."),
    )


@login_required
@require_POST
def activity_hours(request, pk: int):
    form = HoursForm(request.POST)

    def confirm(user, item):
        if not form.is_valid():
            raise DomainError(_("Enter the hours as a number such as 2.5."), field="hours")
        svc.activity_hours_confirm(user, activity=item, hours=form.cleaned_data["hours"])

    return _post_action(request, pk, confirm, success=_("The hours have been confirmed."))


@login_required
@require_POST
def activity_results(request, pk: int):
    form = ResultsForm(request.POST)

    def record(user, item):
        from lianxin.cases.models import Case

        if not form.is_valid():
            raise DomainError(_("Enter a whole number between 0 and %(n)s.") % {"n": svc.MAX_CAPACITY})
        numbers = [n for n in form.cleaned_data["cases"].replace(",", " ").replace("，", " ").split() if n]
        cases = [get_for_user(Case, user, int(n)) for n in numbers if n.isdigit()]
        svc.activity_results_record(
            user,
            activity=item,
            residents_served=form.cleaned_data["residents_served"],
            problems_solved=form.cleaned_data["problems_solved"],
            cases=cases if numbers else None,
        )

    return _post_action(request, pk, record, success=_("The results have been recorded."))


@login_required
def join(request):
    """The resident's 活动 page (360 px): open activities of his community, his sign-ups."""
    user = request.user
    require(bool(user.person_id))
    mine = sel.signups_mine(user=user)
    taken = set(mine.values_list("activity_id", flat=True))
    return render(
        request,
        "volunteering/activities/join.html",
        {"open": sel.activities_open(user=user)[:50], "mine": mine[:50], "taken": taken},
    )


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request, token: str):
    """The QR code's landing page: the activity and one button that signs the scanning person in."""
    user = request.user
    require(bool(user.person_id))
    detail = get_object_or_404(
        ActivityDetail.objects.select_related("activity", "activity__place"), signin_token=token
    )
    item = detail.activity
    status, error = 200, None
    signup = None
    if request.method == "POST":
        try:
            signup = svc.activity_sign_in(user, activity=item, token=token)
        except DomainError as caught:
            from lianxin.core import pages

            error, status = caught.message, pages.error_status(caught)
    if signup is None:
        signup = item.signups.filter(person_id=user.person_id).first()
    return render(
        request,
        "volunteering/activities/checkin.html",
        {"activity": item, "detail": detail, "signup": signup, "error": error},
        status=status,
    )


@login_required
def hours_mine(request):
    user = request.user
    require(bool(user.person_id))
    return render(request, "volunteering/activities/hours.html", {"mine": sel.hours_mine(user=user)})


TABLES = ("by_area", "branch_month", "base_year", "teams", "leading_orgs")


def _lead_name(row) -> str:
    return row["team"].leading_org.name if row["team"].leading_org_id else ""


def _table_workbook(name, rows, root):
    area = root.name if root else _("all areas you may see")
    specs = {
        "by_area": (_("Activities by area"), [
            ExcelColumn(_("Area"), lambda r: r["area"].name, 16),
            ExcelColumn(_("Activities"), lambda r: r["activities"], 10),
            ExcelColumn(_("Participants"), lambda r: r["participants"], 10),
            ExcelColumn(_("Persons signed in (each counted once)"), lambda r: r["persons"], 12),
            ExcelColumn(_("Residents served"), lambda r: r["residents_served"], 10),
            ExcelColumn(_("Problems solved"), lambda r: r["problems_solved"], 10),
        ]),
        "branch_month": (_("Activities by organisation and month"), [
            ExcelColumn(_("Organising party organisation"), lambda r: r["organiser__name"], 28),
            ExcelColumn(_("Month"), lambda r: f"{r['month']:%Y-%m}", 10),
            ExcelColumn(_("Activities"), lambda r: r["activities"], 10),
            ExcelColumn(_("Participants"), lambda r: r["participants"] or 0, 10),
        ]),
        "base_year": (_("Person-times by base and year"), [
            ExcelColumn(_("Place"), lambda r: r["place__name"], 24),
            ExcelColumn(_("Year"), lambda r: r["year"], 8),
            ExcelColumn(_("Activities"), lambda r: r["activities"], 10),
            ExcelColumn(_("Person-times"), lambda r: r["person_times"] or 0, 10),
            ExcelColumn(_("Distinct persons"), lambda r: r["persons"], 10),
        ]),
        "teams": (_("Team activities"), [
            ExcelColumn(_("Team"), lambda r: r["team"].name, 20),
            ExcelColumn(_("Leading party organisation"), _lead_name, 24),
            ExcelColumn(_("Activities"), lambda r: r["activities"], 10),
            ExcelColumn(_("Volunteers signed in"), lambda r: r["signed_in"], 10),
            ExcelColumn(_("Residents served"), lambda r: r["residents_served"], 10),
            ExcelColumn(_("Problems solved"), lambda r: r["problems_solved"], 10),
            ExcelColumn(_("Cases closed"), lambda r: r["cases"], 10),
        ]),
        "leading_orgs": (_("Teams led by party organisations"), [
            ExcelColumn(_("Leading party organisation"), lambda r: r["org"].name, 28),
            ExcelColumn(_("Teams"), lambda r: r["teams"], 8),
            ExcelColumn(_("Activities"), lambda r: r["activities"], 10),
            ExcelColumn(_("Participants"), lambda r: r["participants"], 10),
        ]),
    }  # fmt: skip
    label, columns = specs[name]
    title = f"{label}，{area}"
    return xlsx_response(list_workbook(title=title, columns=columns, objects=rows), f"{title}.xlsx")


def _hours_workbook(hours):
    """P003-29: an area's volunteer hours by group, as on the page and in the API's ``hours_by_group``."""
    title = f"{_('Volunteer hours by group')}，{hours['area'].name}"
    columns = [
        ExcelColumn(_("Group"), lambda g: g["label"], 12),
        ExcelColumn(_("Hours"), lambda g: g["hours"], 10),
        ExcelColumn(_("Person-times"), lambda g: g["persons"], 10),
    ]
    rows = list(hours["groups"].values())
    rows.append({"label": _("Total"), "hours": hours["total"], "persons": sum(g["persons"] for g in rows)})
    return xlsx_response(list_workbook(title=title, columns=columns, objects=rows), f"{title}.xlsx")


def figures_tables(user, root, year=None) -> dict:
    return {
        "by_area": sel.counts_by_area(user=user, root=root),
        "branch_month": sel.counts_by_branch_month(user=user, root=root, year=year),
        "base_year": sel.counts_by_base_year(user=user, root=root),
        "teams": sel.counts_by_team(user=user, root=root),
        "leading_orgs": sel.counts_by_leading_org(user=user, root=root),
    }


@login_required
def activity_figures(request):
    """The activities' counts for an area: by area, by organisation and month, by base and year, by team
    and leading organisation, and volunteer hours by group."""
    user = request.user
    require(svc.may_publish_somewhere(user))
    root = area_root(request)
    year = request.GET.get("year", "")
    tables = figures_tables(user, root, int(year) if year.isdigit() else None)
    table = request.GET.get("table", "")
    if request.GET.get("format") == "xlsx" and table in TABLES:
        return _table_workbook(table, tables[table], root)
    hours = sel.hours_by_group(user=user, area=root) if root is not None else None
    if request.GET.get("format") == "xlsx" and table == "hours" and hours is not None:
        return _hours_workbook(hours)
    return render(
        request,
        "volunteering/activities/figures.html",
        {
            "root": root,
            "tables": tables,
            "hours": hours,
            "totals": sel.activity_totals(sel.activities_for(user=user, root=root)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def training(request):
    """培训师智库、精品课程库: the trainers and courses of the user's areas, and the training sessions."""
    user = request.user
    require(svc.may_publish_somewhere(user))
    areas = Area.objects.restrict(user, CHANGE).filter(retired_on__isnull=True)
    trainer_form = TrainerForm(request.POST if request.POST.get("form") == "trainer" else None)
    trainer_form.fields["area"].queryset = areas
    course_form = CourseForm(request.POST if request.POST.get("form") == "course" else None)
    course_form.fields["area"].queryset = areas
    course_form.fields["trainer"].queryset = Trainer.objects.restrict(user).order_by("name")
    source_form = SourceForm(request.POST if request.POST.get("form") == "source" else None)
    source_form.fields["area"].queryset = areas
    forms_by_name = {"trainer": trainer_form, "course": course_form, "source": source_form}
    adders = {"trainer": svc.trainer_add, "course": svc.course_add, "source": svc.project_source_add}
    status = 200
    if request.method == "POST":
        name = request.POST.get("form", "")
        form = forms_by_name.get(name, course_form)
        if not form.is_valid():
            status = 400
        else:
            try:
                adders.get(name, svc.course_add)(user, **form.cleaned_data)
            except DomainError as error:
                status = form_error(form, error)
            else:
                messages.success(request, _("Added to the register."))
                return redirect(request.path)
    sessions = sel.activities_for(user=user, kind=PlaceActivityKind.TRAINING).filter(detail__isnull=False)
    return render(
        request,
        "volunteering/activities/training.html",
        {
            "trainer_form": trainer_form,
            "course_form": course_form,
            "source_form": source_form,
            "sources": ProjectSource.objects.restrict(user, VIEW).order_by("name")[:200],
            "trainers": Trainer.objects.restrict(user, VIEW).order_by("name")[:200],
            "courses": Course.objects.restrict(user, VIEW).select_related("trainer").order_by("title")[:200],
            "sessions": sessions[:100],
        },
        status=status,
    )
