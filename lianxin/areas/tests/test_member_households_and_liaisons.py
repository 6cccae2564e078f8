"""Member households with the households they serve, and liaison links ("1+11"), through the pages."""

import pytest

from lianxin.areas.models import Household
from lianxin.party.models import LiaisonLink, MemberHousehold

pytestmark = pytest.mark.django_db


def test_a_community_secretary_records_a_member_household_with_the_households_it_serves(client_as, world):
    record = MemberHousehold.objects.filter(area_path__startswith=world.estates[0].path).first()
    household, member, group = record.household, record.member, record.group
    record.served.clear()
    record.delete()
    neighbours = list(Household.objects.filter(area_id=household.area_id).exclude(pk=household.pk)[:3])
    client = client_as("community_secretary")
    estate = world.estates[0]

    page = client.get(f"/areas/{estate.pk}/member-households/")
    assert page.status_code == 200 and 'data-testid="member-household-form"' in page.content.decode()
    response = client.post(
        f"/areas/{estate.pk}/member-households/",
        {
            "household": household.pk,
            "member": member.pk,
            "group": group.pk,
            "served": [h.pk for h in neighbours],
            "selected_on": "2026-07-01",
        },
    )
    assert response.status_code == 302
    saved = MemberHousehold.objects.get(household=household)
    assert saved.member == member and set(saved.served.all()) == set(neighbours)
    html = client.get(f"/areas/{estate.pk}/member-households/").content.decode()
    assert household.address in html and member.name in html

    # a member who does not live there is refused in Chinese
    other = neighbours[0]
    bad = client.post(
        f"/areas/{estate.pk}/member-households/",
        {"household": other.pk, "member": member.pk, "group": group.pk},
    )
    assert bad.status_code == 400 and "居住" in bad.content.decode()
    # read-only posts over the community cannot write; the grid worker of another estate cannot see
    assert client_as("courier").post(f"/areas/{estate.pk}/member-households/", {}).status_code == 403


def test_a_liaisons_households_are_set_with_a_warning_over_eleven(client_as, cast, world):
    village = world.villages[0]
    liaison = cast.liaison.person
    households = list(Household.objects.filter(area_path__startswith=village.path).order_by("id")[:12])
    assert len(households) == 12
    client = client_as("county_admin")
    response = client.post(
        f"/areas/{village.pk}/liaisons/",
        {"liaison": liaison.pk, "households": [h.pk for h in households]},
        follow=True,
    )
    assert response.status_code == 200
    assert LiaisonLink.objects.filter(liaison=liaison).count() == 12
    assert "“1+11”" in response.content.decode()
    assert "over eleven" not in response.content.decode()

    client.post(f"/areas/{village.pk}/liaisons/", {"liaison": liaison.pk, "households": [households[0].pk]})
    assert list(LiaisonLink.objects.filter(liaison=liaison).values_list("household_id", flat=True)) == [
        households[0].pk
    ]
    page = client_as("liaison").get(f"/areas/{village.pk}/liaisons/")
    assert page.status_code == 200 and households[0].address in page.content.decode()
