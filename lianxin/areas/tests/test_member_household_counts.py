"""Member households (党员中心户, P000-35): count them and list the households no member household serves —
the same numbers on the page, in the API and in the Excel export (issue 19: a list with no count)."""

import io
import re

import pytest
from openpyxl import load_workbook

from lianxin.areas.models import Household
from lianxin.core.scope import under
from lianxin.party.models import MemberHousehold

pytestmark = pytest.mark.django_db


def _expected(area):
    records = MemberHousehold.objects.filter(under("area_path", area.path))
    households = Household.objects.filter(under("area_path", area.path))
    covered = set(records.values_list("household_id", flat=True)) | set(
        records.values_list("served__id", flat=True)
    )
    covered.discard(None)
    return records.count(), len(covered), households.exclude(pk__in=covered).count()


def test_page_api_and_export_count_member_households_and_the_households_without(client_as, world):
    estate = world.estates[0]
    count, served, without = _expected(estate)
    assert count > 0 and without > 0
    client = client_as("community_secretary")

    html = client.get(f"/areas/{estate.pk}/member-households/").content.decode()
    api = client.get(f"/api/v1/areas/{estate.pk}/member-households").json()
    export = client.get(f"/areas/{estate.pk}/member-households/", {"format": "xlsx"})
    unserved = client.get(f"/areas/{estate.pk}/households/", {"unserved": "1"}).content.decode()

    counts_html = re.search(r'data-testid="member-household-counts"[^>]*>(.*?)</p>', html, re.S).group(1)
    shown = re.search(r"\D*(\d+)\D+(\d+)\D+(\d+)", re.sub(r"<[^>]+>", "", counts_html))
    assert tuple(int(n) for n in shown.groups()) == (count, served, without)
    assert (api["count"], api["households_covered"], api["households_without"]) == (count, served, without)
    assert len(api["items"]) == count
    rows = list(load_workbook(io.BytesIO(export.content)).worksheets[0].iter_rows(values_only=True))
    assert len(rows) - 1 == count
    listed = re.search(r'data-testid="household-count"[^>]*>\D*(\d+)', unserved)
    assert int(listed.group(1)) == without


def test_the_households_without_a_member_household_are_exactly_those(client_as, world):
    estate = world.estates[0]
    record = MemberHousehold.objects.filter(under("area_path", estate.path)).first()
    served = list(record.served.all())
    client = client_as("community_secretary")
    html = client.get(f"/areas/{estate.pk}/households/", {"unserved": "1", "page": "1"}).content.decode()
    for household in served[:3]:
        assert household.address not in html
