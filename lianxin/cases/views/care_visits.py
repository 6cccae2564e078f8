"""Care visits to couriers and other new-employment workers (暖心慰问, P003-22): the form that records one
(the place, the persons visited, the items given, the organiser) and the list under an area in a period
with its counts: visits, person-times, distinct persons, and each person's count."""

from datetime import date, datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lianxin.areas.models import Area
from lianxin.cases import clock, permissions, services
from lianxin.cases.care_visits import care_visit_list, care_visit_xlsx
from lianxin.cases.views import queries
from lianxin.core.errors_domain import DomainError
from lianxin.core.pages import error_status, new_key, posted_key
from lianxin.core.scope import VIEW
from lianxin.people.models import Person

PAGE_SIZE = 50
DEFAULT_DAYS = 365
PERSON_LIMIT = 300


def _day(value) -> date | None:
    try:
        return date.fromisoformat(str(value or ""))
    except ValueError:
        return None


def care_area(user, wanted) -> Area | None:
    """The area asked for within the user's scope, else the widest one his posts cover."""
    areas = Area.objects.restrict(user, VIEW)
    if str(wanted or "").isdigit():
        area = areas.filter(pk=wanted).first()
        if area is not None:
            return area
    return areas.order_by("depth", "path").first()


def care_persons(user):
    """Whom the form offers: the couriers and riders the user's posts reach, registered (a courier record) or
    tagged 快递员 (others by the API's ids)."""
    couriers = Q(courier_record__isnull=False) | Q(tags__code="courier")
    return Person.objects.restrict(user, VIEW).filter(couriers).distinct().order_by("name")[:PERSON_LIMIT]


def care_organisers(user):
    from lianxin.party.models import PartyOrg

    return PartyOrg.objects.restrict(user, VIEW).order_by("path")[:100]


def _int(value) -> int:
    value = str(value or "")
    return int(value) if value.isdigit() and len(value) < 18 else 0


@login_required
@require_http_methods(["GET", "POST"])
def care_visits(request):
    user = request.user
    if not user.person_id or not permissions.is_worker(user):
        raise PermissionDenied
    area = care_area(user, request.GET.get("area"))
    if area is None:
        raise PermissionDenied
    places = queries.report_places(user)
    persons = list(care_persons(user))
    organisers = list(care_organisers(user))
    status = 200
    if request.method == "POST":
        try:
            place = next((p.area for p in places if p.area.pk == _int(request.POST.get("area"))), None)
            chosen = {_int(v) for v in request.POST.getlist("persons")}
            organiser = next((o for o in organisers if o.pk == _int(request.POST.get("organiser"))), None)
            day = _day(request.POST.get("date"))
            visit = services.care_visit_record(
                user,
                area=place,
                persons=[p for p in persons if p.pk in chosen],
                items=request.POST.get("items", ""),
                organiser=organiser,
                note=request.POST.get("note", ""),
                at=timezone.make_aware(datetime.combine(day, time(12))) if day else None,
                idempotency_key=posted_key(request),
            )
        except DomainError as error:
            messages.error(request, error.message)
            status = error_status(error)
        else:
            messages.success(request, _("Care visit recorded: %(n)d persons.") % {"n": visit.persons.count()})
            return redirect("cases:care_visits")
    today = timezone.localdate(clock.now())
    date_to = _day(request.GET.get("date_to")) or today
    date_from = _day(request.GET.get("date_from")) or date_to - timedelta(days=DEFAULT_DAYS - 1)
    if date_from > date_to:
        date_from, date_to = date_to, date_from
    result = care_visit_list(user=user, area=area, date_from=date_from, date_to=date_to)
    if request.method == "GET" and request.GET.get("format") == "xlsx":
        return care_visit_xlsx(result)
    context = {
        "result": result,
        "page": Paginator(result.visits, PAGE_SIZE).get_page(request.GET.get("page")),
        "places": places,
        "persons": persons,
        "organisers": organisers,
        "today": today,
        "key": posted_key(request) if status != 200 else new_key(),
        "export_query": f"area={area.pk}&date_from={date_from}&date_to={date_to}&format=xlsx",
    }
    return render(request, "cases/care_visits.html", context, status=status)
