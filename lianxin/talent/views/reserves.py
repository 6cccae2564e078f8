"""The reserves part's pages: the reserve pool with its age-band table (and its Excel), a reserve, secretary
candidates with their three gates, talents selected into village party organisations, and talent
programmes with members, sessions, attendance and training hours. Thin: parse, call one service or
selector, render. Open to those who keep reserves (``reserve.keep``): secretaries and county_admin."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from lianxin.areas.models import Area, Level
from lianxin.core import pages
from lianxin.core.errors_domain import DomainError
from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response
from lianxin.core.scope import CHANGE, VIEW, get_for_user
from lianxin.people.models import Person
from lianxin.talent.models import (
    Candidate,
    CandidateStatus,
    Education,
    GateKind,
    GateResult,
    Programme,
    ProgrammeKind,
    ProgrammeSession,
    Reserve,
    ReserveStatus,
    SelectionAs,
)
from lianxin.talent.selectors import reserves as sel
from lianxin.talent.services import reserves as svc

LIST_LIMIT = 500
PROGRAMME_LEVELS = (Level.COUNTY, Level.STREET, Level.TOWNSHIP, Level.COMMUNITY, Level.VILLAGE)


def _require(request) -> None:
    if not svc.keeper(request.user):
        raise PermissionDenied


def _areas(user, levels):
    """The areas of these levels the user may change (not sliced: a form's choices validate against it)."""
    return Area.objects.restrict(user, CHANGE).filter(level__in=levels).order_by("path")


def _root(request):
    value = request.GET.get("area", "")
    return get_for_user(Area, request.user, int(value)) if value.isdigit() else None


def _year(request) -> int:
    value = request.GET.get("year", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return timezone.localdate().year


def _person(user, text: str, field: str = "person") -> Person:
    from lianxin.party.selectors.orgs import person_find

    person = person_find(user=user, text=text, field_name=field)
    if person is None:
        raise DomainError(_("Choose a person within your scope."), field=field)
    return person


def _run(request, form, run, *, success: str, then):
    """(response, status): a redirect once the posted form is done, else the status of the page."""
    if not form.is_valid():
        return None, 400
    try:
        result = run(form.cleaned_data)
    except DomainError as error:
        pages.form_error(form, error)
        return None, pages.error_status(error)
    messages.success(request, success)
    return redirect(then(result)), 302


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ReserveForm(forms.Form):
    area = AreaChoiceField(label=gettext_lazy("Community or street"), queryset=Area.objects.none())
    person = forms.CharField(
        label=gettext_lazy("Person (mobile or ID number)"), max_length=30, help_text=gettext_lazy("Or his id")
    )
    birth_year = forms.IntegerField(label=gettext_lazy("Birth year"), required=False)
    education = forms.ChoiceField(label=gettext_lazy("Education"), choices=Education.choices)
    current_role = forms.CharField(label=gettext_lazy("Current role"), max_length=100, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = _areas(user, svc.POOL_LEVELS)


@login_required
@require_http_methods(["GET", "POST"])
def reserve_list(request):
    _require(request)
    user = request.user
    form = ReserveForm(request.POST or None, user=user)
    if request.method == "POST":
        done, status = _run(
            request,
            form,
            lambda d: svc.reserve_add(
                user,
                area=d["area"],
                person=_person(user, d["person"]),
                birth_year=d["birth_year"],
                education=d["education"],
                current_role=d["current_role"],
            ),
            success=_("The reserve has been added to the pool."),
            then=lambda r: reverse("talent:reserve", args=[r.pk]),
        )
        if done:
            return done
    else:
        status = 200
    root, year = _root(request), _year(request)
    state = request.GET.get("status", "")
    rows = sel.reserves_for(user=user, root=root, status=state if state in ReserveStatus.values else "")
    table = sel.age_band_table(sel.reserves_for(user=user, root=root), year=year)
    return render(
        request,
        "talent/reserves/reserves.html",
        {
            "form": form,
            "rows": [(r, year - r.birth_year) for r in rows[:LIST_LIMIT]],
            "count": rows.count(),
            "table": table,
            "root": root,
            "year": year,
            "state": state,
            "statuses": ReserveStatus.choices,
            "areas": _areas(user, svc.POOL_LEVELS),
            "query": request.GET.urlencode(),
        },
        status=status,
    )


@login_required
@require_GET
def reserve_export(request):
    _require(request)
    root, year = _root(request), _year(request)
    state = request.GET.get("status", "")
    rows = sel.reserves_for(
        user=request.user, root=root, status=state if state in ReserveStatus.values else ""
    )
    table = sel.age_band_table(sel.reserves_for(user=request.user, root=root), year=year)
    columns = [
        ExcelColumn(_("Area"), lambda r: r.area.name, 18),
        ExcelColumn(_("Name"), lambda r: r.person.name, 12),
        ExcelColumn(_("Birth year"), lambda r: r.birth_year, 10),
        ExcelColumn(_("Age"), lambda r: year - r.birth_year, 8),
        ExcelColumn(
            _("Age band"), lambda r: sel.age_band_of(year - r.birth_year, sel.age_bands())["label"], 12
        ),
        ExcelColumn(_("Education"), lambda r: r.get_education_display(), 16),
        ExcelColumn(_("Current role"), lambda r: r.current_role, 24),
        ExcelColumn(_("Status"), lambda r: r.get_status_display(), 14),
        ExcelColumn(_("Added on"), lambda r: r.added_on, 12),
        ExcelColumn(_("Appointed on"), lambda r: r.used_on or "", 12),
    ]
    notes = [
        (_("Year"), str(year)),
        (_("In the pool"), str(table["in_pool"])),
        (_("Used"), str(table["used"])),
    ]
    notes += [(b["label"], f"{b['in_pool']} / {b['used']}") for b in table["bands"]]
    book = list_workbook(title=_("Reserve pool"), columns=columns, objects=rows, notes=notes)
    return xlsx_response(book, f"{_('Reserve pool')}-{year}.xlsx")


class ReserveActionForm(forms.Form):
    role = forms.ChoiceField(
        label=gettext_lazy("Post"),
        choices=[(r.value, r.label) for r in svc.RESERVE_POST_ROLES],
        required=False,
    )
    on = forms.DateField(label=gettext_lazy("Date"), required=False)


@login_required
@require_http_methods(["GET", "POST"])
def reserve_detail(request, pk: int):
    _require(request)
    user = request.user
    reserve = get_for_user(Reserve.objects.select_related("area", "person", "used_post"), user, pk)
    form = ReserveActionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        runs = {
            "propose": (
                lambda d: svc.candidate_propose(user, reserve=reserve, proposed_on=d["on"]),
                _("The reserve is now a secretary candidate."),
                lambda c: reverse("talent:candidate", args=[c.pk]),
            ),
            "appoint": (
                lambda d: svc.reserve_appoint(user, reserve=reserve, role=d["role"], on=d["on"]),
                _("The reserve has been appointed and marked used."),
                lambda p: reverse("talent:reserve", args=[reserve.pk]),
            ),
            "withdraw": (
                lambda d: svc.reserve_withdraw(user, reserve=reserve),
                _("The reserve has left the pool."),
                lambda r: reverse("talent:reserve", args=[reserve.pk]),
            ),
        }
        if action not in runs:
            return redirect("talent:reserve", pk=reserve.pk)
        run, success, then = runs[action]
        done, status = _run(request, form, run, success=success, then=then)
        if done:
            return done
    return render(
        request,
        "talent/reserves/reserve.html",
        {
            "reserve": reserve,
            "age": sel.reserve_age(reserve),
            "form": form,
            "changeable": Reserve.objects.restrict(user, CHANGE).filter(pk=reserve.pk).exists(),
            "candidacies": reserve.candidacies.order_by("-id"),
        },
        status=status,
    )


class CandidateForm(forms.Form):
    area = AreaChoiceField(label=gettext_lazy("Community or village"), queryset=Area.objects.none())
    person = forms.CharField(
        label=gettext_lazy("Person (mobile or ID number)"), max_length=30, help_text=gettext_lazy("Or his id")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = _areas(user, svc.CANDIDATE_LEVELS)


@login_required
@require_http_methods(["GET", "POST"])
def candidate_list(request):
    _require(request)
    user = request.user
    form = CandidateForm(request.POST or None, user=user)
    status = 200
    if request.method == "POST":
        done, status = _run(
            request,
            form,
            lambda d: svc.candidate_propose(user, area=d["area"], person=_person(user, d["person"])),
            success=_("The candidate has been proposed; his three gates are pending."),
            then=lambda c: reverse("talent:candidate", args=[c.pk]),
        )
        if done:
            return done
    state = request.GET.get("status", "")
    rows = sel.candidates_for(
        user=user, root=_root(request), status=state if state in CandidateStatus.values else ""
    )
    return render(
        request,
        "talent/reserves/candidates.html",
        {
            "form": form,
            "rows": [(c, sel.gates_ordered(c)) for c in rows[:LIST_LIMIT]],
            "count": rows.count(),
            "state": state,
            "statuses": CandidateStatus.choices,
        },
        status=status,
    )


class GateForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Gate"), choices=GateKind.choices)
    result = forms.ChoiceField(label=gettext_lazy("Result"), choices=GateResult.choices)
    reviewer = forms.CharField(label=gettext_lazy("Reviewer"), max_length=50, required=False)
    reviewed_on = forms.DateField(label=gettext_lazy("Reviewed on"), required=False)
    note = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)


class AppointForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("Appointed on"), required=False)


@login_required
@require_http_methods(["GET", "POST"])
def candidate_detail(request, pk: int):
    _require(request)
    user = request.user
    candidate = get_for_user(Candidate.objects.select_related("area", "person", "reserve", "post"), user, pk)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    gate_form = GateForm(
        request.POST if action == "gate" else None, initial={"reviewed_on": timezone.localdate()}
    )
    appoint_form = AppointForm(request.POST if action in ("appoint", "withdraw") else None)
    status = 200
    if action == "gate":
        done, status = _run(
            request,
            gate_form,
            lambda d: svc.gate_record(
                user,
                candidate=candidate,
                kind=d["kind"],
                result=d["result"],
                reviewer=d["reviewer"],
                reviewed_on=d["reviewed_on"],
                note=d["note"],
            ),
            success=_("The gate has been recorded."),
            then=lambda g: reverse("talent:candidate", args=[candidate.pk]),
        )
        if done:
            return done
    elif action in ("appoint", "withdraw"):
        if action == "appoint":
            run = lambda d: svc.candidate_appoint(user, candidate=candidate, on=d["on"])  # noqa: E731
            success = _("Appointed party secretary; the post has been created.")
        else:
            run = lambda d: svc.candidate_withdraw(user, candidate=candidate)  # noqa: E731
            success = _("The candidate has been withdrawn.")
        done, status = _run(
            request,
            appoint_form,
            run,
            success=success,
            then=lambda _r: reverse("talent:candidate", args=[candidate.pk]),
        )
        if done:
            return done
    elif request.method == "POST":
        return redirect("talent:candidate", pk=candidate.pk)
    return render(
        request,
        "talent/reserves/candidate.html",
        {
            "candidate": candidate,
            "gates": sel.gates_ordered(candidate),
            "gate_form": gate_form,
            "appoint_form": appoint_form,
            "open_gate": svc.gate_first_open(candidate),
            "changeable": candidate.status == CandidateStatus.VETTING
            and Candidate.objects.restrict(user, CHANGE).filter(pk=candidate.pk).exists(),
        },
        status=status,
    )


class NamedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class SelectionForm(forms.Form):
    talent = NamedChoiceField(label=gettext_lazy("Talent"), queryset=Person.objects.none())
    party_org = NamedChoiceField(
        label=gettext_lazy("Village party organisation"), queryset=Person.objects.none()
    )
    selected_as = forms.ChoiceField(label=gettext_lazy("Selected as"), choices=SelectionAs.choices)
    selected_on = forms.DateField(label=gettext_lazy("Selected on"))
    education = forms.ChoiceField(
        label=gettext_lazy("Education (reserve cadre)"),
        choices=[("", "—"), *Education.choices],
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        from lianxin.party.models import PartyOrg
        from lianxin.talent.models import TalentProfile

        super().__init__(*args, **kwargs)
        self.fields["talent"].queryset = (
            TalentProfile.objects.restrict(user, VIEW).filter(status="in_pool").order_by("name", "id")
        )
        self.fields["party_org"].queryset = (
            PartyOrg.objects.restrict(user, CHANGE).filter(area__level=Level.VILLAGE).order_by("path")
        )


def _scoped(model, user, pk, field):
    obj = model.objects.restrict(user, VIEW).filter(pk=pk).first()
    if obj is None:
        raise DomainError(_("Choose one within your scope."), field=field)
    return obj


@login_required
@require_http_methods(["GET", "POST"])
def selection_list(request):
    _require(request)
    user = request.user
    form = SelectionForm(request.POST or None, user=user, initial={"selected_on": timezone.localdate()})
    status = 200
    if request.method == "POST":
        done, status = _run(
            request,
            form,
            lambda d: svc.selection_make(
                user,
                talent=d["talent"],
                party_org=d["party_org"],
                selected_as=d["selected_as"],
                selected_on=d["selected_on"],
                education=d["education"],
            ),
            success=_("The talent has been selected into the village party organisation."),
            then=lambda s: reverse("talent:selections"),
        )
        if done:
            return done
    rows = sel.selections_for(user=user, root=_root(request))
    return render(
        request,
        "talent/reserves/selections.html",
        {
            "form": form,
            "rows": rows[:LIST_LIMIT],
            "count": rows.count(),
            "figures": sel.selection_figures(rows),
        },
        status=status,
    )


class ProgrammeForm(forms.Form):
    area = AreaChoiceField(label=gettext_lazy("Area"), queryset=Area.objects.none())
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=ProgrammeKind.choices)
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    year = forms.IntegerField(label=gettext_lazy("Year"))
    capacity = forms.IntegerField(label=gettext_lazy("Capacity"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = _areas(user, PROGRAMME_LEVELS).order_by("depth", "path")


@login_required
@require_http_methods(["GET", "POST"])
def programme_list(request):
    _require(request)
    user = request.user
    form = ProgrammeForm(request.POST or None, user=user, initial={"year": timezone.localdate().year})
    status = 200
    if request.method == "POST":
        done, status = _run(
            request,
            form,
            lambda d: svc.programme_create(
                user, area=d["area"], kind=d["kind"], name=d["name"], year=d["year"], capacity=d["capacity"]
            ),
            success=_("The programme has been created."),
            then=lambda p: reverse("talent:programme", args=[p.pk]),
        )
        if done:
            return done
    rows = sel.programmes_for(user=user, root=_root(request))
    return render(
        request,
        "talent/reserves/programmes.html",
        {"form": form, "rows": rows[:LIST_LIMIT], "count": rows.count()},
        status=status,
    )


class MemberForm(forms.Form):
    person = forms.CharField(
        label=gettext_lazy("Person (mobile or ID number)"), max_length=30, help_text=gettext_lazy("Or his id")
    )


class SessionForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=100)
    starts_on = forms.DateField(label=gettext_lazy("Starts on"))
    ends_on = forms.DateField(label=gettext_lazy("Ends on"), required=False)
    hours_per_day = forms.DecimalField(label=gettext_lazy("Hours per day"), max_digits=4, decimal_places=1)
    capacity = forms.IntegerField(label=gettext_lazy("Capacity"), required=False)


class RollForm(forms.Form):
    session = forms.IntegerField(label=gettext_lazy("Session"))
    person = forms.IntegerField(label=gettext_lazy("Member"))
    days_attended = forms.IntegerField(label=gettext_lazy("Days attended"), required=False)


@login_required
@require_http_methods(["GET", "POST"])
def programme_detail(request, pk: int):
    _require(request)
    user = request.user
    programme = get_for_user(Programme.objects.select_related("area", "plan"), user, pk)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    member_form = MemberForm(request.POST if action == "member" else None)
    session_form = SessionForm(request.POST if action == "session" else None)
    roll_form = RollForm(request.POST if action in ("enrol", "attendance") else None)
    back = reverse("talent:programme", args=[programme.pk])
    status = 200

    def _session(d):
        found = (
            ProgrammeSession.objects.restrict(user, VIEW).filter(pk=d["session"], programme=programme).first()
        )
        if found is None:
            raise DomainError(_("Choose a session of the programme."), field="session")
        return found

    def _member(d):
        person = Person.objects.filter(pk=d["person"], pk__in=programme.members.values("person_id")).first()
        if person is None:
            raise DomainError(_("Choose a member of the programme."), field="person")
        return person

    runs = {
        "member": (
            member_form,
            lambda d: svc.programme_member_add(user, programme=programme, person=_person(user, d["person"])),
            _("The member has joined the programme."),
        ),
        "session": (
            session_form,
            lambda d: svc.programme_session_add(
                user,
                programme=programme,
                title=d["title"],
                starts_on=d["starts_on"],
                ends_on=d["ends_on"],
                hours_per_day=d["hours_per_day"],
                capacity=d["capacity"],
            ),
            _("The session has been added."),
        ),
        "enrol": (
            roll_form,
            lambda d: svc.session_enrol(user, session=_session(d), person=_member(d)),
            _("The member is on the session's roll."),
        ),
        "attendance": (
            roll_form,
            lambda d: svc.session_attendance(
                user, session=_session(d), person=_member(d), days_attended=d["days_attended"]
            ),
            _("The attendance has been recorded."),
        ),
    }
    if action in runs:
        form, run, success = runs[action]
        done, status = _run(request, form, run, success=success, then=lambda _r: back)
        if done:
            return done
    elif request.method == "POST":
        return redirect(back)
    members = sel.programme_members(programme)
    return render(
        request,
        "talent/reserves/programme.html",
        {
            "programme": programme,
            "members": members,
            "member_count": members.count(),
            "sessions": sel.programme_sessions(programme),
            "hours": sel.training_hours(programme),
            "member_form": member_form,
            "session_form": session_form,
            "roll_form": roll_form,
            "changeable": Programme.objects.restrict(user, CHANGE).filter(pk=programme.pk).exists(),
        },
        status=status,
    )
