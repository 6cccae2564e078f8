"""The API of setting up and keeping party organisations (added to the party-orgs router), memberships,
key industry chains, member posts, secretary studios and staff category changes. Same services, same
scope and the same Chinese messages as the pages."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from lianxin.areas.models import Area
from lianxin.core.api_pagination import PageParams, page_schema, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.db_router import read_from_replica
from lianxin.core.scope import CHANGE, get_for_user
from lianxin.party.api import PartyOrgOut, party_org_payloads
from lianxin.party.api import router as party_orgs_router
from lianxin.party.models import Membership, PartyOrg
from lianxin.party.models.chains import IndustryChain
from lianxin.party.models.member_posts import MemberPost
from lianxin.party.models.studios import SecretaryStudio
from lianxin.party.selectors.orgs import (
    industry_chains,
    member_posts,
    person_find,
    scoped_pick,
    secretary_studios,
)
from lianxin.party.services import orgs as services
from lianxin.people.models import Organisation, Person, Post
from lianxin.people.models.staff_category import StaffCategoryChange
from lianxin.people.services.staff_category import staff_category_change

memberships_router = Router(tags=[_("Memberships")])
chains_router = Router(tags=[_("Key industry chains")])
member_posts_router = Router(tags=[_("Member posts")])
studios_router = Router(tags=[_("Secretary studios")])
category_router = Router(tags=[_("Staff category changes")])


def _manager(user) -> None:
    if not services.org_manager(user):
        raise PermissionDenied


def _person(user, person_id, field_name):
    return person_find(user=user, text=str(person_id), field_name=field_name) if person_id else None


# -- organisations ------------------------------------------------------------------------------------


class PartyOrgIn(Schema):
    name: str = Field(max_length=100)
    kind: str = Field(description=_("working_committee, committee, general_branch, branch, group …"))
    parent_id: int | None = Field(None, description=_("The organisation it belongs to"))
    area_id: int | None = Field(None, description=_("The area it is anchored to"))
    secretary_id: int | None = Field(None, description=_("The person who is its secretary"))
    field: str = ""
    sector: str = ""
    setup_mode: str = ""
    founded_on: date | None = None
    has_plaque: bool = False
    office_place: str = Field("", max_length=100)
    operating_since: date | None = None
    organisation_ids: list[int] | None = Field(
        None, description=_("Property companies or enterprises it covers; omitted: unchanged")
    )


def _organisations(user, payload: PartyOrgIn):
    if payload.organisation_ids is None:
        return None
    return [
        scoped_pick(Organisation, user=user, value=pk, field_name="organisation_ids")
        for pk in payload.organisation_ids
    ]


def _org_values(user, payload: PartyOrgIn) -> dict:
    """The payload as the services take it (setting up and changing alike), each id picked in scope."""
    return {
        "kind": payload.kind,
        "name": payload.name,
        "area": scoped_pick(Area, user=user, value=payload.area_id, field_name="area_id"),
        "secretary": _person(user, payload.secretary_id, "secretary_id"),
        "organisations": _organisations(user, payload),
        **payload.model_dump(
            include={
                "field",
                "sector",
                "setup_mode",
                "founded_on",
                "has_plaque",
                "office_place",
                "operating_since",
            }
        ),
    }


@party_orgs_router.post("/", response={201: PartyOrgOut}, summary=_("Set up a party organisation"))
def party_org_create(request, payload: PartyOrgIn):
    user = request.user
    _manager(user)
    parent = scoped_pick(PartyOrg, user=user, value=payload.parent_id, field_name="parent_id")
    org = services.party_org_add(actor=user, parent=parent, **_org_values(user, payload))
    return Status(201, party_org_payloads(user=user, orgs=[org])[0])


@party_orgs_router.patch("/{org_id}", response=PartyOrgOut, summary=_("Change a party organisation"))
def party_org_change(request, org_id: ObjectId, payload: PartyOrgIn):
    user = request.user
    org = get_for_user(PartyOrg, user, org_id, CHANGE)
    _manager(user)
    parent = scoped_pick(PartyOrg, user=user, value=payload.parent_id, field_name="parent_id")
    org = services.party_org_edit(actor=user, org=org, parent=parent, **_org_values(user, payload))
    return party_org_payloads(user=user, orgs=[org])[0]


# -- memberships -----------------------------------------------------------------------------------------


class MembershipOut(Schema):
    id: int
    person_id: int
    person_name: str
    org_id: int
    kind: str
    kind_label: str
    is_home: bool
    is_mobile: bool
    joined_on: date | None
    start_date: date
    end_date: date | None


def _membership_out(m: Membership) -> dict:
    return {
        "id": m.pk,
        "person_id": m.person_id,
        "person_name": m.person.name,
        "org_id": m.org_id,
        "kind": m.kind,
        "kind_label": str(m.get_kind_display()),
        "is_home": m.is_home,
        "is_mobile": m.is_mobile,
        "joined_on": m.joined_on,
        "start_date": m.start_date,
        "end_date": m.end_date,
    }


MembershipPage = page_schema(MembershipOut, "MembershipPage")


class MembershipIn(Schema):
    person_id: ObjectId
    org_id: ObjectId
    kind: str = Field("full", description=_("full, probationary or applicant"))
    is_home: bool = Field(True, description=_("Organisational relation held here"))
    is_mobile: bool = False
    work_place: str = Field("", max_length=100)
    joined_on: date | None = None
    start_date: date | None = None


class MembershipChangeIn(Schema):
    kind: str
    is_mobile: bool = False
    work_place: str = Field("", max_length=100)
    joined_on: date | None = None
    move_to_org_id: int | None = Field(None, description=_("Move the organisational relation there"))
    end_on: date | None = Field(None, description=_("End this membership on this day"))


@memberships_router.get("/", response=MembershipPage, summary=_("Current memberships"))
def membership_list(request, page: Query[PageParams], org_id: ObjectId | None = None):
    """The current memberships you may see; ``org_id``: those held in one organisation."""
    memberships = Membership.objects.restrict(request.user).current().select_related("person")
    if org_id:
        memberships = memberships.filter(org=get_for_user(PartyOrg, request.user, org_id))
    chunk = paginate(memberships, page, key="id")
    return {"items": [_membership_out(m) for m in chunk.items], "next_cursor": chunk.next_cursor}


class MobileMemberOut(Schema):
    membership_id: int
    person_id: int
    person_name: str
    work_place: str
    mobile_masked: str
    org_id: int
    org_name: str
    is_home: bool


class MobileMemberPage(Schema):
    count: int = Field(description=_("All mobile members matching, as on the list page"))
    items: list[MobileMemberOut]
    next_cursor: str | None


@memberships_router.get("/mobile", response=MobileMemberPage, summary=_("Mobile party members"))
def mobile_member_list_api(request, page: Query[PageParams], area_id: ObjectId | None = None):
    """Members marked mobile (流动党员) with their place of work and masked mobile number, for the county's
    mobile-member liaison centre: the same list and count as /coverage/mobile-members/ and its export."""
    from lianxin.party.selectors.orgs import mobile_members

    root = get_for_user(Area, request.user, area_id) if area_id else None
    members = mobile_members(user=request.user, root=root)
    chunk = paginate(members, page, key="id")
    return {
        "count": members.count(),
        "items": [
            {
                "membership_id": m.pk,
                "person_id": m.person_id,
                "person_name": m.person.name,
                "work_place": m.work_place,
                "mobile_masked": m.person.mobile_masked,
                "org_id": m.org_id,
                "org_name": m.org.name,
                "is_home": m.is_home,
            }
            for m in chunk.items
        ],
        "next_cursor": chunk.next_cursor,
    }


@memberships_router.post("/", response={201: MembershipOut}, summary=_("Enrol a member"))
def membership_create(request, payload: MembershipIn):
    user = request.user
    org = get_for_user(PartyOrg, user, payload.org_id, CHANGE)
    _manager(user)
    membership = services.membership_add(
        actor=user,
        person=_person(user, payload.person_id, "person_id"),
        org=org,
        kind=payload.kind,
        is_home=payload.is_home,
        is_mobile=payload.is_mobile,
        work_place=payload.work_place,
        joined_on=payload.joined_on,
        start_date=payload.start_date,
    )
    return Status(201, _membership_out(membership))


@memberships_router.patch("/{membership_id}", response=MembershipOut, summary=_("Change a membership"))
def membership_change(request, membership_id: ObjectId, payload: MembershipChangeIn):
    user = request.user
    membership = get_for_user(Membership, user, membership_id, CHANGE)
    _manager(user)
    result = services.membership_edit(
        actor=user,
        membership=membership,
        kind=payload.kind,
        is_mobile=payload.is_mobile,
        work_place=payload.work_place,
        joined_on=payload.joined_on,
        move_to=scoped_pick(PartyOrg, user=user, value=payload.move_to_org_id, field_name="move_to_org_id"),
        end_on=payload.end_on,
    )
    return _membership_out(Membership.objects.select_related("person").get(pk=result.pk))


# -- key industry chains ----------------------------------------------------------------------------------


class PartyRef(Schema):
    id: int
    name: str


class ChainOut(Schema):
    id: int
    name: str
    area: PartyRef
    is_ready: bool
    ready_on: date | None
    party_org: PartyRef | None
    enterprises: list[PartyRef]
    secretaries: list[PartyRef]
    chain_leaders: list[PartyRef]
    ready_without_org: bool = Field(description=_("Ready but no party organisation yet"))
    leader_not_secretary: bool = Field(description=_("The chain leader is not the secretary"))


def _ref(obj):
    return {"id": obj.pk, "name": obj.name} if obj is not None else None


def _chain_out(row) -> dict:
    c = row.chain
    return {
        "id": c.pk,
        "name": c.name,
        "area": _ref(c.area),
        "is_ready": c.is_ready,
        "ready_on": c.ready_on,
        "party_org": _ref(c.party_org),
        "enterprises": [_ref(e) for e in row.enterprises],
        "secretaries": [_ref(p) for p in row.secretaries],
        "chain_leaders": [_ref(p) for p in row.leaders],
        "ready_without_org": row.ready_without_org,
        "leader_not_secretary": row.leader_not_secretary,
    }


class ChainIn(Schema):
    name: str = Field(max_length=100)
    area_id: ObjectId | None = None
    is_ready: bool = False
    ready_on: date | None = None
    party_org_id: int | None = None
    enterprise_ids: list[int] = []
    note: str = Field("", max_length=200)


def _chain_values(user, payload: ChainIn) -> dict:
    return {
        "name": payload.name,
        "is_ready": payload.is_ready,
        "ready_on": payload.ready_on,
        "party_org": scoped_pick(PartyOrg, user=user, value=payload.party_org_id, field_name="party_org_id"),
        "enterprises": [
            scoped_pick(Organisation, user=user, value=pk, field_name="enterprise_ids")
            for pk in payload.enterprise_ids
        ],
        "note": payload.note,
    }


def _chain_row(user, chain):
    return next(r for r in industry_chains(user=user) if r.chain.pk == chain.pk)


@chains_router.get("/", response=list[ChainOut], summary=_("Key industry chains"))
def chain_list(request, gaps: bool = False):
    """``gaps=true``: only the chains that are ready but have no party organisation."""
    return [_chain_out(row) for row in industry_chains(user=request.user, gaps_only=gaps)]


@chains_router.post("/", response={201: ChainOut}, summary=_("Put a key industry chain on the list"))
def chain_create(request, payload: ChainIn):
    user = request.user
    _manager(user)
    chain = services.industry_chain_create(
        actor=user,
        area=scoped_pick(Area, user=user, value=payload.area_id, field_name="area_id"),
        **_chain_values(user, payload),
    )
    return Status(201, _chain_out(_chain_row(user, chain)))


@chains_router.patch("/{chain_id}", response=ChainOut, summary=_("Change a key industry chain"))
def chain_change(request, chain_id: ObjectId, payload: ChainIn):
    user = request.user
    chain = get_for_user(IndustryChain, user, chain_id, CHANGE)
    _manager(user)
    chain = services.industry_chain_edit(actor=user, chain=chain, **_chain_values(user, payload))
    return _chain_out(_chain_row(user, chain))


# -- member posts ------------------------------------------------------------------------------------------


class MemberPostOut(Schema):
    id: int
    org: PartyRef
    kind: str
    kind_label: str
    name: str
    holder: PartyRef
    designated_on: date
    ended_on: date | None


def _member_post_out(p: MemberPost) -> dict:
    return {
        "id": p.pk,
        "org": _ref(p.org),
        "kind": p.kind,
        "kind_label": str(p.get_kind_display()),
        "name": p.name,
        "holder": _ref(p.holder),
        "designated_on": p.designated_on,
        "ended_on": p.ended_on,
    }


class MemberPostIn(Schema):
    org_id: ObjectId
    kind: str = Field(description=_("model_post, responsibility_area or shock_team"))
    name: str = Field(max_length=100)
    holder_id: ObjectId
    designated_on: date | None = None


@member_posts_router.get(
    "/", response=list[MemberPostOut], summary=_("Member model posts and responsibility areas")
)
def member_post_list(request, org_id: ObjectId | None = None):
    org = get_for_user(PartyOrg, request.user, org_id) if org_id else None
    return [_member_post_out(p) for p in member_posts(user=request.user, org=org)[:1000]]


@member_posts_router.post("/", response={201: MemberPostOut}, summary=_("Designate a member post"))
def member_post_create(request, payload: MemberPostIn):
    user = request.user
    org = get_for_user(PartyOrg, user, payload.org_id, CHANGE)
    _manager(user)
    post = services.member_post_designate(
        actor=user,
        org=org,
        kind=payload.kind,
        name=payload.name,
        holder=_person(user, payload.holder_id, "holder_id"),
        designated_on=payload.designated_on,
    )
    return Status(201, _member_post_out(post))


@member_posts_router.post("/{post_id}/end", response=MemberPostOut, summary=_("End a member post"))
def member_post_finish(request, post_id: ObjectId):
    user = request.user
    post = get_for_user(MemberPost.objects.select_related("org", "holder"), user, post_id, CHANGE)
    _manager(user)
    return _member_post_out(services.member_post_end(actor=user, member_post=post))


# -- secretary studios ------------------------------------------------------------------------------------


class StudioOut(Schema):
    id: int
    name: str
    lead: PartyRef
    area: PartyRef
    founded_on: date
    mentees: list[PartyRef]


def _studio_out(studio) -> dict:
    return {
        "id": studio.pk,
        "name": studio.name,
        "lead": _ref(studio.lead),
        "area": _ref(studio.area),
        "founded_on": studio.founded_on,
        "mentees": [_ref(link.mentee) for link in studio.current_mentees],
    }


class StudioIn(Schema):
    name: str = Field(max_length=100)
    lead_id: ObjectId
    area_id: ObjectId
    founded_on: date | None = None


class MenteeIn(Schema):
    mentee_id: ObjectId
    since: date | None = None


def _studio(user, pk):
    return secretary_studios(user=user).get(pk=pk)


@studios_router.get("/", response=list[StudioOut], summary=_("Secretary studios"))
def studio_list(request):
    return [_studio_out(s) for s in secretary_studios(user=request.user)]


@studios_router.post("/", response={201: StudioOut}, summary=_("Set up a secretary studio"))
def studio_create(request, payload: StudioIn):
    user = request.user
    _manager(user)
    studio = services.secretary_studio_create(
        actor=user,
        name=payload.name,
        lead=_person(user, payload.lead_id, "lead_id"),
        area=scoped_pick(Area, user=user, value=payload.area_id, field_name="area_id"),
        founded_on=payload.founded_on,
    )
    return Status(201, _studio_out(_studio(user, studio.pk)))


@studios_router.post("/{studio_id}/mentees", response={201: StudioOut}, summary=_("Add a mentee secretary"))
def studio_mentee_create(request, studio_id: ObjectId, payload: MenteeIn):
    user = request.user
    studio = get_for_user(SecretaryStudio, user, studio_id, CHANGE)
    _manager(user)
    services.studio_mentee_add(
        actor=user, studio=studio, mentee=_person(user, payload.mentee_id, "mentee_id"), since=payload.since
    )
    return Status(201, _studio_out(_studio(user, studio.pk)))


# -- staff category changes --------------------------------------------------------------------------------


class CategoryChangeOut(Schema):
    id: int
    person: PartyRef
    from_role: str
    to_role: str
    method: str
    method_label: str
    changed_on: date
    from_post_id: int
    to_post_id: int


def _change_out(c: StaffCategoryChange) -> dict:
    return {
        "id": c.pk,
        "person": _ref(c.person),
        "from_role": c.from_role,
        "to_role": c.to_role,
        "method": c.method,
        "method_label": str(c.get_method_display()),
        "changed_on": c.changed_on,
        "from_post_id": c.from_post_id,
        "to_post_id": c.to_post_id,
    }


class CategoryChangeIn(Schema):
    post_id: ObjectId = Field(description=_("The full-time grid worker's post"))
    method: str = Field(description=_("selection (择优划转) or examination (统一考录)"))
    on: date


@category_router.get("/", response=list[CategoryChangeOut], summary=_("Staff category changes"))
def category_change_list(request, person_id: ObjectId | None = None):
    changes = StaffCategoryChange.objects.restrict(request.user).select_related("person")
    if person_id:
        person = get_for_user(Person, request.user, person_id)
        changes = changes.filter(person=person)
    return [_change_out(c) for c in changes[:1000]]


@category_router.post(
    "/", response={201: CategoryChangeOut}, summary=_("Change a grid worker to community worker")
)
def category_change_create(request, payload: CategoryChangeIn):
    user = request.user
    post = get_for_user(Post, user, payload.post_id)
    change = staff_category_change(actor=user, post=post, method=payload.method, on=payload.on)
    return Status(201, _change_out(change))


# -- territory figures ------------------------------------------------------------------------------------

figures_router = Router(tags=[_("Territory figures")])


class FigureRow(Schema):
    label: str
    value: str
    note: str
    url: str = Field("", description=_("The page listing what the figure counts, when there is one"))


class FigureTable(Schema):
    title: str
    rows: list[FigureRow]


@figures_router.get("/", response=list[FigureTable], summary=_("Organisation and staffing figures"))
@read_from_replica
def territory_figures_api(
    request, area_id: ObjectId | None = None, since: date | None = None, until: date | None = None
):
    """The tables of the figures page for an area you may see (all your areas without ``area_id``);
    ``since`` and ``until`` bound the "founded in the period" figures (default: this year)."""
    from lianxin.party.figures.organisation import territory_figures

    root = get_for_user(Area, request.user, area_id) if area_id else None
    tables = territory_figures(user=request.user, root=root, since=since, until=until)
    return [
        {
            "title": str(title),
            "rows": [
                {"label": str(r.label), "value": str(r.value), "note": str(r.note), "url": r.url}
                for r in rows
            ],
        }
        for title, rows in tables
    ]


class SendDownIn(Schema):
    person_id: ObjectId
    estate_id: ObjectId
    on: date | None = None


class SentDownOut(Schema):
    post_id: int
    person: PartyRef
    estate: PartyRef
    role: str
    start_date: date


@category_router.post(
    "/send-down", response={201: SentDownOut}, summary=_("Send a community staff member down to an estate")
)
def staff_send_down_api(request, payload: SendDownIn):
    """An extra post over one of his community's estates (下沉小区), same role, marked sent down."""
    from lianxin.people.services.staff_category import staff_send_down

    user = request.user
    person = get_for_user(Person, user, payload.person_id)
    estate = get_for_user(Area, user, payload.estate_id)
    post = staff_send_down(actor=user, person=person, estate=estate, on=payload.on)
    return Status(
        201,
        {
            "post_id": post.pk,
            "person": _ref(person),
            "estate": _ref(estate),
            "role": post.role,
            "start_date": post.start_date,
        },
    )


# -- appointments (posts) ----------------------------------------------------------------------------------

appointments_router = Router(tags=[_("Appointments")])


class AppointIn(Schema):
    person_id: ObjectId
    role: str = Field(description=_("building_captain, part_time_grid_worker, chain_leader, secretary …"))
    area_id: int | None = None
    party_org_id: int | None = None
    organisation_id: int | None = None
    start_date: date | None = None
    is_full_time: bool = False
    source: str = ""
    duties: str = Field("", max_length=500)


class AppointmentOut(Schema):
    post_id: int
    person: PartyRef
    role: str
    role_label: str
    scope: str
    start_date: date
    end_date: date | None


def _appointment_out(post) -> dict:
    return {
        "post_id": post.pk,
        "person": _ref(post.person),
        "role": post.role,
        "role_label": str(post.get_role_display()),
        "scope": post.scope_label,
        "start_date": post.start_date,
        "end_date": post.end_date,
    }


@appointments_router.post("/", response={201: AppointmentOut}, summary=_("Appoint a post"))
def appointment_create(request, payload: AppointIn):
    from lianxin.people.appointments import post_appoint, post_appointer

    user = request.user
    if not post_appointer(user):
        raise PermissionDenied
    post = post_appoint(
        actor=user,
        person=get_for_user(Person, user, payload.person_id),
        role=payload.role,
        area=scoped_pick(Area, user=user, value=payload.area_id, field_name="area_id"),
        party_org=scoped_pick(PartyOrg, user=user, value=payload.party_org_id, field_name="party_org_id"),
        organisation=scoped_pick(
            Organisation, user=user, value=payload.organisation_id, field_name="organisation_id"
        ),
        start_date=payload.start_date,
        is_full_time=payload.is_full_time,
        source=payload.source,
        duties=payload.duties,
    )
    return Status(201, _appointment_out(post))


@appointments_router.post("/{post_id}/end", response=AppointmentOut, summary=_("End a post"))
def appointment_end(request, post_id: ObjectId):
    from lianxin.people.appointments import post_appointer, post_end

    user = request.user
    post = get_for_user(Post.objects.select_related("person"), user, post_id)
    if not post_appointer(user):
        raise PermissionDenied
    return _appointment_out(post_end(actor=user, post=post))


class NoticeIn(Schema):
    title: str = Field(max_length=200)
    body: str = ""


class NoticeOut(Schema):
    recipients: int


@party_orgs_router.post(
    "/{org_id}/notice", response={201: NoticeOut}, summary=_("Send a notice to every level under one")
)
def party_org_notice(request, org_id: ObjectId, payload: NoticeIn):
    """Street committee, community committees, estate branches, building groups and member households."""
    user = request.user
    org = get_for_user(PartyOrg, user, org_id, CHANGE)
    _manager(user)
    outbox = services.party_notice_all_levels(actor=user, org=org, title=payload.title, body=payload.body)
    return Status(201, {"recipients": len(outbox.targets["persons"])})
