"""Education reads: sessions by kind, year and area with their counts; plans and classes with enrolment,
attendance and evaluation figures; funds by source; person-times and distinct persons for any area and
period (P002-51). Pages, API and exports call these, so they show the same numbers."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Avg, Count, Q, Sum

from lianxin.core.paths import under
from lianxin.core.scope import VIEW
from lianxin.education.models import (
    EducationSession,
    Enrolment,
    FundSource,
    SessionKind,
    TrainingClass,
    TrainingFund,
    TrainingPlan,
)


def sessions_for(*, user, area=None, year=None, kind=None, action=VIEW):
    qs = EducationSession.objects.restrict(user, action).select_related("activity", "kind", "activity__place")
    if area is not None:
        qs = qs.filter(under("area_path", area.path))
    if year:
        qs = qs.filter(held_on__year=year)
    if kind is not None:
        qs = qs.filter(kind=kind)
    return qs


def sessions_by_kind(sessions) -> list[dict]:
    """Per kind: sessions and participants (person-times), every kind listed (zeros too)."""
    counts = {
        row["kind_id"]: row
        for row in sessions.order_by()
        .values("kind_id")
        .annotate(n=Count("pk"), people=Sum("activity__participants"))
    }
    rows = []
    for kind in SessionKind.objects.filter(active=True):
        row = counts.get(kind.pk, {})
        rows.append({"kind": kind, "sessions": row.get("n", 0), "person_times": row.get("people") or 0})
    return rows


def plans_for(*, user, action=VIEW):
    return TrainingPlan.objects.restrict(user, action).select_related("area", "parent")


def classes_for(*, user, plan=None, action=VIEW):
    qs = TrainingClass.objects.restrict(user, action).select_related("plan", "area", "teaching_point__place")
    if plan is not None:
        qs = qs.filter(plan=plan)
    return qs.annotate(
        enrolled=Count("enrolments", distinct=True),
        completed_n=Count("enrolments", filter=Q(enrolments__completed=True), distinct=True),
        attended_days=Sum("enrolments__days_attended", distinct=False),
    )


def class_figures(klass: TrainingClass) -> dict:
    enrolments = Enrolment.objects.filter(training_class=klass)
    agg = enrolments.aggregate(
        n=Count("pk"), done=Count("pk", filter=Q(completed=True)), days=Sum("days_attended")
    )
    possible = (agg["n"] or 0) * klass.days
    evals = klass.evaluations.aggregate(n=Count("pk"), avg=Avg("score"))
    return {
        "enrolled": agg["n"] or 0,
        "completed": agg["done"] or 0,
        "attendance": round((agg["days"] or 0) * 100.0 / possible, 1) if possible else None,
        "evaluations": evals["n"] or 0,
        "evaluation_avg": round(float(evals["avg"]), 2) if evals["avg"] is not None else None,
    }


def funds_for(*, user, area=None, year=None):
    qs = TrainingFund.objects.restrict(user, VIEW).select_related("area", "plan", "training_class")
    if area is not None:
        qs = qs.filter(under("area_path", area.path))
    if year:
        qs = qs.filter(year=year)
    return qs


def funds_by_source(funds) -> list[dict]:
    sums = dict(funds.order_by().values("source").annotate(total=Sum("yuan")).values_list("source", "total"))
    rows = [
        {"source": value, "label": label, "yuan": sums.get(value) or Decimal("0.00")}
        for value, label in FundSource.choices
    ]
    return rows


@dataclass
class Volume:
    session_person_times: int
    class_person_times: int
    distinct_persons: int

    @property
    def person_times(self) -> int:
        return self.session_person_times + self.class_person_times


def training_volume(*, user, area=None, since: date | None = None, until: date | None = None) -> Volume:
    """Trainee person-times (each sign-in to a session, each class enrolment attended at least a day) and
    distinct persons over both, for the user's scope, an area and a period (the class by its start)."""
    from lianxin.volunteering.models import SignUp

    sessions = sessions_for(user=user, area=area)
    if since:
        sessions = sessions.filter(held_on__gte=since)
    if until:
        sessions = sessions.filter(held_on__lte=until)
    signups = SignUp.objects.filter(
        activity_id__in=sessions.values("activity_id"), signed_in_at__isnull=False
    )
    classes = TrainingClass.objects.restrict(user, VIEW)
    if area is not None:
        classes = classes.filter(under("area_path", area.path))
    if since:
        classes = classes.filter(starts_on__gte=since)
    if until:
        classes = classes.filter(starts_on__lte=until)
    enrolments = Enrolment.objects.filter(training_class__in=classes, days_attended__gt=0)
    people = set(signups.values_list("person_id", flat=True)) | set(
        enrolments.values_list("person_id", flat=True)
    )
    return Volume(
        session_person_times=signups.count(),
        class_person_times=enrolments.count(),
        distinct_persons=len(people),
    )
