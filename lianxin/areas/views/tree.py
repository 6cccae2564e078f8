"""Adding a node under an area and moving an area with its subtree (P000-01)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lianxin.areas.models import Area
from lianxin.areas.tree_keeping import AreaAddForm, AreaMoveForm, area_add, area_relocate, tree_keeper
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, get_for_user


def _refuse(form, error):
    if error.code == "forbidden":
        raise PermissionDenied
    form.add_error(error.field if error.field in form.fields else None, error.message)


@login_required
@require_http_methods(["GET", "POST"])
def area_add_view(request, pk: int):
    user = request.user
    parent = get_for_user(Area, user, pk, CHANGE)
    if not tree_keeper(user):
        raise PermissionDenied
    form = AreaAddForm(request.POST or None, parent=parent)
    if request.method == "POST" and form.is_valid():
        try:
            area = area_add(actor=user, parent=parent, **form.cleaned_data)
        except DomainError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("%(area)s was added.") % {"area": area.name})
            return redirect("areas:detail", area.pk)
    status = 400 if request.method == "POST" else 200
    title = _("Add an area under %(area)s") % {"area": parent.name}
    return render(
        request, "areas/tree_form.html", {"form": form, "area": parent, "title": title}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def area_move_view(request, pk: int):
    user = request.user
    area = get_for_user(Area, user, pk, CHANGE)
    if not tree_keeper(user):
        raise PermissionDenied
    form = AreaMoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        target = Area.objects.restrict(user).filter(code=form.cleaned_data["parent_code"].strip()).first()
        if target is None:
            form.add_error("parent_code", _("No area within your scope has this code."))
        else:
            try:
                area, warning = area_relocate(actor=user, area=area, new_parent=target)
            except DomainError as error:
                _refuse(form, error)
            else:
                messages.success(
                    request,
                    _("%(area)s was moved under %(parent)s.") % {"area": area.name, "parent": target.name},
                )
                if warning:
                    messages.warning(request, warning)
                return redirect("areas:detail", area.pk)
    status = 400 if request.method == "POST" else 200
    title = _("Move %(area)s") % {"area": area.name}
    return render(
        request, "areas/tree_form.html", {"form": form, "area": area, "title": title}, status=status
    )
