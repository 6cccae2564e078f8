"""Care visits over the API (暖心慰问, P003-22): ``/api/v1/care-visits/``, the same selector, service and
scope as the page: the visits under an area in a period with their counts, and recording one."""

from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from lianxin.areas.models import Area
from lianxin.cases import clock, permissions, services
from lianxin.cases.care_visits import care_visit_list
from lianxin.core.api_idempotency import IDEMPOTENCY_KEY
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import VIEW

care_visits_router = Router(tags=[_("Care visits")])

LIST_LIMIT = 200


class CarePersonRef(Schema):
    id: int
    name: str


class CareVisitOut(Schema):
    id: int
    at: str
    area_id: int
    organiser_id: int | None
    organiser: str
    items: str
    note: str
    visitor: str
    persons: list[CarePersonRef]


class CarePersonCount(Schema):
    id: int
    name: str
    times: int


class CareVisitListOut(Schema):
    area_id: int
    date_from: date
    date_to: date
    visits: int = Field(description=_("Care visits in the period"))
    person_times: int = Field(description=_("Each person visited counts once per visit"))
    distinct_persons: int
    persons: list[CarePersonCount]
    items: list[CareVisitOut] = Field(description=_("The newest 200 visits"))


class CareFilters(Schema):
    area: ObjectId | None = Field(None, description=_("Default: the widest area your posts cover"))
    date_from: date | None = None
    date_to: date | None = Field(None, description=_("Default today; the period defaults to 365 days"))


class CareVisitIn(Schema):
    area: ObjectId
    persons: list[ObjectId] = Field(max_length=500)
    items: str = Field("", max_length=200, description=_("What was given"))
    organiser: ObjectId | None = Field(None, description=_("The party organisation that organised it"))
    note: str = Field("", max_length=2000)
    at: date | None = Field(None, description=_("The day of the visit (default today)"))


def visit_payload(visit) -> dict:
    return {
        "id": visit.pk,
        "at": visit.at.isoformat(),
        "area_id": visit.area_id,
        "organiser_id": visit.organiser_id,
        "organiser": visit.organiser.name if visit.organiser_id else "",
        "items": visit.items,
        "note": visit.note,
        "visitor": visit.visitor.name,
        "persons": [{"id": p.pk, "name": p.name} for p in visit.persons.all()],
    }


def _require(user):
    if not user.person_id or not permissions.is_worker(user):
        raise DomainError(gettext("Care visits are for workers and staff with a post."), code="forbidden")


@care_visits_router.get(
    "/", response=CareVisitListOut, summary=_("Care visits under an area, with their counts")
)
def care_visit_index(request, filters: Query[CareFilters]):
    user = request.user
    _require(user)
    areas = Area.objects.restrict(user, VIEW)
    area = areas.filter(pk=filters.area).first() if filters.area else areas.order_by("depth", "path").first()
    if area is None:
        raise DomainError(gettext("There is no such area among those you may see."), code="not_found")
    date_to = filters.date_to or timezone.localdate(clock.now())
    date_from = filters.date_from or date_to - timedelta(days=364)
    if date_from > date_to:
        raise DomainError(gettext("The first day must not be after the last."), field="date_from")
    result = care_visit_list(user=user, area=area, date_from=date_from, date_to=date_to)
    return {
        "area_id": area.pk,
        "date_from": date_from,
        "date_to": date_to,
        "visits": result.visit_count,
        "person_times": result.person_times,
        "distinct_persons": result.distinct_persons,
        "persons": [{"id": r.person_id, "name": r.name, "times": r.times} for r in result.persons],
        "items": [visit_payload(v) for v in result.visits[:LIST_LIMIT]],
    }


@care_visits_router.post("/", response={201: CareVisitOut}, summary=_("Record a care visit"))
def care_visit_create(request, payload: CareVisitIn, idempotency_key: str = IDEMPOTENCY_KEY):
    from datetime import datetime, time

    from lianxin.party.models import PartyOrg
    from lianxin.people.models import Person

    user = request.user
    _require(user)
    area = Area.objects.filter(pk=payload.area).first()
    organiser = PartyOrg.objects.filter(pk=payload.organiser).first() if payload.organiser else None
    if payload.organiser and organiser is None:
        raise DomainError(gettext("Choose a party organisation your post reaches."), field="organiser")
    persons = list(Person.objects.filter(pk__in=payload.persons))
    if len(persons) != len(set(payload.persons)):
        raise DomainError(
            gettext("Some of the persons are outside the area your post serves."), field="persons"
        )
    visit = services.care_visit_record(
        user,
        area=area,
        persons=persons,
        items=payload.items,
        organiser=organiser,
        note=payload.note,
        at=timezone.make_aware(datetime.combine(payload.at, time(12))) if payload.at else None,
        idempotency_key=idempotency_key,
    )
    return Status(201, visit_payload(visit))
