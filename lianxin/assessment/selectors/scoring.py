"""The scoring part's reads: every page, API answer and export takes its rows and figures from here, so the
three show the same numbers for the same user."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Max, OuterRef, Q, Subquery, Sum

from lianxin.areas.models import Area, Level
from lianxin.assessment.models import (
    CaptainAward,
    Commitment,
    CompanyExit,
    ConductIncident,
    FeeRecord,
    FiveHave,
    FiveHaveTick,
    Result,
    ReviewReport,
    ReviewScore,
    ReviewSession,
    Scheme,
)
from lianxin.core.paths import under
from lianxin.core.scope import VIEW


def schemes_for(*, user, subject_kind: str = ""):
    rows = Scheme.objects.restrict(user, VIEW).select_related("area")
    if subject_kind:
        rows = rows.filter(subject_kind=subject_kind)
    return rows.annotate(indicator_count=Count("indicators", distinct=True)).order_by("-period_start", "name")


def scheme_figures(rows) -> dict:
    by_kind = dict(rows.order_by().values_list("subject_kind").annotate(n=Count("id", distinct=True)))
    return {"schemes": sum(by_kind.values()), "by_kind": by_kind}


def _current_batch_q() -> Q:
    latest = (
        Result.objects.filter(scheme=OuterRef("scheme"))
        .order_by()
        .values("scheme")
        .annotate(m=Max("batch"))
        .values("m")
    )
    return Q(batch=Subquery(latest))


def results_for(*, user, scheme: Scheme | None = None, flagged: bool | None = None):
    """The current results (each scheme's latest batch) the user may read."""
    rows = Result.objects.restrict(user, VIEW).filter(_current_batch_q())
    if scheme is not None:
        rows = rows.filter(scheme=scheme)
    if flagged is not None:
        rows = rows.filter(flagged=flagged)
    return rows.select_related(
        "scheme", "subject_organisation", "subject_person", "subject_department", "subject_area"
    ).order_by("scheme__period_start", "scheme_id", "subject_area__path", "rank", "id")


def scheme_results(scheme: Scheme):
    """The scheme's current results (for whoever may read the scheme)."""
    batch = Result.objects.filter(scheme=scheme).aggregate(b=Max("batch"))["b"] or 0
    return (
        Result.objects.filter(scheme=scheme, batch=batch)
        .select_related("subject_organisation", "subject_person", "subject_department", "subject_area")
        .order_by("subject_area__path", "rank", "id")
    )


def result_figures(rows) -> dict:
    rows = list(rows)
    grades: dict[str, int] = {}
    for r in rows:
        grades[r.grade] = grades.get(r.grade, 0) + 1
    return {
        "results": len(rows),
        "flagged": sum(1 for r in rows if r.flagged),
        "by_grade": grades,
        "warning_score": settings.LIANXIN_COMPANY_WARNING_SCORE,
    }


def scheme_exits(scheme: Scheme):
    return (
        CompanyExit.objects.filter(scheme=scheme)
        .select_related("company", "estate")
        .order_by("exit_on", "id")
    )


def scheme_awards(scheme: Scheme):
    return (
        CaptainAward.objects.filter(scheme=scheme).select_related("person", "estate").order_by("estate__path")
    )


def awards_for(*, user, year: int | None = None):
    rows = CaptainAward.objects.restrict(user, VIEW).select_related("person", "estate")
    if year:
        rows = rows.filter(year=year)
    return rows.order_by("-year", "estate__path")


# Fees ------------------------------------------------------------------------------------------------------


def fees_for(*, user, year: int | None = None, root: Area | None = None):
    rows = FeeRecord.objects.restrict(user, VIEW).select_related("estate", "company")
    if year:
        rows = rows.filter(year=year)
    if root is not None:
        rows = rows.filter(under("area_path", root.path))
    return rows.order_by("-year", "area_path")


def fee_figures(rows) -> dict:
    target = settings.LIANXIN_TARGET_FEE_COLLECTION
    sums = rows.order_by().aggregate(
        due=Sum("due_yuan"), collected=Sum("collected_yuan"), households=Sum("households")
    )
    due, collected = sums["due"] or Decimal(0), sums["collected"] or Decimal(0)
    below = sum(1 for r in rows if r.below_target)
    rate = float(collected / due) if due else None
    return {
        "records": rows.count(),
        "due_yuan": due,
        "collected_yuan": collected,
        "households": sums["households"] or 0,
        "rate": rate,
        "rate_percent": round(rate * 100, 1) if rate is not None else None,
        "target": target,
        "target_percent": round(target * 100, 1),
        "below_target": below,
    }


# 五有 ------------------------------------------------------------------------------------------------------


@dataclass
class EstateFiveHaves:
    estate: Area
    ticks: dict = field(default_factory=dict)  # item → FiveHaveTick

    @property
    def count(self) -> int:
        return len(self.ticks)

    @property
    def meets(self) -> bool:
        return self.count == len(FiveHave.values)

    def items(self):
        return [(value, label, self.ticks.get(value)) for value, label in FiveHave.choices]


def five_haves_for(*, user, root: Area | None = None) -> list[EstateFiveHaves]:
    estates = Area.objects.restrict(user, VIEW).filter(level=Level.ESTATE, retired_on__isnull=True)
    if root is not None:
        estates = estates.filter(under("path", root.path))
    rows = {e.pk: EstateFiveHaves(e) for e in estates.order_by("path")}
    for tick in FiveHaveTick.objects.filter(estate_id__in=list(rows)).select_related("ticked_by"):
        rows[tick.estate_id].ticks[tick.item] = tick
    return list(rows.values())


def five_have_figures(rows: list[EstateFiveHaves]) -> dict:
    meeting = sum(1 for r in rows if r.meets)
    return {
        "estates": len(rows),
        "meeting": meeting,
        "share": round(meeting * 100 / len(rows), 1) if rows else None,
    }


# Report-and-review -----------------------------------------------------------------------------------------


def review_sessions_for(*, user):
    return (
        ReviewSession.objects.restrict(user, VIEW)
        .select_related("area")
        .annotate(
            report_count=Count("reports", distinct=True), reviewer_count=Count("reviewers", distinct=True)
        )
        .order_by("-held_on", "-id")
    )


@dataclass
class RankedReport:
    report: ReviewReport
    average: Decimal | None
    scores: int
    rank: int = 0
    measures: list = field(default_factory=list)


def review_ranking(session: ReviewSession) -> list[RankedReport]:
    """Each report's average of the seated reviewers' latest scores, ranked (ties share a rank)."""
    seated = set(session.reviewers.values_list("pk", flat=True))
    latest: dict[int, dict[int, Decimal]] = {}
    for report_id, reviewer_id, score in (
        ReviewScore.objects.filter(report__session=session, reviewer_id__in=seated)
        .order_by("scored_at", "id")
        .values_list("report_id", "reviewer_id", "score")
    ):
        latest.setdefault(report_id, {})[reviewer_id] = score
    rows = []
    for report in session.reports.select_related("secretary", "party_org").prefetch_related("measures__case"):
        scores = latest.get(report.pk, {})
        average = (sum(scores.values()) / len(scores)).quantize(Decimal("0.01")) if scores else None
        rows.append(RankedReport(report, average, len(scores), measures=list(report.measures.all())))
    scored = [r.average for r in rows if r.average is not None]
    for row in rows:
        row.rank = (
            1 + sum(1 for a in scored if row.average is not None and a > row.average)
            if row.average is not None
            else 0
        )
    rows.sort(key=lambda r: (r.average is None, -(r.average or 0), r.report.secretary.name))
    return rows


def review_figures(session: ReviewSession, ranking: list[RankedReport]) -> dict:
    return {
        "reports": len(ranking),
        "reviewers": session.reviewers.count(),
        "scores": sum(r.scores for r in ranking),
        "measures": sum(len(r.measures) for r in ranking),
    }


def my_scores(session: ReviewSession, person_id: int | None) -> dict[int, Decimal]:
    mine: dict[int, Decimal] = {}
    if not person_id:
        return mine
    for report_id, score in (
        ReviewScore.objects.filter(report__session=session, reviewer_id=person_id)
        .order_by("scored_at", "id")
        .values_list("report_id", "score")
    ):
        mine[report_id] = score
    return mine


# Files -----------------------------------------------------------------------------------------------------


@dataclass
class SecretaryFile:
    person: object
    year: int
    reports: list
    incidents: list
    commitments: list
    positives: int
    negatives: int
    fulfilled: int


def secretary_file(*, user, person, year: int) -> SecretaryFile:
    """The secretary's annual 述职评议 file: his reports (with their rank), the 正负清单 incidents and his
    commitments of the year."""
    reports = []
    sessions = (
        ReviewSession.objects.restrict(user, VIEW).filter(year=year, reports__secretary=person).distinct()
    )
    for session in sessions:
        for row in review_ranking(session):
            if row.report.secretary_id == person.pk:
                reports.append((session, row))
    incidents = list(
        ConductIncident.objects.restrict(user, VIEW)
        .filter(secretary=person, occurred_on__year=year)
        .select_related("item")
        .order_by("occurred_on", "id")
    )
    commitments = list(
        Commitment.objects.restrict(user, VIEW).filter(secretary=person, year=year).order_by("id")
    )
    return SecretaryFile(
        person=person,
        year=year,
        reports=reports,
        incidents=incidents,
        commitments=commitments,
        positives=sum(1 for i in incidents if i.item.kind == "positive"),
        negatives=sum(1 for i in incidents if i.item.kind == "negative"),
        fulfilled=sum(1 for c in commitments if c.fulfilled),
    )


def unit_results(*, user, department):
    """A unit's assessment file (P001-41): the streets' scores of it, each as given (not blended)."""
    return results_for(user=user).filter(subject_department=department)
