"""Place pages: record a place in an area, its page with every field, edit it. Thin, scoped."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lianxin.areas.models import Area, Place, PlaceDesignation
from lianxin.areas.places import PLACE_FIELDS, place_save
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, get_for_user
from lianxin.people.models import Post


class PlaceForm(forms.ModelForm):
    class Meta:
        model = Place
        fields = ["designations", *PLACE_FIELDS]
        widgets = {
            "designations": forms.CheckboxSelectMultiple,
            "planned_completion": forms.DateInput(attrs={"type": "date"}),
            "services": forms.Textarea(attrs={"rows": 3}),
            "amenities": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["designations"].queryset = PlaceDesignation.objects.order_by("id")
        self.fields["designations"].required = False
        self.fields["parent_place"].queryset = Place.objects.restrict(user).order_by("name")
        from lianxin.party.models import PartyOrg

        self.fields["party_org"].queryset = PartyOrg.objects.restrict(user).order_by("path")


def _save(request, *, place, area, template, context):
    form = PlaceForm(request.POST or None, instance=place, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            designations = data.pop("designations")
            try:
                # The form's instance holds the posted values already; the service starts from the stored row.
                stored = Place.objects.get(pk=place.pk) if place and place.pk else None
                saved = place_save(
                    actor=request.user, place=stored, area=area, designations=designations, **data
                )
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("The place is saved."))
                return redirect("areas:place", saved.pk)
        status = 400
    return render(request, template, {**context, "form": form, "area": area}, status=status)


@login_required
def place_create(request, pk: int):
    area = get_for_user(Area, request.user, pk, CHANGE)
    return _save(request, place=None, area=area, template="areas/place_form.html", context={"place": None})


@login_required
def place_edit(request, pk: int):
    place = get_for_user(Place, request.user, pk, CHANGE)
    return _save(
        request, place=place, area=place.area, template="areas/place_form.html", context={"place": place}
    )


@login_required
@require_GET
def place_detail(request, pk: int):
    place = get_for_user(Place.objects.select_related("area", "parent_place", "party_org"), request.user, pk)
    context = {
        "place": place,
        "area": place.area,
        "stations": Place.objects.restrict(request.user).filter(parent_place=place).order_by("name"),
        "can_edit": Place.objects.restrict(request.user, CHANGE).filter(pk=place.pk).exists(),
        "staff": Post.objects.restrict(request.user)
        .current()
        .filter(place=place)
        .select_related("person")
        .order_by("role", "id"),
    }
    return render(request, "areas/place_detail.html", context)


@login_required
@require_GET
def place_map(request):
    """Rest stations (or every place with ``?all=1``) the user may see, on a plain map; with ``lat`` and
    ``lng`` (the courier's position) also listed nearest first (P001-46)."""
    from decimal import Decimal, InvalidOperation

    from lianxin.areas.places import places_map_points, places_nearest

    places = Place.objects.restrict(request.user).select_related("area").prefetch_related("designations")
    show_all = request.GET.get("all") == "1"
    if not show_all:
        places = places.filter(designations__is_rest_station=True)
    places = list(places.distinct().order_by("name")[:500])
    try:
        lat, lng = Decimal(request.GET.get("lat", "")), Decimal(request.GET.get("lng", ""))
        position = (-90 <= lat <= 90) and (-180 <= lng <= 180)
    except (InvalidOperation, ValueError):
        position = False
    nearest = places_nearest(places, lat=lat, lng=lng) if position else None
    context = {
        "points": places_map_points(places),
        "places": places,
        "nearest": nearest,
        "show_all": show_all,
    }
    return render(request, "areas/place_map.html", context)
