"""Care visits and festival greetings for couriers and other new-employment workers (暖心慰问, P003-22): the
care visits under an area in a period, counted as visits, person-times (each person once per visit) and
distinct persons, with each person's count. One selector for the page and the API."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max

from lianxin.areas.models import Area
from lianxin.cases.models import Visit, VisitKind
from lianxin.cases.visit_list import visits_under


@dataclass
class CarePersonRow:
    person_id: int
    name: str
    times: int
    last_at: object


@dataclass
class CareVisitList:
    area: Area
    date_from: date
    date_to: date
    visits: object  # the care visits, newest first
    visit_count: int
    person_times: int
    distinct_persons: int
    persons: list[CarePersonRow]


def care_visit_list(*, user, area: Area, date_from: date, date_to: date) -> CareVisitList:
    visits = visits_under(user=user, area=area, date_from=date_from, date_to=date_to).filter(
        kind=VisitKind.CARE
    )
    through = Visit.persons.through.objects.filter(visit__in=visits.values("pk"))
    rows = [
        CarePersonRow(r["person_id"], r["person__name"], r["times"], r["last_at"])
        for r in through.values("person_id", "person__name")
        .annotate(times=Count("id"), last_at=Max("visit__at"))
        .order_by("-times", "person__name", "person_id")
    ]
    return CareVisitList(
        area=area,
        date_from=date_from,
        date_to=date_to,
        visits=visits.select_related("visitor", "organiser", "area")
        .prefetch_related("persons")
        .order_by("-at", "-id"),
        visit_count=visits.count(),
        person_times=sum(r.times for r in rows),
        distinct_persons=len(rows),
        persons=rows,
    )
