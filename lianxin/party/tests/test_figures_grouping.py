"""Territory figures that group a tree queryset (PartyOrg, Area) against a direct count of the same thing.

treebeard's managers order by ``path``; a ``values(...).annotate(Count)`` that keeps that ordering groups
by path as well, one row per organisation or area, and every count reads 1 (issue 19: 组织与队伍统计 showed
1 party organisation in every field). Each test counts directly, one filter per value, and compares."""

import pytest

from lianxin.areas.models import Area, EstateType, Level, PropertyMode
from lianxin.party.figures.organisation import territory_figures
from lianxin.party.figures.territory import FALLBACK_MODES
from lianxin.party.models import Field, Membership, MembershipKind, PartyOrg, SetupMode
from lianxin.people.models import Organisation, OrganisationKind

pytestmark = pytest.mark.django_db


def _table(tables, title):
    return {str(r.label): r for r in dict((str(t), rows) for t, rows in tables)[title]}


@pytest.fixture
def tables(cast):
    return territory_figures(user=cast.county_admin)


def test_organisations_by_field_are_counted_per_field(tables):
    rows = _table(tables, "各领域党组织")
    several = 0
    for value, label in Field.choices:
        expected = PartyOrg.objects.filter(field=value).count()
        assert (rows[str(label)].value if str(label) in rows else 0) == expected, label
        several += expected > 1
    assert several, "the small world has a field with several organisations"


def test_coverage_by_field_counts_organisations_and_members_per_field(tables):
    rows = _table(tables, "各领域党组织及覆盖")
    members = Membership.objects.current().filter(is_home=True).exclude(kind=MembershipKind.APPLICANT)
    for value, label in Field.choices:
        if str(label) not in rows:
            continue
        orgs = PartyOrg.objects.filter(field=value).count()
        people = members.filter(org__field=value).count()
        assert rows[str(label)].value == f"{orgs} 个党组织，{people} 名党员", label


def test_organisations_by_set_up_mode_are_counted_per_mode(tables):
    rows = _table(tables, "党组织组建方式")
    for value, label in SetupMode.choices:
        assert rows[str(label)].value == PartyOrg.objects.filter(setup_mode=value).count(), label


def test_property_companies_are_counted_per_set_up_mode_of_their_organisation(tables):
    rows = _table(tables, "物业企业党组织")
    companies = Organisation.objects.filter(kind=OrganisationKind.PROPERTY_COMPANY)
    for value, label in SetupMode.choices:
        expected = companies.filter(party_orgs__setup_mode=value).distinct().count()
        key = f"已建党组织（{label}）"
        assert (rows[key].value if key in rows else 0) == expected, label
    assert rows["尚未建立党组织的物业企业"].value == companies.filter(party_orgs__isnull=True).count()


def test_fallback_estates_are_counted_per_estate_type(cast, tables):
    # Two fallback-managed old estates at least, so a grouping per estate would read 1.
    estates = Area.objects.filter(level=Level.ESTATE, retired_on__isnull=True)
    for estate in estates.filter(estate_type=EstateType.OLD)[:2]:
        estate.property_mode = PropertyMode.STREET_SOE
        estate.save(update_fields=["property_mode"])
    rows = _table(territory_figures(user=cast.county_admin), "按小区类型的兜底物业管理")
    for value, label in EstateType.choices:
        expected = estates.filter(estate_type=value, property_mode__in=FALLBACK_MODES).count()
        assert rows[f"兜底管理：{label}"].value == expected, label
    assert rows["兜底管理：老旧小区"].value >= 2


def test_areas_by_level_and_the_five_level_chain_match_direct_counts(tables):
    levels = _table(tables, "各级区域数量")
    live = Area.objects.filter(retired_on__isnull=True)
    for value, label in Level.choices:
        if str(label) in levels:
            assert levels[str(label)].value == live.filter(level=value).count(), label
    chain = _table(tables, "五级组织链条")
    assert chain["楼栋党小组"].value == PartyOrg.objects.filter(kind="group").count()
    branches = PartyOrg.objects.filter(kind="branch", area__level=Level.ESTATE)
    assert chain["小区党支部"].value == branches.count()


def test_the_figures_page_and_the_api_show_the_grouped_counts(client_as, cast, world):
    community = PartyOrg.objects.filter(field=Field.COMMUNITY).count()
    assert community > 1
    client = client_as("county_admin")
    body = client.get(f"/api/v1/territory-figures/?area_id={world.county.pk}").json()
    table = next(t for t in body if t["title"] == "各领域党组织")
    assert {"label": "社区", "value": str(community)}.items() <= table["rows"][0].items()
    page = client.get("/coverage/figures/").content.decode()
    assert f"{community} 个党组织" in page
