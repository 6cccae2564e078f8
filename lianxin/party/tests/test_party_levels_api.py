"""P004-20: the five levels under an organisation, the same counts on its page and in the API."""

import pytest

from lianxin.party.models import OrgKind, PartyOrg
from lianxin.party.views.orgs import party_level_counts

pytestmark = pytest.mark.django_db


def test_the_api_gives_the_five_level_counts_of_the_organisations_page(client_as, cast):
    committee = PartyOrg.objects.filter(kind=OrgKind.WORKING_COMMITTEE).order_by("path").first()
    expected = party_level_counts(user=cast.street_secretary, org=committee)

    listed = client_as("street_secretary").get(f"/api/v1/party-orgs/{committee.pk}/levels").json()
    page = client_as("street_secretary").get(f"/party/{committee.pk}/").content.decode()

    assert [(r["level"], r["count"]) for r in listed] == [(key, n) for key, _label, n in expected]
    assert listed[0]["count"] >= 1 and listed[-1]["level"] == "member_households"
    assert all(str(label) in page for _key, label, _n in expected)
    assert client_as("resident").get(f"/api/v1/party-orgs/{committee.pk}/levels").status_code == 404
