"""Key-task pages: the lists with their counts and completion rate (and a form to draw one from a plan),
a list's key tasks with filters (heading, state, mixed ownership, working group) and the form to issue one,
"my key tasks" (issued by me, owned by me, led by my department or group), the follow-up review of a
finished task, and each list's Excel export (the same rows as the page)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from lianxin.areas.models import Area, Level
from lianxin.cases.models import Category
from lianxin.cases.permissions import is_issuer_over, issuer_paths
from lianxin.core import pages
from lianxin.core.errors_domain import DomainError
from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response
from lianxin.core.rights import may
from lianxin.core.scope import get_for_user
from lianxin.people.models import Department, DepartmentKind, Organisation, Ownership, Person
from lianxin.supervision.categories import ROOTS
from lianxin.supervision.models import KeyTask, ListScheme, TaskList
from lianxin.supervision.models.tasks import SCHEME_HEADINGS
from lianxin.supervision.permissions import GROUP_ROLES, TASK_ISSUE
from lianxin.supervision.selectors import key_tasks as sel
from lianxin.supervision.services import key_tasks as svc


def issues_tasks(user) -> bool:
    """Holders of task.issue (the matrix's capable("task.issue")); where they may issue is the service's."""
    return bool(getattr(user, "is_authenticated", False)) and may(user, TASK_ISSUE)


def sees_tasks(user) -> bool:
    """Issuers, group seats and department staff (the tasks their department leads)."""
    from lianxin.core.context import user_context

    if not getattr(user, "is_authenticated", False):
        return False
    roles = {held.role for held in user_context(user).held}
    return issues_tasks(user) or bool(roles & (GROUP_ROLES | {"department_staff"}))


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


class ListForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("title"), max_length=200)
    plan = forms.CharField(label=gettext_lazy("plan document"), max_length=200, required=False)
    area = forms.ModelChoiceField(label=gettext_lazy("area"), queryset=Area.objects.none())
    scheme = forms.ChoiceField(label=gettext_lazy("headings"), choices=ListScheme.choices)
    year = forms.IntegerField(label=gettext_lazy("year"), min_value=2000, max_value=2100)
    group = forms.ModelChoiceField(
        label=gettext_lazy("leading group"), queryset=Department.objects.none(), required=False
    )
    progress_rrule = forms.CharField(
        label=gettext_lazy("progress rounds (RRULE)"), max_length=200, required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        paths = issuer_paths(user)
        self.fields["area"].queryset = Area.objects.filter(path__in=paths, retired_on__isnull=True)
        self.fields["group"].queryset = Department.objects.filter(
            kind=DepartmentKind.LEADING_GROUP, area_path__in=paths
        )
        self.fields["year"].initial = timezone.localdate().year


class TaskForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("task"), max_length=100)
    heading = forms.CharField(label=gettext_lazy("heading"), max_length=50, required=False)
    root = forms.ChoiceField(label=gettext_lazy("category"), choices=ROOTS)
    lead_area = forms.ModelChoiceField(
        label=gettext_lazy("lead street"), queryset=Area.objects.none(), required=False
    )
    lead_department = forms.ModelChoiceField(
        label=gettext_lazy("lead department"), queryset=Department.objects.none(), required=False
    )
    lead_organisation = forms.ModelChoiceField(
        label=gettext_lazy("lead enterprise"), queryset=Organisation.objects.none(), required=False
    )
    owner = forms.ModelChoiceField(
        label=gettext_lazy("owner"), queryset=Person.objects.none(), required=False
    )
    working_group = forms.ModelChoiceField(
        label=gettext_lazy("working group"), queryset=Department.objects.none(), required=False
    )
    working_days = forms.DecimalField(label=gettext_lazy("working days"), min_value=0.5, max_value=365)

    def __init__(self, *args, task_list: TaskList, **kwargs):
        super().__init__(*args, **kwargs)
        from lianxin.core.scope import under

        self.fields["lead_area"].queryset = Area.objects.filter(
            under("path", task_list.area_path), level__in=[Level.STREET, Level.TOWNSHIP, Level.COMMUNITY]
        ).order_by("path")
        self.fields["lead_department"].queryset = Department.objects.filter(
            area_path=task_list.area_path, kind=DepartmentKind.DEPARTMENT
        ).order_by("name")
        self.fields["lead_organisation"].queryset = Organisation.objects.filter(
            under("area_path", task_list.area_path),
            ownership__in=[o for o in Ownership.values if o != "private"],
        ).order_by("name")
        self.fields["owner"].queryset = (
            Person.objects.filter(
                posts__area_path__startswith=task_list.area_path, posts__end_date__isnull=True
            )
            .exclude(posts__role__in=["resident", "volunteer"])
            .distinct()
            .order_by("name")
        )
        self.fields["working_group"].queryset = Department.objects.filter(
            kind=DepartmentKind.WORKING_GROUP, area_path=task_list.area_path
        )
        headings = SCHEME_HEADINGS.get(task_list.scheme)
        if headings:
            self.fields["heading"] = forms.ChoiceField(
                label=gettext_lazy("heading"), choices=[(h, h) for h in headings], required=False
            )


@login_required
@require_http_methods(["GET", "POST"])
def key_task_lists(request):
    user = request.user
    _require(sees_tasks(user))
    issuer = issues_tasks(user)
    form = ListForm(request.POST or None, user=user) if issuer else None
    _require(issuer or request.method != "POST")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                task_list = svc.tasklist_create(user, **form.cleaned_data)
            except DomainError as error:
                pages.form_error(form, error)
                status = pages.error_status(error)
            else:
                messages.success(request, _("The key-task list has been drawn up."))
                return redirect("supervision:key_task_list", task_list.pk)
        else:
            status = 400
    rows = list(sel.lists_for(user=user)[:200])
    for row in rows:
        row.rate = sel.list_rate(row)
    return render(request, "supervision/tasks/lists.html", {"rows": rows, "form": form}, status=status)


def _filters(request, task_list=None) -> sel.TaskFilters:
    g = request.GET
    state = g.get("state", "")
    wg = g.get("working_group", "")
    return sel.TaskFilters(
        task_list=task_list.pk if task_list else None,
        heading=g.get("heading", "")[:50],
        state=state if state in sel.STATE_FILTERS else "",
        mixed=g.get("mixed") in ("1", "true", "on"),
        working_group=int(wg) if wg.isdigit() else None,
        mine=task_list is None,
    )


def _rows(user, filters):
    now = timezone.now()
    rows = list(filters and sel.keytasks_for(user=user, filters=filters)[:500])
    for row in rows:
        row.overdue = sel.keytask_is_overdue(row, now)
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def key_task_list(request, pk: int):
    user = request.user
    task_list = get_for_user(TaskList, user, pk)
    issuer = is_issuer_over(user, task_list.area_path)
    form = TaskForm(request.POST or None, task_list=task_list) if issuer else None
    _require(issuer or request.method != "POST")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            root = data.pop("root")
            try:
                svc.keytask_create(
                    user,
                    task_list=task_list,
                    category=f"{root}_key",
                    idempotency_key=pages.posted_key(request),
                    **data,
                )
            except DomainError as error:
                pages.form_error(form, error)
                status = pages.error_status(error)
            else:
                messages.success(request, _("The key task has been issued."))
                return redirect("supervision:key_task_list", task_list.pk)
        else:
            status = 400
    filters = _filters(request, task_list)
    tasks = sel.keytasks_for(user=user, filters=filters)
    completion = sel.completion_of(
        sel.keytasks_for(user=user, filters=sel.TaskFilters(task_list=task_list.pk))
    )
    return render(
        request,
        "supervision/tasks/list.html",
        {
            "task_list": task_list,
            "rows": _rows(user, filters),
            "count": tasks.count(),
            "completion": completion,
            "filters": filters,
            "headings": sorted(set(task_list.tasks.exclude(heading="").values_list("heading", flat=True))),
            "form": form,
            "form_key": pages.new_key(),
            "query": request.GET.urlencode(),
        },
        status=status,
    )


@login_required
def key_tasks_mine(request):
    user = request.user
    _require(sees_tasks(user))
    filters = _filters(request)
    tasks = sel.keytasks_for(user=user, filters=filters)
    return render(
        request,
        "supervision/tasks/mine.html",
        {
            "rows": _rows(user, filters),
            "count": tasks.count(),
            "completion": sel.completion_of(tasks),
            "filters": filters,
            "query": request.GET.urlencode(),
        },
    )


def key_tasks_workbook(rows, title: str):
    columns = [
        ExcelColumn(_("number"), lambda t: t.position, 8),
        ExcelColumn(_("key-task list"), lambda t: t.task_list.title, 30),
        ExcelColumn(_("heading"), lambda t: t.heading, 14),
        ExcelColumn(_("task"), lambda t: t.case.title, 40),
        ExcelColumn(_("case number"), lambda t: t.case.number, 18),
        ExcelColumn(_("lead unit"), lambda t: t.unit_name, 24),
        ExcelColumn(_("owner"), lambda t: t.owner.name if t.owner_id else "", 12),
        ExcelColumn(_("due"), lambda t: t.case.handle_due, 18),
        ExcelColumn(_("status"), lambda t: t.case.get_state_display(), 12),
        ExcelColumn(_("overdue"), lambda t: t.overdue, 8),
    ]
    return list_workbook(title=title, columns=columns, objects=rows)


@login_required
def key_task_list_xlsx(request, pk: int):
    user = request.user
    task_list = get_for_user(TaskList, user, pk)
    rows = _rows(user, _filters(request, task_list))
    return xlsx_response(key_tasks_workbook(rows, task_list.title), f"{task_list.title}.xlsx")


@login_required
def key_tasks_mine_xlsx(request):
    user = request.user
    _require(sees_tasks(user))
    rows = _rows(user, _filters(request))
    return xlsx_response(key_tasks_workbook(rows, _("Key tasks")), f"{_('Key tasks')}.xlsx")


@login_required
@require_POST
def key_task_review(request, pk: int):
    user = request.user
    key_task = get_for_user(KeyTask, user, pk)
    effective = request.POST.get("effective") == "1"
    try:
        svc.keytask_review(user, key_task=key_task, effective=effective, note=request.POST.get("note", ""))
    except DomainError as error:
        back = reverse("supervision:key_task_list", args=[key_task.task_list_id])
        return render(
            request,
            "supervision/tasks/error.html",
            {"message": error.message, "back": back},
            status=pages.error_status(error),
        )
    messages.success(request, _("The review has been recorded."))
    return redirect("supervision:key_task_list", key_task.task_list_id)


CATEGORY_NAMES = dict(ROOTS)


def category_label(category: Category) -> str:
    return category.name
