"""服务项目: the community or the estate branch publishes projects for members to claim, each with its hours
and places, optionally raised from a resident's request it answers (P000-48, P004-44); the list shows each
project's claims against its places and the claims counted cumulatively."""

import uuid

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Count, F, Sum
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from lianxin.areas.models import Area, Level
from lianxin.cases.models import Case, CaseClaim
from lianxin.core.scope import under
from lianxin.volunteering.permissions import is_staff
from lianxin.volunteering.services.wishes import project_publish
from lianxin.volunteering.views.common import area_root, form_run, require
from lianxin.volunteering.views.wishes import _projects
from lianxin.volunteering.wishes import project_hours

PROJECT_LEVELS = (Level.COMMUNITY, Level.VILLAGE, Level.ESTATE)


class ProjectForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Project"), max_length=100)
    area = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Where"), empty_label=None)
    hours = forms.DecimalField(label=gettext_lazy("Hours"), min_value=0.5, max_value=24, decimal_places=1)
    capacity = forms.IntegerField(label=gettext_lazy("Places"), min_value=1, max_value=500)
    raised_from = forms.CharField(
        label=gettext_lazy("Raised from the request numbered"), max_length=32, required=False
    )
    description = forms.CharField(label=gettext_lazy("What is to be done"), required=False, max_length=500)
    idempotency_key = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["area"].queryset = (
            Area.objects.restrict(user).live().filter(level__in=PROJECT_LEVELS).order_by("path")
        )
        self.initial.setdefault("idempotency_key", uuid.uuid4().hex)

    def clean_area(self):
        area = self.cleaned_data["area"]
        return Area.objects.get(pk=area.pk)

    def clean_raised_from(self):
        number = self.cleaned_data["raised_from"].strip()
        if not number:
            return None
        # A number reads "<report date>-<row id>" (20261202-0000123); the id finds it, the date must agree.
        _date, _dash, pk = number.rpartition("-")
        case = Case.objects.restrict(self.user).filter(pk=int(pk)).first() if pk.isdigit() else None
        if case is None or case.number != number:
            raise forms.ValidationError(_("No such request in your areas."))
        return case


def project_figures(*, user, root) -> dict:
    """Projects published under ``root``, their places, the places claimed now and every claim ever made
    (withdrawn ones included: claims are counted cumulatively)."""
    rows = _projects(user)
    if root is not None:
        rows = rows.filter(under("area_path", root.path))
    totals = rows.aggregate(n=Count("pk"), places=Sum("claim_capacity"), claimed=Sum("claim_count"))
    claims = CaseClaim.objects.filter(case__in=rows.values("pk"))
    return {
        "projects": totals["n"] or 0,
        "places": totals["places"] or 0,
        "claimed": totals["claimed"] or 0,
        "claims_ever": claims.count(),
        "full": rows.filter(claim_capacity__isnull=False, claim_count__gte=F("claim_capacity")).count(),
    }


@login_required
@require_http_methods(["GET", "POST"])
def projects(request):
    user = request.user
    require(is_staff(user))
    root = area_root(request)
    form = ProjectForm(request.POST or None, user=user)

    def publish(data):
        return project_publish(
            user,
            area=data["area"],
            title=data["title"],
            description=data["description"],
            hours=data["hours"],
            capacity=data["capacity"],
            raised_from=data["raised_from"],
            idempotency_key=data["idempotency_key"],
        )

    done, status = form_run(
        request,
        form,
        publish,
        success=_("The service project has been published."),
        then=lambda case: request.path,
    )
    if done:
        return done
    rows = _projects(user)
    if root is not None:
        rows = rows.filter(under("area_path", root.path))
    rows = list(rows.select_related("related_case").order_by("-id")[:200])
    for project in rows:
        project.hours = project_hours(project)
    return render(
        request,
        "volunteering/projects.html",
        {"form": form, "root": root, "rows": rows, "figures": project_figures(user=user, root=root)},
        status=status,
    )
