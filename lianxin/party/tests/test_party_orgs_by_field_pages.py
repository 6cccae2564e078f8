"""Party organisations filtered by field, kind and set-up mode on the party page (P000-50, P001-40, P001-44):
the count the figures give opens the very organisations, the same as GET /api/v1/party-orgs/?field=."""

import re

import pytest

from lianxin.party.figures.organisation import orgs_by_field, orgs_by_setup_mode
from lianxin.party.models import Field, PartyOrg, SetupMode

pytestmark = pytest.mark.django_db


def _count(html: str) -> int:
    return int(re.search(r'data-testid="filtered-count"[^>]*>\D*(\d+)', html).group(1))


def test_the_page_lists_the_organisations_of_a_field_with_the_figures_count(client_as, cast):
    client = client_as("county_admin")
    row = next(r for r in orgs_by_field(user=cast.county_admin) if r.label == Field.COMMUNITY.label)

    html = client.get("/party/", {"field": Field.COMMUNITY}).content.decode()
    api = client.get("/api/v1/party-orgs/", {"field": Field.COMMUNITY, "limit": 200}).json()

    assert _count(html) == row.value == PartyOrg.objects.filter(field=Field.COMMUNITY).count()
    assert row.url == f"/party/?field={Field.COMMUNITY}"
    first = api["items"][0]["name"]
    assert first in html


def test_set_up_modes_open_their_organisations(client_as, cast):
    client = client_as("county_admin")
    rows = orgs_by_setup_mode(user=cast.county_admin)
    single = next(r for r in rows if r.label == SetupMode.SINGLE.label)
    html = client.get(single.url).content.decode()
    assert _count(html) == single.value


def test_a_bad_filter_value_is_ignored_with_the_plain_tree(client_as):
    response = client_as("county_admin").get("/party/", {"field": "nonsense"})
    assert response.status_code == 200
    assert 'data-testid="filtered-count"' not in response.content.decode()


def test_under_an_area_the_link_keeps_the_area(client_as, cast, world):
    street = world.streets[0]
    client = client_as("county_admin")
    rows = orgs_by_field(user=cast.county_admin, root=street)
    row = next(r for r in rows if r.label == Field.COMMUNITY.label)
    assert row.url == f"/party/?field={Field.COMMUNITY}&area={street.pk}"
    assert _count(client.get(row.url).content.decode()) == row.value
