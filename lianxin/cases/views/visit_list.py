"""The staff's list of household visits (P000-31): filterable by area, period, kind and visitor, with its
count, each visitor's count by kind, and an Excel export with the same numbers. The dashboard's visits
figures open here."""

from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lianxin.areas.models import Area
from lianxin.cases import clock
from lianxin.cases.models import VisitKind
from lianxin.cases.views import queries
from lianxin.cases.visit_list import visit_list, visit_list_xlsx
from lianxin.core.rights import may, paths_with
from lianxin.core.scope import VIEW

PAGE_SIZE = 50
DEFAULT_DAYS = 30  # as the dashboard's default period: the 30 whole days up to yesterday


def _day(value) -> date | None:
    try:
        return date.fromisoformat(str(value or ""))
    except ValueError:
        return None


def _area(user, wanted) -> Area | None:
    """The area asked for within the user's scope, else the widest area a staff post of his covers."""
    areas = Area.objects.restrict(user, VIEW)
    if str(wanted or "").isdigit():
        area = areas.filter(pk=wanted).first()
        if area is not None:
            return area
    paths = sorted(paths_with(user, "case.dispatch"), key=len)
    return areas.filter(path=paths[0]).first() if paths else None


def _area_options(user, area: Area) -> list:
    from lianxin.cases.views.staff import FILTER_LEVELS

    areas = Area.objects.restrict(user, VIEW).live().filter(level__in=FILTER_LEVELS)
    options = queries.place_options(list(areas[: queries.PLACE_LIST_LIMIT]))
    if all(o.area.pk != area.pk for o in options):  # a link may name a building or one past the limit
        options.insert(0, queries.PlaceOption(area, area.name))
    return options


@login_required
@require_GET
def visit_list_view(request):
    user = request.user
    if not may(user, "case.dispatch"):
        raise PermissionDenied  # the staff's page: workers keep their own log on the visits page
    area = _area(user, request.GET.get("area"))
    if area is None:
        raise PermissionDenied
    yesterday = timezone.localdate(clock.now()) - timedelta(days=1)
    date_to = _day(request.GET.get("date_to")) or yesterday
    date_from = _day(request.GET.get("date_from")) or date_to - timedelta(days=DEFAULT_DAYS - 1)
    if date_from > date_to:
        date_from, date_to = date_to, date_from
    kind = request.GET.get("kind") or ""
    if kind not in VisitKind.values:
        kind = ""
    visitor = request.GET.get("visitor") or ""
    visitor_id = int(visitor) if visitor.isdigit() else None
    result = visit_list(
        user=user, area=area, date_from=date_from, date_to=date_to, kind=kind, visitor_id=visitor_id
    )
    if request.GET.get("format") == "xlsx":
        return visit_list_xlsx(result)
    query = QueryDict(mutable=True)
    query.update({"area": area.pk, "date_from": date_from, "date_to": date_to})
    filtered = query.copy()
    if kind:
        filtered["kind"] = kind
    if visitor_id:
        filtered["visitor"] = visitor_id
    page = Paginator(result.visits, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "result": result,
        "page": page,
        "figures": result.figures,
        "areas": _area_options(user, area),
        "kinds": VisitKind.choices,
        "base_query": query.urlencode(),
        "filtered_query": filtered.urlencode(),
        "visitor_rows": [(r, r.kind_counts([k for k, _l in result.kinds])) for r in result.visitors],
        "kind_totals": [(k, result.figures["by_kind"].get(k, 0)) for k, _l in result.kinds],
        # The panel's own wording and rounding, so that page and panel read the same.
        "visitors_note": _("%(visitors)d visitors, %(per)s visits each")
        % {
            "visitors": result.figures["visitors"],
            "per": f"{result.figures['visits'] / result.figures['visitors']:.1f}"
            if result.figures["visitors"]
            else "—",
        },
        "coverage_note": _("%(visited)d of %(total)d households visited")
        % {"visited": result.figures["households_visited"], "total": result.figures["households"]},
        "visitor_name": next((r.name for r in result.visitors if r.visitor_id == visitor_id), ""),
    }
    return render(request, "cases/visit_list.html", context)
