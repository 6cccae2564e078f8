"""Activities with sign-up, sign-in and hours (docs/volunteering.md “活动、报名、签到、时长”).

- Publishing (``activity_publish``): community and street staff, estate-branch secretaries (capability
  ``activity.publish`` over the place's area) and the captain of a team over that area. The activity is an
  ``areas.PlaceActivity`` with its ``ActivityDetail`` (teams, course, trainer, agreement, source, QR token).
- Signing up (``activity_sign_up``): one sign-up per person, up to the capacity (409 名额已满), while sign-in
  is open. The group (courier, party member, volunteer, resident) is read from the person.
- Signing in (``activity_sign_in``): the person scanning the activity's QR code (its token; from two hours
  before the start), or the organiser ticking him on the roll. After sign-in is closed: 409 签到已结束.
  ``participants`` follows the count.
- Hours (``activity_hours_confirm``): the organiser's side confirms the hours (2.5); every signed-in person
  gets them and hours × ``LIANXIN_POINTS_PER_HOUR`` points (key ``activity:<id>:<person>``), the roll-up
  ``volunteering.hours`` (by group, under the activity's area) moves in the same transaction. Confirming the
  same hours again writes nothing; other hours reverse the earlier points and pay the new ones.
"""

from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Place, PlaceActivity, PlaceActivityKind
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import may
from lianxin.core.scope import VIEW
from lianxin.people.models import Person
from lianxin.rollups.services import rollup_add
from lianxin.volunteering.models import (
    ActivityDetail,
    Course,
    MemberRole,
    ProjectSource,
    SignInVia,
    SignUp,
    SignUpGroup,
    Trainer,
    VolunteerTeam,
)
from lianxin.volunteering.services.common import acting_person, community_of

PUBLISH = "activity.publish"
CONFIRM = "activity.confirm_hours"
HOURS = "volunteering.hours"  # the roll-up figure (lianxin.volunteering.activity_figures)
SOURCE_HOURS = "activity_hours"  # the points entries' source kind
MAX_HOURS = Decimal(24)
MAX_CAPACITY = 100_000
# Scanning the code signs in from this long before the start (the organiser's roll has no such limit).
QR_OPENS_BEFORE = timedelta(hours=2)


def _full() -> DomainError:
    return DomainError(_("All places are taken."), code="invalid_state")


def _signin_over() -> DomainError:
    return DomainError(_("Sign-in has ended."), code="invalid_state")


def _led_teams(actor):
    if not getattr(actor, "person_id", None):
        return VolunteerTeam.objects.none()
    return VolunteerTeam.objects.filter(
        members__person_id=actor.person_id, members__role=MemberRole.LEADER, members__left_on__isnull=True
    )


def may_publish(actor, *, area_path: str) -> bool:
    """Staff with ``activity.publish`` over the area, or the captain of a team whose area holds it."""
    if may(actor, PUBLISH, at=area_path):
        return True
    return any(area_path.startswith(t.area_path) for t in _led_teams(actor))


def may_publish_somewhere(actor) -> bool:
    return may(actor, PUBLISH) or _led_teams(actor).exists()


def may_organise(actor, activity: PlaceActivity) -> bool:
    """The organiser's side: staff with ``activity.confirm_hours`` over the activity's area, the person who
    published it, or the captain of a team taking part."""
    if not getattr(actor, "is_authenticated", False):
        return False
    if may(actor, CONFIRM, at=activity.area_path) or activity.recorded_by_id == actor.pk:
        return True
    detail = getattr(activity, "detail", None)
    return detail is not None and _led_teams(actor).filter(pk__in=detail.teams.values("pk")).exists()


def _organiser_check(actor, activity) -> None:
    if not may_organise(actor, activity):
        raise DomainError(_("Only the organiser of this activity may do this."), code="forbidden")


def person_group(person: Person) -> str:
    """The sign-up group read from the person: a courier (tag), a party member, a volunteer, a resident."""
    from lianxin.party.models import Membership
    from lianxin.people.models import Post
    from lianxin.people.roles import Role
    from lianxin.volunteering.models import RegistrationStatus, VolunteerRegistration

    if person.tags.filter(code="courier").exists():
        return SignUpGroup.COURIER
    if Membership.objects.current().filter(person=person).exists():
        return SignUpGroup.MEMBER
    if (
        Post.objects.current().filter(person=person, role=Role.VOLUNTEER).exists()
        or VolunteerRegistration.objects.filter(person=person, status=RegistrationStatus.APPROVED).exists()
    ):
        return SignUpGroup.VOLUNTEER
    return SignUpGroup.RESIDENT


def _hours(value) -> Decimal:
    try:
        hours = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError, TypeError):
        raise DomainError(_("Enter the hours as a number such as 2.5."), field="hours") from None
    if not Decimal(0) < hours <= MAX_HOURS:
        raise DomainError(_("The hours must be above 0 and at most 24."), field="hours")
    return hours


def _in_scope(model, actor, obj, field):
    if obj is not None and not model.objects.restrict(actor, VIEW).filter(pk=obj.pk).exists():
        raise DomainError(_("Choose one within your scope."), field=field)


@transaction.atomic
def activity_publish(
    actor,
    *,
    title: str,
    starts_at: datetime | None,
    place: Place | None = None,
    area: Area | None = None,
    kind: str = PlaceActivityKind.VOLUNTEERING,
    ends_at: datetime | None = None,
    capacity: int | None = None,
    organiser=None,
    teams=(),
    course: Course | None = None,
    trainer: Trainer | None = None,
    agreement=None,
    source: ProjectSource | None = None,
    note: str = "",
) -> PlaceActivity:
    """Publish an activity for sign-up at a place or in an area (an estate, a community)."""
    acting_person(actor)
    if place is None and area is None:
        raise DomainError(_("Choose the place or the area where the activity was held."), field="place")
    area = place.area if place is not None else area
    area_path = area.path
    if not may_publish(actor, area_path=area_path):
        raise DomainError(_("Your posts do not allow publishing activities here."), code="forbidden")
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Enter a title."), field="title")
    if len(title) > 200:
        raise DomainError(_("At most %(n)s characters.") % {"n": 200}, field="title")
    if kind not in PlaceActivityKind.values:
        raise DomainError(_("Choose a kind from the list."), field="kind")
    if starts_at is None:
        raise DomainError(_("Enter when the activity starts."), field="starts_at")
    if ends_at is not None and ends_at < starts_at:
        raise DomainError(_("The end is before the start."), field="ends_at")
    if capacity is not None and (
        isinstance(capacity, bool) or not isinstance(capacity, int) or not 1 <= capacity <= MAX_CAPACITY
    ):
        raise DomainError(_("The capacity must be at least 1."), field="capacity")
    if kind == PlaceActivityKind.TRAINING and course is None and trainer is None:
        raise DomainError(_("A training session names its course or its trainer."), field="course")
    from lianxin.party.models import PartyOrg
    from lianxin.volunteering.models import CoBuildingAgreement

    _in_scope(PartyOrg, actor, organiser, "organiser")
    _in_scope(Course, actor, course, "course")
    _in_scope(Trainer, actor, trainer, "trainer")
    _in_scope(CoBuildingAgreement, actor, agreement, "agreement")
    _in_scope(ProjectSource, actor, source, "source")
    teams = list(teams or [])
    for team in teams:
        if not VolunteerTeam.objects.restrict(actor, VIEW).filter(pk=team.pk).exists():
            raise DomainError(_("Choose teams within your scope."), field="teams")
    if trainer is None and course is not None:
        trainer = course.trainer
    activity = PlaceActivity.objects.create(
        place=place,
        area=area,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        organiser=organiser,
        title=title,
        held_on=timezone.localdate(starts_at),
        host=organiser.name[:100] if organiser is not None else "",
        note=(note or "").strip()[:2000],
        recorded_by=actor,
        area_path=area_path,
    )
    detail = ActivityDetail.objects.create(
        activity=activity, course=course, trainer=trainer, agreement=agreement, source=source
    )
    if teams:
        detail.teams.set(teams)
    return activity


def _detail_locked(activity: PlaceActivity) -> ActivityDetail:
    detail = ActivityDetail.objects.select_for_update().filter(activity=activity).first()
    if detail is None:
        raise DomainError(_("This activity takes no sign-ups."), code="invalid_state")
    return detail


@transaction.atomic
def activity_sign_up(actor, *, activity: PlaceActivity, person: Person | None = None) -> SignUp:
    """Sign ``person`` (the actor himself by default; the organiser may sign up another) up to the
    activity."""
    me = acting_person(actor)
    if person is None or person.pk == me.pk:
        person = me
    else:
        _organiser_check(actor, activity)
    detail = _detail_locked(activity)
    if not detail.signin_open:
        raise _signin_over()
    if SignUp.objects.filter(activity=activity, person=person).exists():
        raise DomainError(_("You have already signed up."), code="invalid_state")
    if (
        activity.capacity is not None
        and SignUp.objects.filter(activity=activity).count() >= activity.capacity
    ):
        raise _full()
    try:
        with transaction.atomic():
            return SignUp.objects.create(activity=activity, person=person, group=person_group(person))
    except IntegrityError:
        raise DomainError(_("You have already signed up."), code="invalid_state") from None


def _participants_refresh(activity: PlaceActivity) -> None:
    activity.participants = SignUp.objects.filter(activity=activity, signed_in_at__isnull=False).count()
    PlaceActivity.objects.filter(pk=activity.pk).update(participants=activity.participants)


@transaction.atomic
def activity_sign_in(
    actor, *, activity: PlaceActivity, token: str = "", person: Person | None = None
) -> SignUp:
    """Sign in: with ``token`` the actor signs himself in (the QR code; he is signed up first if there is
    room), with ``person`` the organiser ticks him on the roll. Signing in twice returns the first."""
    me = acting_person(actor)
    detail = _detail_locked(activity)
    if person is None or person.pk == me.pk:
        person, via = me, SignInVia.QR
        if not token or token != detail.signin_token:
            raise DomainError(_("This sign-in code is not valid; scan the code shown at the activity."))
        if (
            detail.signin_open
            and activity.starts_at
            and timezone.now() < activity.starts_at - QR_OPENS_BEFORE
        ):
            raise DomainError(_("Sign-in opens two hours before the activity starts."), code="invalid_state")
    else:
        _organiser_check(actor, activity)
        via = SignInVia.ROLL
    if not detail.signin_open:
        raise _signin_over()
    signup = SignUp.objects.select_for_update().filter(activity=activity, person=person).first()
    if signup is None:
        if via == SignInVia.ROLL and not Person.objects.restrict(actor, VIEW).filter(pk=person.pk).exists():
            raise DomainError(_("Choose a person within your scope."), field="person")
        signup = activity_sign_up(actor, activity=activity, person=person)
    if signup.signed_in_at is not None:
        return signup
    signup.signed_in_at = timezone.now()
    signup.signed_in_via = via
    signup.save(update_fields=["signed_in_at", "signed_in_via"])
    _participants_refresh(activity)
    return signup


@transaction.atomic
def activity_signin_close(actor, *, activity: PlaceActivity) -> ActivityDetail:
    _organiser_check(actor, activity)
    detail = _detail_locked(activity)
    if not detail.signin_open:
        raise _signin_over()
    detail.signin_open = False
    detail.signin_closed_at = timezone.now()
    detail.save(update_fields=["signin_open", "signin_closed_at"])
    return detail


def hours_points(hours: Decimal) -> int:
    return int((hours * settings.LIANXIN_POINTS_PER_HOUR).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _key(activity_id: int, person_id: int, version: int) -> str:
    base = f"activity:{activity_id}:{person_id}"
    return base if version <= 1 else f"{base}:v{version}"


@transaction.atomic
def activity_hours_confirm(actor, *, activity: PlaceActivity, hours) -> ActivityDetail:
    """Record ``hours`` for everyone signed in and pay their points; closes sign-in. The same hours again
    change nothing; other hours correct the record (earlier points reversed, the new ones paid)."""
    from lianxin.points.models import EntryKind, PointsEntry
    from lianxin.points.services.ledger import points_award, points_reverse

    _organiser_check(actor, activity)
    hours = _hours(hours)
    detail = _detail_locked(activity)
    if detail.hours == hours:
        return detail
    previous, version = detail.hours, detail.hours_version + 1
    detail.signin_open = False
    detail.signin_closed_at = detail.signin_closed_at or timezone.now()
    detail.hours, detail.hours_version = hours, version
    detail.hours_confirmed_at, detail.hours_confirmed_by = timezone.now(), actor
    detail.save()
    amount = hours_points(hours)
    reason = _("Activity hours: %(title)s (%(hours)s h)") % {"title": activity.title[:60], "hours": hours}
    signed_in = (
        SignUp.objects.select_for_update()
        .filter(activity=activity, signed_in_at__isnull=False)
        .select_related("person")
        .order_by("pk")
    )
    for signup in signed_in:
        if previous is not None:
            old = PointsEntry.objects.filter(
                account__person=signup.person,
                key=_key(activity.pk, signup.person_id, version - 1),
                kind=EntryKind.AWARD,
            ).first()
            if old is not None:
                points_reverse(actor, entry=old, reason=_("Activity hours corrected: %(title)s") % {
                    "title": activity.title[:60]})  # fmt: skip
        if amount > 0:
            points_award(
                actor,
                person=signup.person,
                amount=amount,
                key=_key(activity.pk, signup.person_id, version),
                reason=reason,
                source_kind=SOURCE_HOURS,
                source_id=activity.pk,
            )
        rollup_add(
            key=HOURS,
            area_path=activity.area_path,
            day=activity.held_on,
            value=hours - (signup.hours or 0),
            dims={"group": signup.group},
            count=0 if signup.hours is not None else 1,
        )
        signup.hours = hours
        signup.save(update_fields=["hours"])
    return detail


@transaction.atomic
def activity_results_record(
    actor, *, activity: PlaceActivity, residents_served: int, problems_solved: int, cases=None
) -> PlaceActivity:
    """What the activity achieved: residents served, problems solved, and the cases it closed."""
    from lianxin.cases.models import Case

    _organiser_check(actor, activity)
    for name, value in (("residents_served", residents_served), ("problems_solved", problems_solved)):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_CAPACITY:
            raise DomainError(
                _("Enter a whole number between 0 and %(n)s.") % {"n": MAX_CAPACITY}, field=name
            )
    detail = _detail_locked(activity)
    if cases is not None:
        cases = list(cases)
        for case in cases:
            if not Case.objects.restrict(actor, VIEW).filter(pk=case.pk).exists():
                raise DomainError(_("Choose cases within your scope."), field="cases")
        detail.cases.set(cases)
    PlaceActivity.objects.filter(pk=activity.pk).update(
        residents_served=residents_served, problems_solved=problems_solved
    )
    activity.residents_served, activity.problems_solved = residents_served, problems_solved
    return activity


def _register_check(actor, area) -> None:
    acting_person(actor)
    if area is None:
        raise DomainError(_("Choose the area."), field="area")
    if not may(actor, PUBLISH, at=area.path):
        raise DomainError(_("Your posts do not allow publishing activities here."), code="forbidden")


@transaction.atomic
def trainer_add(
    actor, *, name: str, area: Area, title: str = "", expertise: str = "", person=None
) -> Trainer:
    _register_check(actor, area)
    name = (name or "").strip()
    if not name or len(name) > 50:
        raise DomainError(_("Enter a name of at most %(n)s characters.") % {"n": 50}, field="name")
    if Trainer.objects.filter(area=area, name=name).exists():
        raise DomainError(_("This trainer is already in the register."), code="invalid_state", field="name")
    return Trainer.objects.create(
        name=name, area=area, title=(title or "")[:100], expertise=(expertise or "")[:200], person=person
    )


@transaction.atomic
def course_add(
    actor, *, title: str, area: Area, topic: str = "", summary: str = "", trainer: Trainer | None = None,
    hours=None, is_featured: bool = False,
) -> Course:  # fmt: skip
    _register_check(actor, area)
    title = (title or "").strip()
    if not title or len(title) > 200:
        raise DomainError(_("Enter a title."), field="title")
    _in_scope(Trainer, actor, trainer, "trainer")
    if Course.objects.filter(area=area, title=title).exists():
        raise DomainError(_("This course is already in the register."), code="invalid_state", field="title")
    return Course.objects.create(
        title=title,
        area=area,
        topic=(topic or "")[:100],
        summary=summary or "",
        trainer=trainer,
        hours=_hours(hours) if hours not in (None, "") else None,
        is_featured=bool(is_featured),
    )


@transaction.atomic
def project_source_add(actor, *, name: str, area: Area, kind: str = "need", note: str = "") -> ProjectSource:
    from lianxin.volunteering.models import SourceKind

    _register_check(actor, area)
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise DomainError(_("Enter a name of at most %(n)s characters.") % {"n": 100}, field="name")
    if kind not in SourceKind.values:
        raise DomainError(_("Choose a kind from the list."), field="kind")
    return ProjectSource.objects.create(name=name, area=area, kind=kind, note=note or "")


def resident_community_path(person) -> str:
    community = community_of(person)
    return community.path if community else (person.area_path or "")
