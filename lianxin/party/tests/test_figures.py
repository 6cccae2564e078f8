from datetime import date

import pytest

from lianxin.areas.models import Area, Level
from lianxin.core.scope import under
from lianxin.party.figures import organisation
from lianxin.party.models import MemberHousehold, OrgKind, PartyOrg
from lianxin.people.models import Organisation, OrganisationKind, Person, Post
from lianxin.people.roles import PostSource, Role

pytestmark = pytest.mark.django_db


def _value(rows, label_part):
    return next(row.value for row in rows if label_part in str(row.label))


def test_the_five_level_chain_counts_each_level(cast, world):
    rows = organisation.five_level_chain(user=cast.county_admin)

    assert _value(rows, "街道党工委") == len(world.streets)
    assert (
        _value(rows, "社区党委")
        == PartyOrg.objects.filter(kind=OrgKind.COMMITTEE, area__level=Level.COMMUNITY).count()
    )
    assert _value(rows, "楼栋党小组") == PartyOrg.objects.filter(kind=OrgKind.GROUP).count()
    assert _value(rows, "党员中心户") == MemberHousehold.objects.count() > 0


def test_a_street_secretary_counts_only_his_street(cast, world):
    mine = organisation.five_level_chain(user=cast.street_secretary)

    assert _value(mine, "街道党工委") == 1
    assert (
        _value(mine, "社区党委")
        == PartyOrg.objects.filter(kind=OrgKind.COMMITTEE, area__level=Level.COMMUNITY)
        .filter(under("area_path", world.streets[0].path))
        .count()
    )


def test_people_holding_posts_are_counted_once_each(cast, world):
    captain = cast.building_captain.person
    other_building = Area.objects.filter(level=Level.BUILDING).exclude(pk=captain.posts.get().area_id).first()
    before = _value(organisation.staffing(user=cast.county_admin), "楼长")
    Post.objects.create(
        person=captain, role=Role.BUILDING_CAPTAIN, area=other_building, area_path=other_building.path
    )

    assert _value(organisation.staffing(user=cast.county_admin), "楼长") == before


def test_a_cross_appointed_person_counts_once(cast, world):
    branch = (
        PartyOrg.objects.filter(kind=OrgKind.BRANCH, area__level=Level.ESTATE).select_related("area").first()
    )
    committee = Organisation.objects.create(
        kind=OrganisationKind.OWNERS_COMMITTEE,
        name="业委会",
        estate=branch.area,
        area=branch.area,
        area_path=branch.area.path,
    )
    person = Person.objects.create(name="交叉任职者")
    for role, scope in [
        (Role.SECRETARY, {"party_org": branch}),
        (Role.COMMITTEE_MEMBER, {"party_org": branch}),
        (Role.OWNERS_COMMITTEE_DIRECTOR, {"organisation": committee}),
    ]:
        Post.objects.create(
            person=person, role=role, area_path=branch.area.path, start_date=date(2024, 1, 1), **scope
        )

    assert organisation.cross_appointments(user=cast.county_admin)[0].value == 1


def test_liaisons_are_counted_by_source(cast):
    rows = organisation.by_source(user=cast.county_admin, role=Role.LIAISON)

    assert _value(rows, str(PostSource.VETERAN.label)) == 1  # the demo liaison
    assert _value(rows, str(PostSource.PARTY_MEMBER.label)) >= 1


def test_the_figures_page_renders_in_chinese_and_follows_scope(client_as):
    response = client_as("county_admin").get("/coverage/figures/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "五级组织链条" in html or "五级" in html
    assert client_as("resident").get("/coverage/figures/").status_code == 200
