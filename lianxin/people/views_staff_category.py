"""Changing a full-time grid worker's staff category to community worker (P004-40), from his page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import get_for_user
from lianxin.people.forms_staff import StaffCategoryForm
from lianxin.people.models import Post
from lianxin.people.staff_category_services import staff_category_change, staff_category_changer


@login_required
@require_POST
def category_change(request, pk: int):
    user = request.user
    post = get_for_user(Post.objects.select_related("person"), user, pk)
    if not staff_category_changer(user):
        raise PermissionDenied
    form = StaffCategoryForm(request.POST)
    if not form.is_valid():
        from django.shortcuts import render

        return render(
            request,
            "people/staff_category_form.html",
            {"form": form, "post": post},
            status=400,
        )
    try:
        staff_category_change(
            actor=user, post=post, method=form.cleaned_data["method"], on=form.cleaned_data["on"]
        )
    except DomainError as error:
        if error.code == "forbidden":
            raise PermissionDenied from None
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(person)s is now a community worker.") % {"person": post.person.name})
    return redirect("people:detail", post.person_id)


@login_required
@require_POST
def send_down(request, pk: int):
    """Give a community staff member an extra post over an estate (P000-33)."""
    from lianxin.areas.models import Area
    from lianxin.people.models import Person
    from lianxin.people.staff_category_services import staff_send_down

    user = request.user
    person = get_for_user(Person, user, pk)
    if not staff_category_changer(user):
        raise PermissionDenied
    estate = Area.objects.restrict(user).filter(pk=request.POST.get("estate") or 0).first()
    if estate is None:
        from django.http import HttpResponseBadRequest

        return HttpResponseBadRequest(_("Choose an estate."))
    try:
        post = staff_send_down(actor=user, person=person, estate=estate)
    except DomainError as error:
        if error.code == "forbidden":
            raise PermissionDenied from None
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(person)s is sent down to %(estate)s.") % {"person": person.name, "estate": post.area.name},
        )
    return redirect("people:detail", person.pk)
