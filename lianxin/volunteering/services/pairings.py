"""Pairings (结对) and their visits; co-building agreements; people sent down. Each refusal is a Chinese
message; a household already paired is a 409 (该居民已有结对)."""

from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.models import Household
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, VIEW
from lianxin.party.models import PartyOrg
from lianxin.people.models import Person
from lianxin.volunteering.models import (
    CoBuildingAgreement,
    Pairing,
    PairingVisit,
    SentDownKind,
    SentDownStaff,
    UnitType,
)
from lianxin.volunteering.permissions import is_staff
from lianxin.volunteering.services.common import acting_person, row_end, staff_over

NOTE_MAX = 200
VOLUNTEERS_MAX = 20


def _already_paired() -> DomainError:
    return DomainError(_("This household already has a pairing."), code="invalid_state", field="household")


def _note(value: str, field: str = "note") -> str:
    value = (value or "").strip()
    if len(value) > NOTE_MAX:
        raise DomainError(_("At most %(n)s characters.") % {"n": NOTE_MAX}, field=field)
    return value


@transaction.atomic
def pairing_create(actor, *, household: Household, captain: Person, volunteers=(), note: str = "") -> Pairing:
    """One captain and N volunteers around one household in need ("1+N帮1")."""
    acting_person(actor)
    if household is None or not Household.objects.restrict(actor, CHANGE).filter(pk=household.pk).exists():
        raise DomainError(_("Choose a household within your scope."), field="household")
    staff_over(actor, household.area)
    if not household.tags.filter(code__in=settings.LIANXIN_PAIRING_TAGS).exists():
        raise DomainError(_("This household is not one in need of a pairing."), field="household")
    volunteers = list({v.pk: v for v in volunteers or []}.values())
    people = [captain, *volunteers]
    if captain is None:
        raise DomainError(_("Name the captain."), field="captain")
    if len(volunteers) > VOLUNTEERS_MAX:
        raise DomainError(_("At most %(n)s volunteers.") % {"n": VOLUNTEERS_MAX}, field="volunteers")
    if captain.pk in {v.pk for v in volunteers}:
        raise DomainError(_("The captain is not also one of the volunteers."), field="volunteers")
    visible = set(
        Person.objects.restrict(actor, VIEW)
        .filter(pk__in=[p.pk for p in people])
        .values_list("pk", flat=True)
    )
    if visible != {p.pk for p in people}:
        raise DomainError(_("Choose a person within your scope."), field="volunteers")
    Household.objects.select_for_update().filter(pk=household.pk).first()
    if Pairing.objects.filter(household=household, ended_on__isnull=True).exists():
        raise _already_paired()
    try:
        with transaction.atomic():
            pairing = Pairing.objects.create(household=household, captain=captain, note=_note(note))
    except IntegrityError:
        raise _already_paired() from None
    pairing.volunteers.set(volunteers)
    return pairing


@transaction.atomic
def pairing_end(actor, *, pairing: Pairing, on: date | None = None) -> Pairing:
    staff_over(actor, pairing.household.area)
    return row_end(
        Pairing,
        pairing.pk,
        end_field="ended_on",
        start_field="started_on",
        on=on,
        already=_("This pairing has already ended."),
        before=_("A pairing cannot end before it starts."),
    )


@transaction.atomic
def pairing_visit_log(
    actor, *, pairing: Pairing, visited_on: date | None = None, note: str = ""
) -> PairingVisit:
    """The captain or one of the volunteers logs a visit to the household they serve."""
    person = acting_person(actor)
    pairing = Pairing.objects.select_for_update().get(pk=pairing.pk)
    if person.pk != pairing.captain_id and not pairing.volunteers.filter(pk=person.pk).exists():
        raise DomainError(_("Only the pairing's captain and volunteers log its visits."), code="forbidden")
    if pairing.ended_on is not None:
        raise DomainError(_("This pairing has already ended."), code="invalid_state")
    visited_on = visited_on or timezone.localdate()
    if visited_on > timezone.localdate() or visited_on < pairing.started_on:
        raise DomainError(_("The visit falls between the pairing's start and today."), field="visited_on")
    return PairingVisit.objects.create(
        pairing=pairing, visitor=person, visited_on=visited_on, note=_note(note)
    )


def _org_keeper(actor, org: PartyOrg) -> None:
    if org is None:
        raise DomainError(_("Choose the party organisation."), field="party_org")
    if not is_staff(actor) or not PartyOrg.objects.restrict(actor, CHANGE).filter(pk=org.pk).exists():
        raise DomainError(_("You may not change %(org)s.") % {"org": org.name}, code="forbidden")


@transaction.atomic
def agreement_create(
    actor,
    *,
    party_org: PartyOrg,
    unit_name: str,
    unit_type: str,
    signed_on: date,
    ends_on: date | None = None,
    unit_org: PartyOrg | None = None,
    content: str = "",
) -> CoBuildingAgreement:
    """A co-building agreement of a street, community or estate organisation with a unit (共驻共建)."""
    _org_keeper(actor, party_org)
    unit_name = (unit_name or "").strip() or (unit_org.name if unit_org is not None else "")
    if not unit_name or len(unit_name) > 100:
        raise DomainError(_("Name the unit, in at most %(n)s characters.") % {"n": 100}, field="unit_name")
    if unit_type not in UnitType.values:
        raise DomainError(_("Choose the unit type."), field="unit_type")
    if signed_on is None or signed_on > timezone.localdate():
        raise DomainError(_("Enter the day it was signed, not in the future."), field="signed_on")
    if ends_on is not None and ends_on < signed_on:
        raise DomainError(_("An agreement cannot end before it is signed."), field="ends_on")
    today = timezone.localdate()
    current = CoBuildingAgreement.objects.filter(party_org=party_org, unit_name=unit_name).exclude(
        ends_on__lt=today
    )
    if current.exists():
        raise DomainError(
            _("%(org)s already has an agreement in force with %(unit)s.")
            % {"org": party_org.name, "unit": unit_name},
            code="invalid_state",
            field="unit_name",
        )
    return CoBuildingAgreement.objects.create(
        party_org=party_org,
        unit_name=unit_name,
        unit_org=unit_org,
        unit_type=unit_type,
        signed_on=signed_on,
        ends_on=ends_on,
        content=_note(content, "content"),
    )


@transaction.atomic
def sent_down_add(
    actor, *, person: Person, party_org: PartyOrg, kind: str, since: date | None = None
) -> SentDownStaff:
    """A deputy, a CPPCC member or a cadre attached to a grassroots party organisation (下沉人员)."""
    _org_keeper(actor, party_org)
    if person is None:
        raise DomainError(_("Choose a person within your scope."), field="person")
    if kind not in SentDownKind.values:
        raise DomainError(_("Choose what the person is sent down as."), field="kind")
    since = since or timezone.localdate()
    if since > timezone.localdate():
        raise DomainError(_("Enter a start date that is not in the future."), field="since")
    if SentDownStaff.objects.filter(person=person, party_org=party_org, until__isnull=True).exists():
        raise DomainError(
            _("%(name)s is already sent down to %(org)s.") % {"name": person.name, "org": party_org.name},
            code="invalid_state",
            field="person",
        )
    return SentDownStaff.objects.create(person=person, party_org=party_org, kind=kind, since=since)


@transaction.atomic
def sent_down_end(actor, *, record: SentDownStaff, on: date | None = None) -> SentDownStaff:
    _org_keeper(actor, record.party_org)
    return row_end(
        SentDownStaff,
        record.pk,
        end_field="until",
        start_field="since",
        on=on,
        already=_("This person has already come back."),
        before=_("The end cannot come before the start."),
    )
