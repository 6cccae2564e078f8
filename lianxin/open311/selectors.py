"""What Open311 shows: services from the categories, requests from the cases, updates from the public steps.

With a key, requests and updates are read as the key's service account reads them (``case_list``,
``restrict``): the cases its system reported, and more only if its account is given posts. Without a key
(``OPEN311_PUBLIC_READS``), the public requests of every system and channel, with only what a public report
may show: no description, address, contact or photo; the place is the community, the position rounded.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Level
from lianxin.cases.models import Action, Case, CaseEvent, CasePhoto, Category, HandlerType, Kind, RequestType
from lianxin.cases.models.enums import FINAL_STATES
from lianxin.cases.selectors import case_list, category_tree
from lianxin.core.paths import ancestor_paths, is_under, root_path
from lianxin.open311.models import ExternalSystem, ServiceType

MAX_RESULTS = 1000
DEFAULT_WINDOW = timedelta(days=90)
MEDIA_SALT = "open311.media"
# What reads without a key show (OPEN311_PUBLIC_READS): nothing (403), the public fields, or every field.
NONE, PUBLIC, FULL = "none", "public", "full"
READ_MODES = (NONE, PUBLIC, FULL)
# A public answer places a request no finer than its community or village.
PUBLIC_LEVELS = (
    Level.CITY,
    Level.COUNTY,
    Level.STREET,
    Level.TOWNSHIP,
    Level.CLUSTER,
    Level.COMMUNITY,
    Level.VILLAGE,
)
# Three decimals of a degree: 111 m of latitude, about 90 m of longitude in Shandong.
PUBLIC_DECIMALS = 3


def w3c(moment: datetime | None) -> str | None:
    """A W3C datetime with its offset (2026-11-30T10:00:00+08:00), in the platform's time zone."""
    if moment is None:
        return None
    return timezone.localtime(moment).isoformat(timespec="seconds")


def status_of(state: str) -> str:
    return "closed" if state in FINAL_STATES else "open"


# -- services ------------------------------------------------------------------------------------------------


def services_offered():
    return category_tree(public_only=True)


def service_payloads(categories, *, service_type: str = ServiceType.REALTIME) -> list[dict]:
    categories = list(categories)
    root_paths = {root_path(c.path, Category.steplen) for c in categories}
    roots = dict(Category.objects.filter(path__in=root_paths).values_list("path", "name"))
    return [
        {
            "service_code": c.code,
            "service_name": c.name,
            "description": c.description or c.name,
            "metadata": bool(c.extra_fields),
            "type": service_type,
            "keywords": c.keywords,
            "group": roots.get(root_path(c.path, Category.steplen), c.name),
        }
        for c in categories
    ]


def service_definition(category: Category) -> dict:
    specs = sorted(
        enumerate(category.extra_fields or []),
        key=lambda pair: (pair[1].get("order") or pair[0] + 1, pair[0]),
    )
    return {
        "service_code": category.code,
        "attributes": [
            {
                "variable": spec.get("variable", True),
                "code": spec["code"],
                "datatype": spec.get("datatype", "string"),
                "required": bool(spec.get("required")),
                "datatype_description": spec.get("datatype_description") or None,
                "order": spec.get("order") or index + 1,
                "description": spec.get("description") or spec["code"],
                "values": [
                    {"key": str(v["key"]), "name": v.get("name", str(v["key"]))}
                    for v in spec.get("values", [])
                ],
            }
            for index, spec in specs
        ],
    }


# -- requests ------------------------------------------------------------------------------------------------


def requests_visible(*, account):
    return (
        case_list(user=account)
        .select_related("category", "area", "handler_department", "handler_organisation", "handler_area")
        .select_related("open311", "handler_person", "reporter")
    )


def requests_public():
    """Requests anyone may read without a key: problems in the services offered to residents and external
    systems, from every system and channel (as a public FixMyStreet shows every report). Not disputes,
    service orders, micro-wishes or tasks, which are about a person or a household, nor complaints and reports
    of wrongdoing, which may name a person or expose an informant."""
    return (
        Case.objects.filter(kind=Kind.PROBLEM, category__is_public=True)
        .exclude(request_type__in=(RequestType.COMPLAINT, RequestType.REPORT))
        .select_related("category", "area", "handler_department", "handler_organisation", "handler_area")
        .select_related("handler_person", "reporter")
    )


def _readable(account):
    return requests_public() if account is None else requests_visible(account=account)


def request_get(*, account, number: str) -> Case | None:
    """A case by its number (20261130-0000123) or its bare id, if the account may read it (``account`` None:
    if it is public)."""
    pk = Case.pk_from_number(number)
    if pk is None or pk > 2**63 - 1:
        return None
    case = _readable(account).filter(pk=pk).first()
    if case is None or ("-" in number and case.number != number.strip()):
        return None
    return case


def requests_find(
    *,
    account,
    numbers: list[str] | None = None,
    categories: list[Category] | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    statuses: set[str] | None = None,
) -> list[Case]:
    """GET requests: by ids (which override everything else), or in a window of at most 90 days (the last 90
    days unless given), by service and status; newest first, at most 1000. ``account`` None: public ones."""
    qs = _readable(account)
    if numbers:
        pks = [pk for pk in (Case.pk_from_number(n) for n in numbers) if pk is not None and pk < 2**63]
        found = {case.pk: case for case in qs.filter(pk__in=pks[:MAX_RESULTS])}
        return [
            found[pk]
            for number, pk in zip(numbers, [Case.pk_from_number(n) for n in numbers], strict=True)
            if pk in found and ("-" not in number or found[pk].number == number.strip())
        ]
    if categories:
        qs = qs.filter(category__in=categories)
    if start:
        qs = qs.filter(reported_at__gte=start)
    if end:
        qs = qs.filter(reported_at__lte=end)
    if statuses and statuses != {"open", "closed"}:
        qs = (
            qs.filter(state__in=FINAL_STATES)
            if statuses == {"closed"}
            else qs.exclude(state__in=FINAL_STATES)
        )
    return list(qs.order_by("-reported_at", "-id")[:MAX_RESULTS])


def media_url(request, photo_id: int) -> str:
    """An address a client can fetch a case photo from without signing in: signed, and valid for
    ``OPEN311_MEDIA_DAYS`` days."""
    token = signing.TimestampSigner(salt=MEDIA_SALT).sign(str(photo_id))
    return request.build_absolute_uri(reverse("open311:media", args=[token]))


def media_photo(token: str) -> CasePhoto | None:
    max_age = timedelta(days=getattr(settings, "OPEN311_MEDIA_DAYS", 30))
    try:
        photo_id = signing.TimestampSigner(salt=MEDIA_SALT).unsign(token, max_age=max_age)
    except signing.BadSignature:
        return None
    return CasePhoto.objects.filter(pk=int(photo_id), case__isnull=False).first()


class Places:
    """The name and code an answer gives an area: the area itself, or in a public answer the community,
    village or higher area it lies in (a building or an estate would point at a household)."""

    def __init__(self, areas, *, public: bool):
        self.public = public
        self.coarse: dict[int, Area] = {}
        self.add(areas)

    def add(self, areas) -> None:
        areas = [area for area in areas if area is not None and area.pk not in self.coarse]
        if not self.public or not areas:
            return
        prefixes = {path for area in areas for path in ancestor_paths(area.path)}
        above = sorted(
            Area.objects.filter(path__in=prefixes, level__in=PUBLIC_LEVELS), key=lambda a: -len(a.path)
        )
        for area in areas:
            self.coarse[area.pk] = next((a for a in above if is_under(area.path, a.path)), area)

    def of(self, area: Area | None) -> Area | None:
        if area is None or not self.public:
            return area
        return self.coarse.get(area.pk, area)


def _agency(case: Case, places: Places | None = None) -> str | None:
    if case.handler_type == HandlerType.DEPARTMENT and case.handler_department_id:
        return case.handler_department.name
    if case.handler_type == HandlerType.ORGANISATION and case.handler_organisation_id:
        return case.handler_organisation.name
    # A person or a level's staff: named by the level's place, not by a person's name.
    if case.handler_area_id:
        return places.of(case.handler_area).name if places else case.handler_area.name
    return None


def _first_photos(cases: list[Case]) -> dict[int, int]:
    firsts: dict[int, int] = {}
    rows = CasePhoto.objects.filter(case__in=cases, event__is_public=True).order_by("id")
    for case_id, photo_id in rows.values_list("case_id", "id"):
        firsts.setdefault(case_id, photo_id)
    return firsts


def _replacements(cases: list[Case], places: Places | None = None) -> dict[int, dict[str, str]]:
    """For each case, the names of the people on it and what an external system is shown instead: the place
    a step sent the case to or the handling unit for a handler, "the reporter" for the person who reported,
    "staff" for anyone else who acted. Notes are free text, and staff write names into them (派单至孙桂兰)."""
    names: dict[int, dict[str, str]] = {case.pk: {} for case in cases}
    rows = list(
        CaseEvent.objects.filter(case__in=cases).values_list(
            "case_id", "actor_person__name", "target_person__name", "target_area_id"
        )
    )
    targets = Area.objects.in_bulk({area_id for *_rest, area_id in rows if area_id})
    places = places or Places([], public=False)
    places.add(targets.values())
    staff, reporter = _("staff"), _("the reporter")
    by_pk = {case.pk: case for case in cases}
    for case_id, actor, target, target_area_id in rows:
        area = places.of(targets.get(target_area_id))
        unit = area.name if area else _agency(by_pk[case_id], places) or staff
        if target:
            names[case_id][target] = unit
        if actor:
            names[case_id].setdefault(actor, staff)
    for case in cases:
        found = names[case.pk]
        if case.handler_person_id:
            found.setdefault(case.handler_person.name, _agency(case, places) or staff)
        if case.contact_name:
            found[case.contact_name] = reporter
        # An external system's service account reports under the system's name, not a person's.
        if case.reporter_id and not case.external_system:
            found[case.reporter.name] = reporter
    return names


def unnamed(text: str, replacements: dict[str, str]) -> str:
    """``text`` with each known name replaced, longest first (so 孙桂兰 goes before a 孙桂 that is in it)."""
    for name in sorted(replacements, key=len, reverse=True):
        if len(name) >= 2:
            text = text.replace(name, replacements[name])
    return text


def service_notice(case: Case, places: Places | None = None) -> str:
    return _("Handled by %(handler)s within %(days)s working days.") % {
        "handler": _agency(case, places) or (places.of(case.area) if places else case.area).name,
        "days": f"{case.category.handling_days.normalize():f}",
    }


def _coordinate(value, *, public: bool) -> float | None:
    if value is None:
        return None
    return round(float(value), PUBLIC_DECIMALS) if public else float(value)


def request_payloads(request, cases: list[Case], *, public: bool = False) -> list[dict]:
    """The spec's fields of each case. ``public``: only what a public report may show (no description,
    address or photo; the community for the place; the position rounded to about 100 m)."""
    places = Places([a for case in cases for a in (case.area, case.handler_area)], public=public)
    photos = {} if public else _first_photos(cases)
    names = _replacements(cases, places)
    items = []
    for case in cases:
        posted = getattr(case, "open311", None) if not public else None
        urls = list(posted.media_urls) if posted else []
        lat = case.lat if case.lat is not None else case.area.lat
        lng = case.lng if case.lng is not None else case.area.lng
        url = media_url(request, photos[case.pk]) if case.pk in photos else urls[0] if urls else None
        place = places.of(case.area)
        items.append(
            {
                "service_request_id": case.number,
                "status": status_of(case.state),
                "status_notes": unnamed(case.public_note, names[case.pk]) or None,
                "service_name": case.category.name,
                "service_code": case.category.code,
                "description": None if public else case.description,
                "agency_responsible": _agency(case, places),
                "service_notice": service_notice(case, places),
                "requested_datetime": w3c(case.reported_at),
                "updated_datetime": w3c(case.closed_at or case.last_event_at or case.reported_at),
                "expected_datetime": w3c(case.handle_due),
                "address": place.name if public else case.address or case.area.name,
                "address_id": place.code,
                "zipcode": None,
                "lat": _coordinate(lat, public=public),
                "long": _coordinate(lng, public=public),
                "media_url": url,
            }
        )
    return items


# -- updates (FixMyStreet's extension) -----------------------------------------------------------------------


def updates_find(*, account, start: datetime, end: datetime) -> list[CaseEvent]:
    """The public steps of the account's cases between ``start`` and ``end``, oldest first, at most 1000; the
    report itself is not an update."""
    return list(
        CaseEvent.objects.filter(
            case__in=case_list(user=account, filters=None).values("pk"),
            is_public=True,
            at__gte=start,
            at__lte=end,
        )
        .exclude(action=Action.REPORT)
        .select_related(
            "case__area", "case__handler_department", "case__handler_organisation", "case__handler_area"
        )
        .select_related("case__handler_person", "case__reporter")
        .prefetch_related("photos")
        .order_by("at", "id")[:MAX_RESULTS]
    )


def update_payloads(request, events: list[CaseEvent]) -> list[dict]:
    names = _replacements(list({event.case_id: event.case for event in events}.values()))
    items = []
    for event in events:
        photos = list(event.photos.all())
        items.append(
            {
                "update_id": str(event.pk),
                "service_request_id": event.case.number,
                "status": status_of(event.to_state),
                "updated_datetime": w3c(event.at),
                "description": unnamed(event.note, names[event.case_id]) or str(event.get_action_display()),
                "media_url": media_url(request, photos[0].pk) if photos else None,
                "external_status_code": event.to_state,
            }
        )
    return items


def account_external_system(user) -> ExternalSystem | None:
    """The active external system whose service account ``user`` is (the intake guard asks it, through
    ``cases.intake.external_system_resolver_register``)."""
    return ExternalSystem.objects.filter(account=user, is_active=True).select_related("area").first()
