"""Service places pages (docs/services.md "场所与服务圈"): a place's services, rules and formats; the 1+N+X
matrix of a street; the clusters and their centres; the complexes' formats; the service circle of an area
with the households and estates outside it (and their xlsx); the resident's own circle. Thin: reads from
``circles`` and ``reach``, writes through ``services.places``."""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lianxin.areas.models import Area, Place
from lianxin.areas.places import place_readable_get
from lianxin.core.errors_domain import DomainError
from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response
from lianxin.core.pages import error_status
from lianxin.core.scope import get_for_user
from lianxin.people.models import Organisation
from lianxin.provision import circles, permissions, reach, selectors
from lianxin.provision.models import (
    WORK_RULE_TITLES,
    FormatKind,
    PlaceFormat,
    PlaceRule,
    ProviderListing,
    RuleKind,
    TargetGroup,
)
from lianxin.provision.places_map import map_chart, places_map
from lianxin.provision.services import places as place_writes

WALK_IN_DAYS = 30
LIST_SHOWN = 200


def _staff(user):
    if not permissions.is_staff(user):
        raise PermissionDenied


def _area(request) -> Area:
    """The area asked for (``?area=``), in the user's scope; his outermost area otherwise."""
    value = request.GET.get("area", "")
    if value.isdigit() and len(value) < 18:
        return get_for_user(Area, request.user, int(value))
    area = Area.objects.restrict(request.user).order_by("depth", "path").first()
    if area is None:
        raise PermissionDenied
    return area


def _up(area: Area) -> Area | None:
    """The area one level up, for the page's "up one level" link."""
    if area.depth <= 1:
        return None
    return Area.objects.filter(path=area.path[: -Area.steplen]).first()


def _date(value) -> date | None:
    try:
        return date.fromisoformat(str(value or "").strip())
    except ValueError:
        return None


# -- a place's services, rules and formats --------------------------------------------------------------


def _place_context(request, place: Place) -> dict:
    today = timezone.localdate()
    keeps = permissions.keeps_place(request.user, place)
    listings = (
        ProviderListing.objects.filter(centre=place)
        .select_related("organisation")
        .prefetch_related("service_items__category")
        .order_by("organisation__name")
    )
    return {
        "place": place,
        "keeps": keeps,
        "items": circles.place_items(place),
        "windows": place.windows.filter(is_active=True).prefetch_related("items__category").order_by("name"),
        "hours": place.hours.all(),
        "listings": listings,
        "rules": circles.rules_in_force(place, today),
        "history": circles.rules_history(place),
        "formats": PlaceFormat.objects.filter(place=place).select_related("provider"),
        "is_complex": place.designations.filter(code=circles.COMPLEX_DESIGNATION).exists(),
        "is_cluster_centre": place.designations.filter(code=circles.CLUSTER_CENTRE).exists(),
        "is_community_centre": circles.is_community_centre(place),
        "walk_ins": selectors.walk_ins_at(place.area_path, today - timedelta(days=WALK_IN_DAYS - 1), today),
        "walk_in_days": WALK_IN_DAYS,
        "rule_kinds": RuleKind.choices,
        "rule_titles": WORK_RULE_TITLES,
        "format_kinds": FormatKind.choices,
        "providers": Organisation.objects.filter(kind__in=("provider", "partner_shop")).order_by("name")
        if keeps
        else [],
        "today": today,
    }


@login_required
@require_http_methods(["GET", "POST"])
def place_services(request, pk: int):
    place = place_readable_get(request.user, pk, Place.objects.select_related("area", "parent_place"))
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "rule":
                replaces = None
                if request.POST.get("replaces", "").isdigit():
                    replaces = PlaceRule.objects.filter(place=place, pk=int(request.POST["replaces"])).first()
                place_writes.rule_record(
                    request.user,
                    place=place,
                    kind=request.POST.get("kind", RuleKind.RULE),
                    title=request.POST.get("title", ""),
                    body=request.POST.get("body", ""),
                    in_force_from=_date(request.POST.get("in_force_from")),
                    replaces=replaces,
                )
                messages.success(request, _("The rule is in force."))
            elif action == "end_rule":
                rule = PlaceRule.objects.filter(place=place, pk=_int(request.POST.get("rule"))).first()
                if rule is None:
                    raise DomainError(_("Choose a rule of this place."), field="rule")
                place_writes.rule_end(
                    request.user, rule=rule, in_force_to=_date(request.POST.get("in_force_to"))
                )
                messages.success(request, _("The rule is repealed; it stays in the history."))
            elif action == "format":
                provider = None
                if request.POST.get("provider"):
                    provider = Organisation.objects.filter(pk=_int(request.POST.get("provider"))).first()
                    if provider is None:
                        raise DomainError(_("Choose a provider."), field="provider")
                place_writes.format_save(
                    request.user,
                    place=place,
                    format=request.POST.get("format", ""),
                    provider=provider,
                    since=_date(request.POST.get("since")),
                    note=request.POST.get("note", ""),
                )
                messages.success(request, _("The format is recorded."))
            else:
                raise DomainError(_("Unknown action."))
        except DomainError as error:
            messages.error(request, error.message)
            status = error_status(error)
        else:
            return redirect("provision:place", pk=place.pk)
    return render(request, "provision/place.html", _place_context(request, place), status=status)


def _int(value) -> int:
    value = str(value or "")
    return int(value) if value.isdigit() and len(value) < 18 else 0


# -- the 1+N+X matrix (P002-40) ---------------------------------------------------------------------------

TIERS = ("hubs", "centres", "stations")


@login_required
@require_GET
def matrix(request):
    _staff(request.user)
    area = _area(request)
    places = Place.objects.restrict(request.user)
    streets = [circles.service_matrix(street, places) for street in circles.streets_in(area)]
    tier = request.GET.get("tier", "")
    street_pk = _int(request.GET.get("street"))
    listed = None
    if tier in TIERS and street_pk:
        chosen = next((m for m in streets if m.street.pk == street_pk), None)
        listed = getattr(chosen, tier) if chosen else None
    context = {"area": area, "up": _up(area), "streets": streets, "tier": tier, "listed": listed}
    # The map of every place of the area (P004-27): the same rows as /api/v1/service-matrix/{id}/map.
    found = places_map(area, places)
    context["map"] = found
    context["map_chart"] = map_chart(found) if found.points else None
    return render(request, "provision/matrix.html", context)


# -- clusters and their centres (P000-24, P002-34, P002-35) --------------------------------------------


@login_required
@require_GET
def clusters(request):
    _staff(request.user)
    area = _area(request)
    overview = circles.clusters_overview(area, Place.objects.restrict(request.user))
    return render(request, "provision/clusters.html", {"area": area, "up": _up(area), **overview})


# -- formats of the complexes (P000-44) ----------------------------------------------------------------


@login_required
@require_GET
def formats(request):
    _staff(request.user)
    area = _area(request)
    places = Place.objects.restrict(request.user).filter(area_path__startswith=area.path)
    context = {"area": area, "up": _up(area), **circles.formats_matrix(places)}
    return render(request, "provision/formats.html", context)


# -- the service circle of an area (P000-25, P001-51) ----------------------------------------------------


def _household_columns():
    return [
        ExcelColumn(_("Household"), lambda r: r.household.address, 30),
        ExcelColumn(_("Estate"), lambda r: r.estate.name if r.estate else "", 18),
        ExcelColumn(_("Nearest service place"), lambda r: r.place.name if r.place else "", 28),
        ExcelColumn(_("Straight-line metres"), lambda r: r.metres, 12),
        ExcelColumn(_("Walking minutes"), lambda r: r.minutes, 12),
    ]


def _estate_columns():
    return [
        ExcelColumn(_("Estate"), lambda r: r.estate.name, 20),
        ExcelColumn(_("Nearest service place"), lambda r: r.place.name if r.place else "", 28),
        ExcelColumn(_("Straight-line metres"), lambda r: r.metres, 12),
        ExcelColumn(_("Walking minutes"), lambda r: r.minutes, 12),
        ExcelColumn(_("Households"), lambda r: r.households, 10),
    ]


def _pct(share) -> str | None:
    """A share (0.7300) as the page writes it (73 or 66.67)."""
    if share is None:
        return None
    return f"{(share * 100).quantize(Decimal('0.01')).normalize():f}"


@login_required
@require_GET
def circle(request):
    _staff(request.user)
    area = _area(request)
    sees = reach.sees_households(request.user, area)
    outside = reach.households_outside(request.user, area) if sees else None
    estates = reach.estates_reach(area)
    estates_out = [r for r in estates if r.minutes is None or r.minutes > reach.ESTATE_MINUTES]
    figures = reach.reach_figures(area)
    export = request.GET.get("export", "")
    stamp = timezone.localdate().strftime("%Y%m%d")
    if export == "households":
        if not sees:
            raise PermissionDenied
        title = _("Households outside the 15-minute circle")
        workbook = list_workbook(title=title, columns=_household_columns(), objects=outside.iterator())
        return xlsx_response(workbook, f"{title}-{area.name}-{stamp}.xlsx")
    if export == "estates":
        title = _("Estates outside 10 minutes")
        workbook = list_workbook(title=title, columns=_estate_columns(), objects=estates_out)
        return xlsx_response(workbook, f"{title}-{area.name}-{stamp}.xlsx")
    context = {
        "area": area,
        "up": _up(area),
        "figures": figures,
        "coverage_pct": _pct(figures.station_coverage),
        "target_pct": _pct(figures.target),
        "minutes": reach.CIRCLE_MINUTES,
        "estate_minutes": reach.ESTATE_MINUTES,
        "sees": sees,
        "outside_count": outside.count() if sees else None,
        "outside": list(outside[:LIST_SHOWN]) if sees else [],
        "shown": LIST_SHOWN,
        "estates": estates,
        "estates_out": estates_out,
        "show": request.GET.get("show", ""),
    }
    return render(request, "provision/circle.html", context)


# -- the resident's own circle (P000-24, P002-25, P001-30) ---------------------------------------------


@login_required
@require_GET
def my_circle(request):
    person = getattr(request.user, "person", None)
    home = person.area if person is not None else None
    found = circles.resident_circle(home)
    group = request.GET.get("group", "")
    if group and group not in TargetGroup.values:
        group = ""
    items = found["items"]
    if group:
        items = [i for i in items if group in (i.target_groups or [])]
    context = {**found, "home": home, "items": items, "group": group, "groups": TargetGroup.choices}
    return render(request, "provision/my_circle.html", context)
