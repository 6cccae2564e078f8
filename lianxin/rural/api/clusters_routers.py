"""The clusters part's routers: /api/v1/rural-clusters/ (/api/v1/clusters/ is the service centres' list),
/api/v1/joint-committees/ and /api/v1/joint-branches/, with the services, selectors and scope of the
pages (the same numbers). Money and land as strings."""

from datetime import date

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status

from lianxin.areas.models import Area, Level
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import VIEW
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.people.models import Person
from lianxin.rural.selectors import clusters as sel
from lianxin.rural.services import clusters as svc

clusters_router = Router(tags=[_("Rural clusters")])
committees_router = Router(tags=[_("Rural clusters")])
branches_router = Router(tags=[_("Rural clusters")])


class RuralClusterVillageOut(Schema):
    id: int
    name: str
    grade: str
    grade_label: str
    central: bool
    income_year: int | None
    income: str | None
    tier: str


class RuralClusterOut(Schema):
    id: int
    name: str
    code: str
    township_id: int | None
    township_name: str
    brand: str
    central_village_id: int | None
    central_village_name: str
    village_count: int
    grade_mix: dict[str, int]
    joint_committee_id: int | None
    task_force_count: int
    missing_task_forces: list[str]
    plan_id: int | None
    plan_title: str
    gaps: list[str]


def _cluster_out(r: sel.ClusterRow) -> dict:
    mix = r.grade_mix
    return {
        "id": r.cluster.pk,
        "name": r.cluster.name,
        "code": r.cluster.code,
        "township_id": r.township.pk if r.township else None,
        "township_name": r.township.name if r.township else "",
        "brand": r.cluster.brand or "",
        "central_village_id": r.central_village.pk if r.central_village else None,
        "central_village_name": r.central_village.name if r.central_village else "",
        "village_count": len(r.villages),
        "grade_mix": {
            "model": mix["model"],
            "strengthening": mix["strengthening"],
            "weak": mix["weak"],
            "none": mix[""],
        },
        "joint_committee_id": r.committee.pk if r.committee else None,
        "task_force_count": r.task_forces,
        "missing_task_forces": r.missing_task_forces,
        "plan_id": r.plan.pk if r.plan else None,
        "plan_title": r.plan.title if r.plan else "",
        "gaps": r.gaps,
    }


class RuralClusterPage(Schema):
    count: int
    items: list[RuralClusterOut]


class ClusterResourceTotalOut(Schema):
    villages: int
    land_mu: str
    funds: str
    labour: int
    technologies: list[str]


class ClusterResourceOut(Schema):
    village_id: int
    village_name: str
    land_mu: str
    funds: str
    labour: int
    technology: str


class ClusterPairOut(Schema):
    id: int
    mentor: str
    mentee: str
    start_date: date
    end_date: date | None
    activities: list[dict]


class ClusterPlanOut(Schema):
    id: int
    title: str
    period_start: int
    period_end: int
    document: str
    content: str
    projects: str
    shared_resources: str
    joint_brands: str


class RuralClusterDetail(RuralClusterOut):
    villages: list[RuralClusterVillageOut]
    resources: list[ClusterResourceOut]
    resource_total: ClusterResourceTotalOut
    mentoring_pairs: list[ClusterPairOut]
    plans: list[ClusterPlanOut]


class ClusterGapsOut(Schema):
    without_central: list[str]
    without_model: list[str]
    without_committee: list[str]
    committees_lacking: list[str]
    without_plan: list[str]


@clusters_router.get("/", response=RuralClusterPage, summary=_("Demonstration clusters in my scope"))
def clusters(request):
    rows = sel.cluster_rows(request.user)
    return {"count": len(rows), "items": [_cluster_out(r) for r in rows]}


@clusters_router.get("/gaps/", response=ClusterGapsOut, summary=_("Clusters' gaps"))
def clusters_gaps(request):
    gaps = sel.gaps_of(sel.cluster_rows(request.user))
    return {
        "without_central": [r.cluster.name for r in gaps.without_central],
        "without_model": [r.cluster.name for r in gaps.without_model],
        "without_committee": [r.cluster.name for r in gaps.without_committee],
        "committees_lacking": [r.committee.name for r in gaps.committees_lacking],
        "without_plan": [r.cluster.name for r in gaps.without_plan],
    }


class ClusterUpgradeOut(Schema):
    village_id: int
    village_name: str
    before: str
    after: str
    on: date


class ClusterUpgradePage(Schema):
    count: int
    items: list[ClusterUpgradeOut]


@clusters_router.get("/upgrades/", response=ClusterUpgradePage, summary=_("Villages upgraded in a period"))
def clusters_upgrades(request, since: date | None = None, until: date | None = None):
    ups = sel.upgrades(request.user, since=since, until=until)
    items = [
        {
            "village_id": u.village.pk,
            "village_name": u.village.name,
            "before": u.before,
            "after": u.after,
            "on": u.on,
        }
        for u in ups
    ]
    return {"count": len(items), "items": items}


def _cluster(user, cluster_id: int) -> Area:
    cluster = sel.clusters_visible(user).filter(pk=cluster_id).first()
    if cluster is None:
        raise Http404
    return cluster


def _detail(user, cluster: Area) -> dict:
    [row] = sel.cluster_rows(user, clusters=[cluster])
    resources, totals = sel.cluster_resources(cluster)
    return {
        **_cluster_out(row),
        "villages": [
            {
                "id": v.village.pk,
                "name": v.village.name,
                "grade": v.grade,
                "grade_label": v.grade_label,
                "central": v.central,
                "income_year": v.income_year,
                "income": str(v.income) if v.income is not None else None,
                "tier": v.tier,
            }
            for v in row.villages
        ],
        "resources": [
            {
                "village_id": r.village_id,
                "village_name": r.village.name,
                "land_mu": str(r.land_mu),
                "funds": str(r.funds),
                "labour": r.labour,
                "technology": r.technology,
            }
            for r in resources
        ],
        "resource_total": {
            "villages": totals.villages,
            "land_mu": str(totals.land_mu),
            "funds": str(totals.funds),
            "labour": totals.labour,
            "technologies": totals.technologies,
        },
        "mentoring_pairs": [
            {
                "id": p.pk,
                "mentor": p.mentor.name,
                "mentee": p.mentee.name,
                "start_date": p.start_date,
                "end_date": p.end_date,
                "activities": [
                    {
                        "kind": a.kind,
                        "title": a.title,
                        "held_on": a.held_on.isoformat(),
                        "participants": a.participants,
                    }
                    for a in p.activities.all()
                ],
            }
            for p in sel.mentoring_pairs(cluster)
        ],
        "plans": [
            {
                "id": p.pk,
                "title": p.title,
                "period_start": p.period_start,
                "period_end": p.period_end,
                "document": p.document,
                "content": p.content,
                "projects": p.projects,
                "shared_resources": p.shared_resources,
                "joint_brands": p.joint_brands,
            }
            for p in sel.cluster_plans(cluster)
        ],
    }


@clusters_router.get("/{cluster_id}", response=RuralClusterDetail, summary=_("A cluster"))
def cluster_detail(request, cluster_id: ObjectId):
    return _detail(request.user, _cluster(request.user, cluster_id))


class RuralClusterIn(Schema):
    township_id: ObjectId
    name: str = Field(max_length=100)
    village_ids: list[ObjectId] = []
    central_village_id: ObjectId | None = None
    brand: str = Field("", max_length=100)
    joint_committee: bool = Field(
        False, description=_("Form its joint committee with the five task forces too.")
    )


class RuralClusterCreated(RuralClusterDetail):
    warning: str


@clusters_router.post("/", response={201: RuralClusterCreated}, summary=_("Form a cluster"))
def cluster_create(request, payload: RuralClusterIn):
    user = request.user
    township = Area.objects.restrict(user, VIEW).filter(pk=payload.township_id, level=Level.TOWNSHIP).first()
    if township is None:
        raise DomainError(str(_("Choose a township.")), field="township_id")
    villages = list(Area.objects.restrict(user, VIEW).filter(pk__in=payload.village_ids, level=Level.VILLAGE))
    if len(villages) != len(set(payload.village_ids)):
        raise DomainError(str(_("Choose a village.")), field="village_ids")
    central = next((v for v in villages if v.pk == payload.central_village_id), None)
    if payload.central_village_id and central is None:
        raise DomainError(str(_("Choose a village of the cluster.")), field="central_village_id")
    from django.db import transaction

    with transaction.atomic():
        cluster, warning = svc.cluster_form(
            user,
            township=township,
            name=payload.name,
            villages=villages,
            central_village=central,
            brand=payload.brand,
        )
        if payload.joint_committee:
            svc.joint_committee_form(user, cluster=cluster)
    return Status(201, {**_detail(user, cluster), "warning": warning})


# -- joint committees ------------------------------------------------------------------------------------


class CommitteePostOut(Schema):
    person_id: int
    person_name: str
    role: str
    role_label: str


def _post(p, *, committee: bool = False) -> dict:
    return {
        "person_id": p.person_id,
        "person_name": p.person.name,
        "role": p.role,
        "role_label": sel.committee_role_label(p.role) if committee else str(p.get_role_display()),
    }


class CommitteeHeadOut(CommitteePostOut):
    department_posts: list[str]


class CommitteeForceOut(Schema):
    id: int
    name: str
    line: str
    heads: list[CommitteeHeadOut]
    funds_brought: str
    projects_brought: int


class ClusterTaskOut(Schema):
    id: int
    title: str
    case_id: int
    lead: str
    lead_state: str
    parties: list[dict]
    due: str | None
    done: int
    total: int


def _task(t: sel.TaskRow) -> dict:
    return {
        "id": t.task.pk,
        "title": t.task.title,
        "case_id": t.lead.case_id,
        "lead": t.lead.name,
        "lead_state": t.lead.state,
        "parties": [{"name": p.name, "state": p.state, "case_id": p.case_id} for p in t.parties],
        "due": t.due.isoformat() if t.due else None,
        "done": t.done,
        "total": t.total,
    }


class JointCommitteeOut(Schema):
    id: int
    name: str
    cluster_id: int
    cluster_name: str
    leaders: list[CommitteePostOut]
    secretaries: list[CommitteePostOut]
    members: list[CommitteePostOut]
    task_forces: list[CommitteeForceOut]
    missing_task_forces: list[str]
    cross_appointments: list[dict]
    tasks: list[ClusterTaskOut]


def _committee_out(v: sel.CommitteeView) -> dict:
    return {
        "id": v.committee.pk,
        "name": v.committee.name,
        "cluster_id": v.cluster.pk,
        "cluster_name": v.cluster.name,
        "leaders": [_post(p, committee=True) for p in v.leaders],
        "secretaries": [_post(p, committee=True) for p in v.secretaries],
        "members": [_post(p, committee=True) for p in v.members],
        "task_forces": [
            {
                "id": f.org.pk,
                "name": f.org.name,
                "line": f.org.task_force.code if f.org.task_force_id else "",
                "heads": [
                    {
                        **_post(h),
                        "department_posts": [f"{d.department.name} {d.get_role_display()}" for d in deps],
                    }
                    for h, deps in f.heads
                ],
                "funds_brought": str(f.funds),
                "projects_brought": f.projects,
            }
            for f in v.forces
        ],
        "missing_task_forces": v.missing,
        "cross_appointments": [
            {
                "person_name": c.person.name,
                "committee_role": c.committee_label,
                "departments": [d.department.name for d in c.department_posts],
            }
            for c in v.cross
        ],
        "tasks": [_task(t) for t in v.tasks],
    }


class JointCommitteePage(Schema):
    count: int
    items: list[JointCommitteeOut]


@committees_router.get("/", response=JointCommitteePage, summary=_("Joint committees in my scope"))
def committees(request):
    user = request.user
    items = [_committee_out(sel.committee_view(user, c)) for c in sel.committees_visible(user)]
    return {"count": len(items), "items": items}


def _committee(user, committee_id: int) -> PartyOrg:
    committee = sel.committees_visible(user).filter(pk=committee_id).first()
    if committee is None:
        raise Http404
    return committee


@committees_router.get("/{committee_id}", response=JointCommitteeOut, summary=_("A joint committee"))
def committee_detail(request, committee_id: ObjectId):
    user = request.user
    return _committee_out(sel.committee_view(user, _committee(user, committee_id)))


class JointCommitteeIn(Schema):
    cluster_id: ObjectId
    name: str = Field("", max_length=100)
    leader_person_id: ObjectId | None = None


def _person(user, pk) -> Person | None:
    if pk is None:
        return None
    person = Person.objects.restrict(user, VIEW).filter(pk=pk).first()
    if person is None:
        raise DomainError(str(_("Choose a person within your scope.")), field="person_id")
    return person


@committees_router.post("/", response={201: JointCommitteeOut}, summary=_("Form a cluster's joint committee"))
def committee_create(request, payload: JointCommitteeIn):
    user = request.user
    cluster = _cluster(user, payload.cluster_id)
    committee = svc.joint_committee_form(
        user, cluster=cluster, name=payload.name, leader=_person(user, payload.leader_person_id)
    )
    return Status(201, _committee_out(sel.committee_view(user, committee)))


class CommitteeHeadIn(Schema):
    task_force_id: ObjectId
    person_id: ObjectId


@committees_router.post(
    "/{committee_id}/heads", response={201: JointCommitteeOut}, summary=_("Appoint a task-force head")
)
def committee_head(request, committee_id: ObjectId, payload: CommitteeHeadIn):
    user = request.user
    committee = _committee(user, committee_id)
    force = svc.task_forces_of(committee).filter(pk=payload.task_force_id).first()
    if force is None:
        raise DomainError(str(_("Choose one of the committee's task forces.")), field="task_force_id")
    svc.task_force_head_appoint(user, task_force=force, person=_person(user, payload.person_id))
    return Status(201, _committee_out(sel.committee_view(user, committee)))


class ClusterTaskIn(Schema):
    task_force_id: ObjectId
    title: str = Field(max_length=100)
    description: str = Field("", max_length=2000)
    branch_ids: list[ObjectId] = []
    working_days: float = Field(15, gt=0, le=365)


@committees_router.post(
    "/{committee_id}/tasks", response={201: ClusterTaskOut}, summary=_("Issue a cluster task")
)
def committee_task(request, committee_id: ObjectId, payload: ClusterTaskIn):
    user = request.user
    committee = _committee(user, committee_id)
    force = svc.task_forces_of(committee).filter(pk=payload.task_force_id).first()
    if force is None:
        raise DomainError(str(_("Choose one of the committee's task forces.")), field="task_force_id")
    branches = list(svc.member_branches(committee.area).filter(pk__in=payload.branch_ids))
    if len(branches) != len(set(payload.branch_ids)):
        raise DomainError(str(_("Choose village branches of the cluster.")), field="branch_ids")
    task = svc.cluster_task_issue(
        user,
        committee=committee,
        task_force=force,
        title=payload.title,
        description=payload.description,
        branches=branches,
        working_days=payload.working_days,
    )
    [row] = sel.task_rows(type(task).objects.filter(pk=task.pk))
    return Status(201, _task(row))


# -- joint branches --------------------------------------------------------------------------------------


class JointBranchOut(Schema):
    id: int
    name: str
    cluster_id: int | None
    cluster_name: str
    branches: list[dict]
    member_count: int
    secretaries: list[CommitteePostOut]


def _branch_out(org: PartyOrg) -> dict:
    from lianxin.people.models import Post
    from lianxin.people.roles import Role

    return {
        "id": org.pk,
        "name": org.name,
        "cluster_id": org.area_id,
        "cluster_name": org.area.name if org.area_id else "",
        "branches": [
            {"id": link.branch_id, "name": link.branch.name} for link in sel.joint_branch_links(org)
        ],
        "member_count": sel.joint_branch_members(org),
        "secretaries": [
            _post(p)
            for p in Post.objects.current()
            .filter(party_org=org, role=Role.SECRETARY)
            .select_related("person")
        ],
    }


class JointBranchPage(Schema):
    count: int
    items: list[JointBranchOut]


@branches_router.get("/", response=JointBranchPage, summary=_("Joint branches in my scope"))
def joint_branches(request):
    items = [_branch_out(o) for o in sel.joint_branches_visible(request.user)]
    return {"count": len(items), "items": items}


@branches_router.get("/{branch_id}", response=JointBranchOut, summary=_("A joint branch"))
def joint_branch_detail(request, branch_id: ObjectId):
    org = sel.joint_branches_visible(request.user).filter(pk=branch_id).first()
    if org is None:
        raise Http404
    return _branch_out(org)


class JointBranchIn(Schema):
    cluster_id: ObjectId
    name: str = Field(max_length=100)
    branch_ids: list[ObjectId]
    secretary_person_id: ObjectId | None = None


@branches_router.post("/", response={201: JointBranchOut}, summary=_("Form a joint branch"))
def joint_branch_create(request, payload: JointBranchIn):
    user = request.user
    cluster = _cluster(user, payload.cluster_id)
    branches = list(
        PartyOrg.objects.restrict(user, VIEW).filter(
            pk__in=payload.branch_ids, kind__in=[OrgKind.BRANCH, OrgKind.GENERAL_BRANCH, OrgKind.COMMITTEE]
        )
    )
    if len(branches) != len(set(payload.branch_ids)):
        raise DomainError(str(_("Choose village branches of the cluster.")), field="branch_ids")
    org = svc.joint_branch_form(
        user,
        cluster=cluster,
        name=payload.name,
        branches=branches,
        secretary=_person(user, payload.secretary_person_id),
    )
    return Status(201, _branch_out(PartyOrg.objects.select_related("area").get(pk=org.pk)))


ROUTERS: list = [
    ("/rural-clusters/", clusters_router),
    ("/joint-committees/", committees_router),
    ("/joint-branches/", branches_router),
]
