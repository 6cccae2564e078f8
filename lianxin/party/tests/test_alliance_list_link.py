"""The alliance page offers the link to its lists only to those the lists answer: its leads and its member
enterprises' contacts. A read-only viewer of the alliance (a post over the county that does not lead it)
reads the alliance without the link, which would answer him 404, and has no 联盟清单 in his menu."""

from datetime import date

import pytest

from lianxin.party.models import OrgKind, PartyOrg
from lianxin.people.models import Person, Post, User
from lianxin.people.roles import Role

pytestmark = pytest.mark.django_db


def test_the_lists_link_is_offered_only_where_the_lists_open(client_as, cast, world):
    alliance = PartyOrg.objects.get(kind=OrgKind.CHAIN_ALLIANCE)
    lists = f"/party/alliances/{alliance.pk}/lists/"
    page = f"/party/alliances/{alliance.pk}/"

    lead = client_as("county_admin")
    assert lists in lead.get(page).content.decode() and lead.get(lists).status_code == 200

    contact = client_as("enterprise_contact")
    assert contact.get(lists).status_code == 200
    assert "/party/alliance-lists/" in contact.get("/").content.decode()

    person = Person.objects.create(name="县级只读岗位")
    Post.objects.create(
        person=person, role=Role.PART_TIME_GRID_WORKER, area=world.county, area_path=world.county.path,
        start_date=date(2024, 1, 1),
    )  # fmt: skip
    viewer = User.objects.create(username="county_viewer", person=person)
    client = client_as("county_admin")
    client.force_login(viewer)
    response = client.get(page)
    assert response.status_code == 200, "the viewer reads the alliance"
    assert lists not in response.content.decode()
    assert client.get(lists).status_code == 404
    assert "/party/alliance-lists/" not in client.get("/").content.decode()
