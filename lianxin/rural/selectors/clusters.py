"""The clusters part's reads: the county's clusters with their villages, grades, central village,
joint committee and plan, and the gaps (缺中心村, 缺示范村, 缺联合党委, 专班不全, 缺产业规划);
a joint committee with its posts, task forces, heads and their department posts, cross-appointments
and tasks; the joint branch's member count; the resources summed per cluster; grade upgrades in a
period; a task-force head's queue; a villager's cluster tasks. Pages, the API and the Excel export
read the same functions (the same numbers). Every read starts from ``restrict(user)``."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lianxin.areas.models import Area, Level
from lianxin.core.paths import ancestor_paths
from lianxin.core.scope import VIEW, under
from lianxin.party.models import Membership, OrgKind, PartyOrg, TaskForce
from lianxin.people.models import Post
from lianxin.people.roles import Role
from lianxin.rural.models import (
    GRADE_RANK,
    ClusterPlan,
    ClusterProfile,
    ClusterTask,
    DepartmentResource,
    JointBranchLink,
    MentoringPair,
    VillageGrade,
    VillageGradeLevel,
    VillageResource,
)
from lianxin.rural.permissions import JOINT_COMMITTEE_LEADER, TASK_FORCE_HEAD
from lianxin.rural.services.clusters import county_department_posts, member_branches, task_forces_of

GRADES = list(VillageGradeLevel)
CENT = Decimal("0.01")


@dataclass
class VillageRow:
    village: Area
    grade: str = ""
    grade_label: str = ""
    central: bool = False
    income_year: int | None = None
    income: Decimal | None = None
    tier: str = ""


@dataclass
class ClusterRow:
    cluster: Area
    township: Area | None
    profile: ClusterProfile | None
    villages: list[VillageRow] = field(default_factory=list)
    committee: PartyOrg | None = None
    task_forces: int = 0
    missing_task_forces: list[str] = field(default_factory=list)
    plan: ClusterPlan | None = None
    gaps: list[str] = field(default_factory=list)

    @property
    def central_village(self):
        return self.profile.central_village if self.profile else None

    @property
    def grade_mix(self) -> dict[str, int]:
        counts = Counter(v.grade for v in self.villages)
        return {g.value: counts.get(g.value, 0) for g in GRADES} | {"": counts.get("", 0)}

    @property
    def grade_mix_text(self) -> str:
        mix = self.grade_mix
        parts = [f"{g.label}{mix[g.value]}" for g in GRADES]
        if mix[""]:
            parts.append(_("ungraded %(n)d") % {"n": mix[""]})
        return "、".join(parts)


def _tier(amount: Decimal | None) -> str:
    if amount is None:
        return ""
    low, high = settings.LIANXIN_INCOME_TIERS[:2]
    if amount >= high:
        return _("%(n)s or more") % {"n": f"{high // 10000}万"}
    if amount >= low:
        return _("%(n)s or more") % {"n": f"{low // 10000}万"}
    return _("under %(n)s") % {"n": f"{low // 10000}万"}


def _incomes(village_ids) -> dict[int, tuple[int, Decimal]]:
    """Each village's latest recorded collective income (year, total): its strength (P000-04)."""
    try:
        from lianxin.rural.models import CollectiveIncome
    except ImportError:  # the land part not built yet
        return {}
    latest: dict[int, tuple[int, Decimal]] = {}
    rows = CollectiveIncome.objects.filter(area_id__in=list(village_ids)).values_list(
        "area_id", "year", "total"
    )
    for area_id, year, total in rows.order_by("area_id", "year"):
        latest[area_id] = (year, total)
    return latest


def clusters_visible(user, root: Area | None = None):
    clusters = Area.objects.restrict(user, VIEW).filter(level=Level.CLUSTER, retired_on__isnull=True)
    if root is not None:
        clusters = clusters.filter(under("path", root.path))
    return clusters.order_by("path")


def _current_plan(plans: list[ClusterPlan], year: int) -> ClusterPlan | None:
    covering = [p for p in plans if p.period_start <= year <= p.period_end]
    return covering[0] if covering else None


def cluster_rows(user, root: Area | None = None, clusters=None) -> list[ClusterRow]:
    """The clusters the user sees (under ``root``), each with its villages and gaps."""
    clusters = list(clusters if clusters is not None else clusters_visible(user, root))
    if not clusters:
        return []
    paths = [c.path for c in clusters]
    q = Q()
    for path in paths:
        q |= under("path", path)
    villages = list(Area.objects.filter(q, level=Level.VILLAGE, retired_on__isnull=True).order_by("path"))
    grades = dict(
        VillageGrade.objects.filter(village__in=villages, end_date__isnull=True).values_list(
            "village_id", "grade"
        )
    )
    incomes = _incomes(v.pk for v in villages)
    profiles = {p.cluster_id: p for p in ClusterProfile.objects.filter(cluster__in=clusters)}
    committees = {}
    for org in PartyOrg.objects.filter(kind=OrgKind.JOINT_COMMITTEE, area__in=clusters).order_by("path"):
        committees.setdefault(org.area_id, org)
    forces_all = list(TaskForce.objects.order_by("order", "code"))
    have: dict[int, set[int]] = {}
    for org in committees.values():
        have[org.pk] = set(task_forces_of(org).values_list("task_force_id", flat=True))
    plans: dict[int, list[ClusterPlan]] = {}
    for plan in ClusterPlan.objects.filter(cluster__in=clusters).order_by("-period_start"):
        plans.setdefault(plan.cluster_id, []).append(plan)
    townships = {t.path: t for t in Area.objects.filter(level=Level.TOWNSHIP, path__in=_parents(paths))}
    year = timezone.localdate().year
    rows = []
    for cluster in clusters:
        profile = profiles.get(cluster.pk)
        central_id = profile.central_village_id if profile else None
        row = ClusterRow(
            cluster=cluster,
            township=next((t for p, t in townships.items() if cluster.path.startswith(p)), None),
            profile=profile,
        )
        for village in villages:
            if not village.path.startswith(cluster.path):
                continue
            grade = grades.get(village.pk, "")
            income = incomes.get(village.pk)
            row.villages.append(
                VillageRow(
                    village=village,
                    grade=grade,
                    grade_label=str(VillageGradeLevel(grade).label) if grade else "",
                    central=village.pk == central_id,
                    income_year=income[0] if income else None,
                    income=income[1] if income else None,
                    tier=_tier(income[1] if income else None),
                )
            )
        row.committee = committees.get(cluster.pk)
        if row.committee is not None:
            got = have[row.committee.pk]
            row.task_forces = len(got)
            row.missing_task_forces = [f"{f.name}专班" for f in forces_all if f.pk not in got]
        row.plan = _current_plan(plans.get(cluster.pk, []), year)
        row.gaps = _gaps(row)
        rows.append(row)
    return rows


def _parents(paths: list[str]) -> list[str]:
    found = set()
    for path in paths:
        found.update(ancestor_paths(path, include_self=False))
    return sorted(found)


def _gaps(row: ClusterRow) -> list[str]:
    gaps = []
    if row.central_village is None:
        gaps.append("缺中心村")
    if not any(v.grade == VillageGradeLevel.MODEL for v in row.villages):
        gaps.append("缺示范村")
    if row.committee is None:
        gaps.append("缺联合党委")
    elif row.missing_task_forces:
        gaps.append("专班不全")
    if row.plan is None:
        gaps.append("缺产业规划")
    return gaps


@dataclass
class CountyRow:
    county: Area
    clusters: int
    villages: int
    with_central: int
    with_committee: int
    with_plan: int
    grade_mix: dict


def county_rows(rows: list[ClusterRow]) -> list[CountyRow]:
    """Clusters per county (P002-01) with their villages, and how many have a central village, a joint
    committee and a plan; the grade mix of all their villages."""
    paths = _parents([r.cluster.path for r in rows])
    counties = list(Area.objects.filter(level=Level.COUNTY, path__in=paths).order_by("path"))
    out = []
    for county in counties:
        mine = [r for r in rows if r.cluster.path.startswith(county.path)]
        mix = Counter()
        for r in mine:
            mix.update(r.grade_mix)
        out.append(
            CountyRow(
                county=county,
                clusters=len(mine),
                villages=sum(len(r.villages) for r in mine),
                with_central=sum(1 for r in mine if r.central_village is not None),
                with_committee=sum(1 for r in mine if r.committee is not None),
                with_plan=sum(1 for r in mine if r.plan is not None),
                grade_mix={g.value: mix.get(g.value, 0) for g in GRADES} | {"": mix.get("", 0)},
            )
        )
    return out


@dataclass
class Gaps:
    without_central: list[ClusterRow]
    without_model: list[ClusterRow]
    without_committee: list[ClusterRow]
    committees_lacking: list[ClusterRow]
    without_plan: list[ClusterRow]

    @property
    def total(self) -> int:
        return sum(
            len(x)
            for x in (
                self.without_central,
                self.without_model,
                self.without_committee,
                self.committees_lacking,
                self.without_plan,
            )
        )


def gaps_of(rows: list[ClusterRow]) -> Gaps:
    return Gaps(
        without_central=[r for r in rows if r.central_village is None],
        without_model=[r for r in rows if "缺示范村" in r.gaps],
        without_committee=[r for r in rows if r.committee is None],
        committees_lacking=[r for r in rows if r.committee is not None and r.missing_task_forces],
        without_plan=[r for r in rows if r.plan is None],
    )


# -- one cluster -----------------------------------------------------------------------------------------


@dataclass
class ResourceSum:
    land_mu: Decimal
    funds: Decimal
    labour: int
    technologies: list[str]
    villages: int


def cluster_resources(cluster: Area) -> tuple[list[VillageResource], ResourceSum]:
    """Each village's factors and their sum for the cluster (P002-16)."""
    rows = list(
        VillageResource.objects.filter(under("area_path", cluster.path))
        .select_related("village")
        .order_by("village__path")
    )
    totals = VillageResource.objects.filter(under("area_path", cluster.path)).aggregate(
        land=Sum("land_mu"), funds=Sum("funds"), labour=Sum("labour")
    )
    return rows, ResourceSum(
        land_mu=Decimal(totals["land"] or 0).quantize(CENT),
        funds=Decimal(totals["funds"] or 0).quantize(CENT),
        labour=totals["labour"] or 0,
        technologies=[r.technology for r in rows if r.technology],
        villages=len(rows),
    )


def mentoring_pairs(cluster: Area):
    return (
        MentoringPair.objects.filter(cluster=cluster)
        .select_related("mentor", "mentee")
        .prefetch_related("activities")
        .order_by("end_date", "mentor__path", "mentee__path")
    )


def grade_history(cluster: Area):
    return (
        VillageGrade.objects.filter(under("area_path", cluster.path))
        .select_related("village")
        .order_by("village__path", "start_date", "id")
    )


@dataclass
class Upgrade:
    village: Area
    before: str
    after: str
    on: date

    @property
    def before_label(self) -> str:
        return str(VillageGradeLevel(self.before).label)

    @property
    def after_label(self) -> str:
        return str(VillageGradeLevel(self.after).label)


def upgrades(user, *, root: Area | None = None, since: date | None = None, until: date | None = None):
    """Grade changes to a higher grade (晋位升级) starting in the period, within the user's scope
    (P002-26)."""
    grades = VillageGrade.objects.restrict(user, VIEW)
    if root is not None:
        grades = grades.filter(under("area_path", root.path))
    by_village: dict[int, list[VillageGrade]] = {}
    for g in grades.select_related("village").order_by("village_id", "start_date", "id"):
        by_village.setdefault(g.village_id, []).append(g)
    found = []
    for history in by_village.values():
        for before, after in zip(history, history[1:], strict=False):
            if GRADE_RANK[after.grade] <= GRADE_RANK[before.grade]:
                continue
            if (since and after.start_date < since) or (until and after.start_date > until):
                continue
            found.append(
                Upgrade(
                    village=after.village,
                    before=before.grade,
                    after=after.grade,
                    on=after.start_date,
                )
            )
    return sorted(found, key=lambda u: (u.on, u.village.path))


def cluster_plans(cluster: Area):
    return ClusterPlan.objects.filter(cluster=cluster).order_by("-period_start")


# -- joint committees and joint branches -------------------------------------------------------------------


def committees_visible(user, root: Area | None = None):
    orgs = PartyOrg.objects.restrict(user, VIEW).filter(kind=OrgKind.JOINT_COMMITTEE)
    if root is not None:
        orgs = orgs.filter(under("area_path", root.path))
    return orgs.select_related("area").order_by("path")


def joint_branches_visible(user, root: Area | None = None):
    orgs = PartyOrg.objects.restrict(user, VIEW).filter(kind=OrgKind.JOINT_BRANCH, area__level=Level.CLUSTER)
    if root is not None:
        orgs = orgs.filter(under("area_path", root.path))
    return orgs.select_related("area").order_by("path")


def _posts_on(org: PartyOrg, roles):
    return list(
        Post.objects.current()
        .filter(party_org=org, role__in=list(roles))
        .select_related("person")
        .order_by("role", "id")
    )


@dataclass
class ForceRow:
    org: PartyOrg
    heads: list  # (post, [department posts])
    resources: list
    funds: Decimal
    projects: int


@dataclass
class CrossAppointment:
    person: object
    committee_post: Post
    department_posts: list[Post]

    @property
    def committee_label(self) -> str:
        return committee_role_label(self.committee_post.role)


def committee_role_label(role: str) -> str:
    """A post's name on a joint committee (书记, 副书记, 委员: not a village's 两委委员)."""
    labels = {
        Role.SECRETARY: pgettext("joint committee", "secretary"),
        Role.DEPUTY_SECRETARY: pgettext("joint committee", "deputy secretary"),
        Role.COMMITTEE_MEMBER: pgettext("joint committee", "committee member"),
        JOINT_COMMITTEE_LEADER: pgettext("joint committee", "responsible leader"),
    }
    return str(labels.get(role, role))


@dataclass
class CommitteeView:
    committee: PartyOrg
    cluster: Area
    leaders: list[Post]
    secretaries: list[Post]
    members: list[Post]
    forces: list[ForceRow]
    missing: list[str]
    branches: list[PartyOrg]
    joint_branches: list
    cross: list[CrossAppointment]
    tasks: list


def cross_appointments(committees) -> list[CrossAppointment]:
    """Joint-committee posts held by people who also hold a department post (交叉任职, P002-10)."""
    posts = (
        Post.objects.current()
        .filter(party_org__in=list(committees))
        .exclude(role=JOINT_COMMITTEE_LEADER)
        .select_related("person", "party_org")
        .order_by("party_org__path", "role", "id")
    )
    found = []
    for post in posts:
        departments = list(
            Post.objects.current()
            .filter(person_id=post.person_id, department__isnull=False)
            .select_related("department")
            .order_by("id")
        )
        if departments:
            found.append(CrossAppointment(post.person, post, departments))
    return found


def joint_branch_members(joint: PartyOrg) -> int:
    """The joint branch's member count: the members of the village branches it links and its own, each
    person once (a member keeps his home branch; a second membership is not a second member)."""
    linked = list(JointBranchLink.objects.filter(joint_branch=joint).values_list("branch__path", flat=True))
    q = Q(org=joint)
    for path in linked:
        q |= Q(org_path__startswith=path)
    return Membership.objects.current().filter(q).values("person_id").distinct().count()


def joint_branch_links(joint: PartyOrg):
    return (
        JointBranchLink.objects.filter(joint_branch=joint).select_related("branch").order_by("branch__path")
    )


def committee_view(user, committee: PartyOrg) -> CommitteeView:
    cluster = committee.area
    forces = []
    for org in task_forces_of(committee).order_by("task_force__order"):
        heads = [(p, list(county_department_posts(p.person))) for p in _posts_on(org, [TASK_FORCE_HEAD])]
        resources = list(
            DepartmentResource.objects.filter(task_force=org)
            .select_related("department")
            .order_by("-brought_on")
        )
        forces.append(
            ForceRow(
                org=org,
                heads=heads,
                resources=resources,
                funds=sum((r.amount for r in resources if r.kind == "funds"), Decimal("0.00")).quantize(CENT),
                projects=sum(1 for r in resources if r.kind == "project"),
            )
        )
    have = {f.org.task_force_id for f in forces}
    joints = [
        {"org": j, "links": list(joint_branch_links(j)), "members": joint_branch_members(j)}
        for j in PartyOrg.objects.filter(kind=OrgKind.JOINT_BRANCH, area=cluster).order_by("path")
    ]
    return CommitteeView(
        committee=committee,
        cluster=cluster,
        leaders=_posts_on(committee, [JOINT_COMMITTEE_LEADER]),
        secretaries=_posts_on(committee, [Role.SECRETARY]),
        members=_posts_on(committee, [Role.DEPUTY_SECRETARY, Role.COMMITTEE_MEMBER]),
        forces=forces,
        missing=[f"{f.name}专班" for f in TaskForce.objects.order_by("order") if f.pk not in have],
        branches=list(member_branches(cluster)),
        joint_branches=joints,
        cross=cross_appointments([committee]),
        tasks=list(task_rows(ClusterTask.objects.filter(committee=committee))),
    )


# -- cluster tasks ---------------------------------------------------------------------------------------


@dataclass
class PartyState:
    name: str
    state: str
    state_label: str
    done: bool
    case_id: int


@dataclass
class TaskRow:
    task: ClusterTask
    lead: PartyState
    parties: list[PartyState]
    due: object

    @property
    def done(self) -> int:
        return sum(1 for p in [self.lead, *self.parties] if p.done)

    @property
    def total(self) -> int:
        return 1 + len(self.parties)


def _state(name: str, case) -> PartyState:
    from lianxin.cases.models import State

    return PartyState(
        name=name,
        state=case.state,
        state_label=str(case.get_state_display()),
        done=case.state == State.CLOSED,
        case_id=case.pk,
    )


def task_rows(tasks) -> list[TaskRow]:
    rows = []
    for task in tasks.select_related("task_force", "case", "committee").prefetch_related(
        "parties__party_org", "parties__case"
    ):
        rows.append(
            TaskRow(
                task=task,
                lead=_state(task.task_force.name, task.case),
                parties=[_state(p.party_org.name, p.case) for p in task.parties.all()],
                due=task.case.handle_due,
            )
        )
    return rows


def tasks_visible(user):
    return ClusterTask.objects.restrict(user, VIEW)


def my_task_forces(user) -> list[PartyOrg]:
    if not user.is_authenticated or not user.person_id:
        return []
    ids = (
        Post.objects.current()
        .filter(person_id=user.person_id, role=TASK_FORCE_HEAD, party_org__isnull=False)
        .values_list("party_org_id", flat=True)
    )
    return list(PartyOrg.objects.filter(pk__in=list(ids)).select_related("area").order_by("path"))


def force_queue(user, force: PartyOrg):
    """The task force's cases in the user's scope, open first (the head's queue)."""
    from lianxin.cases.models import Case

    return (
        Case.objects.restrict(user, VIEW)
        .filter(handler_party_org=force)
        .select_related("category")
        .order_by("closed_at", "handle_due", "-id")
    )


def my_cluster(user) -> Area | None:
    """The cluster a villager lives in (his person's area under a cluster), else None."""
    person = getattr(user, "person", None) if user.is_authenticated else None
    if person is None or not person.area_path:
        return None
    return (
        Area.objects.filter(level=Level.CLUSTER, path__in=ancestor_paths(person.area_path, include_self=True))
        .order_by("-depth")
        .first()
    )


def cluster_tasks_public(cluster: Area) -> list[TaskRow]:
    """The cluster's tasks as its residents see them: titles, parties and progress (P000-08)."""
    return task_rows(ClusterTask.objects.filter(cluster=cluster))
