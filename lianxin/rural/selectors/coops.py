"""The coops part's reads: the cooperatives a user sees with their boards, standards and months, and the
figures the list, its Excel, the API and the workbench panel share (P002-22 share running to standard per
cluster and county, P002-69 dispositions, P002-70 chaired by the secretary and member households, P002-71
cross-appointment, P002-78 cooperatives per branch, P001-16 boards lacking, P002-23 jobs and wages)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from lianxin.areas.models import Area, Level
from lianxin.core.paths import under
from lianxin.core.scope import VIEW
from lianxin.people.models import Post
from lianxin.rural.models import (
    CompanyStake,
    Conversion,
    Cooperative,
    CooperativeMonth,
    CoopStatus,
    Disposition,
    EvaluationRound,
    StandardCheck,
)
from lianxin.rural.permissions import COOPERATIVE_CHAIR, COOPERATIVE_COUNCIL_MEMBER, COOPERATIVE_SUPERVISOR

# The village's two committees (村两委): its party branch's and its committee's posts.
TWO_COMMITTEE_ROLES = ("secretary", "deputy_secretary", "committee_member", "part_time_committee_member")
BRANCH_KINDS = ("branch", "general_branch", "committee")


CENT = Decimal("0.01")


def percent(part: int, whole: int) -> float | None:
    return round(part * 100 / whole, 1) if whole else None


def cooperatives_for(
    *, user, root: Area | None = None, status: str = "", disposition: str = "", lacking: str = "", q: str = ""
):
    """The cooperatives the user sees (his village's, his township's, the county's; a chair his own),
    optionally under ``root``, of a status or disposition, or lacking a board (``council``/``supervisors``/
    ``either``)."""
    rows = Cooperative.objects.restrict(user, VIEW).select_related(
        "organisation", "village", "leading_branch"
    )
    if root is not None:
        rows = rows.filter(under("area_path", root.path))
    if status:
        rows = rows.filter(status=status)
    if disposition == "any":
        rows = rows.exclude(disposition="")
    elif disposition:
        rows = rows.filter(disposition=disposition)
    if q:
        rows = rows.filter(organisation__name__contains=q.strip())
    if lacking:
        rows = rows.filter(disposition="")
        boards = board_posts(rows)
        ids = [
            c.pk
            for c in rows
            if (lacking in ("council", "either") and not boards.get(c.organisation_id, {}).get("council"))
            or (
                lacking in ("supervisors", "either")
                and not boards.get(c.organisation_id, {}).get("supervisors")
            )
        ]
        rows = rows.filter(pk__in=ids)
    return rows.order_by("area_path", "organisation__name", "pk")


def board_posts(cooperatives) -> dict[int, dict]:
    """organisation id -> {"chair": [person], "council": [person], "supervisors": [person]} from the posts
    held now (one query)."""
    from lianxin.rural.services.coops import today

    org_ids = [c.organisation_id for c in cooperatives]
    found: dict[int, dict] = {oid: {"chair": [], "council": [], "supervisors": []} for oid in org_ids}
    key = {
        COOPERATIVE_CHAIR: "chair",
        COOPERATIVE_COUNCIL_MEMBER: "council",
        COOPERATIVE_SUPERVISOR: "supervisors",
    }
    for post in (
        Post.objects.current(today())
        .filter(organisation_id__in=org_ids, role__in=list(key))
        .select_related("person")
        .order_by("id")
    ):
        people = found[post.organisation_id][key[post.role]]
        if post.person not in people:
            people.append(post.person)
    return found


def two_committee_people(villages: list[Area]) -> dict[int, set[int]]:
    """village id -> ids of the persons holding a two-committee post there now (at the village or at its
    branch)."""
    from lianxin.rural.services.coops import today

    ids = [v.pk for v in villages]
    out: dict[int, set[int]] = {i: set() for i in ids}
    posts = (
        Post.objects.current(today())
        .filter(role__in=TWO_COMMITTEE_ROLES)
        .filter(Q(area_id__in=ids) | Q(party_org__area_id__in=ids, party_org__kind__in=BRANCH_KINDS))
        .values_list("area_id", "party_org__area_id", "person_id")
    )
    for area_id, org_area_id, person_id in posts:
        out[area_id or org_area_id].add(person_id)
    return out


def village_secretaries(villages: list[Area]) -> dict[int, set[int]]:
    from lianxin.rural.services.coops import today

    ids = [v.pk for v in villages]
    out: dict[int, set[int]] = {i: set() for i in ids}
    posts = (
        Post.objects.current(today())
        .filter(role="secretary")
        .filter(Q(area_id__in=ids) | Q(party_org__area_id__in=ids, party_org__kind__in=BRANCH_KINDS))
        .values_list("area_id", "party_org__area_id", "person_id")
    )
    for area_id, org_area_id, person_id in posts:
        out[area_id or org_area_id].add(person_id)
    return out


@dataclass
class CoopRow:
    coop: Cooperative
    chair: list = field(default_factory=list)
    council: list = field(default_factory=list)
    supervisors: list = field(default_factory=list)
    chaired_by_secretary: bool = False
    board_people: int = 0
    cross_appointed: int = 0
    standards_met: int = 0
    person_times: int = 0
    wages: Decimal = Decimal("0.00")

    @property
    def lacks_council(self) -> bool:
        return not self.council

    @property
    def lacks_supervisors(self) -> bool:
        return not self.supervisors


def coop_rows(cooperatives) -> list[CoopRow]:
    """Each cooperative with its boards, whether its chair is the village's secretary, its cross-appointed
    board members, standards evidenced and its months' sums: a fixed number of queries."""
    coops = list(cooperatives)
    boards = board_posts(coops)
    villages = list({c.village_id: c.village for c in coops}.values())
    committees = two_committee_people(villages)
    secretaries = village_secretaries(villages)
    ids = [c.pk for c in coops]
    met = dict(
        StandardCheck.objects.filter(cooperative_id__in=ids)
        .values_list("cooperative_id")
        .annotate(n=Count("id"))
        .values_list("cooperative_id", "n")
    )
    months = {
        r["cooperative_id"]: r
        for r in CooperativeMonth.objects.filter(cooperative_id__in=ids)
        .values("cooperative_id")
        .annotate(times=Sum("person_times"), wages=Sum("wages"))
    }
    rows = []
    for c in coops:
        b = boards.get(c.organisation_id, {"chair": [], "council": [], "supervisors": []})
        people = {p.pk for p in b["chair"] + b["council"] + b["supervisors"]}
        committee = committees.get(c.village_id, set())
        m = months.get(c.pk) or {}
        rows.append(
            CoopRow(
                coop=c,
                chair=b["chair"],
                council=b["council"],
                supervisors=b["supervisors"],
                chaired_by_secretary=any(p.pk in secretaries.get(c.village_id, set()) for p in b["chair"]),
                board_people=len(people),
                cross_appointed=len(people & committee),
                standards_met=met.get(c.pk, 0),
                person_times=m.get("times") or 0,
                wages=(m.get("wages") or Decimal(0)).quantize(CENT),
            )
        )
    return rows


def _clusters_of(rows: list[CoopRow]) -> dict[str, Area]:
    from lianxin.core.paths import ancestor_paths

    paths = set()
    for r in rows:
        paths.update(ancestor_paths(r.coop.area_path))
    return {a.path: a for a in Area.objects.filter(path__in=paths, level=Level.CLUSTER)}


def _standard_share(rows: list[CoopRow]) -> dict:
    active = [r for r in rows if not r.coop.disposition]
    standard = sum(1 for r in active if r.coop.status == CoopStatus.STANDARD)
    return {"cooperatives": len(active), "standard": standard, "share": percent(standard, len(active))}


def coop_figures(rows: list[CoopRow], *, county_rows: list[CoopRow] | None = None) -> dict:
    """The figures of a list of cooperatives: counts by status and disposition, the share running to
    standard (of those not disposed of) per cluster and over all, chaired by the secretary, member
    households, boards lacking, cross-appointment, jobs and wages, cooperatives per leading branch."""
    active = [r for r in rows if not r.coop.disposition]
    by_status = {value: 0 for value in CoopStatus.values}
    for r in rows:
        by_status[r.coop.status] += 1
    by_disposition = {value: 0 for value in Disposition.values}
    for r in rows:
        if r.coop.disposition:
            by_disposition[r.coop.disposition] += 1
    clusters = _clusters_of(rows)
    per_cluster = []
    for path, cluster in sorted(clusters.items()):
        inside = [r for r in rows if r.coop.area_path.startswith(path)]
        per_cluster.append({"area_id": cluster.pk, "name": cluster.name, **_standard_share(inside)})
    chaired = sum(1 for r in active if r.chaired_by_secretary)
    board_people = sum(r.board_people for r in active)
    cross = sum(r.cross_appointed for r in active)
    branches: dict = {}
    for r in active:
        if r.coop.leading_branch_id:
            entry = branches.setdefault(
                r.coop.leading_branch_id,
                {
                    "branch_id": r.coop.leading_branch_id,
                    "name": r.coop.leading_branch.name,
                    "cooperatives": 0,
                },
            )
            entry["cooperatives"] += 1
    return {
        "total": len(rows),
        "by_status": by_status,
        "by_disposition": by_disposition,
        "disposed": sum(by_disposition.values()),
        "standard": _standard_share(rows),
        "per_cluster": per_cluster,
        "chaired_by_secretary": chaired,
        "chaired_by_secretary_share": percent(chaired, len(active)),
        "member_households": sum(r.coop.member_households for r in active),
        "party_member_households": sum(r.coop.party_member_households for r in active),
        "lacking_council": sum(1 for r in active if r.lacks_council),
        "lacking_supervisors": sum(1 for r in active if r.lacks_supervisors),
        "lacking_either": sum(1 for r in active if r.lacks_council or r.lacks_supervisors),
        "board_people": board_people,
        "cross_appointed": cross,
        "cross_appointment_rate": percent(cross, board_people),
        "person_times": sum(r.person_times for r in rows),
        "wages": sum((r.wages for r in rows), Decimal("0.00")),
        "per_branch": sorted(branches.values(), key=lambda e: (-e["cooperatives"], e["name"])),
    }


def months_for(*, user, cooperative: Cooperative):
    return CooperativeMonth.objects.restrict(user, VIEW).filter(cooperative=cooperative).order_by("-month")


def month_sums(months) -> dict:
    sums = months.aggregate(times=Sum("person_times"), wages=Sum("wages"))
    return {"person_times": sums["times"] or 0, "wages": (sums["wages"] or Decimal(0)).quantize(CENT)}


def standards_of(cooperative: Cooperative) -> list[dict]:
    from lianxin.rural.services.coops import standards_ensure

    checks = {
        c.standard_id: c
        for c in StandardCheck.objects.filter(cooperative=cooperative).select_related("checked_by")
    }
    return [{"standard": s, "check": checks.get(s.pk)} for s in standards_ensure()]


def evaluations_for(*, user):
    return (
        EvaluationRound.objects.restrict(user, VIEW)
        .select_related("scheme", "county")
        .order_by("-year", "-pk")
    )


def evaluation_cooperatives(evaluation: EvaluationRound):
    """The cooperatives a round scores: the county's, not disposed of (whoever reads the round reads them:
    the departments' scorers hold no area of their own)."""
    return (
        Cooperative.objects.filter(under("area_path", evaluation.area_path), disposition="")
        .select_related("organisation", "village")
        .order_by("area_path", "organisation__name", "pk")
    )


def evaluation_rows(evaluation: EvaluationRound, cooperatives) -> list[dict]:
    """Each cooperative of the round's county with its three departments' latest scores, its result and
    why it may not be awarded ('' when it may)."""
    from lianxin.assessment.models import Mark
    from lianxin.rural.services.coops import DEPARTMENTS, award_gap, evaluation_result

    indicators = list(evaluation.scheme.indicators.order_by("order", "id"))
    dept_of = {ind.pk: DEPARTMENTS[i] for i, ind in enumerate(indicators[:3])}
    rows = []
    coops = [c for c in cooperatives if c.area_path.startswith(evaluation.area_path)]
    marks: dict = {}
    for m in Mark.objects.filter(
        scheme=evaluation.scheme, subject_organisation_id__in=[c.organisation_id for c in coops]
    ).order_by("marked_at", "id"):
        marks.setdefault(m.subject_organisation_id, {}).setdefault(dept_of.get(m.indicator_id), {})[
            m.marker_id
        ] = m.score
    for c in coops:
        scores = {}
        for dept in DEPARTMENTS:
            by_marker = marks.get(c.organisation_id, {}).get(dept, {})
            scores[dept] = round(sum(by_marker.values()) / len(by_marker), 2) if by_marker else None
        result = evaluation_result(evaluation, c)
        award = getattr(c, "award", None)
        rows.append(
            {
                "cooperative": c,
                "scores": scores,
                "score": result.score if result else None,
                "grade": result.grade if result else "",
                "award": award,
                "gap": award_gap(evaluation, c),
            }
        )
    return rows


def stakes_for(*, user, company=None):
    rows = CompanyStake.objects.restrict(user, VIEW).select_related("company", "village")
    if company is not None:
        rows = rows.filter(company=company)
    return rows.order_by("company__name", "-percent")


def conversions_for(*, user):
    return Conversion.objects.restrict(user, VIEW).select_related("village", "economic_organisation")
