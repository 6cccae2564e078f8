"""Changing a full-time grid worker's staff category to community worker (P004-40), from his page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import get_for_user
from lianxin.people.forms.staff import StaffCategoryForm
from lianxin.people.models import Post
from lianxin.people.services.staff_category import staff_category_change, staff_category_changer


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
    from lianxin.people.services.staff_category import staff_send_down

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


@login_required
@require_POST
def post_appoint_view(request, pk: int):
    """Appoint a post for a person (building captain, part-time grid worker, owners' committee member …)."""
    from django.shortcuts import render

    from lianxin.areas.models import Area
    from lianxin.people.appointments import post_appoint, post_appointer
    from lianxin.people.forms.staff import AppointForm
    from lianxin.people.models import Person

    user = request.user
    person = get_for_user(Person, user, pk)
    if not post_appointer(user):
        raise PermissionDenied
    form = AppointForm(request.POST, user=user)
    if form.is_valid():
        data = form.cleaned_data
        area = None
        if data["area_code"].strip():
            area = Area.objects.restrict(user).filter(code=data["area_code"].strip()).first()
            if area is None:
                form.add_error("area_code", _("No area within your scope has this code."))
        if form.is_valid():
            try:
                post = post_appoint(
                    actor=user,
                    person=person,
                    role=data["role"],
                    area=area,
                    party_org=data["party_org"],
                    organisation=data["organisation"],
                    start_date=data["start_date"],
                    is_full_time=data["is_full_time"],
                    source=data["source"],
                )
            except DomainError as error:
                if error.code == "forbidden":
                    raise PermissionDenied from None
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(
                    request,
                    _("%(person)s now holds the post of %(role)s.")
                    % {"person": person.name, "role": post.get_role_display()},
                )
                return redirect("people:detail", person.pk)
    return render(request, "people/appoint_form.html", {"form": form, "person": person}, status=400)


@login_required
@require_POST
def post_end_view(request, pk: int):
    from lianxin.people.appointments import post_appointer, post_end

    user = request.user
    post = get_for_user(Post, user, pk)
    if not post_appointer(user):
        raise PermissionDenied
    try:
        post_end(actor=user, post=post)
    except DomainError as error:
        if error.code == "forbidden":
            raise PermissionDenied from None
        messages.error(request, error.message)
    return redirect("people:detail", post.person_id)


@login_required
@require_POST
def party_badge(request, pk: int):
    """The member's own choice to show the 党员 badge (亮身份)."""
    from lianxin.people.models import Person
    from lianxin.people.services.staff_category import party_badge_set

    person = get_for_user(Person, request.user, pk)
    try:
        party_badge_set(actor=request.user, person=person, shows=request.POST.get("shows") == "1")
    except DomainError as error:
        if error.code == "forbidden":
            raise PermissionDenied from None
        messages.error(request, error.message)
    return redirect("people:detail", person.pk)
