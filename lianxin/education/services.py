"""Education writes: sessions (an EDUCATION place activity published through volunteering, with its kind),
participants on the roll and their results, the library (teaching points, local teachers), plans, classes,
enrolments with attendance, evaluations and funds. Staff of the area only (volunteering's staff check)."""

from datetime import datetime, time
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.models import PlaceActivityKind, PlaceDesignation
from lianxin.core.errors_domain import DomainError
from lianxin.core.paths import is_under
from lianxin.education.models import (
    TEACHING_POINT_CODE,
    EducationSession,
    Enrolment,
    FundSource,
    LocalTeacher,
    PlanKind,
    SessionResult,
    TeacherKind,
    TeachingEvaluation,
    TeachingPoint,
    TrainingClass,
    TrainingFund,
    TrainingPlan,
)
from lianxin.volunteering.services.common import staff_over

YEAR_MIN, YEAR_MAX = 2000, 2100


def _title(value, n=100, field="title") -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(_("Enter a title."), field=field)
    if len(value) > n:
        raise DomainError(_("At most %(n)s characters.") % {"n": n}, field=field)
    return value


@transaction.atomic
def session_record(
    actor,
    *,
    kind,
    title: str,
    held_on,
    area=None,
    place=None,
    course=None,
    trainer=None,
    teaching_point=None,
    batch: str = "",
    results: str = "",
    capacity: int | None = None,
) -> EducationSession:
    """A party-education session of a configurable kind, held at a place (a teaching point's) or in an
    area."""
    from lianxin.volunteering.services.activities import activity_publish

    if kind is None or not kind.active:
        raise DomainError(_("Choose a kind from the list."), field="kind")
    if held_on is None:
        raise DomainError(_("Enter the day it was held."), field="held_on")
    if teaching_point is not None and place is None:
        place = teaching_point.place
    target = place.area if place is not None else area
    if target is None:
        raise DomainError(_("Choose the place or the area where the activity was held."), field="area")
    staff_over(actor, target)
    starts_at = timezone.make_aware(datetime.combine(held_on, time(9, 0)))
    activity = activity_publish(
        actor,
        title=_title(title, 200),
        starts_at=starts_at,
        place=place,
        area=None if place is not None else area,
        kind=PlaceActivityKind.EDUCATION,
        capacity=capacity,
        course=course,
        trainer=trainer,
    )
    return EducationSession.objects.create(
        activity=activity,
        kind=kind,
        course=course,
        trainer=trainer or (course.trainer if course is not None else None),
        teaching_point=teaching_point,
        batch=(batch or "").strip()[:50],
        results=(results or "").strip()[:4000],
        held_on=held_on,
    )


def _score(value):
    if value in (None, ""):
        return None
    try:
        score = Decimal(str(value))
    except InvalidOperation:
        raise DomainError(_("Enter a score from 0 to 100."), field="score") from None
    if not Decimal(0) <= score <= Decimal(100):
        raise DomainError(_("Enter a score from 0 to 100."), field="score")
    return score.quantize(Decimal("0.1"))


@transaction.atomic
def session_participant_add(
    actor, *, session: EducationSession, person, score=None, passed=None, note: str = ""
) -> SessionResult:
    """Tick a participant on the roll (volunteering's sign-in) and record his result."""
    from lianxin.volunteering.services.activities import activity_sign_in

    staff_over(actor, session.activity.area or session.activity.place.area)
    score = _score(score)
    signup = activity_sign_in(actor, activity=session.activity, person=person)
    result, _created = SessionResult.objects.update_or_create(
        signup=signup,
        defaults={
            "session": session,
            "person": person,
            "score": score,
            "passed": passed,
            "note": (note or "").strip()[:200],
        },
    )
    return result


@transaction.atomic
def teaching_point_designate(actor, *, place, theme: str = "", courses=()) -> TeachingPoint:
    """Designate a place 现场教学点 (the place keeps its other designations)."""
    staff_over(actor, place.area)
    designation = PlaceDesignation.objects.filter(code=TEACHING_POINT_CODE).first()
    if designation is not None:
        place.designations.add(designation)
    point, _created = TeachingPoint.objects.get_or_create(
        place=place, defaults={"theme": (theme or "")[:200]}
    )
    if courses:
        point.courses.add(*courses)
    return point


@transaction.atomic
def local_teacher_add(
    actor, *, name: str, area, kind: str, speciality: str = "", person=None, teaching_points=()
) -> LocalTeacher:
    """A teacher of the pool (土专家, 田秀才 …): a volunteering trainer with his kind and teaching points."""
    from lianxin.volunteering.models import Trainer

    staff_over(actor, area)
    if kind not in TeacherKind.values:
        raise DomainError(_("Choose a kind from the list."), field="kind")
    name = _title(name, 50, "name")
    trainer, _created = Trainer.objects.get_or_create(
        area=area, name=name, defaults={"person": person, "expertise": (speciality or "")[:200]}
    )
    teacher, _created = LocalTeacher.objects.get_or_create(
        trainer=trainer, defaults={"kind": kind, "speciality": (speciality or "")[:200]}
    )
    if teaching_points:
        teacher.teaching_points.add(*teaching_points)
    return teacher


@transaction.atomic
def training_plan_create(
    actor,
    *,
    area,
    kind: str,
    title: str,
    year_from: int,
    year_to: int | None = None,
    parent=None,
    target_person_times: int | None = None,
    content: str = "",
) -> TrainingPlan:
    """A five-year plan (five years) or an annual plan (one year, under a five-year plan when given)."""
    staff_over(actor, area)
    if kind not in PlanKind.values:
        raise DomainError(_("Choose a five-year or an annual plan."), field="kind")
    year_to = year_to or (year_from + 4 if kind == PlanKind.FIVE_YEAR else year_from)
    if not (YEAR_MIN <= year_from <= YEAR_MAX and YEAR_MIN <= year_to <= YEAR_MAX) or year_to < year_from:
        raise DomainError(
            _("Enter years from 2000 to 2100, the last not before the first."), field="year_from"
        )
    if kind == PlanKind.ANNUAL and year_to != year_from:
        raise DomainError(_("An annual plan covers one year."), field="year_to")
    if parent is not None and (
        parent.kind != PlanKind.FIVE_YEAR or not parent.year_from <= year_from <= parent.year_to
    ):
        raise DomainError(_("An annual plan falls within the years of its five-year plan."), field="parent")
    return TrainingPlan.objects.create(
        area=area,
        kind=kind,
        title=_title(title),
        year_from=year_from,
        year_to=year_to,
        parent=parent,
        target_person_times=target_person_times,
        content=(content or "").strip()[:4000],
    )


@transaction.atomic
def training_class_create(
    actor,
    *,
    plan: TrainingPlan,
    title: str,
    starts_on,
    ends_on,
    area=None,
    audience: str = "rotation",
    courses=(),
    teaching_point=None,
    capacity: int | None = None,
) -> TrainingClass:
    area = area or plan.area
    staff_over(actor, area)
    if not is_under(area.path, plan.area.path):
        raise DomainError(_("The class's area lies outside its plan's."), field="area")
    if starts_on is None or ends_on is None or ends_on < starts_on:
        raise DomainError(_("The end is before the start."), field="ends_on")
    if not plan.year_from <= starts_on.year <= plan.year_to:
        raise DomainError(_("The class falls outside the years of its plan."), field="starts_on")
    klass = TrainingClass.objects.create(
        plan=plan,
        area=area,
        title=_title(title),
        audience=audience,
        starts_on=starts_on,
        ends_on=ends_on,
        days=(ends_on - starts_on).days + 1,
        teaching_point=teaching_point,
        capacity=capacity,
    )
    if courses:
        klass.courses.set(courses)
    return klass


@transaction.atomic
def enrolment_add(actor, *, training_class: TrainingClass, person) -> Enrolment:
    staff_over(actor, training_class.area)
    klass = TrainingClass.objects.select_for_update().get(pk=training_class.pk)
    if Enrolment.objects.filter(training_class=klass, person=person).exists():
        raise DomainError(_("%(name)s is already enrolled.") % {"name": person.name}, code="invalid_state")
    if klass.capacity and klass.enrolments.count() >= klass.capacity:
        raise DomainError(_("The class is full."), code="invalid_state")
    try:
        with transaction.atomic():
            return Enrolment.objects.create(training_class=klass, person=person)
    except IntegrityError:
        raise DomainError(
            _("%(name)s is already enrolled.") % {"name": person.name}, code="invalid_state"
        ) from None


@transaction.atomic
def attendance_record(actor, *, enrolment: Enrolment, days_attended: int) -> Enrolment:
    """The days a trainee attended; completed when he attended every day of the class."""
    klass = enrolment.training_class
    staff_over(actor, klass.area)
    if days_attended is None or not 0 <= days_attended <= klass.days:
        raise DomainError(
            _("Enter the days attended, from 0 to %(n)s.") % {"n": klass.days}, field="days_attended"
        )
    enrolment.days_attended = days_attended
    enrolment.completed = days_attended == klass.days
    enrolment.save(update_fields=["days_attended", "completed"])
    return enrolment


@transaction.atomic
def evaluation_record(
    actor, *, enrolment: Enrolment, score: int, course=None, comment: str = ""
) -> TeachingEvaluation:
    """The trainee's (or, for him, the class keeper's) evaluation of the teaching, once per course."""
    klass = enrolment.training_class
    if not (actor.person_id and actor.person_id == enrolment.person_id):
        staff_over(actor, klass.area)
    if score is None or not 1 <= int(score) <= 5:
        raise DomainError(_("Give a score from 1 to 5."), field="score")
    if TeachingEvaluation.objects.filter(enrolment=enrolment, course=course).exists():
        raise DomainError(_("This teaching has already been evaluated."), code="invalid_state")
    return TeachingEvaluation.objects.create(
        training_class=klass,
        enrolment=enrolment,
        course=course,
        score=int(score),
        comment=(comment or "")[:300],
    )


@transaction.atomic
def fund_record(
    actor, *, area, year: int, source: str, yuan, plan=None, training_class=None, note: str = ""
) -> TrainingFund:
    staff_over(actor, area)
    if source not in FundSource.values:
        raise DomainError(_("Choose the source of the funds."), field="source")
    if year is None or not YEAR_MIN <= year <= YEAR_MAX:
        raise DomainError(_("Enter a year from 2000 to 2100."), field="year")
    try:
        yuan = Decimal(str(yuan)).quantize(Decimal("0.01"))
    except (InvalidOperation, TypeError):
        raise DomainError(_("Enter an amount in yuan."), field="yuan") from None
    if yuan <= 0 or yuan >= Decimal("1e10"):
        raise DomainError(_("Enter an amount in yuan."), field="yuan")
    return TrainingFund.objects.create(
        area=area, year=year, source=source, yuan=yuan, plan=plan, training_class=training_class,
        note=(note or "").strip()[:200],
    )  # fmt: skip
