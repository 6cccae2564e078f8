"""The reserves part's writes (docs/talent/reserves.md): the 雏雁 pool (P004-39), secretary candidates and
their three gates (P004-35), talents selected from the pool into village party organisations (P002-15), and
talent programmes with members and training sessions (P003-52).

Who: the secretaries (and deputies) of the area and the organisation department (``reserve.keep``), over the
areas they may change. Every write is one transaction; conflicts answer ``invalid_state`` (409)."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Level
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import may
from lianxin.core.scope import CHANGE, VIEW
from lianxin.people.models import Person
from lianxin.people.roles import PostSource, Role
from lianxin.talent.models import (
    Candidate,
    CandidateStatus,
    Education,
    Gate,
    GateKind,
    GateResult,
    Programme,
    ProgrammeKind,
    ProgrammeMember,
    ProgrammeSession,
    Reserve,
    ReserveStatus,
    Selection,
    SelectionAs,
)
from lianxin.talent.models.reserves import GATE_ORDER

KEEP = "reserve.keep"
# Whose reserve pools are kept: communities and streets (雏雁), villages and townships (后备干部).
POOL_LEVELS = {Level.COMMUNITY, Level.STREET, Level.VILLAGE, Level.TOWNSHIP}
# Whose party secretaries are vetted here.
CANDIDATE_LEVELS = {Level.COMMUNITY, Level.VILLAGE}
BIRTH_YEAR_MIN = 1940


def today() -> date:
    return timezone.localdate()


def keeper(user) -> bool:
    return may(user, KEEP)


def require_keep(actor, area: Area) -> None:
    """The actor keeps the reserves of ``area``: ``reserve.keep`` and the right to change it."""
    if not may(actor, KEEP) or not Area.objects.restrict(actor, CHANGE).filter(pk=area.pk).exists():
        raise DomainError(
            _("Only the secretaries over %(area)s and the organisation department may do this.")
            % {"area": area.name},
            code="forbidden",
        )


def _person_seen(actor, person: Person | None, field: str = "person_id") -> Person:
    if person is None or not Person.objects.restrict(actor, VIEW).filter(pk=person.pk).exists():
        raise DomainError(_("Choose a person within your scope."), field=field)
    return person


def _birth_year(value) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise DomainError(_("Enter a birth year."), field="birth_year") from None
    last = today().year - 16
    if not BIRTH_YEAR_MIN <= year <= last:
        raise DomainError(
            _("Enter a birth year from %(low)s to %(high)s.") % {"low": BIRTH_YEAR_MIN, "high": last},
            field="birth_year",
        )
    return year


# -- the reserve pool (雏雁库, P004-39) --------------------------------------------------------------------


@transaction.atomic
def reserve_add(
    actor,
    *,
    area: Area,
    person: Person,
    birth_year: int | None = None,
    education: str,
    current_role: str = "",
    added_on: date | None = None,
    note: str = "",
) -> Reserve:
    """Put a person into the reserve pool of a community or street (a village or township too)."""
    if area is None or area.level not in POOL_LEVELS:
        raise DomainError(
            _("A reserve pool is kept by a community, street, village or township."), field="area"
        )
    require_keep(actor, area)
    _person_seen(actor, person)
    if birth_year in (None, "") and person.birth_date is not None:
        birth_year = person.birth_date.year
    year = _birth_year(birth_year)
    if education not in Education.values:
        raise DomainError(_("Choose an education level from the list."), field="education")
    if Reserve.objects.filter(area=area, person=person, status=ReserveStatus.IN_POOL).exists():
        raise DomainError(
            _("%(name)s is already in the reserve pool of %(area)s.")
            % {"name": person.name, "area": area.name},
            code="invalid_state",
            field="person_id",
        )
    return Reserve.objects.create(
        area=area,
        person=person,
        birth_year=year,
        education=education,
        current_role=(current_role or "").strip()[:100],
        added_on=added_on or today(),
        note=(note or "").strip()[:200],
        recorded_by=actor,
    )


def _reserve_in_pool(reserve: Reserve) -> Reserve:
    reserve = Reserve.objects.select_for_update().get(pk=reserve.pk)
    if reserve.status != ReserveStatus.IN_POOL:
        raise DomainError(
            _("%(name)s is no longer in the pool (%(status)s).")
            % {"name": reserve.person.name, "status": reserve.get_status_display()},
            code="invalid_state",
        )
    return reserve


def _reserve_mark_used(reserve: Reserve, *, post, on: date) -> None:
    reserve.status = ReserveStatus.USED
    reserve.used_on = on
    reserve.used_post = post
    reserve.save(update_fields=["status", "used_on", "used_post"])


@transaction.atomic
def reserve_withdraw(actor, *, reserve: Reserve, note: str = "") -> Reserve:
    require_keep(actor, reserve.area)
    reserve = _reserve_in_pool(reserve)
    reserve.status = ReserveStatus.WITHDRAWN
    reserve.note = (note or reserve.note).strip()[:200]
    reserve.save(update_fields=["status", "note"])
    return reserve


# Posts a reserve is appointed to directly (a secretary only through a candidate with three gates).
RESERVE_POST_ROLES = (Role.DEPUTY_SECRETARY, Role.COMMITTEE_MEMBER, Role.COMMUNITY_WORKER)


@transaction.atomic
def reserve_appoint(actor, *, reserve: Reserve, role: str, on: date | None = None):
    """Appoint a reserve to a post of his area (deputy secretary, committee member, community worker): the
    post is created (people's ``post_appoint``) and the reserve is marked used. A secretary is appointed
    through a candidate whose three gates are passed (``candidate_appoint``)."""
    from lianxin.people.appointments import post_appoint

    require_keep(actor, reserve.area)
    if role == Role.SECRETARY:
        raise DomainError(
            _("A party secretary is appointed as a candidate, once the three gates are passed."),
            code="invalid_state",
            field="role",
        )
    if role not in RESERVE_POST_ROLES:
        raise DomainError(_("Choose a post from the list."), field="role")
    reserve = _reserve_in_pool(reserve)
    on = on or today()
    post = post_appoint(
        actor=actor,
        person=reserve.person,
        role=role,
        area=reserve.area,
        start_date=on,
        source=PostSource.RESERVE_CADRE,
    )
    _reserve_mark_used(reserve, post=post, on=on)
    return post


# -- secretary candidates and their three gates (P004-35) ---------------------------------------------------


@transaction.atomic
def candidate_propose(
    actor,
    *,
    area: Area | None = None,
    person: Person | None = None,
    reserve: Reserve | None = None,
    proposed_on: date | None = None,
) -> Candidate:
    """A candidate for party secretary of a community or village, from its reserves or any person in scope;
    his three gates start pending."""
    if reserve is not None:
        area = area or reserve.area
        person = reserve.person
        if reserve.status != ReserveStatus.IN_POOL:
            raise DomainError(
                _("%(name)s is no longer in the pool (%(status)s).")
                % {"name": person.name, "status": reserve.get_status_display()},
                code="invalid_state",
                field="reserve_id",
            )
    if area is None or area.level not in CANDIDATE_LEVELS:
        raise DomainError(_("Candidates are vetted for a community's or village's secretary."), field="area")
    require_keep(actor, area)
    _person_seen(actor, person)
    if reserve is not None and not (area.path + "/").startswith(reserve.area.path + "/"):
        raise DomainError(_("The reserve is not in this area's pool."), field="reserve_id")
    if Candidate.objects.filter(area=area, person=person, status=CandidateStatus.VETTING).exists():
        raise DomainError(
            _("%(name)s is already a candidate for %(area)s.") % {"name": person.name, "area": area.name},
            code="invalid_state",
            field="person_id",
        )
    candidate = Candidate.objects.create(
        area=area, person=person, reserve=reserve, proposed_on=proposed_on or today(), recorded_by=actor
    )
    Gate.objects.bulk_create(
        [Gate(candidate=candidate, kind=kind, area_path=candidate.area_path) for kind in GATE_ORDER]
    )
    return candidate


@transaction.atomic
def gate_record(
    actor,
    *,
    candidate: Candidate,
    kind: str,
    result: str,
    reviewer: str = "",
    reviewed_on: date | None = None,
    note: str = "",
) -> Gate:
    """One gate's result (passed, not passed, or back to pending), who reviewed it and when."""
    require_keep(actor, candidate.area)
    if kind not in GateKind.values:
        raise DomainError(_("Choose a gate from the list."), field="kind")
    if result not in GateResult.values:
        raise DomainError(_("Choose a result from the list."), field="result")
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status != CandidateStatus.VETTING:
        raise DomainError(
            _("This candidate is no longer being vetted (%(status)s).")
            % {"status": candidate.get_status_display()},
            code="invalid_state",
        )
    reviewer = (reviewer or "").strip()[:50]
    if result != GateResult.PENDING:
        if not reviewer:
            raise DomainError(_("Enter the reviewer."), field="reviewer")
        if reviewed_on is None:
            raise DomainError(_("Enter the date of the review."), field="reviewed_on")
        if reviewed_on > today():
            raise DomainError(_("The review date cannot be in the future."), field="reviewed_on")
    gate = Gate.objects.get(candidate=candidate, kind=kind)
    gate.result = result
    gate.reviewer = reviewer
    gate.reviewed_on = reviewed_on if result != GateResult.PENDING else None
    gate.note = (note or "").strip()[:200]
    gate.recorded_by = actor
    gate.save()
    return gate


def gate_first_open(candidate: Candidate) -> Gate | None:
    """The first gate (in the order 政治关, 能力关, 群众关) not passed, or None."""
    gates = {g.kind: g for g in candidate.gates.all()}
    for kind in GATE_ORDER:
        gate = gates.get(kind)
        if gate is None or gate.result != GateResult.PASSED:
            return gate or Gate(candidate=candidate, kind=kind)
    return None


@transaction.atomic
def candidate_appoint(actor, *, candidate: Candidate, on: date | None = None):
    """Appoint the candidate party secretary of his community or village: only when the three gates are
    passed (409 naming the first that is not). The secretary's post is created (people's ``post_appoint``)
    and a reserve he came from is marked used."""
    from lianxin.people.appointments import post_appoint

    require_keep(actor, candidate.area)
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status != CandidateStatus.VETTING:
        raise DomainError(
            _("This candidate is no longer being vetted (%(status)s).")
            % {"status": candidate.get_status_display()},
            code="invalid_state",
        )
    gate = gate_first_open(candidate)
    if gate is not None:
        raise DomainError(_("%(gate)s not passed") % {"gate": gate.get_kind_display()}, code="invalid_state")
    reserve = None
    if candidate.reserve_id is not None:
        reserve = _reserve_in_pool(candidate.reserve)
    on = on or today()
    post = post_appoint(
        actor=actor,
        person=candidate.person,
        role=Role.SECRETARY,
        area=candidate.area,
        start_date=on,
        source=PostSource.RESERVE_CADRE if reserve is not None else "",
    )
    candidate.status = CandidateStatus.APPOINTED
    candidate.appointed_on = on
    candidate.post = post
    candidate.save(update_fields=["status", "appointed_on", "post"])
    if reserve is not None:
        _reserve_mark_used(reserve, post=post, on=on)
    return post


@transaction.atomic
def candidate_withdraw(actor, *, candidate: Candidate) -> Candidate:
    require_keep(actor, candidate.area)
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status != CandidateStatus.VETTING:
        raise DomainError(
            _("This candidate is no longer being vetted (%(status)s).")
            % {"status": candidate.get_status_display()},
            code="invalid_state",
        )
    candidate.status = CandidateStatus.WITHDRAWN
    candidate.save(update_fields=["status"])
    return candidate


# -- talents selected into village party organisations (P002-15) --------------------------------------------


@transaction.atomic
def selection_make(
    actor,
    *,
    talent,
    party_org,
    selected_as: str,
    selected_on: date | None = None,
    education: str = "",
    current_role: str = "",
) -> Selection:
    """Move a talent of the pool into a village party organisation, as a committee member (a post on the
    organisation) or a reserve cadre (the village's reserve pool), with a date. The talent is marked
    selected; a talent not yet a person of the register becomes one, in the village."""
    from lianxin.people.appointments import post_appoint
    from lianxin.people.models import PersonTag
    from lianxin.talent.models import TalentProfile, TalentStatus

    if party_org is None or party_org.area_id is None or party_org.area.level != Level.VILLAGE:
        raise DomainError(_("Choose a village party organisation."), field="party_org_id")
    village = party_org.area
    require_keep(actor, village)
    if talent is None or not TalentProfile.objects.restrict(actor, VIEW).filter(pk=talent.pk).exists():
        raise DomainError(_("Choose a talent within your scope."), field="talent_id")
    if selected_as not in SelectionAs.values:
        raise DomainError(_("Choose member or reserve cadre."), field="selected_as")
    on = selected_on or today()
    if on > today():
        raise DomainError(_("The date cannot be in the future."), field="selected_on")
    talent = TalentProfile.objects.select_for_update().get(pk=talent.pk)
    if Selection.objects.filter(talent=talent, party_org=party_org).exists():
        raise DomainError(
            _("%(name)s has already been selected into %(org)s.")
            % {"name": talent.name, "org": party_org.name},
            code="invalid_state",
        )
    person = talent.person
    if person is None:
        person = Person(name=talent.name)
        person.set_area(village)
        person.save()
        talent.person = person
    post = reserve = None
    if selected_as == SelectionAs.MEMBER:
        post = post_appoint(
            actor=actor,
            person=person,
            role=Role.COMMITTEE_MEMBER,
            party_org=party_org,
            start_date=on,
            source=PostSource.RETURNEE,
            # The talent is within the actor's scope: that is how he knows the person.
            person_known_by_id_number=True,
        )
    else:
        if talent.birth_year is None:
            raise DomainError(_("Enter the talent's birth year first."), field="talent_id")
        if education not in Education.values:
            raise DomainError(_("Choose an education level from the list."), field="education")
        if Reserve.objects.filter(area=village, person=person, status=ReserveStatus.IN_POOL).exists():
            raise DomainError(
                _("%(name)s is already in the reserve pool of %(area)s.")
                % {"name": person.name, "area": village.name},
                code="invalid_state",
            )
        reserve = Reserve.objects.create(
            area=village,
            person=person,
            birth_year=talent.birth_year,
            education=education,
            current_role=(current_role or talent.occupation or "")[:100],
            added_on=on,
            recorded_by=actor,
        )
        tag = PersonTag.objects.filter(code="reserve_cadre").first()
        if tag is not None:
            person.tags.add(tag)
    talent.status = TalentStatus.SELECTED
    talent.save(update_fields=["person", "status"])
    return Selection.objects.create(
        talent=talent,
        person=person,
        party_org=party_org,
        area=village,
        selected_as=selected_as,
        selected_on=on,
        post=post,
        reserve=reserve,
        recorded_by=actor,
    )


# -- talent programmes and their training (P003-52) ---------------------------------------------------------


def _positive(value, field: str, message: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise DomainError(message, field=field) from None
    if number < 1:
        raise DomainError(message, field=field)
    return number


@transaction.atomic
def programme_create(
    actor, *, area: Area, kind: str, name: str, year: int, capacity: int, plan=None
) -> Programme:
    """A talent programme (百千万, 周末党校, 百优人才 …) of an area, with its capacity; its training plan (the
    education app's, annual) is created with it unless one is given."""
    from lianxin.education.models import PlanKind
    from lianxin.education.services import training_plan_create

    require_keep(actor, area)
    if kind not in ProgrammeKind.values:
        raise DomainError(_("Choose a programme kind from the list."), field="kind")
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise DomainError(_("Enter a name of at most 100 characters."), field="name")
    try:
        year = int(year)
    except (TypeError, ValueError):
        year = 0
    if not 2000 <= year <= 2100:
        raise DomainError(_("Enter a year from 2000 to 2100."), field="year")
    capacity = _positive(capacity, "capacity", _("Enter the capacity, at least 1."))
    if Programme.objects.filter(area=area, name=name, year=year).exists():
        raise DomainError(
            _("%(name)s already exists for %(year)s.") % {"name": name, "year": year}, code="invalid_state"
        )
    if plan is None:
        plan = training_plan_create(actor, area=area, kind=PlanKind.ANNUAL, title=name, year_from=year)
    return Programme.objects.create(area=area, kind=kind, name=name, year=year, capacity=capacity, plan=plan)


def _full(programme: Programme) -> DomainError:
    return DomainError(
        _("%(name)s is full: its capacity is %(n)s.") % {"name": programme.name, "n": programme.capacity},
        code="invalid_state",
        field="person_id",
    )


@transaction.atomic
def programme_member_add(
    actor, *, programme: Programme, person: Person, joined_on: date | None = None
) -> ProgrammeMember:
    """A member of the programme, up to its capacity (409 naming the limit)."""
    require_keep(actor, programme.area)
    _person_seen(actor, person)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if ProgrammeMember.objects.filter(programme=programme, person=person).exists():
        raise DomainError(
            _("%(name)s is already a member.") % {"name": person.name},
            code="invalid_state",
            field="person_id",
        )
    if programme.members.count() >= programme.capacity:
        raise _full(programme)
    try:
        with transaction.atomic():
            return ProgrammeMember.objects.create(
                programme=programme, person=person, joined_on=joined_on or today()
            )
    except IntegrityError:
        raise DomainError(
            _("%(name)s is already a member.") % {"name": person.name},
            code="invalid_state",
            field="person_id",
        ) from None


def _hours(value) -> Decimal:
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        raise DomainError(_("Enter the hours of each day, from 0.5 to 12."), field="hours_per_day") from None
    if not Decimal("0.5") <= hours <= Decimal("12"):
        raise DomainError(_("Enter the hours of each day, from 0.5 to 12."), field="hours_per_day")
    return hours.quantize(Decimal("0.1"))


@transaction.atomic
def programme_session_add(
    actor,
    *,
    programme: Programme,
    title: str,
    starts_on: date,
    ends_on: date | None = None,
    hours_per_day=8,
    capacity: int | None = None,
    teaching_point=None,
) -> ProgrammeSession:
    """A training session of the programme: a training class under its plan (the education app's), with the
    hours of each day; its capacity defaults to the programme's."""
    from lianxin.education.services import training_class_create

    require_keep(actor, programme.area)
    hours = _hours(hours_per_day)
    if capacity not in (None, ""):
        capacity = _positive(capacity, "capacity", _("Enter the capacity, at least 1."))
    klass = training_class_create(
        actor,
        plan=programme.plan,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on or starts_on,
        capacity=capacity or programme.capacity,
        teaching_point=teaching_point,
    )
    return ProgrammeSession.objects.create(programme=programme, training_class=klass, hours_per_day=hours)


@transaction.atomic
def session_enrol(actor, *, session: ProgrammeSession, person: Person):
    """A member of the programme on a session's roll, up to the class's capacity (409 naming the limit)."""
    from lianxin.education.models import TrainingClass
    from lianxin.education.services import enrolment_add

    require_keep(actor, session.programme.area)
    if not ProgrammeMember.objects.filter(programme=session.programme, person=person).exists():
        raise DomainError(
            _("%(name)s is not a member of %(programme)s.")
            % {"name": person.name, "programme": session.programme.name},
            field="person_id",
        )
    klass = TrainingClass.objects.select_for_update().get(pk=session.training_class_id)
    enrolled = klass.enrolments.filter(person=person).exists()
    if klass.capacity and not enrolled and klass.enrolments.count() >= klass.capacity:
        raise DomainError(
            _("%(name)s is full: its capacity is %(n)s.") % {"name": klass.title, "n": klass.capacity},
            code="invalid_state",
            field="person_id",
        )
    return enrolment_add(actor, training_class=klass, person=person)


@transaction.atomic
def session_attendance(actor, *, session: ProgrammeSession, person: Person, days_attended: int):
    """The days a member attended the session (the education app's attendance)."""
    from lianxin.education.models import Enrolment
    from lianxin.education.services import attendance_record

    require_keep(actor, session.programme.area)
    enrolment = Enrolment.objects.filter(training_class_id=session.training_class_id, person=person).first()
    if enrolment is None:
        raise DomainError(
            _("%(name)s is not on this session's roll.") % {"name": person.name}, field="person_id"
        )
    try:
        days = int(days_attended)
    except (TypeError, ValueError):
        days = -1
    return attendance_record(actor, enrolment=enrolment, days_attended=days)
