"""Sector departments (P003-15), industry-chain alliances (P003-31–34) and couriers' fixed grid workers
(P003-27) over the API, scoped as the pages are; writes go through the same services."""

from datetime import date

from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from lianxin.areas.models import Area
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, get_for_user
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.party.models.alliances import AllianceMember, ChainCategory, ChainSegment
from lianxin.party.services import alliances as alliance_services
from lianxin.party.services import couriers as courier_services
from lianxin.party.services import mobile as mobile_services
from lianxin.party.services import sectors as sector_services
from lianxin.people.models import Department, Organisation, Person

alliances_router = Router(tags=[_("Industry-chain alliances")])
sectors_router = Router(tags=[_("Sector committees")])
couriers_router = Router(tags=[_("Couriers and their grid workers")])


def _scoped(queryset, pk, field):
    if pk is None:
        return None
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise DomainError(_("Not found among what you may see."), code="invalid", field=field)
    return obj


class AreaQuery(Schema):
    area: int | None = Field(None, description=_("Only under this area"))


def _root(user, query: AreaQuery):
    return get_for_user(Area, user, query.area) if query.area else None


# -- sector committees -------------------------------------------------------------------------------------


class SectorDepartmentOut(Schema):
    id: int
    department_id: int
    department: str
    role: str
    role_label: str
    since: str


class SectorDepartmentIn(Schema):
    department_id: int
    role: str = Field(description=_("lead, guiding or cooperating"))


def _sector_committee(user, org_id, action="view"):
    committee = get_for_user(PartyOrg, user, org_id, action)
    if committee.kind != OrgKind.SECTOR_COMMITTEE:
        from django.http import Http404

        raise Http404
    return committee


def _department_out(link) -> dict:
    return {
        "id": link.pk,
        "department_id": link.department_id,
        "department": link.department.name,
        "role": link.role,
        "role_label": str(link.get_role_display()),
        "since": link.since.isoformat(),
    }


@sectors_router.get(
    "/{org_id}/departments",
    response=list[SectorDepartmentOut],
    summary=_("The lead, guiding and cooperating departments of a sector committee"),
)
def sector_departments(request, org_id: ObjectId):
    committee = _sector_committee(request.user, org_id)
    return [
        _department_out(link)
        for link in sector_services.sector_departments_list(user=request.user, committee=committee)
    ]


@sectors_router.post(
    "/{org_id}/departments",
    response={201: SectorDepartmentOut},
    summary=_("Record a department of the sector"),
)
def sector_department_add(request, org_id: ObjectId, payload: SectorDepartmentIn):
    committee = _sector_committee(request.user, org_id, CHANGE)
    department = _scoped(Department.objects.restrict(request.user), payload.department_id, "department_id")
    link = sector_services.sector_department_add(
        actor=request.user, committee=committee, department=department, role=payload.role
    )
    return Status(201, _department_out(link))


# -- alliances ---------------------------------------------------------------------------------------------


class MemberOut(Schema):
    id: int
    role: str
    role_label: str
    name: str
    department_id: int | None
    enterprise_id: int | None
    party_org_id: int | None
    segment_id: int | None


class SegmentOut(Schema):
    id: int | None
    position: int | None
    name: str
    members: list[MemberOut]


class AllianceOut(Schema):
    id: int
    name: str
    area_id: int | None
    category: str | None
    category_group: str | None
    enterprises: int
    warnings: list[str]


class AllianceDetailOut(AllianceOut):
    chain: list[SegmentOut] = Field(description=_("Segments upstream to downstream; unplaced members last"))


class CountRow(Schema):
    group: str
    name: str
    alliances: int


class AllianceFiguresOut(Schema):
    alliances: int
    enterprises: int = Field(description=_("Distinct member enterprises"))
    counties_without: list[str]
    by_category: list[CountRow]
    by_group: dict[str, int]


def _member_out(m) -> dict:
    return {
        "id": m.pk,
        "role": m.role,
        "role_label": str(m.get_role_display()),
        "name": str(m),
        "department_id": m.department_id,
        "enterprise_id": m.enterprise_id,
        "party_org_id": m.party_org_id,
        "segment_id": m.segment_id,
    }


def _alliance_out(alliance, members) -> dict:
    link = getattr(alliance, "chain_category", None) if hasattr(alliance, "chain_category") else None
    return {
        "id": alliance.pk,
        "name": alliance.name,
        "area_id": alliance.area_id,
        "category": link.category.name if link else None,
        "category_group": link.category.group if link else None,
        "enterprises": len({m.enterprise_id for m in members if m.enterprise_id}),
        "warnings": [str(w) for w in alliance_services.alliance_warnings(alliance=alliance, members=members)],
    }


def _alliance(user, alliance_id, action="view"):
    alliance = get_for_user(PartyOrg, user, alliance_id, action)
    if alliance.kind != OrgKind.CHAIN_ALLIANCE:
        from django.http import Http404

        raise Http404
    return alliance


@alliances_router.get("/", response=list[AllianceOut], summary=_("Industry-chain alliances you may see"))
def alliance_list(request, query: Query[AreaQuery]):
    alliances = list(alliance_services.alliances_list(user=request.user, root=_root(request.user, query)))
    members = {}
    for m in AllianceMember.objects.filter(alliance__in=alliances):
        members.setdefault(m.alliance_id, []).append(m)
    return [_alliance_out(a, members.get(a.pk, [])) for a in alliances]


@alliances_router.get("/figures", response=AllianceFiguresOut, summary=_("Alliance figures"))
def alliance_figures(request, query: Query[AreaQuery]):
    figures = alliance_services.alliance_figures(user=request.user, root=_root(request.user, query))
    return {
        "alliances": figures.alliances,
        "enterprises": figures.enterprises,
        "counties_without": [c.name for c in figures.counties_without],
        "by_category": [{"group": g, "name": str(n), "alliances": k} for g, n, k in figures.by_category],
        "by_group": dict(figures.by_group),
    }


def _detail(alliance) -> dict:
    members = list(AllianceMember.objects.filter(alliance=alliance))
    chain = [
        {
            "id": view.segment.pk if view.segment else None,
            "position": view.segment.position if view.segment else None,
            "name": view.segment.name if view.segment else "",
            "members": [_member_out(m) for m in view.members],
        }
        for view in alliance_services.alliance_chain(alliance=alliance)
    ]
    return {**_alliance_out(alliance, members), "chain": chain}


@alliances_router.get("/{alliance_id}", response=AllianceDetailOut, summary=_("One alliance with its chain"))
def alliance_detail(request, alliance_id: ObjectId):
    return _detail(_alliance(request.user, alliance_id))


class CategoryIn(Schema):
    category: str = Field(description=_("The chain category's code"))


@alliances_router.post(
    "/{alliance_id}/category", response=AllianceDetailOut, summary=_("Set the chain category")
)
def alliance_category(request, alliance_id: ObjectId, payload: CategoryIn):
    alliance = _alliance(request.user, alliance_id, CHANGE)
    category = ChainCategory.objects.filter(code=payload.category).first()
    if category is None:
        raise DomainError(_("Unknown chain category."), code="invalid", field="category")
    alliance_services.alliance_category_set(actor=request.user, alliance=alliance, category=category)
    return _detail(_alliance(request.user, alliance_id))


class SegmentIn(Schema):
    name: str
    position: int | None = Field(None, description=_("1 = most upstream; omitted = at the downstream end"))


@alliances_router.post(
    "/{alliance_id}/segments", response={201: AllianceDetailOut}, summary=_("Add a chain segment")
)
def alliance_segment_add(request, alliance_id: ObjectId, payload: SegmentIn):
    alliance = _alliance(request.user, alliance_id, CHANGE)
    alliance_services.chain_segment_add(
        actor=request.user, alliance=alliance, name=payload.name, position=payload.position
    )
    return Status(201, _detail(alliance))


class MemberIn(Schema):
    role: str = Field(
        description=_("lead_department, competent_department, leading_enterprise or member_enterprise")
    )
    department_id: int | None = None
    enterprise_id: int | None = None
    party_org_id: int | None = None
    segment_id: int | None = None


@alliances_router.post(
    "/{alliance_id}/members", response={201: MemberOut}, summary=_("Add an alliance member")
)
def alliance_member_add(request, alliance_id: ObjectId, payload: MemberIn):
    user = request.user
    alliance = _alliance(user, alliance_id, CHANGE)
    member = alliance_services.alliance_member_add(
        actor=user,
        alliance=alliance,
        role=payload.role,
        department=_scoped(Department.objects.restrict(user), payload.department_id, "department_id"),
        enterprise=_scoped(Organisation.objects.restrict(user), payload.enterprise_id, "enterprise_id"),
        party_org=_scoped(PartyOrg.objects.restrict(user), payload.party_org_id, "party_org_id"),
        segment=_scoped(ChainSegment.objects.filter(alliance=alliance), payload.segment_id, "segment_id"),
    )
    return Status(201, _member_out(member))


# -- couriers ----------------------------------------------------------------------------------------------


class CourierLinkOut(Schema):
    id: int
    courier_id: int
    courier: str
    grid_worker_id: int
    grid_worker: str
    area_id: int
    area: str
    group_name: str
    since: str


class CourierLinkIn(Schema):
    courier_id: int
    grid_worker_id: int
    group_name: str


class GridWorkerLoadOut(Schema):
    grid_worker_id: int
    grid_worker: str
    area: str
    couriers: int


class CourierGapsOut(Schema):
    low: int
    high: int
    grid_workers: list[GridWorkerLoadOut] = Field(description=_("Grid workers outside the range"))
    couriers_without: list[dict] = Field(description=_("Couriers with no fixed grid worker: id and name"))


def _link_out(link) -> dict:
    return {
        "id": link.pk,
        "courier_id": link.courier_id,
        "courier": link.courier.name,
        "grid_worker_id": link.grid_worker_id,
        "grid_worker": link.grid_worker.name,
        "area_id": link.area_id,
        "area": link.area.name,
        "group_name": link.group_name,
        "since": link.since.isoformat(),
    }


@couriers_router.get("/", response=list[CourierLinkOut], summary=_("Couriers and their fixed grid workers"))
def courier_links(request, query: Query[AreaQuery]):
    return [
        _link_out(link)
        for link in courier_services.courier_links_list(user=request.user, root=_root(request.user, query))
    ]


@couriers_router.get(
    "/gaps", response=CourierGapsOut, summary=_("Grid workers outside 2–3 couriers, couriers with none")
)
def courier_gaps(request, query: Query[AreaQuery]):
    loads, unlinked = courier_services.courier_link_gaps(user=request.user, root=_root(request.user, query))
    low, high = courier_services.couriers_per_grid_worker()
    return {
        "low": low,
        "high": high,
        "grid_workers": [
            {
                "grid_worker_id": r.grid_worker.pk,
                "grid_worker": r.grid_worker.name,
                "area": r.area.name,
                "couriers": r.couriers,
            }
            for r in loads
        ],
        "couriers_without": [{"id": p.pk, "name": p.name} for p in unlinked],
    }


@couriers_router.post(
    "/", response={201: CourierLinkOut}, summary=_("Link a courier to his fixed grid worker")
)
def courier_link_set(request, payload: CourierLinkIn):
    user = request.user
    courier = _scoped(Person.objects.restrict(user), payload.courier_id, "courier_id")
    grid_worker = _scoped(
        courier_services.grid_worker_choices(user=user), payload.grid_worker_id, "grid_worker_id"
    )
    link = courier_services.courier_link_set(
        actor=user, courier=courier, grid_worker=grid_worker, group_name=payload.group_name
    )
    return Status(201, _link_out(link))


# -- mobile members and applicants (P003-17, P003-19) ------------------------------------------------------

stages_router = Router(tags=[_("Mobile members and applicants")])


class MembershipStageOut(Schema):
    id: int
    person_id: int
    org_id: int
    kind: str
    is_home: bool
    is_mobile: bool
    applied_on: str | None
    start_date: str


class MobileIn(Schema):
    person_id: int
    branch_id: int = Field(description=_("The mobile party branch"))
    work_place: str = ""


class ApplicantIn(Schema):
    person_id: int
    branch_id: int = Field(description=_("The branch that received the application"))
    applied_on: date


def _stage_out(m) -> dict:
    return {
        "id": m.pk,
        "person_id": m.person_id,
        "org_id": m.org_id,
        "kind": m.kind,
        "is_home": m.is_home,
        "is_mobile": m.is_mobile,
        "applied_on": m.applied_on.isoformat() if m.applied_on else None,
        "start_date": m.start_date.isoformat(),
    }


@stages_router.post("/mobile", response={201: MembershipStageOut}, summary=_("Enrol a mobile member"))
def mobile_enrol(request, payload: MobileIn):
    user = request.user
    person = _scoped(Person.objects.restrict(user), payload.person_id, "person_id")
    branch = get_for_user(PartyOrg, user, payload.branch_id, CHANGE)
    membership = mobile_services.mobile_member_enrol(
        actor=user, person=person, branch=branch, work_place=payload.work_place
    )
    return Status(201, _stage_out(membership))


@stages_router.post(
    "/applicants", response={201: MembershipStageOut}, summary=_("Record an application to join the party")
)
def applicant_add(request, payload: ApplicantIn):
    user = request.user
    person = _scoped(Person.objects.restrict(user), payload.person_id, "person_id")
    branch = get_for_user(PartyOrg, user, payload.branch_id, CHANGE)
    membership = mobile_services.applicant_record(
        actor=user, person=person, branch=branch, applied_on=payload.applied_on
    )
    return Status(201, _stage_out(membership))


# -- the territory's organisation and staffing figures (the figures page, as data) --------------------------
