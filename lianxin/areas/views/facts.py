"""An area's dated facts (P000-54, P001-03, P001-04, P003-30, P004-01): every year's value with its history,
and the form that records one, for those who may (``dated_facts.fact_recorder``)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from lianxin.areas import selectors
from lianxin.areas.dated_facts import FACT_KEYS, area_fact_record, area_facts_dated, fact_recorder
from lianxin.areas.models import Area
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import get_for_user


class AreaFactForm(forms.Form):
    key = forms.ChoiceField(
        label=gettext_lazy("Fact"), error_messages={"required": gettext_lazy("Choose the fact.")}
    )
    year = forms.IntegerField(
        label=gettext_lazy("Year"),
        min_value=1949,
        max_value=2100,
        error_messages={"required": gettext_lazy("Enter the year, e.g. 2024.")},
    )
    value = forms.CharField(
        label=gettext_lazy("Value"),
        max_length=1000,
        help_text=gettext_lazy("A number in the fact's unit, a date as 2021-07-01, or text."),
        error_messages={"required": gettext_lazy("Enter the value.")},
    )
    source = forms.CharField(
        label=gettext_lazy("Source"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Where the figure comes from, e.g. 2024年县政府工作报告."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = [("", _("Choose the fact"))] + [
            (f.key, f"{f.label}（{f.unit}）" if f.unit else str(f.label)) for f in FACT_KEYS.values()
        ]


@login_required
@require_http_methods(["GET", "POST"])
def area_facts_page(request, pk: int):
    user = request.user
    area = get_for_user(Area, user, pk)
    may_record = fact_recorder(user=user, area=area)
    if request.method == "POST" and not may_record:
        raise PermissionDenied
    form = AreaFactForm(request.POST or None, initial={"year": timezone.localdate().year - 1})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                area_fact_record(user, area=area, **form.cleaned_data)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("The fact was recorded."))
                return redirect("areas:facts", area.pk)
    context = {
        "area": area,
        "crumbs": selectors.area_ancestors(user=user, area=area),
        "facts": area_facts_dated(user=user, area=area, history=True),
        "form": form if may_record else None,
    }
    return render(request, "areas/area_facts.html", context, status=status)
