"""The scoring part's pages: schemes (set up, mark, results with grades, flags, exits and awards), the
results list, property fees, 五有, report-and-review, the secretary's annual file, a unit's assessment file
and the residents' satisfaction survey. Every list shows its count; each export writes the rows and
figures the page shows (the same selectors)."""

from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from lianxin.areas.models import Area, Level
from lianxin.assessment.models import (
    FiveHave,
    Indicator,
    ReviewReport,
    ReviewSession,
    Scheme,
    Source,
    SubjectKind,
    SurveyAnswer,
)
from lianxin.assessment.scoring_functions import Subject
from lianxin.assessment.scoring_rights import MARK, SCHEME_KEEP
from lianxin.assessment.selectors import scoring as sel
from lianxin.assessment.services import scoring as svc
from lianxin.core import pages
from lianxin.core.context import user_context
from lianxin.core.errors_domain import DomainError
from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response
from lianxin.core.rights import may
from lianxin.core.scope import CHANGE, get_for_user
from lianxin.people.models import Department, Organisation, Person

REVIEWER = "reviewer"
PROPERTY_STAFF = "property_staff"
CAPTAIN = "building_captain"
DEPARTMENT_STAFF = "department_staff"


def _roles(user) -> frozenset:
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    return user_context(user).roles


def sees_scoring(user) -> bool:
    """The staff who mark (secretaries, the organisation department …) and the reviewers."""
    return may(user, MARK) or REVIEWER in _roles(user)


def sees_results(user) -> bool:
    """Also a property company's staff (his company's results), a building captain (his own grade) and a
    unit's staff (the streets' scores of his unit, P001-41)."""
    return sees_scoring(user) or bool(_roles(user) & {PROPERTY_STAFF, CAPTAIN, DEPARTMENT_STAFF})


def sees_fees(user) -> bool:
    return sees_scoring(user) or PROPERTY_STAFF in _roles(user)


def answers_surveys(user) -> bool:
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    return bool(person and person.household_id)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _run(request, form, run, *, success: str, then):
    """A posted form: valid → ``run(cleaned_data)``, a message and a redirect; else (None, status)."""
    if not form.is_valid():
        return None, 400
    try:
        run(form.cleaned_data)
    except DomainError as error:
        pages.form_error(form, error)
        return None, pages.error_status(error)
    messages.success(request, success)
    return redirect(then), 302


def _year(request, default: int | None = None) -> int | None:
    value = request.GET.get("year", "")
    if value.isdigit() and 1949 <= int(value) <= 2100:
        return int(value)
    return default


def _date_input():
    return forms.DateInput(attrs={"type": "date"})


# Schemes ---------------------------------------------------------------------------------------------------


class SchemeForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    subject_kind = forms.ChoiceField(label=gettext_lazy("Subjects"), choices=SubjectKind.choices)
    area = forms.ModelChoiceField(label=gettext_lazy("Area"), queryset=Area.objects.none())
    period_start = forms.DateField(label=gettext_lazy("Period start"), widget=_date_input())
    period_end = forms.DateField(label=gettext_lazy("Period end"), widget=_date_input())
    entry_opens = forms.DateField(label=gettext_lazy("Entry opens"), widget=_date_input())
    entry_closes = forms.DateField(label=gettext_lazy("Entry closes"), widget=_date_input())
    indicators = forms.CharField(
        label=gettext_lazy("Indicators"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "One a line: name|weight|mark, survey or function|function code. The weights add up to 100."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = (
            Area.objects.restrict(user, CHANGE)
            .filter(
                level__in=[
                    Level.COUNTY,
                    Level.STREET,
                    Level.TOWNSHIP,
                    Level.COMMUNITY,
                    Level.VILLAGE,
                    Level.ESTATE,
                ],
                retired_on__isnull=True,
            )
            .order_by("path")
        )

    def clean_indicators(self):
        rows = []
        for line in self.cleaned_data["indicators"].splitlines():
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            parts += [""] * (4 - len(parts))
            rows.append(
                {
                    "name": parts[0],
                    "weight": parts[1],
                    "source": parts[2] or Source.MARK,
                    "function": parts[3],
                }
            )
        return rows


@login_required
@require_http_methods(["GET", "POST"])
def schemes(request):
    user = request.user
    _require(sees_scoring(user))
    keeps = may(user, SCHEME_KEEP)
    form = SchemeForm(request.POST or None, user=user) if keeps else None
    status = 200
    if request.method == "POST":
        _require(keeps)
        done, status = _run(
            request,
            form,
            lambda d: svc.scheme_create(user, **d),
            success=_("The scheme has been set up."),
            then=request.path,
        )
        if done:
            return done
    rows = sel.schemes_for(user=user, subject_kind=request.GET.get("kind", ""))
    return render(
        request,
        "assessment/scoring/schemes.html",
        {"rows": rows, "figures": sel.scheme_figures(rows), "form": form, "kinds": SubjectKind.choices},
        status=status,
    )


class MarkForm(forms.Form):
    indicator = forms.ModelChoiceField(label=gettext_lazy("Indicator"), queryset=Indicator.objects.none())
    subject = forms.ChoiceField(label=gettext_lazy("Subject"))
    score = forms.DecimalField(label=gettext_lazy("Score"), min_value=0, max_value=100, decimal_places=2)
    note = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)

    def __init__(self, *args, scheme, subjects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = scheme.indicators.filter(source=Source.MARK)
        self.subjects = {_subject_value(s): s for s in subjects}
        self.fields["subject"].choices = [(k, s.name) for k, s in self.subjects.items()]

    def clean_subject(self):
        return self.subjects[self.cleaned_data["subject"]]


def _subject_value(subject: Subject) -> str:
    o, p, d = subject.key
    return f"{o or ''}-{p or ''}-{d or ''}"


class ExitForm(forms.Form):
    company = forms.ModelChoiceField(
        label=gettext_lazy("Property company"), queryset=Organisation.objects.none()
    )
    exit_on = forms.DateField(label=gettext_lazy("Exit date"), widget=_date_input())
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=200, required=False)


class AwardForm(forms.Form):
    person = forms.ModelChoiceField(label=gettext_lazy("Building captain"), queryset=Person.objects.none())


@login_required
@require_http_methods(["GET", "POST"])
def scheme(request, pk: int):
    user = request.user
    # A scheme's page opens to those of its area, and to whoever reads one of its results (a company's or a
    # unit's staff reading how they were scored).
    scheme = Scheme.objects.filter(pk=pk).first()
    in_area = scheme is not None and Scheme.objects.restrict(user).filter(pk=pk).exists()
    if not in_area:
        scheme = get_for_user(Scheme, user, pk) if scheme is None else scheme
        own = list(sel.results_for(user=user, scheme=scheme).order_by("subject_area__path", "rank", "id"))
        if not own:
            raise Http404
    results = list(sel.scheme_results(scheme)) if in_area else own
    subjects = svc.scheme_subjects(scheme)
    marker = may(user, MARK, obj=scheme.area) or (
        scheme.subject_kind == SubjectKind.BUILDING_CAPTAIN and may(user, MARK)
    )
    mark_form = MarkForm(None, scheme=scheme, subjects=subjects) if marker else None
    exit_form = award_form = None
    if marker and scheme.subject_kind == SubjectKind.PROPERTY_COMPANY:
        exit_form = ExitForm()
        exit_form.fields["company"].queryset = Organisation.objects.filter(
            pk__in=[r.subject_organisation_id for r in results if r.flagged]
        )
    if marker and scheme.subject_kind == SubjectKind.BUILDING_CAPTAIN:
        award_form = AwardForm()
        award_form.fields["person"].queryset = Person.objects.filter(
            pk__in=[r.subject_person_id for r in results]
        )
    status = 200
    if request.method == "POST":
        _require(marker)
        action = request.POST.get("action", "")
        if action == "mark":
            mark_form = MarkForm(request.POST, scheme=scheme, subjects=subjects)
            done, status = _run(
                request, mark_form,
                lambda d: svc.mark_record(user, scheme=scheme, indicator=d["indicator"], subject=d["subject"],
                                          score=d["score"], note=d["note"]),
                success=_("The mark is recorded."), then=request.path,
            )  # fmt: skip
        elif action == "exit" and exit_form is not None:
            exit_form = ExitForm(request.POST)
            exit_form.fields["company"].queryset = Organisation.objects.filter(
                pk__in=[r.subject_organisation_id for r in results if r.flagged]
            )
            done, status = _run(
                request, exit_form, lambda d: svc.company_exit_record(user, scheme=scheme, **d),
                success=_("The exit is recorded: the service ends on that date."), then=request.path,
            )  # fmt: skip
        elif action == "award" and award_form is not None:
            award_form = AwardForm(request.POST)
            award_form.fields["person"].queryset = Person.objects.filter(
                pk__in=[r.subject_person_id for r in results]
            )
            done, status = _run(
                request, award_form, lambda d: svc.captain_award(user, scheme=scheme, person=d["person"]),
                success=_("The title is awarded."), then=request.path,
            )  # fmt: skip
        elif action == "refresh":
            svc.results_refresh(scheme=scheme)
            messages.success(request, _("The results are recomputed."))
            return redirect(request.path)
        else:
            raise Http404
        if done:
            return done
    return render(
        request,
        "assessment/scoring/scheme.html",
        {
            "scheme": scheme,
            "indicators": list(scheme.indicators.all()),
            "results": results,
            "figures": sel.result_figures(results),
            "exits": sel.scheme_exits(scheme),
            "awards": sel.scheme_awards(scheme),
            "mark_form": mark_form,
            "exit_form": exit_form,
            "award_form": award_form,
            "window_open": scheme.entry_opens <= svc._today() <= scheme.entry_closes,
            "marker": marker,
        },
        status=status,
    )


def result_columns() -> list[ExcelColumn]:
    return [
        ExcelColumn(_("Scheme"), lambda r: r.scheme.name, 30),
        ExcelColumn(_("Subject"), lambda r: str(r.subject or ""), 28),
        ExcelColumn(_("Estate"), lambda r: r.subject_area.name if r.subject_area_id else "", 16),
        ExcelColumn(_("Score"), lambda r: r.score, 10),
        ExcelColumn(_("Grade"), lambda r: r.grade, 12),
        ExcelColumn(_("Rank"), lambda r: r.rank, 8),
        ExcelColumn(_("Rectify or exit"), lambda r: r.flagged, 12),
        ExcelColumn(_("Computed at"), lambda r: r.computed_at, 18),
    ]


@login_required
def scheme_export(request, pk: int):
    scheme = get_for_user(Scheme, request.user, pk)
    results = list(sel.scheme_results(scheme))
    figures = sel.result_figures(results)
    workbook = list_workbook(
        title=scheme.name, columns=result_columns(), objects=results,
        notes=[(_("Results"), str(figures["results"])), (_("Rectify or exit"), str(figures["flagged"]))],
    )  # fmt: skip
    return xlsx_response(workbook, f"{scheme.name}.xlsx")


@login_required
def results(request):
    user = request.user
    _require(sees_results(user))
    rows = list(sel.results_for(user=user, flagged=True if request.GET.get("flagged") else None))
    return render(
        request, "assessment/scoring/results.html", {"rows": rows, "figures": sel.result_figures(rows)}
    )


@login_required
def results_export(request):
    user = request.user
    _require(sees_results(user))
    rows = list(sel.results_for(user=user, flagged=True if request.GET.get("flagged") else None))
    figures = sel.result_figures(rows)
    workbook = list_workbook(
        title=_("Assessment results"), columns=result_columns(), objects=rows,
        notes=[(_("Results"), str(figures["results"])), (_("Rectify or exit"), str(figures["flagged"]))],
    )  # fmt: skip
    return xlsx_response(workbook, _("Assessment results") + ".xlsx")


# Fees ------------------------------------------------------------------------------------------------------


class FeeForm(forms.Form):
    estate = forms.ModelChoiceField(label=gettext_lazy("Estate"), queryset=Area.objects.none())
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=1949, max_value=2100)
    billing_start = forms.DateField(label=gettext_lazy("Billing start"), widget=_date_input())
    due_yuan = forms.DecimalField(
        label=gettext_lazy("Due (yuan)"), min_value=0, decimal_places=2, max_digits=14
    )
    collected_yuan = forms.DecimalField(
        label=gettext_lazy("Collected (yuan)"), min_value=0, decimal_places=2, max_digits=14
    )
    households = forms.IntegerField(label=gettext_lazy("Households billed"), min_value=1)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estate"].queryset = (
            Area.objects.restrict(user, CHANGE)
            .filter(level=Level.ESTATE, retired_on__isnull=True)
            .order_by("path")
        )


def fee_columns() -> list[ExcelColumn]:
    return [
        ExcelColumn(_("Estate"), lambda r: r.estate.name, 16),
        ExcelColumn(_("Property company"), lambda r: r.company.name, 26),
        ExcelColumn(_("Year"), lambda r: r.year, 8),
        ExcelColumn(_("Billing start"), lambda r: r.billing_start, 12),
        ExcelColumn(_("Households billed"), lambda r: r.households, 10),
        ExcelColumn(_("Due (yuan)"), lambda r: r.due_yuan, 14),
        ExcelColumn(_("Collected (yuan)"), lambda r: r.collected_yuan, 14),
        ExcelColumn(
            _("Collection rate (%)"), lambda r: round(r.rate * 100, 1) if r.rate is not None else None, 12
        ),
    ]


@login_required
@require_http_methods(["GET", "POST"])
def fees(request):
    user = request.user
    _require(sees_fees(user))
    keeps = may(user, MARK)
    form = FeeForm(request.POST or None, user=user) if keeps else None
    status = 200
    if request.method == "POST":
        _require(keeps)
        done, status = _run(
            request, form, lambda d: svc.fee_record_save(user, **d), success=_("The fees are recorded."),
            then=request.get_full_path(),
        )  # fmt: skip
        if done:
            return done
    year = _year(request)
    rows = sel.fees_for(user=user, year=year)
    return render(
        request,
        "assessment/scoring/fees.html",
        {"rows": rows, "figures": sel.fee_figures(rows), "form": form, "year": year},
        status=status,
    )


@login_required
def fees_export(request):
    user = request.user
    _require(sees_fees(user))
    rows = sel.fees_for(user=user, year=_year(request))
    f = sel.fee_figures(rows)
    workbook = list_workbook(
        title=_("Property fees"), columns=fee_columns(), objects=rows,
        notes=[(_("Records"), str(f["records"])), (_("Collection rate (%)"), str(f["rate_percent"] or "")),
               (_("Target (%)"), str(f["target_percent"])), (_("Below target"), str(f["below_target"]))],
    )  # fmt: skip
    return xlsx_response(workbook, _("Property fees") + ".xlsx")


# 五有 ------------------------------------------------------------------------------------------------------


class TickForm(forms.Form):
    estate = forms.ModelChoiceField(label=gettext_lazy("Estate"), queryset=Area.objects.none())
    item = forms.ChoiceField(label=gettext_lazy("Item"), choices=FiveHave.choices)
    evidence = forms.CharField(label=gettext_lazy("Evidence"), max_length=300, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estate"].queryset = (
            Area.objects.restrict(user, CHANGE)
            .filter(level=Level.ESTATE, retired_on__isnull=True)
            .order_by("path")
        )


def _area_root(request):
    value = request.GET.get("area", "")
    return get_for_user(Area, request.user, int(value)) if value.isdigit() else None


@login_required
@require_http_methods(["GET", "POST"])
def five_haves(request):
    user = request.user
    _require(sees_scoring(user))
    keeps = may(user, MARK)
    form = TickForm(request.POST or None, user=user) if keeps else None
    status = 200
    if request.method == "POST":
        _require(keeps)
        done, status = _run(
            request, form, lambda d: svc.five_have_tick(user, **d), success=_("The item is ticked."),
            then=request.get_full_path(),
        )  # fmt: skip
        if done:
            return done
    root = _area_root(request)
    rows = sel.five_haves_for(user=user, root=root)
    return render(
        request,
        "assessment/scoring/five_haves.html",
        {
            "rows": rows,
            "figures": sel.five_have_figures(rows),
            "form": form,
            "root": root,
            "items": FiveHave.choices,
        },
        status=status,
    )


@login_required
def five_haves_export(request):
    user = request.user
    _require(sees_scoring(user))
    rows = sel.five_haves_for(user=user, root=_area_root(request))
    f = sel.five_have_figures(rows)
    columns = (
        [ExcelColumn(_("Estate"), lambda r: r.estate.name, 16)]
        + [
            ExcelColumn(
                str(label), (lambda v: lambda r: r.ticks[v].evidence if v in r.ticks else "")(value), 18
            )
            for value, label in FiveHave.choices
        ]
        + [
            ExcelColumn(_("Items"), lambda r: r.count, 8),
            ExcelColumn(_("Meets the standard"), lambda r: r.meets, 10),
        ]
    )
    workbook = list_workbook(
        title=_("Five haves"), columns=columns, objects=rows,
        notes=[(_("Estates"), str(f["estates"])), (_("Meeting the standard"), str(f["meeting"])),
               (_("Share (%)"), str(f["share"] if f["share"] is not None else ""))],
    )  # fmt: skip
    return xlsx_response(workbook, _("Five haves") + ".xlsx")


# Report-and-review -----------------------------------------------------------------------------------------


@login_required
def reviews(request):
    user = request.user
    _require(sees_scoring(user))
    rows = sel.review_sessions_for(user=user)
    return render(
        request,
        "assessment/scoring/reviews.html",
        {"rows": rows, "count": rows.count(), "year": date.today().year},
    )


class ScoreForm(forms.Form):
    report = forms.ModelChoiceField(label=gettext_lazy("Report"), queryset=ReviewReport.objects.none())
    score = forms.DecimalField(label=gettext_lazy("Score"), min_value=0, max_value=100, decimal_places=2)


class ReportForm(forms.Form):
    secretary = forms.ModelChoiceField(label=gettext_lazy("Secretary"), queryset=Person.objects.none())
    achievements = forms.CharField(
        label=gettext_lazy("Achievements"), widget=forms.Textarea(attrs={"rows": 3})
    )
    shortcomings = forms.CharField(
        label=gettext_lazy("Shortcomings"), widget=forms.Textarea(attrs={"rows": 3})
    )
    measures = forms.CharField(
        label=gettext_lazy("Measures"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One a line: each becomes a tracked task for the secretary."),
    )  # fmt: skip

    def clean_measures(self):
        return [m for m in self.cleaned_data["measures"].splitlines() if m.strip()]


def _secretaries(session):
    from lianxin.core.paths import under
    from lianxin.people.models import Post
    from lianxin.people.roles import Role

    ids = (
        Post.objects.current()
        .filter(role=Role.SECRETARY)
        .filter(under("area_path", session.area_path))
        .values("person_id")
    )
    return Person.objects.filter(pk__in=ids).order_by("name")


@login_required
@require_http_methods(["GET", "POST"])
def review(request, pk: int):
    user = request.user
    session = get_for_user(ReviewSession, user, pk)
    seated = bool(user.person_id) and session.reviewers.filter(pk=user.person_id).exists()
    keeps = may(user, MARK, obj=session.area)
    score_form = ScoreForm() if seated else None
    report_form = ReportForm() if keeps else None
    if score_form:
        score_form.fields["report"].queryset = session.reports.select_related("secretary")
    if report_form:
        report_form.fields["secretary"].queryset = _secretaries(session)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "score":
            _require(seated)
            score_form = ScoreForm(request.POST)
            score_form.fields["report"].queryset = session.reports.all()
            done, status = _run(
                request, score_form, lambda d: svc.review_score(user, report=d["report"], score=d["score"]),
                success=_("Your score is recorded."), then=request.path,
            )  # fmt: skip
        elif action == "report":
            _require(keeps)
            report_form = ReportForm(request.POST)
            report_form.fields["secretary"].queryset = _secretaries(session)
            done, status = _run(
                request, report_form, lambda d: svc.review_report_submit(user, session=session, **d),
                success=_("The report is recorded; its measures are tasks now."), then=request.path,
            )  # fmt: skip
        else:
            raise PermissionDenied
        if done:
            return done
    ranking = sel.review_ranking(session)
    return render(
        request,
        "assessment/scoring/review.html",
        {
            "session": session,
            "ranking": ranking,
            "figures": sel.review_figures(session, ranking),
            "reviewers": session.reviewers.order_by("name"),
            "mine": sel.my_scores(session, user.person_id),
            "seated": seated,
            "score_form": score_form,
            "report_form": report_form,
        },
        status=status,
    )


@login_required
def review_export(request, pk: int):
    session = get_for_user(ReviewSession, request.user, pk)
    ranking = sel.review_ranking(session)
    columns = [
        ExcelColumn(_("Rank"), lambda r: r.rank or "", 8),
        ExcelColumn(_("Secretary"), lambda r: r.report.secretary.name, 12),
        ExcelColumn(
            _("Party organisation"), lambda r: r.report.party_org.name if r.report.party_org_id else "", 28
        ),
        ExcelColumn(_("Average score"), lambda r: r.average, 10),
        ExcelColumn(_("Scores"), lambda r: r.scores, 8),
        ExcelColumn(_("Measures"), lambda r: len(r.measures), 8),
    ]
    f = sel.review_figures(session, ranking)
    workbook = list_workbook(
        title=session.title, columns=columns, objects=ranking,
        notes=[(_("Reports"), str(f["reports"])), (_("Reviewers"), str(f["reviewers"])),
               (_("Measures"), str(f["measures"]))],
    )  # fmt: skip
    return xlsx_response(workbook, f"{session.title}.xlsx")


# Files -----------------------------------------------------------------------------------------------------


@login_required
def secretary_file(request, pk: int):
    user = request.user
    person = get_for_user(Person, user, pk)
    _require(sees_scoring(user) or user.person_id == person.pk)
    year = _year(request, date.today().year)
    file = sel.secretary_file(user=user, person=person, year=year)
    return render(request, "assessment/scoring/secretary_file.html", {"file": file})


@login_required
def unit_file(request, pk: int):
    user = request.user
    # The unit's own staff and those over it, or a street that scored it (its results are the street's).
    unit = Department.objects.filter(pk=pk).first()
    rows = list(sel.unit_results(user=user, department=unit)) if unit is not None else []
    if not rows:
        unit = get_for_user(Department, user, pk)
        _require(
            sees_scoring(user)
            or (user.person_id and unit.pk in user_context(user).grants.department_ids["view"])
        )
    return render(
        request, "assessment/scoring/unit_file.html", {"unit": unit, "rows": rows, "count": len(rows)}
    )


# The residents' survey -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def survey(request):
    user = request.user
    # The survey is answered by households; who has none is not offered it (the menu hides it too).
    _require(answers_surveys(user))
    household = user.person.household if user.person_id else None
    open_schemes = []
    if household is not None:
        today = svc._today()
        from lianxin.core.paths import ancestor_paths

        candidates = (
            Scheme.objects.filter(area_path__in=ancestor_paths(household.area_path))
            .filter(entry_opens__lte=today, entry_closes__gte=today, indicators__source=Source.SURVEY)
            .distinct()
            .order_by("name")
        )
        answered = set(SurveyAnswer.objects.filter(household=household).values_list("scheme_id", flat=True))
        for s in candidates:
            subject = svc.subject_of_household(s, household)
            if subject is not None:
                open_schemes.append((s, subject, s.pk in answered))
    status = 200
    if request.method == "POST":
        value = request.POST.get("scheme", "")
        chosen = next((s for s, _subject, _done in open_schemes if str(s.pk) == value), None)
        if chosen is None:
            raise Http404
        try:
            svc.survey_answer(user, scheme=chosen, satisfied=request.POST.get("satisfied") == "yes")
        except DomainError as error:
            messages.error(request, error.message)
            status = pages.error_status(error)
        else:
            messages.success(request, _("Thank you: your household's answer is recorded."))
            return redirect(request.path)
    return render(request, "assessment/scoring/survey.html", {"open_schemes": open_schemes}, status=status)
