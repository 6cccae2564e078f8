"""Household visits (拉呱、串门、调解、帮办, P000-31; the liaison's four duties, P002-31): a mediation opens
a dispute case, an errand opens a case the visitor handles himself."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lianxin.areas.models import Household
from lianxin.cases import clock, permissions
from lianxin.cases.models import Category, Channel, Kind, Visit, VisitKind
from lianxin.core.errors_domain import DomainError


def visit_record(
    actor,
    *,
    kind: str,
    household: Household | None = None,
    area=None,
    note: str = "",
    attendees: int = 1,
    category: Category | None = None,
    at=None,
    idempotency_key: str = "",
) -> Visit:
    """Log a visit. ``mediation`` and ``errand`` need a category and open a case in the same transaction:
    a dispute for mediation, a case handled by the visitor for an errand."""
    from lianxin.cases.services.events import key_clean

    key = key_clean(idempotency_key) or None
    if key and actor.person_id:
        done = Visit.objects.filter(visitor_id=actor.person_id, idempotency_key=key).first()
        if done is not None:
            return done
    if kind not in VisitKind.values:
        raise DomainError(_("Choose what kind of visit it was."), field="kind")
    if kind == VisitKind.CARE:
        raise DomainError(_("Record a care visit with the persons visited."), field="kind")
    if not permissions.is_worker(actor) or not actor.person_id:
        raise DomainError(
            _("Visits are logged by workers, members and liaisons with a post."), code="forbidden"
        )
    if household is not None:
        from lianxin.areas.models import Household as H

        if not H.objects.restrict(actor).filter(pk=household.pk).exists():
            raise DomainError(_("This household is outside the area your post serves."), code="forbidden")
        area = household.area
    if area is None:
        raise DomainError(_("Choose the household visited, or the place of the session."), field="household")
    if not isinstance(attendees, int) or not 1 <= attendees <= 10000:
        raise DomainError(_("The number of people reached must be a whole number."), field="attendees")
    opens_case = kind in (VisitKind.MEDIATION, VisitKind.ERRAND)
    if opens_case and category is None:
        raise DomainError(_("Choose the category of the matter taken up."), field="category")
    if kind == VisitKind.MEDIATION and category is not None and category.kind != Kind.DISPUTE:
        raise DomainError(_("A mediation opens a dispute: choose a dispute category."), field="category")
    try:
        return _visit_write(actor, kind, household, area, note, attendees, category, at, key, opens_case)
    except IntegrityError:
        done = Visit.objects.filter(visitor_id=actor.person_id, idempotency_key=key).first() if key else None
        if done is None:
            raise
        return done


def _visit_write(actor, kind, household, area, note, attendees, category, at, key, opens_case) -> Visit:
    from lianxin.cases.services.intake import case_report

    with transaction.atomic():
        case = None
        if opens_case:
            resident = household.residents.order_by("id").first() if household else None
            case = case_report(
                actor,
                category=category,
                area=area,
                description=note or _("Raised during a household visit."),
                channel=Channel.VISIT,
                on_behalf_of=resident,
                handle_self=kind == VisitKind.ERRAND or category.kind == Kind.DISPUTE,
            )
        return Visit.objects.create(
            visitor=actor.person,
            household=household,
            area=area,
            area_path=area.path,
            kind=kind,
            note=note[:2000],
            attendees=attendees,
            case=case,
            at=at or clock.now(),
            idempotency_key=key,
        )


MAX_CARE_PERSONS = 500


def care_visit_record(
    actor,
    *,
    area,
    persons,
    items: str = "",
    organiser=None,
    note: str = "",
    at=None,
    idempotency_key: str = "",
) -> Visit:
    """A care visit or festival greeting (暖心慰问, P003-22): the persons visited (couriers, riders …) each
    count once, the items given, the party organisation that organised it. Recorded by a worker or staff
    member whose post reaches the place and the persons; the same key again returns the first visit."""
    from lianxin.cases.services.events import key_clean
    from lianxin.core.scope import VIEW
    from lianxin.people.models import Person

    key = key_clean(idempotency_key) or None
    if key and actor.person_id:
        done = Visit.objects.filter(visitor_id=actor.person_id, idempotency_key=key).first()
        if done is not None:
            return done
    if not permissions.is_worker(actor) or not actor.person_id:
        raise DomainError(
            _("Visits are logged by workers, members and liaisons with a post."), code="forbidden"
        )
    if area is None or not area.__class__.objects.restrict(actor, VIEW).filter(pk=area.pk).exists():
        raise DomainError(_("Choose a place your post covers."), field="area")
    ids = {getattr(p, "pk", p) for p in persons}
    if not ids:
        raise DomainError(_("Choose the persons visited."), field="persons")
    if len(ids) > MAX_CARE_PERSONS:
        raise DomainError(_("At most 500 persons in one visit."), field="persons")
    reached = list(Person.objects.restrict(actor, VIEW).filter(pk__in=ids))
    if len(reached) != len(ids):
        raise DomainError(_("Some of the persons are outside the area your post serves."), field="persons")
    if organiser is not None:
        from lianxin.party.models import PartyOrg

        if not PartyOrg.objects.restrict(actor, VIEW).filter(pk=organiser.pk).exists():
            raise DomainError(_("Choose a party organisation your post reaches."), field="organiser")
    try:
        with transaction.atomic():
            visit = Visit.objects.create(
                visitor=actor.person,
                area=area,
                area_path=area.path,
                kind=VisitKind.CARE,
                note=(note or "")[:2000],
                items=(items or "").strip()[:200],
                organiser=organiser,
                attendees=len(reached),
                at=at or clock.now(),
                idempotency_key=key,
            )
            visit.persons.set(reached)
            return visit
    except IntegrityError:
        done = Visit.objects.filter(visitor_id=actor.person_id, idempotency_key=key).first() if key else None
        if done is None:
            raise
        return done
