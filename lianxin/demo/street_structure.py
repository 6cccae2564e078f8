"""The demo streets' three-level organisation (P002-47): each working committee has its party-building
office, the office runs the street's party service centre, and the first street's centre has one staff
post, held by a resident with no account (so the demo accounts' scopes, and the authorization matrix,
stay as they are).

Idempotent, like the rest of the demo: an office already there is reused, a centre already run by the
office is left, and the staff post is added only to a centre that never had one. Deterministic: the same
rows in the same order every time.
"""

from lianxin.areas.models import Place, PlaceDesignation
from lianxin.core.scope import under
from lianxin.demo.world import START, Built
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.party.services.street import CENTRE_DESIGNATION, committee_office, street_committee
from lianxin.people.models import Person, Post
from lianxin.people.roles import Role, StaffingType

CENTRE_DUTIES = "窗口值班、政策咨询、一次性告知"


def _office_ensure(street, committee: PartyOrg) -> PartyOrg:
    office = committee_office(committee)
    if office is not None:
        return office
    values = {
        "kind": OrgKind.OFFICE,
        "name": f"{street.name}党建办公室",
        "area": street,
        "area_path": street.path,
        "field": committee.field,
    }
    return PartyOrg.objects.add_child(PartyOrg.objects.get(pk=committee.pk), values)


def _centre_ensure(street, office: PartyOrg) -> Place:
    linked = Place.objects.filter(party_org=office).order_by("id").first()
    if linked is not None:
        return linked
    centre = (
        Place.objects.filter(area=street, designations__code=CENTRE_DESIGNATION, party_org__isnull=True)
        .order_by("id")
        .first()
    )
    if centre is None:
        centre = Place.objects.create(
            area=street, area_path=street.path, name=f"{street.name}党群服务中心", party_org=office
        )
        centre.designations.set([PlaceDesignation.objects.get(code=CENTRE_DESIGNATION)])
        return centre
    centre.party_org = office
    centre.save(update_fields=["party_org"])
    return centre


def _staff_ensure(street, centre: Place) -> None:
    if Post.objects.filter(place=centre).exists():
        return
    person = (
        Person.objects.filter(under("area_path", street.path), mobile_index__gt="", user__isnull=True)
        .filter(posts__isnull=True)
        .order_by("id")
        .first()
    )
    if person is None:
        return
    Post.objects.create(
        person=person,
        role=Role.PLACE_STAFF,
        place=centre,
        area_path=centre.area_path,
        start_date=START,
        staffing_type=StaffingType.HIRED_PART_TIME,
        duties=CENTRE_DUTIES,
    )


def street_structures_ensure(b: Built) -> None:
    for index, street in enumerate(b.streets):
        committee = street_committee(street)
        if committee is None:
            continue
        office = _office_ensure(street, committee)
        centre = _centre_ensure(street, office)
        if index == 0:
            _staff_ensure(street, centre)
