"""Progress rounds (定期调度, P004-54): the rounds with how many units reported, a round's reports and the
units that have not reported, the form to report; and the performance score (综合绩效考核, P004-57) by lead
unit with its Excel export (the same rows as the page and the API)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from lianxin.cases.permissions import is_issuer_over
from lianxin.core import pages
from lianxin.core.errors_domain import DomainError
from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response
from lianxin.core.scope import get_for_user
from lianxin.supervision.models import ProgressReport, ProgressRound, TaskList
from lianxin.supervision.selectors import key_tasks as sel
from lianxin.supervision.services import key_tasks as svc
from lianxin.supervision.views.key_tasks import issues_tasks, sees_tasks


class RoundForm(forms.Form):
    task_list = forms.ModelChoiceField(label=gettext_lazy("key-task list"), queryset=TaskList.objects.none())
    due_on = forms.DateField(label=gettext_lazy("reports due"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task_list"].queryset = TaskList.objects.restrict(user).order_by("-year", "title")


class ReportForm(forms.Form):
    report = forms.IntegerField(widget=forms.HiddenInput)
    progress = forms.CharField(label=gettext_lazy("progress"), widget=forms.Textarea(attrs={"rows": 2}))
    percent = forms.IntegerField(label=gettext_lazy("per cent done"), required=False)
    evidence = forms.CharField(label=gettext_lazy("evidence"), max_length=500, required=False)


@login_required
@require_http_methods(["GET", "POST"])
def progress_rounds(request):
    user = request.user
    if not sees_tasks(user):
        raise PermissionDenied
    issuer = issues_tasks(user)
    form = RoundForm(request.POST or None, user=user) if issuer else None
    if request.method == "POST" and not issuer:
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                progress_round = svc.progressround_open(user, **form.cleaned_data)
            except DomainError as error:
                pages.form_error(form, error)
                status = pages.error_status(error)
            else:
                messages.success(request, _("The progress round is open."))
                return redirect("supervision:progress_round", progress_round.pk)
        else:
            status = 400
    rows = list(sel.rounds_for(user=user)[:200])
    return render(request, "supervision/tasks/rounds.html", {"rows": rows, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def progress_round(request, pk: int):
    user = request.user
    lists = TaskList.objects.restrict(user).values("pk")
    progress_round = get_for_user(ProgressRound.objects.filter(task_list__in=lists), user, pk)
    writable = set(
        sel.reports_writable(user=user, progress_round=progress_round).values_list("pk", flat=True)
    )
    status = 200
    form = ReportForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        else:
            report = progress_round.reports.filter(pk=form.cleaned_data["report"]).first()
            if report is None:
                from django.http import Http404

                raise Http404
            if report.pk not in writable:
                raise PermissionDenied
            data = {k: v for k, v in form.cleaned_data.items() if k != "report"}
            try:
                svc.progressreport_submit(user, report=report, **data)
            except DomainError as error:
                pages.form_error(form, error)
                status = pages.error_status(error)
            else:
                messages.success(request, _("The progress has been reported."))
                return redirect("supervision:progress_round", progress_round.pk)
    reports = list(sel.round_reports(progress_round))
    for report in reports:
        report.writable = report.pk in writable
    missing = sel.non_reporters(progress_round)
    return render(
        request,
        "supervision/tasks/round.html",
        {
            "round": progress_round,
            "reports": reports,
            "reported": sum(1 for r in reports if r.reported_at),
            "missing": missing,
            "form": form,
            "issuer": is_issuer_over(user, progress_round.area_path),
        },
        status=status,
    )


def _performance_rows(request):
    year = request.GET.get("year", "")
    task_list = request.GET.get("list", "")
    return sel.performance_rows(
        user=request.user,
        year=int(year) if year.isdigit() else None,
        task_list=int(task_list) if task_list.isdigit() else None,
    )


@login_required
def performance(request):
    if not issues_tasks(request.user):
        raise PermissionDenied
    rows = _performance_rows(request)
    from django.conf import settings

    return render(
        request,
        "supervision/tasks/performance.html",
        {
            "rows": rows,
            "count": len(rows),
            "points": settings.LIANXIN_PERFORMANCE_POINTS,
            "lists": TaskList.objects.restrict(request.user).order_by("-year", "title"),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def performance_xlsx(request):
    if not issues_tasks(request.user):
        raise PermissionDenied
    rows = _performance_rows(request)
    columns = [
        ExcelColumn(_("unit"), lambda r: r.name, 28),
        ExcelColumn(_("key tasks"), lambda r: r.completion.total, 10),
        ExcelColumn(_("done"), lambda r: r.completion.done, 10),
        ExcelColumn(_("done on time"), lambda r: r.completion.on_time, 10),
        ExcelColumn(_("overdue"), lambda r: r.completion.overdue, 10),
        ExcelColumn(_("score"), lambda r: f"{r.completion.score:.1f}", 10),
    ]
    title = _("Performance score")
    workbook = list_workbook(title=title, columns=columns, objects=rows)
    return xlsx_response(workbook, f"{title}.xlsx")


__all__ = ["ProgressReport"]
