"""/api/v1/registrations/ and /api/v1/unit-registrations/: the same services, selectors and scope as the
pages (志愿者报到, the vetting list, a unit's page with its head's community posts)."""

from datetime import date, datetime

from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from lianxin.areas.models import Area
from lianxin.core.api_pagination import PageParams, page_schema, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, get_for_user
from lianxin.party.models import PartyOrg
from lianxin.people.models import Person
from lianxin.volunteering import selectors, services
from lianxin.volunteering.api.common import status_value
from lianxin.volunteering.models import UnitRegistration, VolunteerRegistration
from lianxin.volunteering.services.registrations import unit_head_posts

router = Router(tags=[_("Volunteer registrations")])
units_router = Router(tags=[_("Unit registrations")])


class RegistrationOut(Schema):
    id: int
    person_id: int
    person_name: str
    kind: str
    kind_label: str
    community_id: int
    community_name: str
    home_org_id: int | None
    skills: str
    status: str
    status_label: str
    created_at: datetime
    decided_at: datetime | None
    reason: str
    post_id: int | None
    membership_id: int | None


def _registration_out(r: VolunteerRegistration) -> dict:
    return {
        "id": r.pk,
        "person_id": r.person_id,
        "person_name": r.person.name,
        "kind": r.kind,
        "kind_label": str(r.get_kind_display()),
        "community_id": r.community_id,
        "community_name": r.community.name,
        "home_org_id": r.home_org_id,
        "skills": r.skills,
        "status": r.status,
        "status_label": str(r.get_status_display()),
        "created_at": r.created_at,
        "decided_at": r.decided_at,
        "reason": r.reason,
        "post_id": r.post_id,
        "membership_id": r.membership_id,
    }


class RegistrationPage(Schema):
    count: int = Field(description=_("All registrations matching, as on the vetting list"))
    items: list[RegistrationOut]
    next_cursor: str | None


class RegistrationIn(Schema):
    kind: str = Field(description=_("resident or member"))
    skills: str = Field("", max_length=200)


class RefuseIn(Schema):
    reason: str = Field(max_length=200)


def _root(user, area_id):
    return get_for_user(Area, user, area_id) if area_id else None


@router.get("/", response=RegistrationPage, summary=_("Volunteer registrations"))
def registration_list(request, page: Query[PageParams], status: str = "", area_id: ObjectId | None = None):
    """Your own registrations; community staff those of their communities; a unit's party organisation
    those of its members. ``status``: pending, approved or refused."""
    rows = selectors.registrations_for(
        user=request.user, status=status_value(status), root=_root(request.user, area_id)
    )
    chunk = paginate(rows, page, key="id", descending=True)
    return {
        "count": rows.count(),
        "items": [_registration_out(r) for r in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@router.post("/", response={201: RegistrationOut}, summary=_("Register as a volunteer"))
def registration_create(request, payload: RegistrationIn):
    """Report to the community where you live (双报到 for an employed party member)."""
    registration = services.volunteer_register(request.user, kind=payload.kind, skills=payload.skills)
    return Status(201, _registration_out(registration))


class UnitRegistrationOut(Schema):
    id: int
    unit_org_id: int
    unit_org_name: str
    unit_type: str
    unit_type_label: str
    community_id: int
    community_name: str
    head_id: int
    head_name: str
    services: str
    status: str
    status_label: str
    created_at: datetime
    decided_at: datetime | None
    reason: str


def _unit_out(r: UnitRegistration) -> dict:
    return {
        "id": r.pk,
        "unit_org_id": r.unit_org_id,
        "unit_org_name": r.unit_org.name,
        "unit_type": r.unit_type,
        "unit_type_label": str(r.get_unit_type_display()),
        "community_id": r.community_id,
        "community_name": r.community.name,
        "head_id": r.head_id,
        "head_name": r.head.name,
        "services": r.services,
        "status": r.status,
        "status_label": str(r.get_status_display()),
        "created_at": r.created_at,
        "decided_at": r.decided_at,
        "reason": r.reason,
    }


UnitRegistrationPage = page_schema(UnitRegistrationOut, "UnitRegistrationPage")


class UnitRegistrationIn(Schema):
    unit_org_id: ObjectId
    unit_type: str = Field(description=_("organ, soe, school, private or social"))
    community_id: ObjectId
    head_id: ObjectId
    services: str = Field("", max_length=200)


def _pick(model, pk, field: str, message):
    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        raise DomainError(str(message), field=field)
    return obj


@units_router.get("/", response=UnitRegistrationPage, summary=_("Unit registrations"))
def unit_registration_list(
    request, page: Query[PageParams], status: str = "", area_id: ObjectId | None = None
):
    rows = selectors.unit_registrations_for(
        user=request.user, status=status_value(status), root=_root(request.user, area_id)
    )
    chunk = paginate(rows, page, key="id", descending=True)
    return {"items": [_unit_out(r) for r in chunk.items], "next_cursor": chunk.next_cursor}


@units_router.post("/", response={201: UnitRegistrationOut}, summary=_("Register a unit"))
def unit_registration_create(request, payload: UnitRegistrationIn):
    """A unit's party organisation reports to a community (entered by the unit or by the community's
    staff). Communities and party organisations are named by id; their names are not personal data."""
    registration = services.unit_register(
        request.user,
        unit_org=_pick(PartyOrg, payload.unit_org_id, "unit_org_id", _("No such party organisation.")),
        unit_type=payload.unit_type,
        community=_pick(Area, payload.community_id, "community_id", _("No such community.")),
        head=_pick(Person, payload.head_id, "head_id", _("Name the unit's party head.")),
        services=payload.services,
    )
    return Status(201, _unit_out(registration))


def _decisions(router, model, approve, refuse, out, schema, summaries) -> None:
    """POST …/{registration_id}/approve and …/refuse for one kind of registration."""

    name = model._meta.model_name

    @router.post(
        "/{registration_id}/approve",
        response=schema,
        summary=summaries[0],
        operation_id=f"lianxin_volunteering_{name}_approve",
    )
    def approve_view(request, registration_id: ObjectId):
        registration = get_for_user(model, request.user, registration_id, CHANGE)
        return out(approve(request.user, registration=registration))

    @router.post(
        "/{registration_id}/refuse",
        response=schema,
        summary=summaries[1],
        operation_id=f"lianxin_volunteering_{name}_refuse",
    )
    def refuse_view(request, registration_id: ObjectId, payload: RefuseIn):
        registration = get_for_user(model, request.user, registration_id, CHANGE)
        return out(refuse(request.user, registration=registration, reason=payload.reason))


_decisions(
    router,
    VolunteerRegistration,
    services.volunteer_registration_approve,
    services.volunteer_registration_refuse,
    _registration_out,
    RegistrationOut,
    (_("Approve a registration"), _("Refuse a registration")),
)
_decisions(
    units_router,
    UnitRegistration,
    services.unit_registration_approve,
    services.unit_registration_refuse,
    _unit_out,
    UnitRegistrationOut,
    (_("Approve a unit"), _("Refuse a unit")),
)


# -- one unit and its head's community posts (P001-42) -------------------------------------------------


class HeadPostOut(Schema):
    id: int
    role: str
    role_label: str
    party_org_id: int | None
    party_org_name: str | None
    area_id: int | None
    start_date: date
    duties: str


class UnitRegistrationDetailOut(UnitRegistrationOut):
    head_posts: list[HeadPostOut] = Field(description=_("The head's current posts at the community"))


class HeadPostIn(Schema):
    role: str = Field("part_time_committee_member", description=_("part_time_committee_member or instructor"))
    start_date: date | None = None
    duties: str = Field("", max_length=200)


def _post_out(post) -> dict:
    return {
        "id": post.pk,
        "role": post.role,
        "role_label": str(post.get_role_display()),
        "party_org_id": post.party_org_id,
        "party_org_name": post.party_org.name if post.party_org_id else None,
        "area_id": post.area_id,
        "start_date": post.start_date,
        "duties": post.duties,
    }


def _unit_detail(registration: UnitRegistration) -> dict:
    posts = unit_head_posts(registration)
    return {**_unit_out(registration), "head_posts": [_post_out(p) for p in posts]}


@units_router.get(
    "/{registration_id}",
    response=UnitRegistrationDetailOut,
    summary=_("One unit registration, with its head's posts at the community"),
)
def unit_registration_detail(request, registration_id: ObjectId):
    return _unit_detail(get_for_user(UnitRegistration, request.user, registration_id))


@units_router.post(
    "/{registration_id}/head-posts",
    response={201: HeadPostOut},
    summary=_("Give a registered unit's party head a community post"),
)
def unit_head_post_create(request, registration_id: ObjectId, payload: HeadPostIn):
    """The organisation department and the secretaries over the community appoint the head of an approved
    unit registration as a part-time committee member (兼职委员) or the community's instructor."""
    registration = get_for_user(UnitRegistration, request.user, registration_id, CHANGE)
    post = services.unit_head_appoint(
        request.user,
        registration=registration,
        role=payload.role,
        start_date=payload.start_date,
        duties=payload.duties,
    )
    return Status(201, _post_out(post))
