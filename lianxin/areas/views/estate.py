"""Setting an estate's type, property mode and maturity from its page (P004-29, P004-10)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lianxin.areas.estate_facts import EstateFactsForm, estate_facts_set, estate_facts_setter
from lianxin.areas.models import Area
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, get_for_user


@login_required
@require_http_methods(["GET", "POST"])
def estate_facts(request, pk: int):
    user = request.user
    estate = get_for_user(Area, user, pk, CHANGE)
    if not estate_facts_setter(user):
        raise PermissionDenied
    initial = {
        "estate_type": estate.estate_type,
        "property_mode": estate.property_mode,
        "is_mature": estate.is_mature,
    }
    form = EstateFactsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            estate_facts_set(actor=user, estate=estate, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("%(area)s was changed.") % {"area": estate.name})
            return redirect("areas:detail", estate.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "areas/estate_facts.html", {"form": form, "area": estate}, status=status)
