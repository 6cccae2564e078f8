"""The pools part's API (/api/v1/…): funds (list with balances, detail, entries, inflow, allocate), fund
commitments with their tranches and the county total per year, cadre deployments and counts, cluster
activities with attendance, and the cluster village assessments. Money is a string ("300000.00"), never a
float; the lists read the same selectors as the pages and the exports."""

from datetime import date

from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from lianxin.areas.models import Area, Level
from lianxin.core.api_pagination import PageParams, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import VIEW, get_for_user
from lianxin.rural.models import ClusterActivity, Fund, FundCommitment, FundSource, Tranche
from lianxin.rural.selectors import pools as sel
from lianxin.rural.services import pools as svc

funds_router = Router(tags=[_("Fund pools")])
commitments_router = Router(tags=[_("Funding commitments")])
deployments_router = Router(tags=[_("Cadre pool")])
activities_router = Router(tags=[_("Cluster activities")])
assessments_router = Router(tags=[_("Village assessment")])


def _m(value) -> str:
    return f"{value:.2f}"


def _scoped(model, user, pk, field, queryset=None):
    if pk is None:
        return None
    obj = (queryset if queryset is not None else model.objects).restrict(user, VIEW).filter(pk=pk).first()
    if obj is None:
        raise DomainError(str(_("Choose one within your scope.")), field=field)
    return obj


# ------------------------------------------------------------------------------------------------ funds


class PoolFundOut(Schema):
    id: int
    area_id: int
    area_name: str
    name: str
    source_kinds: list[str]
    inflow: str
    allocated: str
    balance: str
    entries: int


def _fund_out(row) -> dict:
    f = row.fund
    return {
        "id": f.pk,
        "area_id": f.area_id,
        "area_name": f.area.name,
        "name": f.name,
        "source_kinds": list(f.source_kinds or []),
        "inflow": _m(row.inflow),
        "allocated": _m(row.allocated),
        "balance": _m(row.balance),
        "entries": row.entries,
    }


class FundFigures(Schema):
    count: int
    inflow: str
    allocated: str
    balance: str


class FundList(Schema):
    figures: FundFigures
    items: list[PoolFundOut]


class FundIn(Schema):
    area_id: ObjectId
    name: str = Field(max_length=100)
    source_kinds: list[str] = []
    note: str = Field("", max_length=2000)


@funds_router.get("/", response=FundList, summary=_("Fund pools with their balances"))
def fund_list(request, area_id: int | None = None):
    area = _scoped(Area, request.user, area_id, "area_id")
    rows = sel.funds_for(request.user, area=area)
    figures = sel.funds_figures(rows)
    return {
        "figures": {k: (_m(v) if k != "count" else v) for k, v in figures.items()},
        "items": [_fund_out(r) for r in rows],
    }


@funds_router.post("/", response={201: PoolFundOut}, summary=_("Set up a fund pool"))
def fund_create(request, payload: FundIn):
    area = _scoped(Area, request.user, payload.area_id, "area_id")
    fund = svc.fund_create(
        request.user, area=area, name=payload.name, source_kinds=payload.source_kinds, note=payload.note
    )
    return Status(201, _fund_out(sel.fund_row(fund)))


@funds_router.get("/{fund_id}", response=PoolFundOut, summary=_("A fund pool"))
def fund_detail(request, fund_id: ObjectId):
    fund = get_for_user(Fund.objects.select_related("area"), request.user, fund_id)
    return _fund_out(sel.fund_row(fund))


class FundEntryOut(Schema):
    id: int
    fund_id: int
    kind: str
    amount: str
    balance_after: str
    source_kind: str
    source: str
    purpose: str
    area_id: int | None
    area_name: str
    object_type: str
    object_id: int | None
    occurred_on: date


def _entry_out(e) -> dict:
    return {
        "id": e.pk,
        "fund_id": e.fund_id,
        "kind": e.kind,
        "amount": _m(e.amount),
        "balance_after": _m(e.balance_after),
        "source_kind": e.source_kind,
        "source": e.source,
        "purpose": e.purpose,
        "area_id": e.area_id,
        "area_name": e.area.name if e.area_id else "",
        "object_type": e.object_type.model if e.object_type_id else "",
        "object_id": e.object_id,
        "occurred_on": e.occurred_on,
    }


class EntryPage(Schema):
    items: list[FundEntryOut]
    next_cursor: str | None


@funds_router.get("/{fund_id}/entries", response=EntryPage, summary=_("A fund pool's entries, newest first"))
def entry_list(request, fund_id: ObjectId, page: Query[PageParams]):
    fund = get_for_user(Fund, request.user, fund_id)
    chunk = paginate(sel.fund_entries(fund), page, key="id", descending=True)
    return {"items": [_entry_out(e) for e in chunk.items], "next_cursor": chunk.next_cursor}


class InflowIn(Schema):
    amount: str = Field(max_length=20, description=_('yuan, as a string: "300000.00"'))
    source: str = Field(max_length=100)
    source_kind: str = Field(FundSource.FINANCE, max_length=12)
    purpose: str = Field("", max_length=200)
    occurred_on: date | None = None


@funds_router.post("/{fund_id}/inflows", response={201: FundEntryOut}, summary=_("Record an inflow"))
def fund_inflow(request, fund_id: ObjectId, payload: InflowIn):
    fund = get_for_user(Fund, request.user, fund_id)
    entry = svc.fund_inflow(
        request.user,
        fund=fund,
        amount=payload.amount,
        source=payload.source,
        source_kind=payload.source_kind,
        purpose=payload.purpose,
        occurred_on=payload.occurred_on,
    )
    return Status(201, _entry_out(entry))


class AllocateIn(Schema):
    amount: str = Field(max_length=20, description=_('yuan, as a string: "300000.00"'))
    purpose: str = Field(max_length=200)
    area_id: ObjectId | None = None
    occurred_on: date | None = None


@funds_router.post(
    "/{fund_id}/allocations", response={201: FundEntryOut}, summary=_("Allocate (409 over the balance)")
)
def fund_allocate(request, fund_id: ObjectId, payload: AllocateIn):
    fund = get_for_user(Fund, request.user, fund_id)
    area = _scoped(Area, request.user, payload.area_id, "area_id")
    entry = svc.fund_allocate(
        request.user,
        fund=fund,
        amount=payload.amount,
        purpose=payload.purpose,
        area=area,
        occurred_on=payload.occurred_on,
    )
    return Status(201, _entry_out(entry))


# ------------------------------------------------------------------------------------------ commitments


class TrancheOut(Schema):
    id: int
    year: int
    amount: str
    due_on: date
    paid_on: date | None
    entry_id: int | None


class CommitmentOut(Schema):
    id: int
    name: str
    area_id: int
    area_name: str
    county_id: int
    fund_id: int | None
    yearly_amount: str
    first_year: int
    years: int
    total: str
    paid: str
    pending: str
    tranches: list[TrancheOut]


def _commitment_out(row) -> dict:
    c = row.commitment
    return {
        "id": c.pk,
        "name": c.name,
        "area_id": c.area_id,
        "area_name": c.area.name,
        "county_id": c.county_id,
        "fund_id": c.fund_id,
        "yearly_amount": _m(c.yearly_amount),
        "first_year": c.first_year,
        "years": c.years,
        "total": _m(row.total),
        "paid": _m(row.paid),
        "pending": _m(row.pending),
        "tranches": [
            {
                "id": t.pk,
                "year": t.year,
                "amount": _m(t.amount),
                "due_on": t.due_on,
                "paid_on": t.paid_on,
                "entry_id": t.entry_id,
            }
            for t in row.tranches
        ],
    }


class YearOut(Schema):
    year: int
    tranches: int
    paid_tranches: int
    committed: str
    paid: str
    pending: str


class CommitmentFigures(Schema):
    count: int
    total: str
    paid: str
    pending: str


class CommitmentList(Schema):
    figures: CommitmentFigures
    years: list[YearOut]
    items: list[CommitmentOut]


@commitments_router.get(
    "/", response=CommitmentList, summary=_("Funding commitments, paid and pending, county total per year")
)
def commitment_list(request):
    rows = sel.commitments_for(request.user)
    figures = sel.commitments_figures(rows)
    return {
        "figures": {k: (_m(v) if k != "count" else v) for k, v in figures.items()},
        "years": [
            {
                "year": y.year,
                "tranches": y.tranches,
                "paid_tranches": y.paid_count,
                "committed": _m(y.committed),
                "paid": _m(y.paid),
                "pending": _m(y.pending),
            }
            for y in sel.year_totals(rows)
        ],
        "items": [_commitment_out(r) for r in rows],
    }


class CommitmentIn(Schema):
    area_id: ObjectId
    name: str = Field(max_length=100)
    yearly_amount: str = Field(max_length=20)
    first_year: int
    years: int
    fund_id: ObjectId | None = None


@commitments_router.post("/", response={201: CommitmentOut}, summary=_("Record a multi-year commitment"))
def commitment_create(request, payload: CommitmentIn):
    user = request.user
    commitment = svc.commitment_create(
        user,
        area=_scoped(Area, user, payload.area_id, "area_id"),
        name=payload.name,
        yearly_amount=payload.yearly_amount,
        first_year=payload.first_year,
        years=payload.years,
        fund=_scoped(Fund, user, payload.fund_id, "fund_id"),
    )
    return Status(201, _commitment_out(sel.commitment_row(commitment)))


@commitments_router.get("/{commitment_id}", response=CommitmentOut, summary=_("A funding commitment"))
def commitment_detail(request, commitment_id: ObjectId):
    commitment = get_for_user(FundCommitment.objects.select_related("area"), request.user, commitment_id)
    return _commitment_out(sel.commitment_row(commitment))


class PayIn(Schema):
    paid_on: date | None = None


@commitments_router.post(
    "/{commitment_id}/tranches/{tranche_id}/pay", response=CommitmentOut, summary=_("Pay a tranche")
)
def tranche_pay(request, commitment_id: ObjectId, tranche_id: ObjectId, payload: PayIn):
    commitment = get_for_user(FundCommitment.objects.select_related("area"), request.user, commitment_id)
    tranche = Tranche.objects.filter(commitment=commitment, pk=tranche_id).first()
    if tranche is None:
        raise DomainError(
            str(_("Choose a tranche of this commitment.")), code="not_found", field="tranche_id"
        )
    svc.tranche_pay(request.user, tranche=tranche, paid_on=payload.paid_on)
    return _commitment_out(sel.commitment_row(commitment))


# ------------------------------------------------------------------------------------------ cadre pool


class DeploymentOut(Schema):
    id: int
    cluster_id: int
    person_id: int
    person_name: str
    home_area_id: int
    home_area_name: str
    to_area_id: int | None
    to_party_org_id: int | None
    target_name: str
    duty: str
    starts_on: date
    ends_on: date | None


def _deployment_out(d) -> dict:
    return {
        "id": d.pk,
        "cluster_id": d.cluster_id,
        "person_id": d.person_id,
        "person_name": d.person.name,
        "home_area_id": d.home_area_id,
        "home_area_name": d.home_area.name,
        "to_area_id": d.to_area_id,
        "to_party_org_id": d.to_party_org_id,
        "target_name": str(d.target),
        "duty": d.duty,
        "starts_on": d.starts_on,
        "ends_on": d.ends_on,
    }


class DeploymentPage(Schema):
    items: list[DeploymentOut]
    next_cursor: str | None


@deployments_router.get("/", response=DeploymentPage, summary=_("Cadre deployments"))
def deployment_list(request, page: Query[PageParams], cluster_id: int | None = None):
    cluster = _scoped(Area, request.user, cluster_id, "cluster_id")
    chunk = paginate(sel.deployments_for(request.user, cluster=cluster), page, key="id")
    return {"items": [_deployment_out(d) for d in chunk.items], "next_cursor": chunk.next_cursor}


class ClusterCount(Schema):
    cluster_id: int
    cluster_name: str
    cadres: int


class CadreCounts(Schema):
    clusters: list[ClusterCount]
    total: int


@deployments_router.get(
    "/counts", response=CadreCounts, summary=_("Cadres per cluster and in all, each person once")
)
def cadre_counts(request):
    counts = sel.cadre_counts(request.user)
    return {
        "clusters": [
            {"cluster_id": c["cluster"].pk, "cluster_name": c["cluster"].name, "cadres": c["cadres"]}
            for c in counts["clusters"]
        ],
        "total": counts["total"],
    }


class DeploymentIn(Schema):
    cluster_id: ObjectId
    person_id: ObjectId
    home_area_id: ObjectId
    to_area_id: ObjectId | None = None
    to_party_org_id: ObjectId | None = None
    duty: str = Field("", max_length=100)
    starts_on: date
    ends_on: date | None = None


@deployments_router.post("/", response={201: DeploymentOut}, summary=_("Deploy a cadre"))
def deployment_create(request, payload: DeploymentIn):
    from lianxin.party.models import PartyOrg
    from lianxin.people.models import Person

    user = request.user
    cluster = _scoped(Area, user, payload.cluster_id, "cluster_id")
    roster = {row.person.pk: row for row in sel.cluster_roster(cluster)}
    if payload.person_id not in roster:
        raise DomainError(str(_("Choose a cadre of the cluster's villages.")), field="person_id")
    deployment = svc.deployment_create(
        user,
        cluster=cluster,
        person=Person.objects.get(pk=payload.person_id),
        home_area=_scoped(Area, user, payload.home_area_id, "home_area_id"),
        to_area=_scoped(Area, user, payload.to_area_id, "to_area_id"),
        to_party_org=PartyOrg.objects.filter(pk=payload.to_party_org_id).first()
        if payload.to_party_org_id
        else None,
        duty=payload.duty,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
    )
    return Status(201, _deployment_out(deployment))


# ------------------------------------------------------------------------------------------ activities


class BranchOut(Schema):
    branch_id: int
    branch_name: str
    members: int
    present: int


class ClusterActivityOut(Schema):
    id: int
    cluster_id: int
    cluster_name: str
    name: str
    held_on: date
    place: str
    branches: list[BranchOut]
    members: int
    present: int


def _activity_out(a) -> dict:
    groups = sel.activity_attendance(a)
    return {
        "id": a.pk,
        "cluster_id": a.cluster_id,
        "cluster_name": a.cluster.name,
        "name": a.name,
        "held_on": a.held_on,
        "place": a.place,
        "branches": [
            {
                "branch_id": g.branch.pk,
                "branch_name": g.branch.name,
                "members": g.members,
                "present": g.present,
            }
            for g in groups
        ],
        "members": sum(g.members for g in groups),
        "present": sum(g.present for g in groups),
    }


class ClusterActivityPage(Schema):
    items: list[ClusterActivityOut]
    next_cursor: str | None


@activities_router.get("/", response=ClusterActivityPage, summary=_("Cluster activities"))
def activity_list(request, page: Query[PageParams], cluster_id: int | None = None):
    cluster = _scoped(Area, request.user, cluster_id, "cluster_id")
    chunk = paginate(sel.activities_for(request.user, cluster=cluster), page, key="id", descending=True)
    return {"items": [_activity_out(a) for a in chunk.items], "next_cursor": chunk.next_cursor}


class ClusterActivityIn(Schema):
    cluster_id: ObjectId
    name: str = Field(max_length=100)
    held_on: date
    place: str = Field("", max_length=100)
    content: str = Field("", max_length=4000)


@activities_router.post(
    "/", response={201: ClusterActivityOut}, summary=_("Schedule an activity for every branch")
)
def activity_create(request, payload: ClusterActivityIn):
    cluster = _scoped(Area, request.user, payload.cluster_id, "cluster_id")
    activity = svc.activity_schedule(
        request.user,
        cluster=cluster,
        name=payload.name,
        held_on=payload.held_on,
        place=payload.place,
        content=payload.content,
    )
    return Status(201, _activity_out(activity))


@activities_router.get("/{activity_id}", response=ClusterActivityOut, summary=_("A cluster activity"))
def activity_detail(request, activity_id: ObjectId):
    activity = get_for_user(ClusterActivity.objects.select_related("cluster"), request.user, activity_id)
    return _activity_out(activity)


class ClusterAttendanceIn(Schema):
    present: list[ObjectId] = Field(default_factory=list, description=_("the persons present"))


@activities_router.post(
    "/{activity_id}/attendance", response=ClusterActivityOut, summary=_("Take the attendance")
)
def activity_attendance(request, activity_id: ObjectId, payload: ClusterAttendanceIn):
    activity = get_for_user(ClusterActivity.objects.select_related("cluster"), request.user, activity_id)
    svc.attendance_record(request.user, activity=activity, present_ids=payload.present)
    return _activity_out(activity)


# ------------------------------------------------------------------------------------------ assessment


class RankOut(Schema):
    village_id: int
    village_name: str
    score: str
    grade: str
    rank: int


class AssessmentOut(Schema):
    id: int
    cluster_id: int
    name: str
    year: int
    indicators: list[dict]
    ranking: list[RankOut]


def _assessment_out(scheme) -> dict:
    return {
        "id": scheme.pk,
        "cluster_id": scheme.area_id,
        "name": scheme.name,
        "year": scheme.period_start.year,
        "indicators": [
            {"id": i.pk, "name": i.name, "weight": f"{i.weight:.2f}"}
            for i in scheme.indicators.order_by("order")
        ],
        "ranking": [
            {
                "village_id": r.subject_area_id,
                "village_name": r.subject_area.name if r.subject_area_id else "",
                "score": f"{r.score:.2f}",
                "grade": r.grade,
                "rank": r.rank,
            }
            for r in sel.scheme_ranking(scheme)
        ],
    }


@assessments_router.get("/", response=list[AssessmentOut], summary=_("A cluster's village assessments"))
def assessment_list(request, cluster_id: int | None = None):
    if cluster_id is None:
        clusters = list(sel.clusters_for(request.user))
    else:
        clusters = [_scoped(Area, request.user, cluster_id, "cluster_id")]
        if clusters[0].level != Level.CLUSTER:
            raise DomainError(str(_("Choose a cluster.")), field="cluster_id")
    return [_assessment_out(s) for cluster in clusters for s in sel.cluster_schemes(request.user, cluster)]


class PoolIndicatorIn(Schema):
    name: str = Field(max_length=100)
    weight: str = Field(max_length=10)


class AssessmentIn(Schema):
    cluster_id: ObjectId
    year: int = Field(ge=2000, le=2100)
    name: str = Field("", max_length=100)
    indicators: list[PoolIndicatorIn]


@assessments_router.post("/", response={201: AssessmentOut}, summary=_("Set up a yearly village assessment"))
def assessment_create(request, payload: AssessmentIn):
    cluster = _scoped(Area, request.user, payload.cluster_id, "cluster_id")
    if cluster.level != Level.CLUSTER:
        raise DomainError(str(_("Choose a cluster.")), field="cluster_id")
    text = "\n".join(f"{i.name} {i.weight}" for i in payload.indicators)
    scheme = svc.assessment_create(
        request.user, cluster=cluster, year=payload.year, name=payload.name, indicators=text
    )
    return Status(201, _assessment_out(scheme))


class PoolScoreIn(Schema):
    village_id: ObjectId
    indicator_id: ObjectId
    score: str = Field(max_length=10)


class ScoresIn(Schema):
    scores: list[PoolScoreIn]


def _village_scheme(user, pk):
    from lianxin.assessment.models import Scheme, SubjectKind

    return get_for_user(Scheme.objects.filter(subject_kind=SubjectKind.VILLAGE), user, pk)


@assessments_router.get(
    "/{scheme_id}", response=AssessmentOut, summary=_("A village assessment and its ranking")
)
def assessment_detail(request, scheme_id: ObjectId):
    return _assessment_out(_village_scheme(request.user, scheme_id))


@assessments_router.post("/{scheme_id}/scores", response=AssessmentOut, summary=_("Enter scores"))
def assessment_scores(request, scheme_id: ObjectId, payload: ScoresIn):
    scheme = _village_scheme(request.user, scheme_id)
    svc.assessment_scores(
        request.user,
        scheme=scheme,
        scores={(s.village_id, s.indicator_id): s.score for s in payload.scores},
    )
    return _assessment_out(scheme)


ROUTERS: list = [
    ("/funds/", funds_router),
    ("/fund-commitments/", commitments_router),
    ("/cadre-deployments/", deployments_router),
    ("/cluster-activities/", activities_router),
    ("/cluster-assessments/", assessments_router),
]
