"""Reads for a street's three-level organisation page (P002-47): working committee → party-building office
→ party service centre and its staff. Every read starts from ``restrict(user)``."""

from dataclasses import dataclass, field

from django.db.models import Q

from lianxin.areas.models import Area, Place
from lianxin.areas.selectors import members_current, persons_visible_ids, posts_current
from lianxin.core.scope import CHANGE, under
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.party.services.street import CENTRE_DESIGNATION
from lianxin.people.roles import Role


@dataclass
class StreetStructure:
    street: Area
    committee: PartyOrg | None = None
    secretaries: list = field(default_factory=list)
    members: int = 0
    office: PartyOrg | None = None
    centre: Place | None = None
    staff: list = field(default_factory=list)
    openable: set = field(default_factory=set)


def street_structure(*, user, street: Area) -> StreetStructure:
    """What the user sees of the street's three levels; a missing level stays None (and so do the ones
    below it)."""
    result = StreetStructure(street=street)
    committee = (
        PartyOrg.objects.restrict(user)
        .filter(kind=OrgKind.WORKING_COMMITTEE, area=street)
        .order_by("path")
        .first()
    )
    if committee is None:
        return result
    result.committee = committee
    result.secretaries = list(
        posts_current(user)
        .filter(party_org=committee, role=Role.SECRETARY)
        .select_related("person")
        .order_by("start_date", "id")
    )
    result.members = members_current(user).filter(under("org_path", committee.path)).count()
    result.office = (
        PartyOrg.objects.restrict(user)
        .filter(under("path", committee.path), depth=committee.depth + 1, kind=OrgKind.OFFICE)
        .order_by("path")
        .first()
    )
    if result.office is not None:
        result.centre = (
            Place.objects.restrict(user)
            .filter(party_org=result.office, area=street, designations__code=CENTRE_DESIGNATION)
            .order_by("id")
            .first()
        )
    if result.centre is not None:
        result.staff = list(
            posts_current(user)
            .filter(place=result.centre)
            .select_related("person")
            .order_by("role", "start_date", "id")
        )
    result.openable = persons_visible_ids(
        user=user, person_ids=[p.person_id for p in result.secretaries + result.staff]
    )
    return result


def street_centre_candidates(*, user, street: Area, office: PartyOrg | None):
    """The service centres recorded at the street that its office may run (not run with another
    organisation), for the link form."""
    places = (
        Place.objects.restrict(user, CHANGE)
        .filter(area=street, designations__code=CENTRE_DESIGNATION)
        .distinct()
        .order_by("name", "id")
    )
    if office is None:
        return places.filter(party_org__isnull=True)
    return places.filter(Q(party_org__isnull=True) | Q(party_org=office))
