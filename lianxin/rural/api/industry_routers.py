"""The industry part's API routers (mounted under /api/v1/): /projects/ (with beneficiaries), /parks/,
/brands/, /chain-links/ and /training-bases/. Each list answers its counts from the same selector as the page
and its Excel, so the three agree. Money is given as strings ("300000.00"), never floats."""

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from lianxin.areas.models import Area
from lianxin.core.api_pagination import PageParams, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import VIEW, get_for_user
from lianxin.party.models import PartyOrg
from lianxin.party.models.chains import IndustryChain
from lianxin.people.models import Organisation, Person
from lianxin.rural.models import Brand, Park, Project
from lianxin.rural.selectors import industry as sel
from lianxin.rural.services import industry as svc

projects_router = Router(tags=[_("Industry projects")])
parks_router = Router(tags=[_("Parks and belts")])
brands_router = Router(tags=[_("Agricultural brands")])
chain_links_router = Router(tags=[_("Full industry chains")])
training_router = Router(tags=[_("Training bases")])


def _root(user, area_id):
    return get_for_user(Area, user, area_id) if area_id else None


def _pick(model, user, pk, field):
    if pk is None:
        return None
    obj = model.objects.restrict(user, VIEW).filter(pk=pk).first()
    if obj is None:
        raise DomainError(str(_("Choose one within your scope.")), field=field)
    return obj


def _picks(model, user, pks, field) -> list:
    return [_pick(model, user, pk, field) for pk in dict.fromkeys(pks or [])]


def _organisation(pk, field):
    """An enterprise or cooperative by id (the county's registry of them is not scoped to one area)."""
    if pk is None:
        return None
    obj = Organisation.objects.filter(pk=pk).first()
    if obj is None:
        raise DomainError(str(_("No such enterprise or cooperative.")), field=field)
    return obj


def _money(value) -> str:
    return str(sel._money(value))


def _mu(value) -> str | None:
    return None if value is None else str(value)


class IndustryAreaQuery(Schema):
    area_id: ObjectId | None = None


class ClusterLineOut(Schema):
    cluster: str
    count: int
    investment: str
    output_value: str
    collective_income_gain: str


def _line(line) -> dict:
    return {
        "cluster": line.area,
        "count": line.count,
        "investment": _money(line.investment),
        "output_value": _money(line.output_value),
        "collective_income_gain": _money(line.collective_income_gain),
    }


class IndustryCountOut(Schema):
    code: str
    label: str
    count: int


def _counts(pairs) -> list[dict]:
    return [{"code": code, "label": str(label), "count": n} for code, label, n, *_rest in pairs]


# Projects.


class IndustryProjectOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    stage: str
    stage_label: str
    area_id: int
    area: str
    task_force_id: int | None
    task_force: str
    central_village_id: int | None
    central_village: str
    villages: list[str]
    industry: str
    enterprise_id: int | None
    enterprise: str
    investment: str
    output_value: str
    collective_income_gain: str
    started_on: date | None
    beneficiaries: int
    mean_increase: str


def project_out(p: Project) -> dict:
    people = sel.beneficiary_figures(p)
    return {
        "id": p.pk,
        "name": p.name,
        "kind": p.kind,
        "kind_label": str(p.get_kind_display()),
        "stage": p.stage,
        "stage_label": str(p.get_stage_display()),
        "area_id": p.area_id,
        "area": p.area.name,
        "task_force_id": p.task_force_id,
        "task_force": p.task_force.name if p.task_force_id else "",
        "central_village_id": p.central_village_id,
        "central_village": p.central_village.name if p.central_village_id else "",
        "villages": [v.name for v in p.villages.order_by("path")],
        "industry": p.industry,
        "enterprise_id": p.enterprise_id,
        "enterprise": p.enterprise.name if p.enterprise_id else "",
        "investment": _money(p.investment),
        "output_value": _money(p.output_value),
        "collective_income_gain": _money(p.collective_income_gain),
        "started_on": p.started_on,
        "beneficiaries": people["count"],
        "mean_increase": _money(people["mean"]),
    }


class BasesOut(Schema):
    count: int
    investment: str
    output_value: str
    collective_income_gain: str


class ProjectFiguresOut(Schema):
    count: int
    by_stage: list[IndustryCountOut]
    by_kind: list[IndustryCountOut]
    bases: BasesOut
    bases_by_cluster: list[ClusterLineOut]
    by_cluster: list[ClusterLineOut]
    beneficiaries: int
    mean_increase: str


def project_figures_out(f: dict) -> dict:
    return {
        "count": f["count"],
        "by_stage": _counts(f["by_stage"]),
        "by_kind": _counts(f["by_kind"]),
        "bases": {k: (v if k == "count" else _money(v)) for k, v in f["bases"].items()},
        "bases_by_cluster": [_line(line) for line in f["bases_by_cluster"]],
        "by_cluster": [_line(line) for line in f["by_cluster"]],
        "beneficiaries": f["beneficiaries"],
        "mean_increase": _money(f["mean_increase"]),
    }


class IndustryProjectPage(Schema):
    count: int
    figures: ProjectFiguresOut
    items: list[IndustryProjectOut]
    next_cursor: str | None


class ProjectQuery(IndustryAreaQuery):
    stage: str = ""
    kind: str = ""
    task_force_id: ObjectId | None = None
    q: str = Field("", max_length=50)


class IndustryProjectIn(Schema):
    name: str = Field(max_length=100)
    kind: str
    stage: str = "reserve"
    area_id: ObjectId | None = None
    task_force_id: ObjectId | None = None
    central_village_id: ObjectId | None = None
    village_ids: list[ObjectId] = Field(default_factory=list, max_length=200)
    industry: str = Field("", max_length=50)
    enterprise_id: ObjectId | None = None
    investment: Decimal | None = None
    output_value: Decimal | None = None
    collective_income_gain: Decimal | None = None
    started_on: date | None = None
    description: str = Field("", max_length=2000)


class IndustryProjectPatch(Schema):
    stage: str | None = None
    investment: Decimal | None = None
    output_value: Decimal | None = None
    collective_income_gain: Decimal | None = None


class BeneficiaryIn(Schema):
    name: str = Field("", max_length=50)
    person_id: ObjectId | None = None
    annual_increase: Decimal


class BeneficiaryOut(Schema):
    id: int
    name: str
    person_id: int | None
    annual_increase: str


class IndustryProjectDetail(IndustryProjectOut):
    description: str
    beneficiary_list: list[BeneficiaryOut]


def _beneficiary(b) -> dict:
    return {
        "id": b.pk,
        "name": b.name,
        "person_id": b.person_id,
        "annual_increase": _money(b.annual_increase),
    }


def project_detail_out(p: Project) -> dict:
    return {
        **project_out(p),
        "description": p.description,
        "beneficiary_list": [_beneficiary(b) for b in p.beneficiaries.all()],
    }


@projects_router.get("/", response=IndustryProjectPage, summary=_("Industry projects"))
def project_list(request, page: Query[PageParams], q: Query[ProjectQuery]):
    """Counts by stage and kind, the bases' sums, per cluster; the people drawn in and their mean increase."""
    user = request.user
    rows = sel.projects_for(
        user=user,
        root=_root(user, q.area_id),
        stage=q.stage,
        kind=q.kind,
        task_force_id=q.task_force_id,
        q=q.q.strip(),
    )
    figures = sel.project_figures(rows)
    chunk = paginate(rows, page, key="id", descending=True)
    return {
        "count": figures["count"],
        "figures": project_figures_out(figures),
        "items": [project_out(p) for p in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@projects_router.get("/{project_id}", response=IndustryProjectDetail, summary=_("An industry project"))
def project_detail(request, project_id: ObjectId):
    return project_detail_out(get_for_user(Project, request.user, project_id))


@projects_router.post("/", response={201: IndustryProjectDetail}, summary=_("Register an industry project"))
def project_create(request, payload: IndustryProjectIn):
    """400 “特色产业项目须填写中心村” and the like; 409 when the area has a project of that name."""
    user = request.user
    project = svc.project_create(
        user,
        name=payload.name,
        kind=payload.kind,
        stage=payload.stage,
        area=_pick(Area, user, payload.area_id, "area_id"),
        task_force=_pick(PartyOrg, user, payload.task_force_id, "task_force_id"),
        central_village=_pick(Area, user, payload.central_village_id, "central_village_id"),
        villages=_picks(Area, user, payload.village_ids, "village_ids"),
        industry=payload.industry,
        enterprise=_organisation(payload.enterprise_id, "enterprise_id"),
        investment=payload.investment,
        output_value=payload.output_value,
        collective_income_gain=payload.collective_income_gain,
        started_on=payload.started_on,
        description=payload.description,
    )
    return Status(201, project_detail_out(project))


@projects_router.post(
    "/{project_id}/update", response=IndustryProjectDetail, summary=_("Update an industry project")
)
def project_update(request, project_id: ObjectId, payload: IndustryProjectPatch):
    user = request.user
    project = get_for_user(Project, user, project_id)
    project = svc.project_update(user, project=project, **payload.dict())
    return project_detail_out(project)


@projects_router.post(
    "/{project_id}/beneficiaries", response={201: BeneficiaryOut}, summary=_("Add a project's beneficiary")
)
def beneficiary_create(request, project_id: ObjectId, payload: BeneficiaryIn):
    """409 when the person is already on the project's list."""
    user = request.user
    project = get_for_user(Project, user, project_id)
    person = _pick(Person, user, payload.person_id, "person_id")
    beneficiary = svc.beneficiary_add(
        user, project=project, person=person, name=payload.name, annual_increase=payload.annual_increase
    )
    return Status(201, _beneficiary(beneficiary))


# Parks and belts.


class IndustryParkOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    area_id: int
    area: str
    villages: list[str]
    industry: str
    started_on: date
    support_technology: bool
    support_finance: bool
    support_utilities: bool
    support_note: str
    trial_mu: str | None
    demonstration_mu: str | None
    field_mu: str | None
    enterprises: list[str]


def park_out(p: Park) -> dict:
    return {
        "id": p.pk,
        "name": p.name,
        "kind": p.kind,
        "kind_label": str(p.get_kind_display()),
        "status": p.status,
        "status_label": str(p.get_status_display()),
        "area_id": p.area_id,
        "area": p.area.name,
        "villages": [v.name for v in p.villages.all()],
        "industry": p.industry,
        "started_on": p.started_on,
        "support_technology": p.support_technology,
        "support_finance": p.support_finance,
        "support_utilities": p.support_utilities,
        "support_note": p.support_note,
        "trial_mu": _mu(p.trial_mu),
        "demonstration_mu": _mu(p.demonstration_mu),
        "field_mu": _mu(p.field_mu),
        "enterprises": [e.name for e in p.enterprises.order_by("name")],
    }


class ParkKindCountOut(Schema):
    code: str
    label: str
    count: int
    new: int


class ParkFiguresOut(Schema):
    count: int
    since: date
    new: int
    by_kind: list[ParkKindCountOut]
    by_status: list[IndustryCountOut]
    by_cluster: list[ClusterLineOut]


class IndustryParkPage(Schema):
    count: int
    figures: ParkFiguresOut
    items: list[IndustryParkOut]
    next_cursor: str | None


class ParkQuery(IndustryAreaQuery):
    kind: str = ""
    status: str = ""
    since: date | None = Field(None, description=_("Started on or after"))
    until: date | None = Field(None, description=_("Started on or before"))


class IndustryParkIn(Schema):
    name: str = Field(max_length=100)
    kind: str
    status: str = "operating"
    area_id: ObjectId
    village_ids: list[ObjectId] = Field(default_factory=list, max_length=200)
    industry: str = Field("", max_length=50)
    started_on: date
    support_technology: bool = False
    support_finance: bool = False
    support_utilities: bool = False
    support_note: str = Field("", max_length=200)
    trial_mu: Decimal | None = None
    demonstration_mu: Decimal | None = None
    field_mu: Decimal | None = None
    enterprise_ids: list[ObjectId] = Field(default_factory=list, max_length=50)
    description: str = Field("", max_length=2000)


@parks_router.get("/", response=IndustryParkPage, summary=_("Parks and belts"))
def park_list(request, page: Query[PageParams], q: Query[ParkQuery]):
    """Counts by kind (and new since 1 January of last year), by status and per cluster."""
    user = request.user
    rows = sel.parks_for(
        user=user, root=_root(user, q.area_id), kind=q.kind, status=q.status, since=q.since, until=q.until
    )
    f = sel.park_figures(rows)
    chunk = paginate(rows, page, key="id", descending=True)
    return {
        "count": f["count"],
        "figures": {
            "count": f["count"],
            "since": f["since"],
            "new": f["new"],
            "by_kind": [
                {"code": c, "label": str(label), "count": n, "new": new} for c, label, n, new in f["by_kind"]
            ],
            "by_status": _counts(f["by_status"]),
            "by_cluster": [_line(line) for line in f["by_cluster"]],
        },
        "items": [park_out(p) for p in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@parks_router.get("/{park_id}", response=IndustryParkOut, summary=_("A park or belt"))
def park_detail(request, park_id: ObjectId):
    return park_out(get_for_user(Park, request.user, park_id))


@parks_router.post("/", response={201: IndustryParkOut}, summary=_("Register a park or belt"))
def park_create(request, payload: IndustryParkIn):
    """A 三田合一 pilot gives its three fields (400 otherwise); 409 when the area has one of that name."""
    user = request.user
    park = svc.park_create(
        user,
        name=payload.name,
        kind=payload.kind,
        status=payload.status,
        area=_pick(Area, user, payload.area_id, "area_id"),
        villages=_picks(Area, user, payload.village_ids, "village_ids"),
        industry=payload.industry,
        started_on=payload.started_on,
        support_technology=payload.support_technology,
        support_finance=payload.support_finance,
        support_utilities=payload.support_utilities,
        support_note=payload.support_note,
        trial_mu=payload.trial_mu,
        demonstration_mu=payload.demonstration_mu,
        field_mu=payload.field_mu,
        enterprises=[_organisation(pk, "enterprise_ids") for pk in dict.fromkeys(payload.enterprise_ids)],
        description=payload.description,
    )
    return Status(201, park_out(park))


# Brands.


class IndustryBrandOut(Schema):
    id: int
    name: str
    owner_kind: str
    owner_label: str
    area_id: int
    area: str
    organisation_id: int | None
    organisation: str
    products: str
    certification: str
    certification_label: str
    trademark_number: str
    registered_on: date | None


def brand_out(b: Brand) -> dict:
    return {
        "id": b.pk,
        "name": b.name,
        "owner_kind": b.owner_kind,
        "owner_label": str(b.get_owner_kind_display()),
        "area_id": b.area_id,
        "area": b.area.name,
        "organisation_id": b.organisation_id,
        "organisation": b.organisation.name if b.organisation_id else "",
        "products": b.products,
        "certification": b.certification,
        "certification_label": str(b.get_certification_display()) if b.certification else "",
        "trademark_number": b.trademark_number,
        "registered_on": b.registered_on,
    }


class ClusterBrandOut(Schema):
    cluster_id: int
    cluster: str
    brand: str


class BrandFiguresOut(Schema):
    count: int
    by_owner: list[IndustryCountOut]
    by_cluster: list[ClusterLineOut]


class IndustryBrandPage(Schema):
    count: int
    figures: BrandFiguresOut
    cluster_brands: list[ClusterBrandOut]
    items: list[IndustryBrandOut]
    next_cursor: str | None


class BrandQuery(IndustryAreaQuery):
    owner_kind: str = ""


class IndustryBrandIn(Schema):
    name: str = Field(max_length=100)
    owner_kind: str
    area_id: ObjectId | None = None
    organisation_id: ObjectId | None = None
    products: str = Field(max_length=200)
    certification: str = ""
    trademark_number: str = Field("", max_length=40)
    registered_on: date | None = None


@brands_router.get("/", response=IndustryBrandPage, summary=_("Agricultural brands"))
def brand_list(request, page: Query[PageParams], q: Query[BrandQuery]):
    """Counts by owner and per cluster; the clusters' own brand names (``Area.brand``)."""
    user = request.user
    root = _root(user, q.area_id)
    rows = sel.brands_for(user=user, root=root, owner_kind=q.owner_kind)
    f = sel.brand_figures(rows)
    chunk = paginate(rows, page, key="id", descending=True)
    return {
        "count": f["count"],
        "figures": {
            "count": f["count"],
            "by_owner": _counts(f["by_owner"]),
            "by_cluster": [_line(line) for line in f["by_cluster"]],
        },
        "cluster_brands": [
            {"cluster_id": c.pk, "cluster": c.name, "brand": c.brand}
            for c in sel.cluster_brands(user=user, root=root)
        ],
        "items": [brand_out(b) for b in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@brands_router.get("/{brand_id}", response=IndustryBrandOut, summary=_("An agricultural brand"))
def brand_detail(request, brand_id: ObjectId):
    return brand_out(get_for_user(Brand, request.user, brand_id))


@brands_router.post("/", response={201: IndustryBrandOut}, summary=_("Register an agricultural brand"))
def brand_create(request, payload: IndustryBrandIn):
    """409 when the trademark number is already registered."""
    user = request.user
    brand = svc.brand_create(
        user,
        name=payload.name,
        owner_kind=payload.owner_kind,
        area=_pick(Area, user, payload.area_id, "area_id"),
        organisation=_pick(Organisation, user, payload.organisation_id, "organisation_id"),
        products=payload.products,
        certification=payload.certification,
        trademark_number=payload.trademark_number,
        registered_on=payload.registered_on,
    )
    return Status(201, brand_out(brand))


class ClusterBrandIn(Schema):
    brand: str = Field("", max_length=100)


@brands_router.post("/clusters/{cluster_id}", response=ClusterBrandOut, summary=_("Set a cluster's brand"))
def cluster_brand_set(request, cluster_id: ObjectId, payload: ClusterBrandIn):
    """The cluster's own brand name (片区品牌, ``Area.brand``)."""
    user = request.user
    cluster = svc.cluster_brand_set(user, cluster=get_for_user(Area, user, cluster_id), brand=payload.brand)
    return {"cluster_id": cluster.pk, "cluster": cluster.name, "brand": cluster.brand}


# Chains' links.


class ChainLinksOut(Schema):
    id: int
    name: str
    area: str
    links: list[str]
    full: bool


class ChainLinksPage(Schema):
    count: int
    full: int
    by_link: list[IndustryCountOut]
    items: list[ChainLinksOut]


class ChainLinksIn(Schema):
    links: list[str] = Field(default_factory=list, max_length=6)


def _chain(c: IndustryChain) -> dict:
    return {
        "id": c.pk,
        "name": c.name,
        "area": c.area.name,
        "links": list(c.links or []),
        "full": c.is_full_chain,
    }


@chain_links_router.get("/", response=ChainLinksPage, summary=_("Industry chains and their links"))
def chain_link_list(request, q: Query[IndustryAreaQuery]):
    user = request.user
    chains = list(sel.chains_for(user=user, root=_root(user, q.area_id)))
    f = sel.chain_figures(chains)
    return {
        "count": f["count"],
        "full": f["full"],
        "by_link": _counts(f["by_link"]),
        "items": [_chain(c) for c in chains],
    }


@chain_links_router.post("/{chain_id}", response=ChainLinksOut, summary=_("Record a chain's links"))
def chain_link_set(request, chain_id: ObjectId, payload: ChainLinksIn):
    user = request.user
    chain = get_for_user(IndustryChain, user, chain_id)
    return _chain(svc.chain_links_set(user, chain=chain, links=payload.links))


# Training bases (P002-64).


class TrainingBaseOut(Schema):
    id: int
    name: str
    area: str
    status: str


class TrainingBaseLineOut(Schema):
    cluster: str
    count: int


class TrainingBasePage(Schema):
    count: int
    by_cluster: list[TrainingBaseLineOut]
    items: list[TrainingBaseOut]


@training_router.get("/", response=TrainingBasePage, summary=_("Training bases"))
def training_base_list(request, q: Query[IndustryAreaQuery]):
    user = request.user
    rows = sel.training_bases_for(user=user, root=_root(user, q.area_id))
    f = sel.training_base_figures(rows)
    return {
        "count": f["count"],
        "by_cluster": [{"cluster": line.area, "count": line.count} for line in f["by_cluster"]],
        "items": [{"id": p.pk, "name": p.name, "area": p.area.name, "status": p.status} for p in rows[:500]],
    }


ROUTERS: list = [
    ("/projects/", projects_router),
    ("/parks/", parks_router),
    ("/brands/", brands_router),
    ("/chain-links/", chain_links_router),
    ("/training-bases/", training_router),
]
