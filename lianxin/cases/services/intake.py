"""Reporting a case (上报): from a resident's phone, a worker's patrol, a courier's snapshot, a hotline
transfer, a meeting, a visit, the API or Open311. The platform places it and dispatches it at once."""

from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from lianxin.areas.models import Area
from lianxin.cases import clock, permissions
from lianxin.cases.kinds import ISSUER, claim_capacity_default, kind_spec
from lianxin.cases.models import (
    Action,
    Case,
    Category,
    Channel,
    Kind,
    ReporterGroup,
    RequestType,
    Urgency,
)
from lianxin.cases.routing import Target, dispatcher_of, intake_target, level_of
from lianxin.cases.services.events import events_record_new, key_clean, photos_own, replayed_event
from lianxin.cases.services.handlers import due_clean, handler_target
from lianxin.cases.worktime import days_to_hours, working_add
from lianxin.core.errors_domain import DomainError
from lianxin.people.models import Person

# The most claimants one case takes (a service project's volunteers).
MAX_CLAIM_CAPACITY = 1000
# Open311 GeoReport v2's limit for a description, which hotlines fill with a whole call's notes.
MAX_DESCRIPTION = 4000
# Channels through which someone reports for another person or takes a case in on their behalf.
STAFF_CHANNELS = {
    Channel.PATROL,
    Channel.HOTLINE,
    Channel.TALK,
    Channel.EVENING_TALK,
    Channel.VISIT,
    Channel.LIAISON,
    Channel.WALK_IN,
    Channel.ENTERPRISE_LINE,
}

# The enums' values, once (an enum's .values builds a new list on every call).
REQUEST_TYPES = frozenset(RequestType.values)
URGENCIES = frozenset(Urgency.values)
CHANNELS = frozenset(Channel.values)


def _bad(message: str, field: str):
    raise DomainError(message, code="invalid", field=field)


def extra_clean(category: Category, values: dict | None) -> dict:
    """Check the category's extra fields (Open311 attributes): required ones given, values of the right
    type and, for lists, among the listed keys. Unknown keys are dropped, not refused."""
    values = values or {}
    cleaned = {}
    for spec in category.extra_fields or []:
        code = spec["code"]
        value = values.get(code)
        if value in (None, "", []):
            if spec.get("required"):
                _bad(
                    _("%(name)s is required for this category.") % {"name": spec.get("description") or code},
                    code,
                )
            continue
        datatype = spec.get("datatype", "string")
        keys = {str(v["key"]) for v in spec.get("values", [])}
        if datatype == "number":
            try:
                value = float(Decimal(str(value)))
            except (InvalidOperation, ValueError):
                _bad(_("%(name)s must be a number.") % {"name": spec.get("description") or code}, code)
        elif datatype == "datetime":
            if parse_datetime(str(value)) is None:
                _bad(_("%(name)s must be a date and time.") % {"name": spec.get("description") or code}, code)
            value = str(value)
        elif datatype == "singlevaluelist":
            if isinstance(value, list):
                value = value[0] if len(value) == 1 else value
            if str(value) not in keys:
                _bad(
                    _("%(name)s must be one of the listed values.")
                    % {"name": spec.get("description") or code},
                    code,
                )
            value = str(value)
        elif datatype == "multivaluelist":
            items = value if isinstance(value, list) else [value]
            if any(str(v) not in keys for v in items):
                _bad(
                    _("%(name)s must be among the listed values.")
                    % {"name": spec.get("description") or code},
                    code,
                )
            value = [str(v) for v in items]
        else:
            value = str(value)[:2000]
        cleaned[code] = value
    return cleaned


def _coordinate(value, field: str, low: float, high: float):
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        _bad(_("The position is not a number."), field)
    if not low <= float(number) <= high:
        _bad(_("The position is outside the valid range."), field)
    return number


def case_report(
    actor,
    *,
    category: Category,
    area: Area,
    description: str,
    title: str = "",
    request_type: str = RequestType.HELP,
    channel: str | None = None,
    urgency: str = Urgency.NORMAL,
    lat=None,
    lng=None,
    address: str = "",
    photos=(),
    on_behalf_of: Person | None = None,
    contact_name: str = "",
    contact_phone: str = "",
    requester_organisation=None,
    related_case: Case | None = None,
    extra: dict | None = None,
    dispute_parties: list | None = None,
    external_system: str = "",
    external_id: str = "",
    device_id: str = "",
    reporter_group: str | None = None,
    handle_self: bool = False,
    handler: dict | None = None,
    handle_due=None,
    claim_capacity: int | None = None,
    idempotency_key: str = "",
) -> Case:
    """Create a case and send it where its category and place say (``routing.first_target``), where an
    app's intake router says (``routing.intake_router_register``), or, from the staff of the place, to the
    ``handler`` they name (``{"person"|"department"|"organisation": obj}``) with a deadline of its own
    (``handle_due``, in the future). A case of a kind or category that takes claims is open to as many
    claimants as they say, or as ``claim_capacity`` (staff of the place) says.

    Guarantees: the report and, when the first taker is a person, company or department, the platform's
    dispatch are events of one transaction; the same idempotency key from the same user returns the case
    the first call created; bad input raises a ``DomainError`` naming the field, and nothing is written.
    """
    key = key_clean(idempotency_key)
    replay = replayed_event(actor, key, Action.REPORT)
    if replay:
        return replay.case
    description = (description or "").strip()
    if not description:
        _bad(_("Describe the problem."), "description")
    if len(description) > MAX_DESCRIPTION:
        _bad(_("The description is longer than %(n)s characters.") % {"n": MAX_DESCRIPTION}, "description")
    if not category.is_active:
        _bad(_("This category is no longer in use. Choose another."), "category")
    if area.retired_on is not None:
        _bad(_("This place has been restructured. Choose its successor."), "area")
    if request_type not in REQUEST_TYPES:
        _bad(_("Choose a request type."), "request_type")
    if urgency not in URGENCIES:
        _bad(_("Choose an urgency."), "urgency")
    kind = category.kind
    if kind == Kind.DISPUTE and not dispute_parties:
        dispute_parties = []
    worker = permissions.is_worker(actor)
    if on_behalf_of is not None and not Person.objects.restrict(actor).filter(pk=on_behalf_of.pk).exists():
        raise DomainError(_("You can only report on behalf of residents your post serves."), code="forbidden")
    if channel is None:
        channel = Channel.PATROL if worker else Channel.H5
        if reporter_group is None and permissions.reporter_group_of(actor) == ReporterGroup.COURIER:
            channel = Channel.SNAPSHOT
    if channel not in CHANNELS:
        _bad(_("Unknown channel."), "channel")
    if channel in STAFF_CHANNELS and not worker and on_behalf_of is None:
        raise DomainError(
            _("Only workers and staff can take in cases through this channel."), code="forbidden"
        )
    if handle_self and not worker:
        raise DomainError(_("Only workers can handle a case they report."), code="forbidden")
    handle_due = due_clean(handle_due)
    chosen = None
    if claim_capacity is not None:
        if not isinstance(claim_capacity, int) or not 1 <= claim_capacity <= MAX_CLAIM_CAPACITY:
            _bad(
                _("The places to claim are a whole number from 1 to %(n)s.") % {"n": MAX_CLAIM_CAPACITY},
                "claim_capacity",
            )
    else:
        claim_capacity = claim_capacity_default(category)
    if handler or handle_due is not None or claim_capacity != claim_capacity_default(category):
        # Naming who handles a new case, and by when, is dispatching it: the staff of the place do it.
        # Issued kinds (tasks): also whoever an app names as issuing at this level (a group leader).
        issuer = kind_spec(category.kind).issued and permissions.is_issuer_over(actor, area.path)
        if not (issuer or permissions.is_staff_over(actor, area.path)):
            raise DomainError(
                _("Only the staff of the place choose a handler, a deadline or the places to claim."),
                code="forbidden",
                field="handler",
            )
        if handler:
            chosen = handler_target(actor, area=area, category=category, **handler)
    if reporter_group is None and channel == Channel.ENTERPRISE_LINE:
        # The Red Chain line is the enterprises' own (P003-42): its cases count as raised by an enterprise.
        reporter_group = ReporterGroup.ENTERPRISE
    if reporter_group is None:
        reporter_group = ReporterGroup.RESIDENT if on_behalf_of else permissions.reporter_group_of(actor)
    reporter = on_behalf_of or getattr(actor, "person", None)
    cleaned_extra = extra_clean(category, extra)
    lat = _coordinate(lat, "lat", -90, 90)
    lng = _coordinate(lng, "lng", -180, 180)
    owned_photos = photos_own(actor, photos)
    now = clock.now()
    staff_intake = worker and (on_behalf_of is not None or channel in STAFF_CHANNELS)
    # The post the reporter acted in, kept on the report's event and the case (a liaison reporting for a
    # household acts as liaison; the household is the reporter).
    reporter_role = permissions.acting_role(actor, area.path)

    try:
        with transaction.atomic():
            case = Case(
                kind=kind,
                category=category,
                request_type=request_type,
                area=area,
                area_path=area.path,
                channel=channel,
                reporter=reporter,
                reporter_group=reporter_group,
                requester_organisation=requester_organisation,
                contact_name=(contact_name or "")[:50],
                contact_phone=contact_phone or "",
                title=(title or "").strip()[:100] or f"{category.name} · {area.short_name or area.name}",
                description=description,
                address=(address or "")[:200],
                lat=lat,
                lng=lng,
                urgency=urgency,
                extra=cleaned_extra,
                related_case=related_case,
                dispute_parties=dispute_parties or [],
                external_system=external_system[:50],
                external_id=str(external_id)[:64],
                device_id=str(device_id)[:64],
                reported_at=now,
            )
            taker = chosen or intake_target(actor=actor, category=category, area=area, extra=cleaned_extra)
            dispatcher = dispatcher_of(area)
            data = {
                "response_due": working_add(now, category.response_hours).isoformat(),
                "staff": staff_intake,
            }
            if reporter_role:
                data["reporter_role"] = reporter_role
            if claim_capacity is not None:
                data["claim_capacity"] = claim_capacity
            if kind_spec(kind).verified_by == ISSUER:
                # Who accepts the result (验收): the level the task was issued from.
                data["issuer_path"] = permissions.issuing_path(actor, area.path)
            due = {"handle_due": handle_due.isoformat(), "due_fixed": True} if handle_due else {}
            report = {"actor": actor, "action": Action.REPORT, "data": data, "key": key, "at": now}
            if handle_self:
                own = Target(level_of(area), area, person=actor.person)
                dispatch = {**_dispatch_data(category, now, dispatcher, staff=True), **due}
                steps = [
                    report,
                    {"actor": actor, "action": Action.DISPATCH, "target": own, "data": dispatch, "at": now},
                    {"actor": actor, "action": Action.TAKE, "target": own, "at": now},
                ]
            elif taker.is_pool:
                steps = [{**report, "target": taker, "data": {**data, **due}}]
            elif chosen is not None:
                # The staff member taking it in sends it on himself: his dispatch, not the platform's.
                steps = [
                    report,
                    {
                        "actor": actor,
                        "action": Action.DISPATCH,
                        "target": taker,
                        "data": {**_dispatch_data(category, now, dispatcher, staff=True), **due},
                        "at": now,
                    },
                ]
            else:
                # The report has no handler of its own: the platform dispatches it at once, for the place's
                # dispatching level (平台派单), which is where a return comes back to.
                steps = [
                    report,
                    {
                        "actor": None,
                        "action": Action.DISPATCH,
                        "target": taker,
                        "data": {**_dispatch_data(category, now, dispatcher, staff=False), **due},
                        "note": _("Dispatched by the platform to %(target)s") % {"target": taker.label()},
                        "at": now,
                    },
                ]
            events_record_new(case=case, steps=steps, photos=owned_photos)
            # Made by this call, not given back for a key used before (the API's answer relies on it).
            case.reported_now = True
            case.reported_photos = bool(owned_photos)
            if case.dispatcher_area_id == dispatcher.pk:
                # Known here: who may dispatch it (permissions.is_dispatcher) needs no query for the answer.
                case._dispatcher_path = dispatcher.path
    except IntegrityError:
        replay = replayed_event(actor, key, Action.REPORT)
        if replay:
            return replay.case
        raise
    return case


def _dispatch_data(category: Category, now, dispatcher: Area, *, staff: bool) -> dict:
    return {
        "handle_due": working_add(now, days_to_hours(category.handling_days)).isoformat(),
        "return_due": working_add(now, days_to_hours(category.return_days)).isoformat(),
        "dispatcher_area": dispatcher.pk,
        "staff": staff,
    }
