"""A street's three-level organisation (P002-47): the street working committee (街道党工委) runs a
party-building office (党建办公室), and the office runs the street's party service centre (党群服务中心),
whose staff work for the whole street.

The office is a party organisation of kind OFFICE directly under the working committee, anchored to the
street; the centre is a place recorded at the street itself, designated as a party service centre, linked
to the office by ``Place.party_org``; its staff are posts at the centre (``Post.place``), which open the
area the centre serves (``lianxin.people.selectors.grants_build``), i.e. the street.

Writes are for the organisation department and the secretaries who may change the street.
"""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Level, Place, PlaceDesignation
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, under
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.party.services.orgs import org_manager_require
from lianxin.party.services.tree import party_org_create
from lianxin.people.models import Person, Post
from lianxin.people.roles import Role, StaffingType

CENTRE_DESIGNATION = "service_centre"
# The posts a street's centre is staffed with: its own staff, community workers on duty there, volunteers.
CENTRE_STAFF_ROLES = (Role.PLACE_STAFF, Role.COMMUNITY_WORKER, Role.VOLUNTEER)
FULL_TIME_STAFFING = frozenset({StaffingType.SECONDED, StaffingType.HIRED_FULL_TIME})


# -- the three levels, unrestricted (for the services' own checks; pages read through selectors/street.py) --


def street_committee(street: Area) -> PartyOrg | None:
    return PartyOrg.objects.filter(kind=OrgKind.WORKING_COMMITTEE, area=street).order_by("path").first()


def committee_office(committee: PartyOrg) -> PartyOrg | None:
    return (
        PartyOrg.objects.filter(under("path", committee.path), depth=committee.depth + 1, kind=OrgKind.OFFICE)
        .order_by("path")
        .first()
    )


def office_centre(office: PartyOrg, street: Area) -> Place | None:
    return (
        Place.objects.filter(party_org=office, area=street, designations__code=CENTRE_DESIGNATION)
        .order_by("id")
        .first()
    )


def _require_street_keeper(actor, street: Area) -> None:
    org_manager_require(actor)
    if street.level != Level.STREET:
        raise DomainError(_("%(area)s is not a street.") % {"area": street.name}, code="invalid")
    if not Area.objects.restrict(actor, CHANGE).filter(pk=street.pk).exists():
        raise DomainError(_("You may not change %(area)s.") % {"area": street.name}, code="forbidden")


def _committee_of(street: Area) -> PartyOrg:
    committee = street_committee(street)
    if committee is None:
        raise DomainError(
            _("%(street)s has no working committee yet: set it up in the party organisation tree first.")
            % {"street": street.name},
            code="missing",
        )
    return committee


def _office_of(street: Area) -> PartyOrg:
    office = committee_office(_committee_of(street))
    if office is None:
        raise DomainError(
            _("Set up the party-building office first: the service centre is run by it."), code="missing"
        )
    return office


# -- writes ---------------------------------------------------------------------------------------------


@transaction.atomic
def street_office_ensure(*, actor, street: Area, name: str) -> PartyOrg:
    """Set up the street's party-building office under its working committee; a street has one."""
    _require_street_keeper(actor, street)
    committee = _committee_of(street)
    # Serialise two clerks setting up the office at once (a no-op on SQLite, which writes one at a time).
    PartyOrg.objects.select_for_update().filter(pk=committee.pk).first()
    existing = committee_office(committee)
    if existing is not None:
        raise DomainError(
            _("%(committee)s already has its party-building office: %(office)s.")
            % {"committee": committee.name, "office": existing.name},
            code="exists",
            field="name",
        )
    return party_org_create(
        actor=actor, parent=committee, kind=OrgKind.OFFICE, name=name, area=street, field=committee.field
    )


@transaction.atomic
def street_centre_link(*, actor, street: Area, place: Place | None = None, name: str = "") -> Place:
    """Make ``place`` (a service centre recorded at the street) the centre the street's office runs, or,
    with no place, record a new centre named ``name``. The centre linked before, if any, is unlinked: the
    office runs one centre."""
    from lianxin.areas.places import place_save

    _require_street_keeper(actor, street)
    office = _office_of(street)
    if place is None:
        if not (name or "").strip():
            raise DomainError(
                _("Choose a service centre of the street, or name a new one."), code="required", field="place"
            )
        designation = PlaceDesignation.objects.get(code=CENTRE_DESIGNATION)
        place = place_save(
            actor=actor, place=None, area=street, designations=[designation], name=name, party_org=office
        )
    else:
        place = Place.objects.select_for_update().get(pk=place.pk)
        if place.area_id != street.pk:
            raise DomainError(
                _(
                    "%(place)s is not a place of %(street)s itself: the street's service centre is recorded "
                    "at the street, not outside it or at a community below."
                )
                % {"place": place.name, "street": street.name},
                code="outside",
                field="place",
            )
        if not place.designations.filter(code=CENTRE_DESIGNATION).exists():
            raise DomainError(
                _("%(place)s is not designated as a party service centre.") % {"place": place.name},
                code="invalid",
                field="place",
            )
        if place.party_org_id and place.party_org_id != office.pk:
            raise DomainError(
                _("%(place)s is already run with %(org)s.")
                % {"place": place.name, "org": place.party_org.name},
                code="exists",
                field="place",
            )
    for before in Place.objects.filter(party_org=office).exclude(pk=place.pk).order_by("id"):
        before.party_org = None
        before.save(update_fields=["party_org"])
    if place.party_org_id != office.pk:
        place.party_org = office
        place.save(update_fields=["party_org"])
    return place


@transaction.atomic
def street_centre_staff_add(
    *,
    actor,
    street: Area,
    person: Person,
    role: str,
    staffing_type: str = "",
    duties: str = "",
    start_date: date | None = None,
) -> Post:
    """A staff post at the street's centre (through the people app's appointment service): its holder works
    for the whole street."""
    from lianxin.people.appointments import post_appoint

    _require_street_keeper(actor, street)
    office = _office_of(street)
    centre = office_centre(office, street)
    if centre is None:
        raise DomainError(
            _("Link the party service centre first: staff posts sit at the centre."), code="missing"
        )
    if role not in CENTRE_STAFF_ROLES:
        raise DomainError(_("Choose one of the centre's roles."), code="invalid", field="role")
    return post_appoint(
        actor=actor,
        person=person,
        role=role,
        place=centre,
        staffing_type=staffing_type,
        is_full_time=staffing_type in FULL_TIME_STAFFING,
        duties=duties,
        start_date=start_date,
    )
