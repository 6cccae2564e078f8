"""The pools part's reads: the same rows for the pages, the API and the exports (so their numbers agree).
Everything is read through ``restrict(user, VIEW)``: the county admin reads the county's pools, a township
secretary his clusters'."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum

from lianxin.areas.models import Area, Level
from lianxin.core.paths import under
from lianxin.core.scope import VIEW
from lianxin.rural.models.pools import (
    ZERO,
    CadreDeployment,
    ClusterActivity,
    ClusterAttendance,
    EntryKind,
    Fund,
    FundCommitment,
    FundEntry,
    Tranche,
)

# Posts that make a person one of a village's cadres (村两委、第一书记、挂职干部): the cadre pool's roster.
CADRE_ROLES = (
    "secretary",
    "deputy_secretary",
    "committee_member",
    "community_worker",
    "first_secretary",
    "seconded_secretary",
    "seconded_director",
)


def _today() -> date:
    from django.utils import timezone

    from lianxin.cases.clock import now as clock_now

    return timezone.localtime(clock_now()).date()


# ---------------------------------------------------------------------------------------------- funds


@dataclass
class FundRow:
    fund: Fund
    inflow: Decimal = ZERO
    allocated: Decimal = ZERO
    entries: int = 0

    @property
    def balance(self) -> Decimal:
        return self.inflow - self.allocated


def funds_for(user, *, area: Area | None = None) -> list[FundRow]:
    """The funds the user may read (optionally those of one area and below), with their totals."""
    funds = Fund.objects.restrict(user, VIEW).select_related("area")
    if area is not None:
        funds = funds.filter(under("area_path", area.path))
    rows = {fund.pk: FundRow(fund=fund) for fund in funds.order_by("area_path", "name")}
    totals = (
        FundEntry.objects.filter(fund_id__in=list(rows))
        .values("fund_id", "kind")
        .annotate(total=Sum("amount"), n=Count("pk"))
        .order_by()
    )
    for t in totals:
        row = rows[t["fund_id"]]
        if t["kind"] == EntryKind.INFLOW:
            row.inflow = t["total"]
        else:
            row.allocated = t["total"]
        row.entries += t["n"]
    return list(rows.values())


def fund_row(fund: Fund) -> FundRow:
    row = FundRow(fund=fund)
    for kind, total, n in (
        FundEntry.objects.filter(fund=fund)
        .values_list("kind")
        .annotate(Sum("amount"), Count("pk"))
        .order_by()
    ):
        if kind == EntryKind.INFLOW:
            row.inflow = total
        else:
            row.allocated = total
        row.entries += n
    return row


def fund_entries(fund: Fund):
    return (
        FundEntry.objects.filter(fund=fund)
        .select_related("area", "recorded_by", "object_type")
        .order_by("-occurred_on", "-created_at", "-pk")
    )


def funds_figures(rows: list[FundRow]) -> dict:
    return {
        "count": len(rows),
        "inflow": sum((r.inflow for r in rows), ZERO),
        "allocated": sum((r.allocated for r in rows), ZERO),
        "balance": sum((r.balance for r in rows), ZERO),
    }


# ------------------------------------------------------------------------------------------ commitments


@dataclass
class CommitmentRow:
    commitment: FundCommitment
    tranches: list = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((t.amount for t in self.tranches), ZERO)

    @property
    def paid(self) -> Decimal:
        return sum((t.amount for t in self.tranches if t.paid_on), ZERO)

    @property
    def pending(self) -> Decimal:
        return self.total - self.paid


def commitments_for(user, *, area: Area | None = None) -> list[CommitmentRow]:
    commitments = FundCommitment.objects.restrict(user, VIEW).select_related("area", "county", "fund")
    if area is not None:
        commitments = commitments.filter(under("area_path", area.path))
    rows = {c.pk: CommitmentRow(commitment=c) for c in commitments.order_by("first_year", "area_path", "pk")}
    for tranche in Tranche.objects.filter(commitment_id__in=list(rows)).order_by("year"):
        rows[tranche.commitment_id].tranches.append(tranche)
    return list(rows.values())


def commitment_row(commitment: FundCommitment) -> CommitmentRow:
    return CommitmentRow(commitment=commitment, tranches=list(commitment.tranches.order_by("year")))


@dataclass
class YearTotal:
    year: int
    committed: Decimal = ZERO
    paid: Decimal = ZERO
    tranches: int = 0
    paid_count: int = 0

    @property
    def pending(self) -> Decimal:
        return self.committed - self.paid


def year_totals(rows: list[CommitmentRow]) -> list[YearTotal]:
    """The county total per year over the commitments read: committed, paid and pending."""
    years: dict[int, YearTotal] = {}
    for row in rows:
        for t in row.tranches:
            y = years.setdefault(t.year, YearTotal(year=t.year))
            y.committed += t.amount
            y.tranches += 1
            if t.paid_on:
                y.paid += t.amount
                y.paid_count += 1
    return [years[y] for y in sorted(years)]


def commitments_figures(rows: list[CommitmentRow]) -> dict:
    return {
        "count": len(rows),
        "total": sum((r.total for r in rows), ZERO),
        "paid": sum((r.paid for r in rows), ZERO),
        "pending": sum((r.pending for r in rows), ZERO),
    }


def tranches_due(on: date | None = None, *, within_days: int = 30, user=None):
    """Unpaid tranches due by ``on`` + within_days (the reminders' rows), overdue ones first; the user's
    only when one is given."""
    from datetime import timedelta

    on = on or _today()
    rows = Tranche.objects.restrict(user, VIEW) if user is not None else Tranche.objects.all()
    return (
        rows.filter(paid_on__isnull=True, due_on__lte=on + timedelta(days=within_days))
        .select_related("commitment", "commitment__area", "commitment__county")
        .order_by("due_on", "pk")
    )


# ------------------------------------------------------------------------------------------ clusters


def clusters_for(user):
    """The clusters the user may read (a township secretary: his township's)."""
    return (
        Area.objects.restrict(user, VIEW)
        .filter(level=Level.CLUSTER, retired_on__isnull=True)
        .order_by("path")
    )


def cluster_villages(cluster: Area):
    return Area.objects.filter(
        under("path", cluster.path), level=Level.VILLAGE, retired_on__isnull=True
    ).order_by("path")


# ------------------------------------------------------------------------------------------ cadre pool


@dataclass
class RosterRow:
    person: object
    home: Area | None
    posts: list = field(default_factory=list)
    deployment: CadreDeployment | None = None


def _current_posts(prefix_q: Q, on: date):
    from lianxin.people.models import Post

    return (
        Post.objects.filter(prefix_q, role__in=CADRE_ROLES, start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .select_related("person", "area", "party_org")
        .order_by("area_path", "person__name", "pk")
    )


def deployments_in_force(cluster_q: Q, on: date):
    return (
        CadreDeployment.objects.filter(cluster_q, starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .select_related("person", "home_area", "to_area", "to_party_org", "cluster")
    )


def cluster_roster(cluster: Area, *, on: date | None = None) -> list[RosterRow]:
    """The cluster's cadres on a day: everyone holding a cadre post in one of its villages (or on its
    joint committee), and everyone deployed in it; each person once, with his posts and deployment."""
    on = on or _today()
    rows: dict[int, RosterRow] = {}
    for post in _current_posts(under("area_path", cluster.path), on):
        home = post.area if post.area and post.area.level == Level.VILLAGE else None
        row = rows.setdefault(post.person_id, RosterRow(person=post.person, home=home))
        row.home = row.home or home
        row.posts.append(post)
    for deployment in deployments_in_force(Q(cluster=cluster), on):
        row = rows.setdefault(
            deployment.person_id, RosterRow(person=deployment.person, home=deployment.home_area)
        )
        row.deployment = deployment
        row.home = row.home or deployment.home_area
    return sorted(rows.values(), key=lambda r: (r.home.path if r.home else "", r.person.name))


def cadre_counts(user, *, on: date | None = None) -> dict:
    """Cadres per cluster the user may read, and in all (a person in two clusters counted once)."""
    on = on or _today()
    clusters = list(clusters_for(user))
    per_cluster = []
    everyone: set[int] = set()
    for cluster in clusters:
        ids = {row.person.pk for row in cluster_roster(cluster, on=on)}
        everyone |= ids
        per_cluster.append({"cluster": cluster, "cadres": len(ids)})
    return {"clusters": per_cluster, "total": len(everyone)}


def deployments_for(user, *, cluster: Area | None = None):
    rows = CadreDeployment.objects.restrict(user, VIEW).select_related(
        "person", "home_area", "to_area", "to_party_org", "cluster"
    )
    if cluster is not None:
        rows = rows.filter(cluster=cluster)
    return rows.order_by("-starts_on", "pk")


# ------------------------------------------------------------------------------------------ activities


def activities_for(user, *, cluster: Area | None = None):
    rows = ClusterActivity.objects.restrict(user, VIEW).select_related("cluster")
    if cluster is not None:
        rows = rows.filter(cluster=cluster)
    return rows.order_by("-held_on", "pk")


@dataclass
class BranchAttendance:
    branch: object
    present: int = 0
    absent: int = 0
    rows: list = field(default_factory=list)

    @property
    def members(self) -> int:
        return self.present + self.absent


def activity_attendance(activity: ClusterActivity) -> list[BranchAttendance]:
    """The activity's attendance by branch (every branch of the activity listed, taken or not)."""
    by_branch: dict[int, BranchAttendance] = {
        b.pk: BranchAttendance(branch=b) for b in activity.branches.order_by("area_path", "name")
    }
    for row in (
        ClusterAttendance.objects.filter(activity=activity)
        .select_related("person", "branch")
        .order_by("branch__path", "person__name")
    ):
        group = by_branch.setdefault(row.branch_id, BranchAttendance(branch=row.branch))
        group.rows.append(row)
        if row.present:
            group.present += 1
        else:
            group.absent += 1
    return list(by_branch.values())


def branch_activities(branch) -> list[dict]:
    """A branch's record of the cluster's activities: each activity held for it, with its members'
    attendance."""
    out = []
    for activity in ClusterActivity.objects.filter(branches=branch).order_by("-held_on", "pk"):
        rows = ClusterAttendance.objects.filter(activity=activity, branch=branch)
        out.append(
            {
                "activity": activity,
                "present": rows.filter(present=True).count(),
                "members": rows.count(),
            }
        )
    return out


# ------------------------------------------------------------------------------------------ assessment


def cluster_schemes(user, cluster: Area):
    """The cluster's village assessment schemes (the assessment app's Scheme, subject kind VILLAGE)."""
    from lianxin.assessment.models import Scheme, SubjectKind

    return (
        Scheme.objects.restrict(user, VIEW)
        .filter(subject_kind=SubjectKind.VILLAGE, area=cluster)
        .order_by("-period_start", "pk")
    )


def scheme_ranking(scheme) -> list:
    """The scheme's current results, by rank (the village is the result's subject area)."""
    from lianxin.assessment.selectors.scoring import scheme_results

    return sorted(
        scheme_results(scheme), key=lambda r: (r.rank, r.subject_area.path if r.subject_area else "")
    )
