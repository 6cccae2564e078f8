"""Cases over the API: the staff queue's list, one case with its trail, reporting, every step of the loop as a
POST of its own, photo uploads and the category tree.

Thin, like the pages: cases are read through ``lianxin.cases.selectors`` (scoped by ``restrict``) and changed
only through ``lianxin.cases.services``; a refusal there (``DomainError``) is answered with its status and
code by ``lianxin.core.api_errors``. Every POST takes an ``Idempotency-Key`` header: the first answer is kept
and given again (``lianxin.core.api_idempotency``), and a report or step also hands the key to its service,
which keeps it on the step's event.
"""

from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile

from lianxin.areas.models import Area
from lianxin.cases import permissions, services
from lianxin.cases.intake import external_system_of, intake_check
from lianxin.cases.models import (
    Action,
    Case,
    CasePhoto,
    Category,
    Channel,
    DisputeOutcome,
    Kind,
    Rating,
    ReporterGroup,
    RequestType,
    State,
    Urgency,
)
from lianxin.cases.selectors import (
    CaseFilters,
    case_claims,
    case_events,
    case_get_for_user,
    case_list,
    case_summoned,
    category_tree,
)
from lianxin.cases.transitions import allowed_steps
from lianxin.core.api_errors import DOMAIN_STATUS
from lianxin.core.api_idempotency import IDEMPOTENCY_KEY, MAX_KEY_LENGTH
from lianxin.core.api_pagination import PageParams, page_schema, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.core.masking import mask_mobile
from lianxin.core.paths import ancestor_paths, parent_path
from lianxin.core.ratelimit import rate_limit
from lianxin.core.scope import get_for_user, path_granted
from lianxin.party.models import PartyOrg
from lianxin.people.models import Department, Organisation, Person, Post

router = Router(tags=[gettext_lazy("Cases")])
categories_router = Router(tags=[gettext_lazy("Categories")])


# -- what the API shows --------------------------------------------------------------------------------------


class Ref(Schema):
    id: int | None = Field(description=gettext_lazy("Null when it lies outside your scope."))
    name: str


class CategoryRef(Schema):
    id: int
    code: str
    name: str


class PhotoOut(Schema):
    id: int
    url: str
    thumbnail_url: str
    width: int
    height: int
    content_type: str


class CaseOut(Schema):
    id: int
    number: str = Field(description=gettext_lazy("The case number people quote: YYYYMMDD-0000123."))
    kind: str
    kind_label: str
    category: CategoryRef
    request_type: str
    area: Ref
    address: str
    lat: float | None
    lng: float | None
    channel: str
    channel_label: str
    reporter_group: str
    reporter_role: str = Field(
        description=gettext_lazy("The post the reporter acted in; empty for a resident.")
    )
    reporter_role_label: str
    reporter: Ref | None
    contact_name: str
    contact_phone_masked: str
    title: str
    description: str
    urgency: str
    extra: dict
    state: str
    state_label: str
    handler_type: str
    handler_label: str
    first_receiver: Ref | None = Field(
        description=gettext_lazy(
            "The first-contact owner (首问责任人): the staff member who first took the case up, answerable "
            "for it until it is closed, wherever it is sent; null until someone has. The id is given only "
            "when you may open the person."
        )
    )
    handling_level: int | None
    highest_level: int | None
    reported_at: datetime
    responded_at: datetime | None
    dispatched_at: datetime | None
    handled_at: datetime | None
    closed_at: datetime | None
    response_due: datetime | None
    handle_due: datetime | None
    is_overdue: bool
    rating: str
    rating_auto: bool
    rating_stars: int | None = Field(
        description=gettext_lazy("The reporter's 1 to 5 stars, if he gave them.")
    )
    reopen_count: int
    return_count: int
    escalation_count: int
    supervise_count: int
    whistled: bool
    return_pending: bool
    return_disputed: bool
    extension_pending: bool
    merged_into_id: int | None
    claim_capacity: int | None = Field(
        description=gettext_lazy("How many may claim the case (认领); null when it takes no claims.")
    )
    claim_count: int = Field(description=gettext_lazy("How many hold a claim on it now."))
    external_system: str
    external_id: str
    public_note: str
    last_event_at: datetime | None


class EventOut(Schema):
    seq: int
    action: str
    action_label: str
    at: datetime
    from_state: str
    to_state: str
    actor: str = Field(description=gettext_lazy("Who took the step; the platform for automatic steps."))
    target: str
    note: str
    is_public: bool
    photos: list[PhotoOut]


class SummonedOut(Schema):
    department: str
    role: str
    role_label: str
    responded_at: datetime | None = Field(
        description=gettext_lazy("When the department reported (报到); null while it has not.")
    )
    response_note: str


class ClaimOut(Schema):
    person: Ref | None
    organisation: Ref | None
    claimed_at: datetime
    withdrawn_at: datetime | None


class CaseDetailOut(CaseOut):
    claims: list[ClaimOut] = Field(
        description=gettext_lazy("Who claimed the case (认领), live claims and withdrawn ones, in order.")
    )
    events: list[EventOut]
    photos: list[PhotoOut]
    summoned: list[SummonedOut] = Field(
        description=gettext_lazy("The departments summoned to the case (吹哨报到), each with its report.")
    )
    allowed_steps: list[str] = Field(
        description=gettext_lazy(
            "The steps the caller may take on the case now, the same the case page offers; each is "
            "POST /api/v1/cases/{case_id}/<step> with its underscores written as hyphens."
        )
    )


CasePage = page_schema(CaseOut, "CasePage")


def _photo(photo: CasePhoto) -> dict:
    return {
        "id": photo.pk,
        "url": reverse("api:case_photo", args=[photo.pk]),
        "thumbnail_url": reverse("api:case_photo_thumbnail", args=[photo.pk]),
        "width": photo.width,
        "height": photo.height,
        "content_type": photo.content_type,
    }


def _number(value) -> float | None:
    return float(value) if value is not None else None


def _names(model, ids, known: dict | None = None) -> dict[int, str]:
    """The names of these rows by id; those in ``known`` (model → {id: name}, read already by the caller
    in this request, e.g. joined to a case's trail) are not read again."""
    known = (known or {}).get(model, {})
    ids = {pk for pk in ids if pk}
    names = {pk: known[pk] for pk in ids if pk in known}
    missing = ids - names.keys()
    if missing:
        names.update(model.objects.filter(pk__in=missing).values_list("pk", "name"))
    return names


def case_payloads(*, user, cases, known: dict | None = None) -> list[dict]:
    """Cases as the API shows them. The place is always named; its id (and the reporter's) is given only
    when the caller may open it.

    Only the category and the place are joined: with the reporter and every kind of handler joined too,
    PostgreSQL spends longer planning the eight-table join than running it, so their names come from four
    small queries by id instead (none for names in ``known``: model → {id: name}, read already)."""
    cases = list(cases)
    # Labels once per answer: Model.get_FOO_display() rebuilds its choices for every row.
    kinds, channels, states = (
        {value: str(label) for value, label in enum.choices} for enum in (Kind, Channel, State)
    )
    persons = _names(
        Person,
        [c.reporter_id for c in cases]
        + [c.handler_person_id for c in cases]
        + [c.first_receiver_id for c in cases],
        known,
    )
    departments = _names(Department, [c.handler_department_id for c in cases], known)
    organisations = _names(Organisation, [c.handler_organisation_id for c in cases], known)
    party_orgs = _names(PartyOrg, [c.handler_party_org_id for c in cases], known)
    # A level's name only where no person, department, company or party organisation handles the case.
    handler_areas = _names(
        Area,
        [
            c.handler_area_id
            for c in cases
            if not (
                c.handler_person_id
                or c.handler_department_id
                or c.handler_organisation_id
                or c.handler_party_org_id
            )
        ],
    )

    def handler_label(case: Case) -> str:
        # As Case.handler_label: the person, department, company or party organisation, else the level.
        for pk, names in (
            (case.handler_person_id, persons),
            (case.handler_department_id, departments),
            (case.handler_organisation_id, organisations),
            (case.handler_party_org_id, party_orgs),
        ):
            if pk:
                return names.get(pk, "")
        return handler_areas.get(case.handler_area_id, "")

    # The places are joined, and Area's scope is its path: which the caller may open needs no query.
    areas = {c.area_id for c in cases if path_granted(user, c.area.path)}
    named = {p for c in cases for p in (c.reporter_id, c.first_receiver_id) if p}
    # The caller's own person is always his to open (Person's scope holds his own row): a report's answer
    # and a resident's list name only him, and ask nothing.
    own = {user.person_id} if user.is_active and user.person_id in named else set()
    others = named - own
    reporters = set(own)
    if others:
        reporters |= set(Person.objects.restrict(user).filter(pk__in=others).values_list("pk", flat=True))
    return [
        {
            "id": case.pk,
            "number": case.number,
            "kind": case.kind,
            "kind_label": kinds.get(case.kind, case.kind),
            "category": {"id": case.category_id, "code": case.category.code, "name": case.category.name},
            "request_type": case.request_type,
            "area": {"id": case.area_id if case.area_id in areas else None, "name": case.area.name},
            "address": case.address,
            "lat": _number(case.lat),
            "lng": _number(case.lng),
            "channel": case.channel,
            "channel_label": channels.get(case.channel, case.channel),
            "reporter_group": case.reporter_group,
            "reporter_role": case.reporter_role,
            "reporter_role_label": case.get_reporter_role_display() if case.reporter_role else "",
            "reporter": {
                "id": case.reporter_id if case.reporter_id in reporters else None,
                "name": persons.get(case.reporter_id, ""),
            }
            if case.reporter_id
            else None,
            "contact_name": case.contact_name,
            "contact_phone_masked": mask_mobile(case.contact_phone) if case.contact_phone else "",
            "title": case.title,
            "description": case.description,
            "urgency": case.urgency,
            "extra": case.extra or {},
            "state": case.state,
            "state_label": states.get(case.state, case.state),
            "handler_type": case.handler_type,
            "handler_label": handler_label(case),
            "first_receiver": {
                "id": case.first_receiver_id if case.first_receiver_id in reporters else None,
                "name": persons.get(case.first_receiver_id, ""),
            }
            if case.first_receiver_id
            else None,
            "handling_level": case.handling_level,
            "highest_level": case.highest_level,
            "reported_at": case.reported_at,
            "responded_at": case.responded_at,
            "dispatched_at": case.dispatched_at,
            "handled_at": case.handled_at,
            "closed_at": case.closed_at,
            "response_due": case.response_due,
            "handle_due": case.handle_due,
            "is_overdue": case.is_overdue,
            "rating": case.rating,
            "rating_auto": case.rating_auto,
            "rating_stars": case.rating_stars,
            "reopen_count": case.reopen_count,
            "return_count": case.return_count,
            "escalation_count": case.escalation_count,
            "supervise_count": case.supervise_count,
            "whistled": case.whistled,
            "return_pending": case.return_pending,
            "return_disputed": case.return_disputed,
            "extension_pending": case.extension_pending,
            "merged_into_id": case.merged_into_id,
            "claim_capacity": case.claim_capacity,
            "claim_count": case.claim_count,
            "external_system": case.external_system,
            "external_id": case.external_id,
            "public_note": case.public_note,
            "last_event_at": case.last_event_at,
        }
        for case in cases
    ]


def _claims(user, case: Case) -> list[dict]:
    claims = list(case_claims(case=case))
    persons = set(
        Person.objects.restrict(user)
        .filter(pk__in={c.person_id for c in claims if c.person_id})
        .values_list("pk", flat=True)
    )
    return [
        {
            "person": {"id": c.person_id if c.person_id in persons else None, "name": c.person.name}
            if c.person_id
            else None,
            "organisation": {"id": c.organisation_id, "name": c.organisation.name}
            if c.organisation_id
            else None,
            "claimed_at": c.claimed_at,
            "withdrawn_at": c.withdrawn_at,
        }
        for c in claims
    ]


def _event_target(event) -> str:
    target = (
        event.target_person
        or event.target_department
        or event.target_organisation
        or event.target_party_org
        or event.target_area
    )
    return str(target) if target else ""


def _trail_names(events) -> dict:
    """The names of the persons, departments, companies and party organisations a trail names (joined to
    its events): the case's reporter and handler are mostly among them, so their names are not read again."""
    known: dict = {Person: {}, Department: {}, Organisation: {}, PartyOrg: {}}
    for event in events:
        for field, model in (
            ("actor_person", Person),
            ("target_person", Person),
            ("target_department", Department),
            ("target_organisation", Organisation),
            ("target_party_org", PartyOrg),
        ):
            if getattr(event, field + "_id"):
                row = getattr(event, field)
                known[model][row.pk] = row.name
    return known


def case_detail_payload(*, user, case: Case, fresh: bool = False) -> dict:
    """One case with its trail. ``fresh``: the case was reported in this request, so it has no claims and
    no summoned departments unless its trail shows a claim or a whistle (their two queries are saved), and
    no photos unless its report attached some (``case.reported_photos``)."""
    events = case_events(user=user, case=case)
    if fresh and not getattr(case, "reported_photos", True):
        events = events.prefetch_related(None).prefetch_related(
            Prefetch("photos", queryset=CasePhoto.objects.none())
        )
    events = list(events)
    shown = {photo.pk for event in events for photo in event.photos.all()}
    bare = fresh and not any(event.action in (Action.CLAIM, Action.WHISTLE) for event in events)
    return {
        **case_payloads(user=user, cases=[case], known=_trail_names(events))[0],
        "events": [
            {
                "seq": event.seq,
                "action": event.action,
                "action_label": str(event.get_action_display()),
                "at": event.at,
                "from_state": event.from_state,
                "to_state": event.to_state,
                "actor": event.actor_person.name if event.actor_person_id else _("the platform"),
                "target": _event_target(event),
                "note": event.note,
                "is_public": event.is_public,
                "photos": [_photo(photo) for photo in event.photos.all()],
            }
            for event in events
        ],
        # Photos of the steps the caller may read (a reporter does not see those of internal steps).
        "photos": [_photo(p) for p in CasePhoto.objects.filter(case=case, pk__in=shown).order_by("id")],
        "allowed_steps": allowed_steps(user, case),
        "claims": [] if bare else _claims(user, case),
        "summoned": []
        if bare
        else [
            {
                "department": a.department.name if a.department_id else "",
                "role": a.role,
                "role_label": str(a.get_role_display()),
                "responded_at": a.responded_at,
                "response_note": a.response_note,
            }
            for a in case_summoned(case=case)
        ],
    }


def _case_for(user, case_id: int) -> Case:
    """The case the step is for: 404 outside the user's scope."""
    return case_get_for_user(user=user, pk=case_id)


class _Encoder(DjangoJSONEncoder):
    """Times in UTC, as they are read from the database, whichever zone a value held in memory carries (a
    report's answer is built from the case the service left, with times in the local zone)."""

    def default(self, o):
        if isinstance(o, datetime) and o.tzinfo is not None:
            o = o.astimezone(UTC)
        return super().default(o)


def _json(payload, *, status: int = 200) -> JsonResponse:
    """Cases are answered as built, not re-validated through ninja's response models (several times slower
    for a page of cases); the declared ``response=`` schemas still document them, and CI's schemathesis run
    checks every answer against them."""
    return JsonResponse(
        payload,
        status=status,
        encoder=_Encoder,
        safe=False,
        json_dumps_params={"ensure_ascii": False},
    )


def _case_lean(user, pk: int) -> Case:
    """One case the user may see (404 outside his scope), with only its category and place joined."""
    return get_for_user(Case.objects.select_related("category", "area"), user, pk)


def _answer(user, case: Case, *, status: int = 200, fresh: bool = False) -> JsonResponse:
    # A case the caller reported in this request, as his own, is his to see (a reporter's own cases are in
    # his scope) and is answered as the service left it, with its category and place: not read again.
    own = fresh and user.person_id is not None and case.reporter_id == user.person_id
    shown = case if own else _case_lean(user, case.pk)
    return _json(case_detail_payload(user=user, case=shown, fresh=fresh), status=status)


# -- the list ------------------------------------------------------------------------------------------------


class StateFilter(StrEnum):
    OPEN = "open"
    FINAL = "final"
    REPORTED = State.REPORTED.value
    ACCEPTED = State.ACCEPTED.value
    DISPATCHED = State.DISPATCHED.value
    IN_PROGRESS = State.IN_PROGRESS.value
    HANDLED = State.HANDLED.value
    VERIFIED = State.VERIFIED.value
    CLOSED = State.CLOSED.value
    REJECTED = State.REJECTED.value
    MERGED = State.MERGED.value


class CaseListFilters(Schema):
    state: StateFilter | None = Field(
        None,
        description=gettext_lazy("A state, or open (not yet final) or final (closed, rejected, merged)."),
    )
    category: ObjectId | None = Field(None, description=gettext_lazy("A category and those under it."))
    area: ObjectId | None = Field(None, description=gettext_lazy("Cases placed in this area and under it."))
    overdue: bool = Field(False, description=gettext_lazy("Only cases past a time limit."))
    kind: Kind | None = None
    channel: Channel | None = None
    reporter_group: ReporterGroup | None = None
    date_from: date | None = Field(None, description=gettext_lazy("Reported on or after this day."))
    date_to: date | None = Field(None, description=gettext_lazy("Reported on or before this day."))
    q: str = Field("", max_length=50, description=gettext_lazy("A case number, or words of the title."))
    handler: Literal["me", "pool", "first"] | None = Field(
        None,
        description=gettext_lazy(
            "me: waiting on you (or your department or company); pool: in your level's pool; first: "
            "received first by you."
        ),
    )
    supervised: bool = False
    claimed: bool = Field(
        False,
        description=gettext_lazy("Only the cases you (or your organisations) hold a claim on: 我认领的."),
    )
    return_disputed: bool = False
    extension_pending: bool = False
    order: Literal["newest", "oldest"] = Field(
        "newest", description=gettext_lazy("newest first (as on the queue) or oldest first (to sync).")
    )


@router.get(
    "/",
    response=CasePage,
    summary=gettext_lazy("Cases you may see"),
    description=gettext_lazy("Filtered as on the staff queue; paged with limit and cursor."),
)
def case_list_endpoint(request, filters: Query[CaseListFilters], page: Query[PageParams]):
    user = request.user
    area = get_for_user(Area, user, filters.area) if filters.area else None
    chosen = CaseFilters(
        state=filters.state.value if filters.state else "",
        category=filters.category,
        area=area,
        overdue=filters.overdue,
        kind=filters.kind or "",
        channel=filters.channel or "",
        reporter_group=filters.reporter_group or "",
        date_from=filters.date_from,
        date_to=filters.date_to,
        q=filters.q,
        handler=filters.handler or "",
        supervised=filters.supervised,
        claimed=filters.claimed,
        return_disputed=filters.return_disputed,
        extension_pending=filters.extension_pending,
    )
    queryset = case_list(user=user, filters=chosen).select_related("category", "area")
    chunk = paginate(queryset, page, descending=filters.order == "newest", keys_first=True)
    return _json({"items": case_payloads(user=user, cases=chunk.items), "next_cursor": chunk.next_cursor})


# -- photos (before /{case_id}, which would take "photos" for an id) ----------------------------------------


@router.post(
    "/photos",
    response={201: PhotoOut},
    summary=gettext_lazy("Upload a photo"),
    description=gettext_lazy(
        "multipart/form-data with one file (JPEG, PNG or WebP). Then name its id in the photos of a report, "
        "a handling or a verification."
    ),
)
@rate_limit("photo_upload", key="user_or_ip")
def photo_upload(request, file: File[UploadedFile]):
    return Status(201, _photo(services.photo_upload(request.user, upload=file.read())))


def _photo_file(user, photo_id: int, *, thumbnail: bool):
    """A photo, to those who may see its case (before it is attached, to its uploader only)."""
    photo = CasePhoto.objects.filter(pk=photo_id).first()
    visible = photo is not None and (
        photo.uploaded_by_id == user.pk
        if photo.case_id is None
        else Case.objects.restrict(user).filter(pk=photo.case_id).exists()
    )
    if not visible:
        raise DomainError(_("Photo not found."), code="not_found")
    try:
        handle = default_storage.open(photo.thumbnail.name if thumbnail else photo.file.name, "rb")
    except FileNotFoundError:
        raise DomainError(_("Photo not found."), code="not_found") from None
    from lianxin.core.uploads import image_response

    return image_response(handle, content_type="image/jpeg" if thumbnail else photo.content_type)


@router.get(
    "/photos/{photo_id}",
    url_name="case_photo",
    summary=gettext_lazy("A photo"),
    openapi_extra={"responses": {200: {"description": "JPEG, PNG or WebP", "content": {"image/*": {}}}}},
)
def photo_file(request, photo_id: ObjectId):
    return _photo_file(request.user, photo_id, thumbnail=False)


@router.get(
    "/photos/{photo_id}/thumbnail",
    url_name="case_photo_thumbnail",
    summary=gettext_lazy("A photo's thumbnail"),
    openapi_extra={"responses": {200: {"description": "JPEG", "content": {"image/jpeg": {}}}}},
)
def photo_thumbnail(request, photo_id: ObjectId):
    return _photo_file(request.user, photo_id, thumbnail=True)


# -- reporting -----------------------------------------------------------------------------------------------


class HandlerIn(Schema):
    """One handler named outright: exactly one of the fields."""

    person: ObjectId | None = Field(None, description=gettext_lazy("A person holding a post over the place."))
    department: ObjectId | None = Field(None, description=gettext_lazy("A department serving the place."))
    organisation: ObjectId | None = Field(
        None,
        description=gettext_lazy("A property company or provider, or an organisation your post reaches."),
    )
    party_org: ObjectId | None = Field(
        None, description=gettext_lazy("A party organisation your post reaches (a branch, a task force).")
    )


def handler_objects(handler: HandlerIn | None) -> dict:
    """The handler's object by its field (an unknown id is refused on that field)."""
    if handler is None:
        return {}
    models = {"person": Person, "department": Department, "organisation": Organisation, "party_org": PartyOrg}
    chosen = {}
    for name, pk in handler.dict().items():
        if pk is None:
            continue
        obj = models[name].objects.filter(pk=pk).first()
        if obj is None:
            raise DomainError(_("Choose a handler from the directory."), field=f"handler.{name}")
        chosen[name] = obj
    return chosen


class CaseReportIn(Schema):
    category: ObjectId = Field(description=gettext_lazy("The category's id (GET /api/v1/categories/)."))
    area: ObjectId = Field(description=gettext_lazy("Where the problem is: an area's id."))
    description: str = Field(max_length=4000)
    title: str = Field("", max_length=100)
    request_type: RequestType = RequestType.HELP
    urgency: Urgency = Urgency.NORMAL
    channel: Channel | None = Field(
        None,
        description=gettext_lazy(
            "How the case came in; api for a program with a token unless its external system says otherwise."
        ),
    )
    reporter_group: ReporterGroup | None = Field(
        None, description=gettext_lazy("Who raised it, for counting reports by source (e.g. courier).")
    )
    lat: float | None = Field(None, ge=-90, le=90)
    lng: float | None = Field(None, ge=-180, le=180)
    address: str = Field("", max_length=200)
    photos: list[ObjectId] = Field([], max_length=20, description=gettext_lazy("Ids of uploaded photos."))
    on_behalf_of: ObjectId | None = Field(
        None, description=gettext_lazy("A resident a worker reports for (a person's id).")
    )
    contact_name: str = Field("", max_length=50)
    contact_phone: str = Field("", max_length=20)
    extra: dict = Field({}, description=gettext_lazy("Values of the category's extra fields, by code."))
    external_system: str = Field("", max_length=50)
    external_id: str = Field("", max_length=64)
    device_id: str = Field("", max_length=64)
    handle_self: bool = Field(False, description=gettext_lazy("A worker handles it himself at once."))
    handler: HandlerIn | None = Field(
        None,
        description=gettext_lazy(
            "Staff of the place only: the first handler, instead of the one its category and place name."
        ),
    )
    handle_due: datetime | None = Field(
        None,
        description=gettext_lazy(
            "Staff of the place only: this case's handling deadline (in the future), instead of the "
            "category's."
        ),
    )
    claim_capacity: int | None = Field(
        None,
        ge=1,
        le=1000,
        description=gettext_lazy(
            "Staff of the place only: how many may claim the case (认领), instead of the number its kind or "
            "category gives."
        ),
    )


def _external_system(user):
    return external_system_of(user)


@router.post(
    "/",
    response={201: CaseDetailOut},
    summary=gettext_lazy("Report a case"),
    description=gettext_lazy(
        "The case is placed and dispatched at once, as on the pages. A program's cases come in through the "
        "api channel; an external system's account reports with its own channel, reporter group and name, "
        "inside its area."
    ),
)
@rate_limit("report", key="user_or_ip")
def case_report(request, payload: CaseReportIn, idempotency_key: str = IDEMPOTENCY_KEY):
    case = _report_one(request, payload, idempotency_key, system=_external_system(request.user))
    return _answer(request.user, case, status=201, fresh=getattr(case, "reported_now", False))


class _Lookups:
    """The places, categories and intake checks the reports of one request need, each looked up once (a
    batch of 500 transfers names a few dozen places and categories)."""

    def __init__(self, items=()):
        area_ids = {item.area for item in items}
        category_ids = {item.category for item in items}
        self.areas = {a.pk: a for a in Area.objects.filter(pk__in=area_ids)} if area_ids else {}
        self.categories = (
            {c.pk: c for c in category_tree().filter(pk__in=category_ids)} if category_ids else {}
        )
        self.checked: dict = {}

    def area(self, pk: int) -> Area:
        if pk not in self.areas:
            self.areas[pk] = Area.objects.filter(pk=pk).first()
        if self.areas[pk] is None:
            raise DomainError(_("Choose a place you may report in."), code="invalid", field="area")
        return self.areas[pk]

    def category(self, pk: int) -> Category:
        if pk not in self.categories:
            self.categories[pk] = category_tree().filter(pk=pk).first()
        if self.categories[pk] is None:
            raise DomainError(_("Choose a category that is in use."), code="invalid", field="category")
        return self.categories[pk]

    def check(self, user, *, category: Category, area: Area, system) -> None:
        key = (category.pk, area.pk)
        if key not in self.checked:
            try:
                intake_check(user, category=category, area=area, system=system)
                self.checked[key] = None
            except DomainError as exc:
                self.checked[key] = exc
        if self.checked[key] is not None:
            raise self.checked[key]


def _report_one(
    request, payload: CaseReportIn, idempotency_key: str, *, system, lookups: _Lookups | None = None
) -> Case:
    """One report as ``POST /api/v1/cases/`` takes it in: the same checks, the same service."""
    user = request.user
    lookups = lookups or _Lookups()
    area = lookups.area(payload.area)
    category = lookups.category(payload.category)
    # Who may file what, and where: the same rule as the report page and Open311.
    lookups.check(user, category=category, area=area, system=system)
    on_behalf_of = None
    if payload.on_behalf_of:
        on_behalf_of = Person.objects.restrict(user).filter(pk=payload.on_behalf_of).first()
        if on_behalf_of is None:
            raise DomainError(
                _("You can only report on behalf of residents your post serves."), field="on_behalf_of"
            )
    channel = payload.channel
    if channel is None and system is not None:
        channel = system.channel
    elif channel is None and getattr(request, "api_token", None) is not None:
        channel = Channel.API
    reporter_group = payload.reporter_group or (system.reporter_group if system else None)
    case = services.case_report(
        user,
        category=category,
        area=area,
        description=payload.description,
        title=payload.title,
        request_type=payload.request_type,
        channel=channel,
        urgency=payload.urgency,
        lat=payload.lat,
        lng=payload.lng,
        address=payload.address,
        photos=payload.photos,
        on_behalf_of=on_behalf_of,
        contact_name=payload.contact_name,
        contact_phone=payload.contact_phone,
        extra=payload.extra,
        external_system=system.code if system else payload.external_system,
        external_id=payload.external_id,
        device_id=payload.device_id,
        reporter_group=reporter_group,
        handle_self=payload.handle_self,
        handler=handler_objects(payload.handler),
        handle_due=payload.handle_due,
        claim_capacity=payload.claim_capacity,
        idempotency_key=idempotency_key,
    )
    return case


# -- batch intake --------------------------------------------------------------------------------------------

# The most reports one batch takes (a hotline's transfer of a few minutes, an import in chunks).
MAX_BATCH = 500


class CaseBatchItemIn(CaseReportIn):
    idempotency_key: str = Field(
        min_length=1,
        max_length=MAX_KEY_LENGTH,
        description=gettext_lazy(
            "This report's own key (the hotline's work order number will do): sent again, in this batch's "
            "retry or a later one, it gives back the case it made instead of a second one."
        ),
    )


class CaseBatchIn(Schema):
    items: list[CaseBatchItemIn] = Field(
        description=gettext_lazy("The reports, 1 to 500, each as POST /api/v1/cases/ takes one.")
    )


class CaseBatchErrorOut(Schema):
    code: str = Field(description=gettext_lazy("As the error of POST /api/v1/cases/: invalid, forbidden …"))
    message: str
    field: str


class CaseBatchItemOut(Schema):
    index: int = Field(description=gettext_lazy("The item's place in the request, from 0."))
    idempotency_key: str
    status: int = Field(
        description=gettext_lazy(
            "201 made now, 200 made earlier with this key, else the status a single report would get."
        )
    )
    case: CaseOut | None = None
    error: CaseBatchErrorOut | None = None


class CaseBatchOut(Schema):
    created: int
    replayed: int
    refused: int
    items: list[CaseBatchItemOut]


def _batch_error(index: int, key: str, exc: DomainError) -> dict:
    return {
        "index": index,
        "idempotency_key": key,
        "status": DOMAIN_STATUS.get(exc.code, 400),
        "case": None,
        "error": {"code": exc.code, "message": str(exc.message), "field": exc.field or ""},
    }


@router.post(
    "/batch",
    response={200: CaseBatchOut},
    summary=gettext_lazy("Report up to 500 cases at once"),
    description=gettext_lazy(
        "For hotline (12345) transfers and imports, by staff and external systems' accounts. Each item is "
        "taken in as POST /api/v1/cases/ takes one (placed, dispatched, time-limited, audited, counted) and "
        "answered on its own: a refused item carries its status and Chinese reason, the others are kept. "
        "All run in one transaction: a database failure keeps none of them, and the batch may be sent "
        "again (each item's key makes a retry safe)."
    ),
)
@rate_limit("report_batch", key="user_or_ip", rate="120/h")
def case_report_batch(request, payload: CaseBatchIn):
    user = request.user
    items = payload.items
    if not items:
        raise DomainError(_("Send at least one report."), field="items")
    if len(items) > MAX_BATCH:
        raise DomainError(
            _("A batch holds at most %(n)s reports; split it.") % {"n": MAX_BATCH}, field="items"
        )
    system = _external_system(user)
    if system is None and not permissions.is_worker(user):
        raise DomainError(
            _("Batches are sent by workers, staff and external systems; report one case at a time."),
            code="forbidden",
        )
    keys = [item.idempotency_key.strip() for item in items]
    answers, made, seen = [], {}, set()
    lookups = _Lookups(items)
    with transaction.atomic():
        for index, (item, key) in enumerate(zip(items, keys, strict=True)):
            if key in seen:
                answers.append(
                    _batch_error(
                        index,
                        key,
                        DomainError(
                            _("This key is used by an earlier item of the batch."), field="idempotency_key"
                        ),
                    )
                )
                continue
            seen.add(key)
            try:
                # A refused item leaves nothing behind (the checks write nothing; the report's writes are a
                # savepoint of their own), and the others stay.
                case = _report_one(request, item, key, system=system, lookups=lookups)
            except DomainError as exc:
                answers.append(_batch_error(index, key, exc))
                continue
            made[index] = case
            # A key this user reported with before gives back its case (200), as a single report does.
            status = 201 if getattr(case, "reported_now", False) else 200
            answers.append({"index": index, "idempotency_key": key, "status": status, "error": None})
    cases = Case.objects.filter(pk__in={c.pk for c in made.values()}).select_related("category", "area")
    shown = {row["id"]: row for row in case_payloads(user=user, cases=cases)}
    for answer in answers:
        case = made.get(answer["index"])
        answer["case"] = shown.get(case.pk) if case is not None else None
    return _json(
        {
            "created": sum(1 for a in answers if a["status"] == 201),
            "replayed": sum(1 for a in answers if a["status"] == 200),
            "refused": sum(1 for a in answers if a["status"] >= 400),
            "items": answers,
        }
    )


@router.get("/{case_id}", response=CaseDetailOut, summary=gettext_lazy("One case, with its trail"))
def case_detail(request, case_id: ObjectId):
    return _json(
        case_detail_payload(user=request.user, case=case_get_for_user(user=request.user, pk=case_id))
    )


# -- the steps of the loop -----------------------------------------------------------------------------------


class NoteIn(Schema):
    note: str = Field("", max_length=2000)


class ReasonIn(Schema):
    reason: str = Field(max_length=2000)


class DispatchIn(Schema):
    person: ObjectId | None = Field(None, description=gettext_lazy("A person holding a post over the place."))
    department: ObjectId | None = Field(None, description=gettext_lazy("A department serving the place."))
    organisation: ObjectId | None = Field(
        None,
        description=gettext_lazy("A property company or provider, or an organisation your post reaches."),
    )
    party_org: ObjectId | None = Field(
        None, description=gettext_lazy("A party organisation your post reaches (a branch, a task force).")
    )
    auto: bool = Field(False, description=gettext_lazy("Send it where its category and place say."))
    handle_due: datetime | None = Field(
        None,
        description=gettext_lazy("This case's handling deadline (in the future), instead of the category's."),
    )
    note: str = Field("", max_length=2000)


class ReturnDecideIn(Schema):
    upheld: bool
    note: str = Field("", max_length=2000)


class WhistleIn(Schema):
    lead: ObjectId = Field(description=gettext_lazy("The lead department (主办)."))
    assists: list[ObjectId] = Field([], max_length=30, description=gettext_lazy("Assisting departments."))
    note: str = Field(max_length=2000)


class MediateIn(Schema):
    note: str = Field(max_length=2000)
    participants: str = Field("", max_length=500)


class ConsultationIn(Schema):
    participants: str = Field("", max_length=500)
    agreement: str = Field("", max_length=1000)


class HandleIn(Schema):
    note: str = Field(max_length=2000)
    photos: list[ObjectId] = Field([], max_length=20)
    outcome: DisputeOutcome | None = Field(None, description=gettext_lazy("For a dispute: the outcome."))
    consultation: ConsultationIn | None = None
    materials: int | None = Field(None, ge=0, le=1000)


class VerifyIn(Schema):
    passed: bool
    note: str = Field("", max_length=2000)
    photos: list[ObjectId] = Field([], max_length=20)


class RateIn(Schema):
    rating: Rating | None = Field(
        None, description=gettext_lazy("The satisfaction level; may be left out when stars are given.")
    )
    stars: int | None = Field(
        None,
        description=gettext_lazy(
            "1 to 5 stars, which stand for a satisfaction level (docs/cases.md); given with a level, the two "
            "must agree."
        ),
    )
    note: str = Field("", max_length=500)


class MergeIn(Schema):
    into: ObjectId = Field(description=gettext_lazy("The case this one repeats."))
    note: str = Field("", max_length=2000)


class ExtendRequestIn(Schema):
    days: Decimal = Field(gt=0, le=365, max_digits=6, decimal_places=2)
    reason: str = Field(max_length=2000)


class ExtendDecideIn(Schema):
    approve: bool
    note: str = Field("", max_length=2000)


class CommentIn(Schema):
    note: str = Field(max_length=2000)
    is_public: bool = Field(False, description=gettext_lazy("Shown to the reporter too."))


def _directory_department(case: Case, pk: int, field: str) -> Department:
    """A department that may be sent this case: one whose area covers the case's place. (Departments are the
    dispatcher's directory, not data he reads: the service checks again that it serves the place.)"""
    department = Department.objects.filter(pk=pk).select_related("area").first()
    if department is None or not case.area_path.startswith(department.area_path):
        raise DomainError(_("This department does not serve the place of this case."), field=field)
    return department


def _directory_organisation(case: Case, pk: int) -> Organisation:
    """An organisation by id; the service decides whether the case may go to it."""
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None:
        raise DomainError(
            _("Cases go to property companies, providers and organisations your post reaches."),
            field="organisation",
        )
    return organisation


def _directory_person(case: Case, pk: int) -> Person:
    """A person holding a current post over the case's place (who else could take it)."""
    paths = ancestor_paths(case.area_path)
    holds = Post.objects.current().filter(person_id=pk).filter(Q(area__path__in=paths))
    if not holds.exists():
        raise DomainError(_("This person holds no post over the place of this case."), field="person")
    return Person.objects.get(pk=pk)


def _run(request, case_id: int, service, idempotency_key: str, **fields) -> dict:
    """Take one step on a case the caller may see, through its service, and answer with the case."""
    case = service(
        request.user, case=_case_for(request.user, case_id), idempotency_key=idempotency_key, **fields
    )
    return _answer(request.user, case)


def _step(summary, description=""):
    return {
        "response": CaseDetailOut,
        "summary": summary,
        "description": description,
    }


# Steps whose payload maps field for field onto the service's arguments: (path, summary, payload, service).
SIMPLE_STEPS = [
    ("accept", gettext_lazy("Accept a reported case (受理)"), NoteIn, services.case_accept),
    ("reject", gettext_lazy("Reject a case, with a reason (不予受理)"), ReasonIn, services.case_reject),
    ("take", gettext_lazy("Take a dispatched case (接单)"), NoteIn, services.case_take),
    ("return", gettext_lazy("Return a wrongly dispatched case (退单)"), ReasonIn, services.case_return),
    ("return-dispute", gettext_lazy("Dispute a return"), NoteIn, services.case_return_dispute),
    (
        "return-decide",
        gettext_lazy("Decide a disputed return (退单审定)"),
        ReturnDecideIn,
        services.case_return_decide,
    ),
    ("escalate", gettext_lazy("Escalate a case one level up (上报上级)"), NoteIn, services.case_escalate),
    ("respond", gettext_lazy("Report to a whistled case (报到)"), NoteIn, services.case_respond),
    ("mediate", gettext_lazy("Record a mediation session of a dispute"), MediateIn, services.case_mediate),
    ("verify", gettext_lazy("Verify the work on the spot (核查)"), VerifyIn, services.case_verify),
    ("rate", gettext_lazy("Rate the result (评价)"), RateIn, services.case_rate),
    ("reopen", gettext_lazy("Reopen a closed case (重新办理)"), ReasonIn, services.case_reopen),
    ("supervise", gettext_lazy("Supervise a slow or stuck case (督办)"), NoteIn, services.case_supervise),
    (
        "extend-request",
        gettext_lazy("Ask for more time (申请延期)"),
        ExtendRequestIn,
        services.case_extend_request,
    ),
    (
        "extend-decide",
        gettext_lazy("Approve or refuse an extension"),
        ExtendDecideIn,
        services.case_extend_decide,
    ),
    ("comment", gettext_lazy("Add a note to the trail"), CommentIn, services.case_comment),
]


def _simple_step(path: str, summary, schema: type[Schema], service) -> None:
    def endpoint(request, case_id: ObjectId, payload: schema, idempotency_key: str = IDEMPOTENCY_KEY):
        return _run(request, case_id, service, idempotency_key, **payload.dict())

    endpoint.__name__ = "case_" + path.replace("-", "_")
    router.post(f"/{{case_id}}/{path}", **_step(summary))(endpoint)


for _path, _summary, _schema, _service in SIMPLE_STEPS:
    _simple_step(_path, _summary, _schema, _service)


@router.post(
    "/{case_id}/dispatch",
    **_step(
        gettext_lazy("Dispatch a case (派单)"),
        gettext_lazy("To one person, department or company, or (auto) where its category and place say."),
    ),
)
def case_dispatch(request, case_id: ObjectId, payload: DispatchIn, idempotency_key: str = IDEMPOTENCY_KEY):
    case = _case_for(request.user, case_id)
    chosen = {
        "person": _directory_person(case, payload.person) if payload.person else None,
        "department": _directory_department(case, payload.department, "department")
        if payload.department
        else None,
        "organisation": _directory_organisation(case, payload.organisation) if payload.organisation else None,
        **handler_objects(HandlerIn(party_org=payload.party_org)),
    }
    case = services.case_dispatch(
        request.user,
        case=case,
        auto=payload.auto,
        handle_due=payload.handle_due,
        note=payload.note,
        idempotency_key=idempotency_key,
        **chosen,
    )
    return _answer(request.user, case)


@router.post("/{case_id}/whistle", **_step(gettext_lazy("Whistle for departments (吹哨报到)")))
def case_whistle(request, case_id: ObjectId, payload: WhistleIn, idempotency_key: str = IDEMPOTENCY_KEY):
    case = _case_for(request.user, case_id)
    lead = _directory_department(case, payload.lead, "lead")
    assists = [_directory_department(case, pk, "assists") for pk in payload.assists]
    case = services.case_whistle(
        request.user,
        case=case,
        lead=lead,
        assists=assists,
        note=payload.note,
        idempotency_key=idempotency_key,
    )
    return _answer(request.user, case)


@router.post("/{case_id}/handle", **_step(gettext_lazy("Record what was done (处置)")))
def case_handle(request, case_id: ObjectId, payload: HandleIn, idempotency_key: str = IDEMPOTENCY_KEY):
    return _run(
        request,
        case_id,
        services.case_handle,
        idempotency_key,
        note=payload.note,
        photos=payload.photos,
        outcome=payload.outcome or "",
        consultation=payload.consultation.dict() if payload.consultation else None,
        materials=payload.materials,
    )


@router.post("/{case_id}/merge", **_step(gettext_lazy("Merge a duplicate into the case it repeats (合并)")))
def case_merge(request, case_id: ObjectId, payload: MergeIn, idempotency_key: str = IDEMPOTENCY_KEY):
    user = request.user
    case = services.case_merge(
        user,
        case=_case_for(user, case_id),
        into=_case_for(user, payload.into),
        note=payload.note,
        idempotency_key=idempotency_key,
    )
    return _answer(user, case)


class ClaimIn(Schema):
    organisation: ObjectId | None = Field(
        None,
        description=gettext_lazy(
            "Claim for an organisation you hold a post in; leave out to claim yourself."
        ),
    )
    note: str = Field("", max_length=2000)


def _claim_step(request, case_id: int, payload: ClaimIn, idempotency_key: str, service):
    organisation = None
    if payload.organisation is not None:
        organisation = Organisation.objects.filter(pk=payload.organisation).first()
        if organisation is None:
            raise DomainError(
                _("You claim for an organisation only where you hold a post in it."),
                code="forbidden",
                field="organisation",
            )
    return _run(request, case_id, service, idempotency_key, organisation=organisation, note=payload.note)


@router.post(
    "/{case_id}/claim",
    **_step(
        gettext_lazy("Claim a case (认领)"),
        gettext_lazy(
            "A micro-wish or a service project, up to its places (409 when they are taken). Claiming again "
            "while your claim stands returns the case as your first claim left it."
        ),
    ),
)
def case_claim(request, case_id: ObjectId, payload: ClaimIn, idempotency_key: str = IDEMPOTENCY_KEY):
    return _claim_step(request, case_id, payload, idempotency_key, services.case_claim)


@router.post(
    "/{case_id}/claim-withdraw",
    **_step(gettext_lazy("Withdraw your claim before work starts (撤回认领)")),
)
def case_claim_withdraw(request, case_id: ObjectId, payload: ClaimIn, idempotency_key: str = IDEMPOTENCY_KEY):
    return _claim_step(request, case_id, payload, idempotency_key, services.case_claim_withdraw)


# -- categories ----------------------------------------------------------------------------------------------


class CategoryOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    kind_label: str
    parent_id: int | None
    depth: int
    first_level: int
    response_hours: float
    handling_days: float
    is_public: bool
    description: str
    extra_fields: list[dict] = Field(
        description=gettext_lazy("What a reporter fills in beyond the description (Open311 attributes).")
    )


CategoryPage = page_schema(CategoryOut, "CategoryPage")


def category_payloads(categories) -> list[dict]:
    categories = list(categories)
    parents = dict(
        Category.objects.filter(
            path__in={parent_path(c.path, Category.steplen) for c in categories if c.depth > 1}
        ).values_list("path", "id")
    )
    return [
        {
            "id": c.pk,
            "code": c.code,
            "name": c.name,
            "kind": c.kind,
            "kind_label": str(c.get_kind_display()),
            "parent_id": parents.get(parent_path(c.path, Category.steplen)),
            "depth": c.depth,
            "first_level": c.first_level,
            "response_hours": float(c.response_hours),
            "handling_days": float(c.handling_days),
            "is_public": c.is_public,
            "description": c.description,
            "extra_fields": c.extra_fields or [],
        }
        for c in categories
    ]


@categories_router.get(
    "/",
    response=CategoryPage,
    summary=gettext_lazy("The categories in use"),
    description=gettext_lazy("The whole tree, parents before children."),
)
def category_list(request, page: Query[PageParams]):
    chunk = paginate(category_tree(), page, key="path")
    return {"items": category_payloads(chunk.items), "next_cursor": chunk.next_cursor}


@categories_router.get("/{category_id}", response=CategoryOut, summary=gettext_lazy("One category"))
def category_detail(request, category_id: ObjectId):
    category = category_tree().filter(pk=category_id).first()
    if category is None:
        raise DomainError(_("Category not found."), code="not_found")
    return category_payloads([category])[0]
