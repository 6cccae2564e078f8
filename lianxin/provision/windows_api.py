"""Windows, their duty roster and walk-ins over the API (窗口、值班、到站办事, docs/services.md 第九节): the
same selectors, services and scope as the windows page. ``/api/v1/windows/``."""

from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from lianxin.areas.models import Place
from lianxin.core.api_idempotency import IDEMPOTENCY_KEY
from lianxin.core.api_pagination import PageParams, page_schema, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.provision import permissions, selectors, services

windows_router = Router(tags=[_("Service windows")])

ROSTER_DAYS_MAX = 62


class WindowItemRef(Schema):
    id: int
    name: str


class WindowOut(Schema):
    id: int
    name: str
    place_id: int
    place_name: str
    items: list[WindowItemRef]
    walk_ins_30_days: int = Field(
        description=_("Walk-ins counted under the place's area in the last 30 days")
    )


class WindowIn(Schema):
    place: ObjectId
    name: str = Field(max_length=50)
    items: list[ObjectId] = Field(max_length=100)


class DutyOut(Schema):
    id: int
    window_id: int
    date: date
    person_id: int
    person_name: str


class DutyIn(Schema):
    date: date
    person: ObjectId


class DutyFilters(Schema):
    date_from: date | None = Field(None, description=_("First day (default today)"))
    date_to: date | None = Field(None, description=_("Last day (default 13 days after the first)"))


class WalkInOut(Schema):
    id: int
    window_id: int
    case_id: int
    case_number: str
    item: str
    resident_name: str
    at: str
    state: str


class WalkInIn(Schema):
    item: ObjectId
    mobile: str = Field(max_length=20, description=_("The resident's mobile number"))
    name: str = Field("", max_length=50, description=_("The resident's name, when several share the number"))
    note: str = Field("", max_length=2000)
    handle_here: bool = Field(
        False, description=_("Handled at the station by the staff member recording it (当场办理)")
    )


def _require_sees(user):
    if not permissions.sees_windows(user):
        raise DomainError(
            gettext("Only the staff of places and the staff over them see windows."), code="forbidden"
        )


def _window(user, pk):
    _require_sees(user)
    window = selectors.windows_for(user).select_related("place__area").filter(pk=pk).first()
    if window is None:
        raise DomainError(gettext("There is no such window among those you may see."), code="not_found")
    return window


def window_payload(window) -> dict:
    today = timezone.localdate()
    return {
        "id": window.pk,
        "name": window.name,
        "place_id": window.place_id,
        "place_name": window.place.name,
        "items": [{"id": i.pk, "name": i.name} for i in window.items.all()],
        "walk_ins_30_days": selectors.walk_ins_at(window.area_path, today - timedelta(days=29), today),
    }


def duty_payload(duty) -> dict:
    return {
        "id": duty.pk,
        "window_id": duty.window_id,
        "date": duty.date,
        "person_id": duty.person_id,
        "person_name": duty.person.name,
    }


def walk_in_payload(walk_in) -> dict:
    case = walk_in.case
    return {
        "id": walk_in.pk,
        "window_id": walk_in.window_id,
        "case_id": case.pk,
        "case_number": case.number,
        "item": case.category.name,
        "resident_name": case.reporter.name if case.reporter_id else "",
        "at": walk_in.at.isoformat(),
        "state": case.state,
    }


@windows_router.get("/", response=page_schema(WindowOut, "WindowPage"), summary=_("The windows you reach"))
def window_list(request, page: Query[PageParams]):
    _require_sees(request.user)
    found = paginate(selectors.windows_for(request.user).select_related("place"), page)
    return {"items": [window_payload(w) for w in found.items], "next_cursor": found.next_cursor}


@windows_router.post("/", response={201: WindowOut}, summary=_("Open a window at a place"))
def window_create(request, payload: WindowIn):
    _require_sees(request.user)
    place = selectors.places_kept(request.user).filter(pk=payload.place).first()
    if place is None and Place.objects.filter(pk=payload.place).exists():
        raise DomainError(gettext("Only the staff over this place keep its windows."), code="forbidden")
    if place is None:
        raise DomainError(gettext("Choose a place you keep."), field="place")
    items = list(selectors.catalogue().filter(pk__in=payload.items))
    if len(items) != len(set(payload.items)):
        raise DomainError(gettext("Choose services of the catalogue."), field="items")
    window = services.window_save(request.user, place=place, name=payload.name, items=items)
    return Status(201, window_payload(window))


@windows_router.get("/{window_id}", response=WindowOut, summary=_("One window"))
def window_detail(request, window_id: ObjectId):
    return window_payload(_window(request.user, window_id))


@windows_router.get(
    "/{window_id}/duties",
    response=list[DutyOut],
    summary=_("A window's duty roster"),
    description=_("At most 62 days at a time."),
)
def duty_list(request, window_id: ObjectId, filters: Query[DutyFilters]):
    window = _window(request.user, window_id)
    first = filters.date_from or timezone.localdate()
    last = filters.date_to or first + timedelta(days=13)
    if last < first or (last - first).days >= ROSTER_DAYS_MAX:
        raise DomainError(gettext("Ask for at most 62 days, the last not before the first."), field="date_to")
    return [duty_payload(d) for d in selectors.roster(window, first, last).order_by("date", "person__name")]


@windows_router.post(
    "/{window_id}/duties", response={201: DutyOut}, summary=_("Put one of the place's staff on duty")
)
def duty_create(request, window_id: ObjectId, payload: DutyIn):
    window = _window(request.user, window_id)
    person = selectors.place_staff(window.place, payload.date).filter(pk=payload.person).first()
    if person is None:
        raise DomainError(
            gettext("Only the staff of this place can be on duty at its windows."), field="person"
        )
    duty = services.duty_add(request.user, window=window, date=payload.date, person=person)
    return Status(201, duty_payload(duty))


@windows_router.get(
    "/{window_id}/walk-ins",
    response=page_schema(WalkInOut, "WalkInPage"),
    summary=_("A window's walk-ins, newest first"),
)
def walk_in_list(request, window_id: ObjectId, page: Query[PageParams]):
    window = _window(request.user, window_id)
    found = paginate(
        window.walk_ins.select_related("case__category", "case__reporter"), page, descending=True
    )
    return {"items": [walk_in_payload(w) for w in found.items], "next_cursor": found.next_cursor}


@windows_router.post(
    "/{window_id}/walk-ins",
    response={201: WalkInOut},
    summary=_("Record a walk-in on behalf of a resident"),
    description=_(
        "The case is reported for the resident (the walk-in channel) at the window's place and counted "
        "under it. The same Idempotency-Key again records one walk-in."
    ),
)
def walk_in_create(request, window_id: ObjectId, payload: WalkInIn, idempotency_key: str = IDEMPOTENCY_KEY):
    window = _window(request.user, window_id)
    resident = selectors.resident_by_mobile(request.user, payload.mobile, payload.name)
    item = window.items.filter(pk=payload.item).first()
    if item is None:
        raise DomainError(gettext("This window does not handle this service."), field="item")
    walk_in = services.walk_in_record(
        request.user,
        window=window,
        item=item,
        resident=resident,
        note=payload.note,
        handle_here=payload.handle_here,
        idempotency_key=idempotency_key,
    )
    return Status(201, walk_in_payload(walk_in))
