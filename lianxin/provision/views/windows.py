"""The windows page for station and centre staff (窗口): the windows of their places; on a window, the
walk-in form (到站办事: a resident found by mobile number, a service of the window), the duty roster for the
next two weeks and the walk-ins counted under the place (the roll-up ``provision.walk_ins``)."""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lianxin.core.errors_domain import DomainError
from lianxin.core.pages import error_status, new_key
from lianxin.provision import permissions, selectors, services

ROSTER_DAYS = 14
WALK_IN_DAYS = 30


def _windows(user):
    if not permissions.sees_windows(user):
        raise PermissionDenied
    return selectors.windows_for(user)


@login_required
@require_http_methods(["GET", "POST"])
def windows(request):
    user = request.user
    scoped = _windows(user)
    places = selectors.places_kept(user)
    status = 200
    if request.method == "POST":
        try:
            place = places.filter(pk=_int(request.POST.get("place"))).first()
            if place is None:
                raise DomainError(_("Choose a place you keep."), field="place")
            items = selectors.catalogue().filter(pk__in=[_int(v) for v in request.POST.getlist("items")])
            window = services.window_save(user, place=place, name=request.POST.get("name", ""), items=items)
        except DomainError as error:
            messages.error(request, error.message)
            status = error_status(error)
        else:
            messages.success(request, _("Window %(name)s opened.") % {"name": window})
            return redirect("provision:window", pk=window.pk)
    context = {
        "windows": scoped.order_by("place__name", "name"),
        "places": places,
        "items": selectors.catalogue(),
    }
    return render(request, "provision/windows.html", context, status=status)


def _int(value) -> int:
    value = str(value or "")
    return int(value) if value.isdigit() and len(value) < 18 else 0


def _window_context(request, window) -> dict:
    today = timezone.localdate()
    return {
        "window": window,
        "roster": selectors.roster(window, today, today + timedelta(days=ROSTER_DAYS - 1)),
        "staff": selectors.place_staff(window.place, today),
        "keeps": permissions.keeps_place(request.user, window.place),
        "works": permissions.works_window(request.user, window),
        "walk_ins": window.walk_ins.select_related("case__category", "case__reporter")[:20],
        "walk_in_total": selectors.walk_ins_at(
            window.area_path, today - timedelta(days=WALK_IN_DAYS - 1), today
        ),
        "walk_in_days": WALK_IN_DAYS,
        "idempotency_key": new_key(),
        "today": today,
    }


@login_required
@require_GET
def window(request, pk: int):
    window = get_object_or_404(_windows(request.user).select_related("place"), pk=pk)
    return render(request, "provision/window.html", _window_context(request, window))


@login_required
@require_POST
def walk_in(request, pk: int):
    window = get_object_or_404(_windows(request.user).select_related("place__area"), pk=pk)
    try:
        resident = selectors.resident_by_mobile(
            request.user, request.POST.get("mobile", ""), request.POST.get("name", "")
        )
        item = window.items.filter(pk=_int(request.POST.get("item"))).first()
        if item is None:
            raise DomainError(_("This window does not handle this service."), field="item")
        record = services.walk_in_record(
            request.user,
            window=window,
            item=item,
            resident=resident,
            note=request.POST.get("note", ""),
            handle_here=request.POST.get("handle_here") == "1",
            idempotency_key=(request.POST.get("idempotency_key") or "")[:100],
        )
    except DomainError as error:
        messages.error(request, error.message)
        context = _window_context(request, window)
        return render(request, "provision/window.html", context, status=error_status(error))
    messages.success(request, _("Walk-in recorded: case %(number)s.") % {"number": record.case.number})
    return redirect("provision:window", pk=window.pk)


@login_required
@require_POST
def duty(request, pk: int):
    window = get_object_or_404(_windows(request.user).select_related("place"), pk=pk)
    try:
        try:
            day = date.fromisoformat(request.POST.get("date", ""))
        except ValueError:
            raise DomainError(_("Give the date of the duty."), field="date") from None
        person = selectors.place_staff(window.place, day).filter(pk=_int(request.POST.get("person"))).first()
        if person is None:
            raise DomainError(
                _("Only the staff of this place can be on duty at its windows."), field="person"
            )
        services.duty_add(request.user, window=window, date=day, person=person)
    except DomainError as error:
        messages.error(request, error.message)
        context = _window_context(request, window)
        return render(request, "provision/window.html", context, status=error_status(error))
    messages.success(request, _("Duty added."))
    return redirect("provision:window", pk=window.pk)
