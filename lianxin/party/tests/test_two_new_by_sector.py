"""Two-new organisations under the sector committees, counted by sector and by how they were set up (单建 /
联建 / 龙头企业带动建, P001-44), on the figures page and in the API alike."""

from datetime import date

import pytest

from lianxin.party.figures.staffing import two_new_by_sector
from lianxin.party.models import Field, OrgKind, PartyOrg, Sector, SetupMode
from lianxin.party.services.tree import party_org_create

pytestmark = pytest.mark.django_db


def test_organisations_under_a_sector_committee_are_counted_by_set_up_mode(cast):
    committee = PartyOrg.objects.get(kind=OrgKind.SECTOR_COMMITTEE, sector=Sector.EXPRESS)
    before = {r.label: r for r in two_new_by_sector(user=cast.county_admin)}
    for name, mode in (("甲快递网点党支部", SetupMode.SINGLE), ("乙丙快递联合党支部", SetupMode.JOINT)):
        party_org_create(
            actor=cast.county_admin,
            name=name,
            kind=OrgKind.BRANCH,
            parent=committee,
            area=committee.area,
            field=Field.TWO_NEW,
            setup_mode=mode,
            founded_on=date(2026, 3, 1),
        )

    after = {r.label: r for r in two_new_by_sector(user=cast.county_admin)}

    label = Sector.EXPRESS.label
    old = before[label].value if label in before else 0
    assert after[label].value == old + 2
    assert "单建" in str(after[label].note) and "联建" in str(after[label].note)


def test_the_api_has_the_table(client_as, cast):
    tables = client_as("county_admin").get("/api/v1/territory-figures/").json()
    assert any(t["title"] == "两新组织（按行业和组建方式）" for t in tables)
