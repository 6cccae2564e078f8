"""Activities held at a place, logged by the place's functions (P000-53: an e-commerce public service centre
run as a "red position" for party education, business training, product promotion and live-streaming).

Recording one needs the same write access to the place as editing it; the log and its counts by function
(activities and participants, optionally within a period) are read within the reader's scope.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Place, PlaceActivity, PlaceActivityKind, PlaceFunction
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import require

MAX_PARTICIPANTS = 100_000
LOG_LIMIT = 50


def _text(value, *, limit: int, field: str, message: str) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise DomainError(message % {"n": limit}, field=field)
    return value


def _count(value, *, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_PARTICIPANTS:
        raise DomainError(
            _("Enter a whole number between 0 and %(n)s.") % {"n": MAX_PARTICIPANTS}, field=field
        )
    return value


def _activity_details(details: dict) -> dict:
    """The service-activity fields (issue 21): kind, times, capacity, organiser and what it achieved."""
    kind = details.get("kind") or PlaceActivityKind.SERVICE
    if kind not in PlaceActivityKind.values:
        raise DomainError(_("Choose a kind from the list."), field="kind")
    starts_at: datetime | None = details.get("starts_at")
    ends_at: datetime | None = details.get("ends_at")
    if starts_at and ends_at and ends_at < starts_at:
        raise DomainError(_("The end is before the start."), field="ends_at")
    capacity = details.get("capacity")
    if capacity is not None and (_count(capacity, field="capacity") == 0):
        raise DomainError(_("The capacity must be at least 1."), field="capacity")
    return {
        "kind": kind,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "capacity": capacity,
        "organiser": details.get("organiser"),
        "residents_served": _count(details.get("residents_served") or 0, field="residents_served"),
        "problems_solved": _count(details.get("problems_solved") or 0, field="problems_solved"),
    }


@transaction.atomic
def place_activity_record(
    *,
    actor,
    place: Place | None,
    function: PlaceFunction | None,
    title: str,
    held_on: date | None,
    participants: int = 0,
    host: str = "",
    note: str = "",
    area: Area | None = None,
    **details,
) -> PlaceActivity:
    """Log an activity held at ``place`` under one of its functions, or, with no place, in ``area`` (then
    the function is optional). ``details``: kind, starts_at, ends_at, capacity, organiser (a PartyOrg),
    residents_served, problems_solved."""
    target = place if place is not None else area
    if target is None:
        raise DomainError(_("Choose the place or the area where the activity was held."), field="place")
    require(
        actor,
        "place.record_activity",
        target,
        message=_("Your posts do not allow recording activities at this place."),
    )
    extra = _activity_details(details)
    if place is None:
        functions = []
    elif function is None:
        raise DomainError(_("Choose the function the activity served."), field="function")
    else:
        functions = list(place.functions.order_by("id"))
    if function is not None and function.pk not in {f.pk for f in functions}:
        if not functions:
            message = _("This place has no functions yet: edit the place and tick what it is used for.")
        else:
            message = _("“%(function)s” is not one of this place's functions (%(names)s).") % {
                "function": function.name,
                "names": "、".join(f.name for f in functions),
            }
        raise DomainError(message, field="function")
    title = _text(title, limit=200, field="title", message=_("Keep the title to %(n)s characters."))
    if not title:
        raise DomainError(_("Enter a title."), field="title")
    if held_on is None:
        raise DomainError(_("Enter the day the activity was held."), field="held_on")
    if held_on > timezone.localdate():
        raise DomainError(_("The day held cannot be in the future."), field="held_on")
    if isinstance(participants, bool) or not isinstance(participants, int):
        raise DomainError(_("The number of participants must be a whole number."), field="participants")
    if not 0 <= participants <= MAX_PARTICIPANTS:
        raise DomainError(
            _("The number of participants must be between 0 and %(n)s.") % {"n": MAX_PARTICIPANTS},
            field="participants",
        )
    host = _text(host, limit=100, field="host", message=_("Keep the host to %(n)s characters."))
    note = _text(note, limit=2000, field="note", message=_("Keep the note to %(n)s characters."))
    return PlaceActivity.objects.create(
        place=place,
        area=place.area if place is not None else area,
        function=function,
        **extra,
        title=title,
        held_on=held_on,
        participants=participants,
        host=host,
        note=note,
        recorded_by=actor,
        area_path=target.area_path if place is not None else area.path,
    )


@dataclass
class FunctionCount:
    function: PlaceFunction
    activities: int = 0
    participants: int = 0


@dataclass
class ActivityLog:
    counts: list[FunctionCount] = field(default_factory=list)
    activities: list[PlaceActivity] = field(default_factory=list)
    total_activities: int = 0
    total_participants: int = 0


def place_log_functions(*, place: Place):
    """The functions a place's log can be filtered by: its own, and any dropped since that has activities."""
    return (
        PlaceFunction.objects.filter(Q(places=place) | Q(activities__place=place)).distinct().order_by("id")
    )


def place_activity_log(
    *,
    user,
    place: Place,
    function: PlaceFunction | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = LOG_LIMIT,
) -> ActivityLog:
    """A place's activities the user may see: counts by function (each of the place's functions, even at
    zero, and any function dropped since that still has activities) and the latest ``limit`` activities
    (of ``function`` only, when given), both within ``since``–``until`` (inclusive) when given."""
    if since and until and since > until:
        raise DomainError(_("The start of the period is after its end."), field="since")
    rows = PlaceActivity.objects.restrict(user).filter(place=place)
    if since:
        rows = rows.filter(held_on__gte=since)
    if until:
        rows = rows.filter(held_on__lte=until)
    totals = {
        r["function"]: r
        for r in rows.order_by().values("function").annotate(n=Count("id"), people=Sum("participants"))
    }
    functions = list(place.functions.order_by("id"))
    known = {f.pk for f in functions}
    functions += list(PlaceFunction.objects.filter(pk__in=set(totals) - known).order_by("id"))
    counts = [
        FunctionCount(
            function=f,
            activities=totals.get(f.pk, {}).get("n", 0),
            participants=totals.get(f.pk, {}).get("people") or 0,
        )
        for f in functions
    ]
    listed = rows.filter(function=function) if function is not None else rows
    return ActivityLog(
        counts=counts,
        activities=list(listed.select_related("function", "recorded_by").order_by("-held_on", "-id")[:limit]),
        total_activities=sum(c.activities for c in counts),
        total_participants=sum(c.participants for c in counts),
    )
