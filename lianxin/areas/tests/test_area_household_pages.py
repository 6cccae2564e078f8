"""Household lists: scoped, with tags, residents, and the derived 共产党员户 plaque (P004-17)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from lianxin.areas.models import Area, Household, HouseholdTag, Level
from lianxin.areas.selectors import household_list
from lianxin.party.models import Membership, MembershipKind

pytestmark = pytest.mark.django_db


def plaques(html: str) -> set[int]:
    """Households shown with the member household plaque."""
    shown = set()
    for pk, body in re.findall(r'<tr data-household="(\d+)">(.*?)</tr>', html, flags=re.S):
        if 'class="plaque"' in body:
            shown.add(int(pk))
    return shown


def listed(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'<tr data-household="(\d+)">', html)}


def member_homes(area: Area) -> set[int]:
    return set(
        Membership.objects.current()
        .filter(
            person__household__area_path__startswith=area.path,
            kind__in=[MembershipKind.FULL, MembershipKind.PROBATIONARY],
        )
        .values_list("person__household_id", flat=True)
    )


@pytest.fixture
def estate(world):
    return world.estates[0]


def test_the_household_list_shows_every_household_under_the_area_and_no_other(client_as, estate):
    html = client_as("grid_worker").get(f"/areas/{estate.pk}/households/").content.decode()

    expected = set(Household.objects.filter(area_path__startswith=estate.path).values_list("pk", flat=True))
    assert listed(html) == expected


def test_the_plaque_marks_exactly_the_households_where_a_party_member_lives(client_as, estate):
    html = client_as("grid_worker").get(f"/areas/{estate.pk}/households/").content.decode()

    assert member_homes(estate)  # the small world has members in the first estate
    assert plaques(html) == member_homes(estate)


def test_the_plaque_goes_when_the_last_member_of_the_household_leaves(cast, estate):
    home = sorted(member_homes(estate))[0]
    Membership.objects.filter(person__household_id=home).update(
        end_date=timezone.localdate() - timedelta(days=1)
    )

    households = {h.pk: h for h in household_list(user=cast.grid_worker, area=estate)}
    assert households[home].has_member is False


def test_applicants_do_not_earn_the_plaque(cast, estate):
    home = sorted(member_homes(estate))[0]
    Membership.objects.filter(person__household_id=home).update(kind=MembershipKind.APPLICANT)

    households = {h.pk: h for h in household_list(user=cast.grid_worker, area=estate)}
    assert households[home].has_member is False


def test_a_building_captain_lists_only_his_buildings_households(client_as, estate):
    buildings = list(Area.objects.filter(path__startswith=estate.path, level=Level.BUILDING).order_by("path"))
    client = client_as("building_captain")
    html = client.get(f"/areas/{buildings[0].pk}/households/").content.decode()

    assert listed(html) == set(
        Household.objects.filter(area_path__startswith=buildings[0].path).values_list("pk", flat=True)
    )
    assert client.get(f"/areas/{buildings[1].pk}/households/").status_code == 404


def test_residents_link_to_their_pages_and_tags_are_shown(client_as, estate):
    household = Household.objects.filter(area_path__startswith=estate.path, residents__isnull=False).first()
    tag = HouseholdTag.objects.get(code="lone_elderly")
    household.tags.add(tag)
    html = client_as("grid_worker").get(f"/areas/{estate.pk}/households/").content.decode()

    row = re.search(rf'<tr data-household="{household.pk}">(.*?)</tr>', html, flags=re.S).group(1)
    assert tag.name in row
    for resident in household.residents.all():
        assert f'href="/people/{resident.pk}/"' in row


def test_the_household_list_is_paginated(client_as, world):
    community = world.communities[0]
    total = Household.objects.filter(area_path__startswith=community.path).count()
    client = client_as("community_secretary")

    first = listed(client.get(f"/areas/{community.pk}/households/").content.decode())
    rest = listed(client.get(f"/areas/{community.pk}/households/?page=2").content.decode())

    assert len(first) == min(total, 50)
    assert len(first | rest) == min(total, 100)
    assert client.get(f"/areas/{community.pk}/households/?page=x").status_code == 200
