"""Teams and members: the services with their refusals, the counts (a volunteer in two teams counted once),
scope per role, the API and the pages."""

import pytest

from lianxin.audit.models import AuditRecord
from lianxin.core.errors_domain import DomainError
from lianxin.volunteering import selectors, services
from lianxin.volunteering.models import TeamMember

pytestmark = pytest.mark.django_db


def _code(call):
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value.code


@pytest.fixture
def team(cast, community):
    return services.team_create(
        cast.community_secretary, name="梧桐里党员先锋队", kind="vanguard", area=community
    )


def test_set_up_a_team_and_its_members(cast, community, team):
    secretary = cast.community_secretary
    assert team.area_path == community.path
    assert _code(
        lambda: services.team_create(secretary, name="梧桐里党员先锋队", kind="shock", area=community)
    ) == ("invalid_state")
    assert _code(lambda: services.team_create(secretary, name="x", kind="army", area=community)) == "invalid"
    assert _code(lambda: services.team_create(secretary, name=" ", kind="youth", area=community)) == "invalid"
    assert (
        _code(lambda: services.team_create(cast.volunteer, name="y", kind="youth", area=community))
        == "forbidden"
    )
    other = services.team_create(secretary, name="巾帼志愿服务队", kind="women", area=community)

    resident = cast.resident.person
    member = services.team_member_add(secretary, team=team, person=resident, role="leader")
    assert member.area_path == community.path
    assert _code(lambda: services.team_member_add(secretary, team=team, person=resident)) == "invalid_state"
    services.team_member_add(secretary, team=other, person=resident)
    services.team_member_add(secretary, team=other, person=cast.volunteer.person)
    figures = selectors.team_figures(user=secretary, root=community)
    assert (figures["teams"], figures["members"]) == (2, 2)  # 孙桂兰 in both teams, counted once
    assert dict((str(k), v) for k, v in figures["by_kind"]) == {"党员先锋队": 1, "巾帼志愿服务队": 1}

    services.team_member_end(secretary, member=member)
    assert _code(lambda: services.team_member_end(secretary, member=member)) == "invalid_state"
    assert selectors.team_figures(user=secretary, root=community)["members"] == 2  # still in the other team
    assert AuditRecord.objects.filter(object_type="volunteering.teammember").count() == 4  # 3 added, 1 ended


def test_a_member_must_be_within_the_staffs_scope(cast, team, world):
    from lianxin.people.models import Person

    elsewhere = Person.objects.filter(area_path__startswith=world.streets[1].path).first()
    assert (
        _code(lambda: services.team_member_add(cast.community_secretary, team=team, person=elsewhere))
        == "invalid"
    )
    assert not TeamMember.objects.exists()


def test_who_sees_a_team_and_its_members(cast, team):
    services.team_member_add(cast.community_secretary, team=team, person=cast.resident.person)
    for who in (
        "community_secretary",
        "street_secretary",
        "county_admin",
        "volunteer",
        "resident",
        "courier",
    ):
        assert selectors.teams_for(user=cast[who]).filter(pk=team.pk).exists(), who
    for who in ("dept_staff", "provider_staff", "property_staff", "sysadmin"):
        assert not selectors.teams_for(user=cast[who]).filter(pk=team.pk).exists(), who
    # Names of members: the staff see them; a volunteer over the community does not; a member sees himself.
    assert selectors.team_members(user=cast.community_secretary, team=team).count() == 1
    assert selectors.team_members(user=cast.volunteer, team=team).count() == 0
    assert selectors.team_members(user=cast.resident, team=team).count() == 1


def test_api_teams(client_as, cast, community):
    staff = client_as("community_secretary")
    body = {"name": "红驹先锋队", "kind": "courier", "area_id": community.pk, "sector": "express"}
    created = staff.post("/api/v1/teams/", body, content_type="application/json")
    assert created.status_code == 201, created.content
    team_id = created.json()["id"]
    again = staff.post("/api/v1/teams/", dict(body, sector=""), content_type="application/json")
    assert again.status_code == 409
    member = staff.post(
        f"/api/v1/teams/{team_id}/members",
        {"person_id": cast.resident.person_id},
        content_type="application/json",
    )
    assert member.status_code == 201, member.content
    listed = staff.get("/api/v1/teams/").json()
    assert listed["figures"] == {"teams": 1, "members": 1}
    assert listed["items"][0]["member_count"] == 1
    assert [m["person_name"] for m in staff.get(f"/api/v1/teams/{team_id}/members").json()] == ["孙桂兰"]
    volunteer = client_as("volunteer")
    assert volunteer.get(f"/api/v1/teams/{team_id}").status_code == 200
    assert volunteer.get(f"/api/v1/teams/{team_id}/members").json() == []
    assert (
        volunteer.post(
            f"/api/v1/teams/{team_id}/members",
            {"person_id": cast.resident.person_id},
            content_type="application/json",
        ).status_code
        == 403
    )
    staff = client_as("community_secretary")
    ended = staff.post(f"/api/v1/teams/{team_id}/members/{member.json()['id']}/end")
    assert ended.status_code == 200 and ended.json()["left_on"]
    assert staff.post(f"/api/v1/teams/{team_id}/members/{member.json()['id']}/end").status_code == 409


def test_team_pages(client_as, cast, community, world):
    staff = client_as("community_secretary")
    assert staff.get("/volunteering/teams/").status_code == 200
    posted = staff.post(
        "/volunteering/teams/", {"name": "夕阳红志愿服务队", "kind": "elderly", "area": community.pk}
    )
    assert posted.status_code == 302, posted.content.decode()[:3000]
    page = staff.get(posted["Location"])
    assert "夕阳红志愿服务队" in page.content.decode()
    added = staff.post(posted["Location"], {"person": cast.resident.person.mobile, "role": "member"})
    assert added.status_code == 302
    unknown = staff.post(posted["Location"], {"person": "13999999999", "role": "member"})
    assert unknown.status_code == 400
    assert staff.get("/volunteering/teams/").context["figures"]["members"] == 1
    assert staff.get(f"/volunteering/teams/?area={community.pk}").context["figures"]["teams"] == 1
    other = world.communities[-1]
    assert staff.get(f"/volunteering/teams/?area={other.pk}").status_code == 404  # outside his community
    volunteer = client_as("volunteer")
    assert volunteer.get("/volunteering/teams/").status_code == 200
    assert (
        volunteer.post(
            "/volunteering/teams/", {"name": "x", "kind": "youth", "area": community.pk}
        ).status_code
        == 403
    )
    assert "孙桂兰" not in volunteer.get(posted["Location"]).content.decode()
