"""Letters to units (交办单 / 提醒函, P001-10), interviews (约谈, P004-58) and a unit's file of both.

The issuing side (capability task.issue: the organisation department, secretaries, group leaders) issues
and counts them; a unit's staff (a department's, an organisation's) see their own unit's letters, sign for
them (签收) and reply. Lists show their counts; the Excel is the same rows."""

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

from lianxin.core import pages
from lianxin.core.context import user_context
from lianxin.core.errors_domain import DomainError
from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response
from lianxin.core.rights import may
from lianxin.core.scope import get_for_user
from lianxin.people.models import Department, Organisation
from lianxin.supervision.models import Interview, Letter, LetterKind
from lianxin.supervision.permissions import TASK_ISSUE
from lianxin.supervision.selectors import letters as sel
from lianxin.supervision.services import letters as svc
from lianxin.supervision.services.letters_docx import letter_docx, letter_docx_name


def is_issuer(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and may(user, TASK_ISSUE)


# The units letters go to: a department's staff, a property company's staff.
UNIT_ROLES = frozenset({"department_staff", "property_staff"})


def is_unit_staff(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user_context(user).roles & UNIT_ROLES)


def sees_letters(user) -> bool:
    return is_issuer(user) or is_unit_staff(user)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def form_run(request, form, run, *, success: str, then):
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


def period_of(request) -> sel.Period:
    g = request.GET
    try:
        return sel.period_parse(g.get("since") or None, g.get("until") or None, g.get("year") or None)
    except DomainError:
        return sel.Period.year()


class UnitField(forms.ChoiceField):
    """A department or an organisation in the user's scope: "d<id>" / "o<id>"."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None:
            departments = Department.objects.restrict(user).order_by("area__path", "name")[:300]
            organisations = Organisation.objects.restrict(user).order_by("name")[:300]
            self.choices = (
                [("", "—")]
                + [(f"d{d.pk}", d.name) for d in departments]
                + [(f"o{o.pk}", o.name) for o in organisations]
            )

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        model = Department if value[0] == "d" else Organisation
        unit = model.objects.restrict(self.user).filter(pk=value[1:]).first() if value[1:].isdigit() else None
        if unit is None:
            raise forms.ValidationError(_("Choose one within your scope."))
        return unit


class LetterForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=LetterKind.choices)
    unit = UnitField(label=gettext_lazy("Unit"))
    title = forms.CharField(label=gettext_lazy("Title"), max_length=100)
    content = forms.CharField(
        label=gettext_lazy("Content"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    working_days = forms.DecimalField(
        label=gettext_lazy("Time limit (working days)"), min_value=0.5, max_value=365, decimal_places=1
    )
    reply_required = forms.BooleanField(
        label=gettext_lazy("Written reply required"), required=False, initial=True
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = UnitField(label=gettext_lazy("Unit"), user=user)


LETTER_COLUMNS = [
    ExcelColumn(gettext_lazy("Number"), lambda x: x.number_label, 18),
    ExcelColumn(gettext_lazy("Kind"), lambda x: x.get_kind_display(), 10),
    ExcelColumn(gettext_lazy("Unit"), lambda x: str(x.unit), 24),
    ExcelColumn(gettext_lazy("Title"), lambda x: x.title, 30),
    ExcelColumn(gettext_lazy("Issued at"), lambda x: x.issued_at, 18),
    ExcelColumn(gettext_lazy("Working days"), lambda x: x.working_days, 10),
    ExcelColumn(gettext_lazy("Due"), lambda x: x.case.handle_due if x.case_id else None, 18),
    ExcelColumn(gettext_lazy("Acknowledged at"), lambda x: x.acknowledged_at, 18),
    ExcelColumn(gettext_lazy("Replied at"), lambda x: x.replied_at, 18),
    ExcelColumn(gettext_lazy("Status"), sel.letter_status, 12),
]


@login_required
@require_http_methods(["GET", "POST"])
def letter_list(request):
    user = request.user
    require(sees_letters(user))
    period = period_of(request)
    kind = request.GET.get("kind", "")
    pending = request.GET.get("pending", "")
    rows = sel.letters_for(user=user, period=period, kind=kind, pending=pending)
    figures = sel.letter_figures(rows)
    if request.GET.get("format") == "xlsx":
        workbook = list_workbook(
            title=_("Letters"),
            columns=[ExcelColumn(str(c.label), c.value, c.width) for c in LETTER_COLUMNS],
            objects=rows,
            notes=[(_("Period"), period.label), (_("Letters"), str(figures["total"]))],
        )
        return xlsx_response(workbook, f"{_('Letters')}.xlsx")
    form = LetterForm(request.POST or None, user=user) if is_issuer(user) else None
    if request.method == "POST":
        require(form is not None)

    def issue(data):
        return svc.letter_issue(
            user,
            kind=data["kind"],
            unit=data["unit"],
            title=data["title"],
            content=data["content"],
            working_days=data["working_days"],
            reply_required=data["reply_required"],
        )

    done, status = form_run(
        request,
        form,
        issue,
        success=_("The letter has been issued."),
        then=lambda letter: reverse("supervision:letter", args=[letter.pk]),
    )
    if done:
        return done
    return render(
        request,
        "supervision/letters/letters.html",
        {
            "rows": list(rows[:300]),
            "figures": figures,
            "period": period,
            "kind": kind,
            "pending": pending,
            "kinds": LetterKind.choices,
            "form": form,
            "query": request.GET.urlencode(),
        },
        status=status,
    )


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=gettext_lazy("Reply"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


@login_required
@require_GET
def letter_detail(request, pk: int):
    letter = get_for_user(Letter, request.user, pk)
    staff = svc.is_unit_staff(
        request.user, department_id=letter.department_id, organisation_id=letter.organisation_id
    )
    return render(
        request,
        "supervision/letters/letter.html",
        {
            "letter": letter,
            "status": sel.letter_status(letter),
            "may_acknowledge": staff and letter.acknowledged_at is None,
            "reply_form": ReplyForm() if staff and letter.replied_at is None else None,
            "reminders": letter.reminders.all(),
        },
    )


def _letter_action(request, pk, run, success):
    letter = get_for_user(Letter, request.user, pk)
    try:
        run(letter)
    except DomainError as error:
        messages.error(request, error.message)
        return render(
            request,
            "supervision/letters/letter.html",
            {"letter": letter, "status": sel.letter_status(letter), "error": error.message},
            status=pages.error_status(error),
        )
    messages.success(request, success)
    return redirect("supervision:letter", pk=letter.pk)


@login_required
@require_POST
def letter_acknowledge(request, pk: int):
    return _letter_action(
        request,
        pk,
        lambda letter: svc.letter_acknowledge(request.user, letter=letter),
        _("The letter has been acknowledged."),
    )


@login_required
@require_POST
def letter_reply(request, pk: int):
    form = ReplyForm(request.POST)
    reply = form.data.get("reply", "")
    return _letter_action(
        request,
        pk,
        lambda letter: svc.letter_reply(request.user, letter=letter, reply=reply),
        _("The reply has been sent."),
    )


@login_required
@require_GET
def letter_word(request, pk: int):
    from django.http import HttpResponse
    from django.utils.http import content_disposition_header

    letter = get_for_user(Letter, request.user, pk)
    response = HttpResponse(
        letter_docx(letter),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = content_disposition_header(True, letter_docx_name(letter))
    return response


# Interviews.


class InterviewForm(forms.Form):
    unit = UnitField(label=gettext_lazy("Unit"))
    held_on = forms.DateField(label=gettext_lazy("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    participants = forms.CharField(label=gettext_lazy("Participants"), max_length=300)
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=200)
    notes = forms.CharField(
        label=gettext_lazy("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = UnitField(label=gettext_lazy("Unit"), user=user)


INTERVIEW_COLUMNS = [
    ExcelColumn(gettext_lazy("Held on"), lambda i: i.held_on, 12),
    ExcelColumn(gettext_lazy("Unit"), lambda i: str(i.unit), 24),
    ExcelColumn(gettext_lazy("Subject"), lambda i: i.subject, 30),
    ExcelColumn(gettext_lazy("Participants"), lambda i: i.participants, 30),
    ExcelColumn(gettext_lazy("Acknowledged at"), lambda i: i.acknowledged_at, 18),
]


@login_required
@require_http_methods(["GET", "POST"])
def interview_list(request):
    user = request.user
    require(sees_letters(user))
    period = period_of(request)
    rows = sel.interviews_for(user=user, period=period)
    if request.GET.get("format") == "xlsx":
        workbook = list_workbook(
            title=_("Interviews"),
            columns=[ExcelColumn(str(c.label), c.value, c.width) for c in INTERVIEW_COLUMNS],
            objects=rows,
            notes=[(_("Period"), period.label), (_("Interviews"), str(rows.count()))],
        )
        return xlsx_response(workbook, f"{_('Interviews')}.xlsx")
    form = InterviewForm(request.POST or None, user=user) if is_issuer(user) else None
    if request.method == "POST":
        require(form is not None)

    def record(data):
        return svc.interview_record(
            user,
            unit=data["unit"],
            held_on=data["held_on"],
            participants=data["participants"],
            subject=data["subject"],
            notes=data["notes"],
        )

    done, status = form_run(
        request, form, record, success=_("The interview has been recorded."), then=lambda i: request.path
    )
    if done:
        return done
    return render(
        request,
        "supervision/letters/interviews.html",
        {"rows": list(rows[:300]), "figures": sel.interview_figures(rows), "period": period, "form": form},
        status=status,
    )


@login_required
@require_POST
def interview_acknowledge(request, pk: int):
    interview = get_for_user(Interview, request.user, pk)
    try:
        svc.interview_acknowledge(request.user, interview=interview)
    except DomainError as error:
        raise PermissionDenied(error.message) from None
    messages.success(request, _("The interview record has been acknowledged."))
    return redirect(request.POST.get("next") or reverse("supervision:interviews"))


# The unit's file: its letters and interviews (P004-58).


@login_required
@require_GET
def unit_file(request, kind: str, pk: int):
    user = request.user
    if kind == "department":
        unit = get_for_user(Department, user, pk)
        q = Q(department=unit)
    elif kind == "organisation":
        unit = get_for_user(Organisation, user, pk)
        q = Q(organisation=unit)
    else:
        from django.http import Http404

        raise Http404
    require(sees_letters(user))
    letters = sel.letters_for(user=user).filter(q)
    interviews = sel.interviews_for(user=user).filter(q)
    staff = svc.is_unit_staff(
        user,
        department_id=unit.pk if kind == "department" else None,
        organisation_id=unit.pk if kind == "organisation" else None,
    )
    return render(
        request,
        "supervision/letters/unit_file.html",
        {
            "unit": unit,
            "letters": list(letters[:300]),
            "letter_figures": sel.letter_figures(letters),
            "interviews": list(interviews[:300]),
            "interview_figures": sel.interview_figures(interviews),
            "unit_staff": staff,
        },
    )
