"""Place pages: record a place in an area, its page with every field, edit it. Thin, scoped."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lianxin.areas.models import Area, Place, PlaceActivity, PlaceAmenity, PlaceDesignation, PlaceFunction
from lianxin.areas.place_activities import place_activity_log, place_activity_record, place_log_functions
from lianxin.areas.places import PLACE_FIELDS, place_save
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import may
from lianxin.core.scope import CHANGE, get_for_user
from lianxin.people.models import Post


class PlaceForm(forms.ModelForm):
    amenity_items = forms.MultipleChoiceField(
        label=_("Amenity items"),
        choices=PlaceAmenity.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Left empty, they are read from the amenities text."),
    )

    class Meta:
        model = Place
        fields = ["designations", "functions", *PLACE_FIELDS]
        widgets = {
            "designations": forms.CheckboxSelectMultiple,
            "functions": forms.CheckboxSelectMultiple,
            "planned_completion": forms.DateInput(attrs={"type": "date"}),
            "services": forms.Textarea(attrs={"rows": 3}),
            "amenities": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["designations"].queryset = PlaceDesignation.objects.order_by("id")
        self.fields["designations"].required = False
        self.fields["functions"].queryset = PlaceFunction.objects.order_by("id")
        self.fields["functions"].help_text = _(
            "What the place is used for; its activities are logged by these."
        )
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
            functions = data.pop("functions")
            data["amenity_items"] = data.get("amenity_items") or None  # none ticked: read from the text
            try:
                # The form's instance holds the posted values already; the service starts from the stored row.
                stored = Place.objects.get(pk=place.pk) if place and place.pk else None
                saved = place_save(
                    actor=request.user,
                    place=stored,
                    area=area,
                    designations=designations,
                    functions=functions,
                    **data,
                )
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
                if error.code == "invalid_state":
                    status = 409  # the matrix already has that centre or station
            else:
                messages.success(request, _("The place is saved."))
                return redirect("areas:place", saved.pk)
        status = status if status != 200 else 400
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


class ActivityForm(forms.ModelForm):
    """One activity held at the place, under one of its functions."""

    class Meta:
        model = PlaceActivity
        fields = [
            "function", "title", "held_on", "participants", "host", "note", "kind", "starts_at", "ends_at",
            "capacity", "organiser", "residents_served", "problems_solved",
        ]  # fmt: skip
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, place, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["function"].queryset = place.functions.order_by("id")
        from lianxin.party.models import PartyOrg

        orgs = PartyOrg.objects.restrict(user).order_by("path") if user else PartyOrg.objects.none()
        self.fields["organiser"].queryset = orgs
        for name in ("kind", "residents_served", "problems_solved"):
            self.fields[name].required = False  # the service fills the defaults


class ActivityFilter(forms.Form):
    function = forms.ModelChoiceField(
        PlaceFunction.objects.none(), to_field_name="code", required=False, label=_("Function")
    )
    since = forms.DateField(
        required=False, label=_("Held from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        required=False, label=_("Held until"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, place, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["function"].queryset = place_log_functions(place=place)


def _detail(request, place: Place, *, activity_form=None, status: int = 200):
    can_edit = Place.objects.restrict(request.user, CHANGE).filter(pk=place.pk).exists()
    filters = ActivityFilter(request.GET or None, place=place)
    valid = filters.is_bound and filters.is_valid()
    chosen = {k: v for k, v in filters.cleaned_data.items() if v} if valid else {}
    try:
        log = place_activity_log(user=request.user, place=place, **chosen)
    except DomainError as error:
        filters.add_error(error.field if error.field in filters.fields else None, error.message)
        log = place_activity_log(user=request.user, place=place)
    if filters.is_bound and not filters.is_valid():  # a refused period counts too (add_error above)
        status = 400
    # Logging an activity is its own capability: a post may log what was held without editing the place.
    can_record = may(request.user, "place.record_activity", place)
    if can_record and activity_form is None:
        activity_form = ActivityForm(
            place=place, user=request.user, initial={"held_on": timezone.localdate()}
        )
    context = {
        "place": place,
        "area": place.area,
        "stations": Place.objects.restrict(request.user).filter(parent_place=place).order_by("name"),
        "can_edit": can_edit,
        "staff": Post.objects.restrict(request.user)
        .current()
        .filter(place=place)
        .select_related("person")
        .order_by("role", "id"),
        "log": log,
        "filters": filters,
        "activity_form": activity_form if can_record else None,
    }
    return render(request, "areas/place_detail.html", context, status=status)


def _place_for_page(request, pk: int) -> Place:
    from lianxin.areas.places import place_readable_get

    queryset = Place.objects.select_related("area", "parent_place", "party_org")
    return place_readable_get(request.user, pk, queryset)


@login_required
@require_GET
def place_detail(request, pk: int):
    return _detail(request, _place_for_page(request, pk))


@login_required
@require_POST
def place_activity_create(request, pk: int):
    """Record an activity held at the place ("place.record_activity"); the page again on bad input."""
    place = _place_for_page(request, pk)
    if not may(request.user, "place.record_activity", place):
        raise PermissionDenied
    form = ActivityForm(request.POST, place=place, user=request.user)
    if form.is_valid():
        try:
            place_activity_record(actor=request.user, place=place, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The activity is recorded."))
            return redirect(f"{reverse('areas:place', args=[place.pk])}#activities")
    return _detail(request, place, activity_form=form, status=400)


MAP_AREA_LEVELS = ("county", "street", "township", "community", "village")


@login_required
@require_GET
def place_map(request):
    """Rest stations (or every place with ``?all=1``) the user may see, on a plain map; with ``lat`` and
    ``lng`` (the courier's position) also listed nearest first (P001-46)."""
    from decimal import Decimal, InvalidOperation

    from lianxin.areas.places import places_map_points, places_nearest, places_readable

    places = places_readable(request.user).select_related("area").prefetch_related("designations")
    show_all = request.GET.get("all") == "1"
    if not show_all:
        places = places.filter(designations__is_rest_station=True)
    area = None
    area_value = request.GET.get("area", "")
    if area_value.isdigit() and len(area_value) < 18:
        # As GET /api/v1/places/?area=: an area of the user's scope, the places in it and under it.
        from lianxin.core.scope import under

        area = get_for_user(Area, request.user, int(area_value))
        places = places.filter(under("area_path", area.path))
    count = places.distinct().count()
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
        "area": area,
        "count": count,
        "areas": Area.objects.restrict(request.user).filter(level__in=MAP_AREA_LEVELS).order_by("path")[:300],
    }
    return render(request, "areas/place_map.html", context)


class NearbyForm(forms.Form):
    """附近: open places with an amenity, open at a time, for a function, nearest first (P004-31, P002-56)."""

    amenity = forms.ChoiceField(
        label=_("Amenity"), choices=[("", _("Any"))] + list(PlaceAmenity.choices), required=False
    )
    function = forms.ModelChoiceField(
        PlaceFunction.objects.order_by("id"),
        to_field_name="code",
        label=_("Function"),
        required=False,
        empty_label=_("Any"),
    )
    open_at = forms.DateTimeField(
        label=_("Open at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Left empty: now."),
    )
    any_time = forms.BooleanField(
        label=_("Any time"),
        required=False,
        help_text=_("Every open place, whatever its hours (as the API without open_at)."),
    )
    lat = forms.DecimalField(label=_("latitude"), min_value=-90, max_value=90, required=False)
    lng = forms.DecimalField(label=_("longitude"), min_value=-180, max_value=180, required=False)

    def clean(self):
        data = super().clean()
        if (data.get("lat") is None) != (data.get("lng") is None):
            raise forms.ValidationError(_("Enter both latitude and longitude, or neither."))
        return data


NEARBY_LIMIT = 30


@login_required
@require_GET
def places_nearby(request):
    """附近 for residents and couriers (360 px): the same search as ``GET /api/v1/places/``."""
    from lianxin.areas.places import places_readable, places_search

    form = NearbyForm(request.GET or None)
    results, status = None, 200
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        places = places_readable(request.user).select_related("area").prefetch_related("designations")
        try:
            results = places_search(
                places.order_by("name", "id"),
                amenity=data["amenity"],
                open_at=None if data["any_time"] else data["open_at"] or timezone.now(),
                function=data["function"].code if data["function"] else "",
                lat=data["lat"],
                lng=data["lng"],
            )[:NEARBY_LIMIT]
        except DomainError as error:
            form.add_error(None, error.message)
    if form.is_bound and form.errors:
        status = 400
    amenity_names = dict(PlaceAmenity.choices)
    for place in results or []:
        place.amenity_names = [amenity_names[code] for code in place.amenity_items if code in amenity_names]
    return render(request, "areas/places_nearby.html", {"form": form, "results": results}, status=status)
