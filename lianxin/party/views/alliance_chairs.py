"""The alliance page of chairs, policy lists and joint activities (P003-35, P003-41, P003-44): every alliance
the user reaches (its managers; its member enterprises' contacts), with the current chair, the rotation
order and the history of terms; the current policy list and what changed against the version before; the
joint activities counted per kind and year. Managers publish a new version and record activities."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from lianxin.core import pages
from lianxin.core.errors_domain import DomainError
from lianxin.party.models import JointKind
from lianxin.party.selectors.alliance_chairs import chair_rows, joint_rows, policy_rows
from lianxin.party.services import alliance_chairs as svc
from lianxin.party.services.alliance_lists import alliance_standing, alliances_of_user


def sees_alliances(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(alliances_of_user(user))


class PolicyForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=100)
    items = forms.CharField(
        label=gettext_lazy("Policies, one a line: title｜content｜provided by"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def items_parsed(self) -> list[dict]:
        rows = []
        for line in self.cleaned_data["items"].splitlines():
            if not line.strip():
                continue
            parts = [p.strip() for p in line.replace("|", "｜").split("｜")]
            rows.append(
                {
                    "title": parts[0],
                    "content": parts[1] if len(parts) > 1 else "",
                    "provider": parts[2] if len(parts) > 2 else "",
                }
            )
        return rows


class JointForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=JointKind.choices)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    held_on = forms.DateField(label=gettext_lazy("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    participants = forms.IntegerField(
        label=gettext_lazy("Participants"), min_value=0, max_value=100000, initial=0
    )


def _page(request, *, status=200, forms_for=None, error=""):
    user = request.user
    if not sees_alliances(user):
        raise PermissionDenied
    chairs = chair_rows(user)
    blocks = []
    for row in chairs:
        alliance = row["alliance"]
        current = policy_rows(user, alliance_id=alliance.pk)
        current = current[0] if current else None
        diff = svc.policy_diff(svc.policy_previous(current), current) if current else None
        joints = joint_rows(user).filter(alliance=alliance)
        manages = alliance_standing(user, alliance).manages
        given = (forms_for or {}).get(alliance.pk, {})
        blocks.append(
            {
                **row,
                "current_chair": row["current"],
                "chair_label": svc.member_label(row["current"].member) if row["current"] else "",
                "history": [(t, svc.member_label(t.member)) for t in row["history"]],
                "policy": current,
                "diff": diff,
                "joint_counts": svc.joint_counts(joints),
                "joints": list(joints[:50]),
                "joint_total": joints.count(),
                "manages": manages,
                "policy_form": given.get("policy") or (PolicyForm() if manages else None),
                "joint_form": given.get("joint") or (JointForm() if manages else None),
            }
        )
    return render(
        request,
        "party/alliance_chairs.html",
        {"blocks": blocks, "kinds": JointKind.choices, "error": error},
        status=status,
    )


JOINT_COLUMNS = [
    (gettext_lazy("Alliance"), lambda j: j.alliance.name, 24),
    (gettext_lazy("Kind"), lambda j: j.get_kind_display(), 12),
    (gettext_lazy("Title"), lambda j: j.activity.title, 30),
    (gettext_lazy("Held on"), lambda j: j.activity.held_on, 12),
    (gettext_lazy("Participants"), lambda j: j.activity.participants, 10),
]


@login_required
@require_GET
def alliance_chairs(request):
    if request.GET.get("format") == "xlsx":
        from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response

        if not sees_alliances(request.user):
            raise PermissionDenied
        rows = joint_rows(request.user)
        workbook = list_workbook(
            title=_("Joint activities"),
            columns=[ExcelColumn(str(label), value, width) for label, value, width in JOINT_COLUMNS],
            objects=rows,
            notes=[(_("Joint activities"), str(rows.count()))],
        )
        return xlsx_response(workbook, f"{_('Joint activities')}.xlsx")
    return _page(request)


def _alliance(request, pk):
    for alliance in alliances_of_user(request.user):
        if alliance.pk == pk:
            return alliance
    raise Http404


@login_required
@require_POST
def policy_publish(request, pk: int):
    alliance = _alliance(request, pk)
    form = PolicyForm(request.POST)
    if form.is_valid():
        try:
            svc.policy_list_publish(
                request.user, alliance=alliance, title=form.cleaned_data["title"], items=form.items_parsed()
            )
        except DomainError as error:
            pages.form_error(form, error)
            return _page(request, status=pages.error_status(error), forms_for={pk: {"policy": form}})
        messages.success(request, _("The new version of the policy list has been published."))
        return redirect("supervision:alliance_chairs")
    return _page(request, status=400, forms_for={pk: {"policy": form}})


@login_required
@require_POST
def joint_record(request, pk: int):
    alliance = _alliance(request, pk)
    form = JointForm(request.POST)
    if form.is_valid():
        try:
            svc.joint_activity_record(request.user, alliance=alliance, **form.cleaned_data)
        except DomainError as error:
            pages.form_error(form, error)
            return _page(request, status=pages.error_status(error), forms_for={pk: {"joint": form}})
        messages.success(request, _("The joint activity has been recorded."))
        return redirect("supervision:alliance_chairs")
    return _page(request, status=400, forms_for={pk: {"joint": form}})
