"""The demo's volunteering, loaded on the test world through the services: each part is there once."""

import pytest

from lianxin.volunteering.demo import unit_with_head, volunteering_demo_ensure
from lianxin.volunteering.models import (
    CalloutAnswer,
    CoBuildingAgreement,
    Pairing,
    RegistrationStatus,
    SentDownStaff,
    UnitRegistration,
    VolunteerRegistration,
    VolunteerTeam,
)

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once(cast):
    unit, _head = unit_with_head()  # read before the demo registers it
    assert volunteering_demo_ensure() == {"registrations": 2, "teams": 3, "callouts": 1, "pairings": 1}
    statuses = dict(VolunteerRegistration.objects.values_list("person__name", "status"))
    assert statuses == {"徐晓燕": RegistrationStatus.APPROVED, "孙桂兰": RegistrationStatus.PENDING}
    # A unit registers where the world has a unit's organisation with a member to head it.
    expected = [(unit.pk, RegistrationStatus.APPROVED)] if unit is not None else []
    assert list(UnitRegistration.objects.values_list("unit_org_id", "status")) == expected
    assert VolunteerTeam.objects.count() == 3
    assert sorted(CalloutAnswer.objects.values_list("answer", flat=True)) == ["on_duty", "standby"]
    pairing = Pairing.objects.get()
    assert pairing.visits.count() == 1
    assert CoBuildingAgreement.objects.count() == 1 and SentDownStaff.objects.count() == 1
    assert volunteering_demo_ensure() == {}
    assert VolunteerTeam.objects.count() == 3


def test_the_demo_couriers_team_is_based_at_a_place_of_its_community(cast, places):
    """P003-26: the 红驹先锋 team has a base place (the community's rest station, else a place of it)."""
    from lianxin.volunteering.demo import courier_base

    volunteering_demo_ensure()
    team = VolunteerTeam.objects.get(kind="courier")
    assert team.base_id is not None and team.base_id == courier_base(team.area).pk
