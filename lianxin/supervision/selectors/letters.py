"""The letters part's lists and their figures: one queryset per list, scoped to the user, read by the page,
its Excel and the API alike, so the three show the same numbers."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from lianxin.core.scope import under
from lianxin.supervision.models import (
    ContactProject,
    ContactVisit,
    Finding,
    Inspection,
    Interview,
    Letter,
    LetterKind,
    ProjectProblem,
)


@dataclass(frozen=True)
class Period:
    since: date
    until: date

    @classmethod
    def year(cls, year: int | None = None) -> "Period":
        year = year or timezone.localdate().year
        return cls(date(year, 1, 1), date(year, 12, 31))

    @property
    def label(self) -> str:
        return f"{self.since:%Y-%m-%d}—{self.until:%Y-%m-%d}"


def period_parse(since=None, until=None, year=None) -> Period:
    """?since=&until= (ISO dates) or ?year=; the current year when neither."""
    from lianxin.core.errors_domain import DomainError

    try:
        if since or until:
            default = Period.year()
            return Period(
                date.fromisoformat(since) if since else default.since,
                date.fromisoformat(until) if until else default.until,
            )
        y = int(year) if year else None
        if y is not None and not 2000 <= y <= 2100:
            raise ValueError
        return Period.year(y)
    except (TypeError, ValueError):
        from django.utils.translation import gettext as _

        raise DomainError(_("Give the period as dates (YYYY-MM-DD) or a year."), field="period") from None


def _root(rows, root, field="area_path"):
    return rows.filter(under(field, root.path)) if root is not None else rows


# Letters.


def letters_for(*, user, period: Period | None = None, kind: str = "", root=None, pending: str = ""):
    rows = Letter.objects.restrict(user).select_related(
        "department", "organisation", "case", "about", "issued_by"
    )
    rows = _root(rows, root)
    if period is not None:
        rows = rows.filter(issued_at__date__gte=period.since, issued_at__date__lte=period.until)
    if kind in LetterKind.values:
        rows = rows.filter(kind=kind)
    if pending == "acknowledge":
        rows = rows.filter(acknowledged_at__isnull=True)
    elif pending == "reply":
        rows = rows.filter(replied_at__isnull=True, reply_required=True)
    return rows.order_by("-issued_at", "-id")


def letter_figures(rows) -> dict:
    """Counts of a letters list: by kind, acknowledged, replied, overdue (the task's flag)."""
    got = rows.order_by().aggregate(
        total=Count("pk"),
        assignment=Count("pk", filter=Q(kind=LetterKind.ASSIGNMENT)),
        reminder=Count("pk", filter=Q(kind=LetterKind.REMINDER)),
        acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)),
        replied=Count("pk", filter=Q(replied_at__isnull=False)),
        overdue=Count("pk", filter=Q(case__handle_overdue=True)),
        automatic=Count("pk", filter=Q(automatic=True)),
    )
    return got


def letter_status(letter: Letter) -> str:
    from django.utils.translation import gettext as _

    if letter.replied_at:
        return _("replied")
    if letter.case_id and letter.case.handle_overdue:
        return _("overdue")
    if letter.acknowledged_at:
        return _("acknowledged")
    return _("awaiting acknowledgement")


# Interviews.


def interviews_for(*, user, period: Period | None = None, root=None):
    rows = _root(Interview.objects.restrict(user).select_related("department", "organisation"), root)
    if period is not None:
        rows = rows.filter(held_on__gte=period.since, held_on__lte=period.until)
    return rows.order_by("-held_on", "-id")


def interview_figures(rows) -> dict:
    return rows.order_by().aggregate(
        total=Count("pk"), acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False))
    )


# Inspections.


def inspections_for(*, user, period: Period | None = None, root=None):
    rows = _root(Inspection.objects.restrict(user), root)
    if period is not None:
        rows = rows.filter(held_on__gte=period.since, held_on__lte=period.until)
    return rows.annotate(
        n_findings=Count("findings", distinct=True),
        n_closed=Count("findings", filter=Q(findings__closed_at__isnull=False), distinct=True),
    ).order_by("-held_on", "-id")


def findings_for(*, user, inspection_ids=None):
    rows = Finding.objects.restrict(user).select_related(
        "letter__case", "letter__department", "letter__organisation"
    )
    if inspection_ids is not None:
        rows = rows.filter(inspection_id__in=inspection_ids)
    return rows.order_by("inspection", "id")


def inspection_figures(inspections) -> dict:
    ids = inspections.values("pk")
    findings = Finding.objects.filter(inspection_id__in=ids)
    counts = findings.aggregate(
        findings=Count("pk"),
        formalism=Count("pk", filter=Q(formalism=True)),
        closed=Count("pk", filter=Q(closed_at__isnull=False)),
        overdue=Count("pk", filter=Q(letter__case__handle_overdue=True, closed_at__isnull=True)),
    )
    totals = inspections.order_by().aggregate(
        inspections=Count("pk", distinct=True),
        unannounced=Count("pk", filter=Q(unannounced=True), distinct=True),
    )
    return {**totals, **counts}


# Contact projects.


def projects_for(*, user, root=None, mine: bool = False):
    rows = ContactProject.objects.restrict(user).select_related(
        "leader",
        "contact",
        "responsible",
        "lead_department",
        "coordinating_department",
        "street",
        "enterprise",
    )
    rows = _root(rows, root)
    if mine and user.person_id:
        pid = user.person_id
        rows = rows.filter(Q(leader=pid) | Q(contact=pid) | Q(responsible=pid))
    return rows.annotate(
        n_problems=Count("problems", distinct=True),
        n_solved=Count("problems", filter=Q(problems__solved_at__isnull=False), distinct=True),
        n_visits=Count("visits", distinct=True),
    ).order_by("-id")


def problems_for(*, user, period: Period | None = None, root=None, project=None):
    rows = ProjectProblem.objects.restrict(user).select_related("project", "area", "case")
    rows = _root(rows, root)
    if project is not None:
        rows = rows.filter(project=project)
    if period is not None:
        rows = rows.filter(logged_at__date__gte=period.since, logged_at__date__lte=period.until)
    return rows.order_by("-logged_at", "-id")


def problem_figures(*, user, period: Period, root=None) -> dict:
    """Problems logged in the period and problems solved in the period, by community (P001-11)."""
    scoped = _root(ProjectProblem.objects.restrict(user), root)
    logged = scoped.filter(logged_at__date__gte=period.since, logged_at__date__lte=period.until)
    solved = scoped.filter(solved_at__date__gte=period.since, solved_at__date__lte=period.until)
    by_area = list(
        solved.order_by().values("area__name").annotate(n=Count("pk")).order_by("-n", "area__name")
    )
    return {
        "logged": logged.count(),
        "solved": solved.count(),
        "solved_by_area": [{"area": r["area__name"], "solved": r["n"]} for r in by_area],
    }


def visits_for(*, user, project=None):
    rows = ContactVisit.objects.restrict(user).select_related("project", "visitor").prefetch_related("needs")
    if project is not None:
        rows = rows.filter(project=project)
    return rows.order_by("-visited_on", "-id")
