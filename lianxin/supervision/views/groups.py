"""Leading groups: each group's seats (组长 — several —, 副组长, 成员, with the unit each comes from), its
working groups with their key tasks' progress, and the forms to add a working group or a seat."""

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
from lianxin.core.context import user_context
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import get_for_user, under
from lianxin.people.models import Department, DepartmentKind, Person
from lianxin.supervision.permissions import DEPUTY_GROUP_LEADER, GROUP_LEADER, GROUP_MEMBER, GROUP_ROLES
from lianxin.supervision.selectors import key_tasks as sel
from lianxin.supervision.services import groups as svc
from lianxin.supervision.views.key_tasks import issues_tasks


def sees_groups(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return issues_tasks(user) or any(held.role in GROUP_ROLES for held in user_context(user).held)


class WorkingGroupForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("working group"), max_length=100)
    remit = forms.CharField(label=gettext_lazy("remit"), max_length=200, required=False)


class SeatForm(forms.Form):
    group = forms.ModelChoiceField(label=gettext_lazy("group"), queryset=Department.objects.none())
    person = forms.ModelChoiceField(label=gettext_lazy("person"), queryset=Person.objects.none())
    role = forms.ChoiceField(
        label=gettext_lazy("seat"),
        choices=[
            (GROUP_LEADER, gettext_lazy("group leader")),
            (DEPUTY_GROUP_LEADER, gettext_lazy("deputy group leader")),
            (GROUP_MEMBER, gettext_lazy("group member")),
        ],
    )

    def __init__(self, *args, group: Department, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = Department.objects.filter(
            area_path=group.area_path, kind__in=[DepartmentKind.LEADING_GROUP, DepartmentKind.WORKING_GROUP]
        )
        # Heads of county departments and streets: people holding a post at the level or in its departments.
        self.fields["person"].queryset = (
            Person.objects.filter(under("posts__area_path", group.area_path), posts__end_date__isnull=True)
            .exclude(posts__role__in=["resident", "volunteer", "building_captain", "unit_leader"])
            .distinct()
            .order_by("name")
        )


@login_required
@require_http_methods(["GET"])
def groups(request):
    user = request.user
    if not sees_groups(user):
        raise PermissionDenied
    rows = []
    for group in sel.leading_groups_for(user=user):
        rows.append(
            {
                "group": group,
                "seats": sel.group_seats(group),
                "progress": sel.progress_by_group(user=user, group=group),
            }
        )
    return render(request, "supervision/tasks/groups.html", {"rows": rows, "count": len(rows)})


@login_required
@require_http_methods(["GET", "POST"])
def group(request, pk: int):
    user = request.user
    group = get_for_user(Department.objects.filter(kind=DepartmentKind.LEADING_GROUP), user, pk)
    writer = is_issuer_over(user, group.area_path)
    if request.method == "POST" and not writer:
        raise PermissionDenied
    wg_form = WorkingGroupForm(request.POST if request.POST.get("form") == "wg" else None)
    seat_form = SeatForm(request.POST if request.POST.get("form") == "seat" else None, group=group)
    status = 200
    if request.method == "POST":
        form = wg_form if request.POST.get("form") == "wg" else seat_form
        if form.is_valid():
            try:
                if form is wg_form:
                    svc.workinggroup_create(user, leading_group=group, **form.cleaned_data)
                else:
                    svc.group_seat_add(user, **form.cleaned_data)
            except DomainError as error:
                pages.form_error(form, error)
                status = pages.error_status(error)
            else:
                messages.success(request, _("Saved."))
                return redirect("supervision:group", group.pk)
        else:
            status = 400
    working = [
        {"wg": wg, "seats": sel.group_seats(wg.department), "completion": completion}
        for wg, completion in sel.progress_by_group(user=user, group=group)
    ]
    return render(
        request,
        "supervision/tasks/group.html",
        {
            "group": group,
            "seats": sel.group_seats(group),
            "working": working,
            "writer": writer,
            "wg_form": wg_form,
            "seat_form": seat_form,
        },
        status=status,
    )
