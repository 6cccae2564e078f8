"""Two-way entry and cross-appointment (P000-41): one person holds a property-company post and a community
committee post at once; the figure lists the pairs by community and company and names the people."""

from datetime import date

import pytest

from lianxin.party.figures.territory import property_cross_appointments
from lianxin.people.appointments import post_appoint
from lianxin.people.models import Organisation, OrganisationKind, Person
from lianxin.people.roles import Role

pytestmark = pytest.mark.django_db
START = date(2024, 1, 1)


def test_a_person_in_a_company_and_a_community_committee_is_listed_by_name(cast, world):
    community = world.communities[0]
    company = Organisation.objects.filter(kind=OrganisationKind.PROPERTY_COMPANY).order_by("id").first()
    person = Person.objects.filter(area_path__startswith=community.path).order_by("id").first()
    admin = cast.county_admin
    post_appoint(actor=admin, person=person, role=Role.PROPERTY_STAFF, organisation=company, start_date=START)
    post_appoint(actor=admin, person=person, role=Role.COMMITTEE_MEMBER, area=community, start_date=START)

    rows = property_cross_appointments(user=cast.county_admin)

    row = next(r for r in rows if r.label == f"{community.name} · {company.name}")
    assert row.value == 1
    assert person.name in row.note
