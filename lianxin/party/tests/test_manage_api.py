"""The keeping API: party organisations set up and changed (POST/PATCH /api/v1/party-orgs/), memberships,
key industry chains with their gaps and chain-leader flag (P000-59, P000-60), member posts (P000-67),
secretary studios (P004-37), staff category changes (P004-40). Same scope and rules as the pages."""

import pytest
from django.test import Client
from django.utils import timezone

from lianxin.party.models import Membership, MembershipKind, OrgKind, PartyOrg
from lianxin.party.models.chains import IndustryChain
from lianxin.party.models.member_posts import MemberPost
from lianxin.people.models import Organisation, OrganisationKind, Post
from lianxin.people.roles import Role
from lianxin.tokens.services import token_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_as(cast):
    def client_for(username: str) -> Client:
        _token, secret = token_create(actor=cast[username], name="tests")
        return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    return client_for


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def _patch(client, url, body):
    return client.patch(url, body, content_type="application/json")


def _branch(world):
    return PartyOrg.objects.get(area=world.estates[0], kind=OrgKind.BRANCH)


def test_an_organisation_is_set_up_and_changed_over_the_api(api_as, cast, world):
    client = api_as("county_admin")
    wc = world.working_committees[0]
    response = _post(
        client,
        "/api/v1/party-orgs/",
        {"name": "新能源产业链党总支", "kind": "general_branch", "parent_id": wc.pk, "field": "two_new"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["parent_id"] == wc.pk and body["kind_label"] == "党总支"
    # Only a party member is a secretary (P001-23): the street secretary's enrolment, for the change below.
    Membership.objects.create(
        person=cast.street_secretary.person, org=wc, org_path=wc.path, kind=MembershipKind.FULL, is_home=True
    )
    response = _patch(
        client,
        f"/api/v1/party-orgs/{body['id']}",
        {
            "name": "新能源产业链党总支（改）",
            "kind": "general_branch",
            "parent_id": wc.pk,
            "secretary_id": cast.street_secretary.person_id,
        },
    )
    assert response.status_code == 200 and response.json()["name"] == "新能源产业链党总支（改）"
    assert Post.objects.current().filter(party_org_id=body["id"], role=Role.SECRETARY).get().person_id == (
        cast.street_secretary.person_id
    )


def test_an_unknown_kind_is_a_400_in_chinese(api_as, world):
    response = _post(
        api_as("county_admin"),
        "/api/v1/party-orgs/",
        {"name": "x", "kind": "nonsense", "parent_id": world.working_committees[0].pk},
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"kind": "请从列出的选项中选择。"}


def test_outside_scope_is_404_and_non_managers_403(api_as, world):
    other = world.working_committees[1]
    body = {"name": "x", "kind": "branch", "parent_id": other.pk}
    assert _patch(api_as("street_secretary"), f"/api/v1/party-orgs/{other.pk}", body).status_code == 404
    branch = _branch(world)
    assert _patch(api_as("grid_worker"), f"/api/v1/party-orgs/{branch.pk}", body).status_code == 403
    assert _post(api_as("grid_worker"), "/api/v1/party-orgs/", body).status_code == 403


def test_members_are_enrolled_listed_and_moved_over_the_api(api_as, cast, world):
    client = api_as("community_secretary")
    branch = _branch(world)
    response = _post(
        client,
        "/api/v1/memberships/",
        {"person_id": cast.resident.person_id, "org_id": branch.pk, "kind": "probationary"},
    )
    assert response.status_code == 201, response.content
    mid = response.json()["id"]
    listed = client.get(f"/api/v1/memberships/?org_id={branch.pk}&limit=200").json()["items"]
    assert mid in [m["id"] for m in listed]
    committee = PartyOrg.objects.get(area=world.communities[0], kind=OrgKind.COMMITTEE)
    response = _patch(client, f"/api/v1/memberships/{mid}", {"kind": "full", "move_to_org_id": committee.pk})
    assert response.status_code == 200
    assert response.json()["org_id"] == committee.pk and response.json()["kind"] == "full"
    old = Membership.objects.get(pk=mid)
    assert old.end_date is not None and old.kind == MembershipKind.FULL  # history kept


def test_chains_ready_without_an_organisation_are_listed_and_the_leader_flagged(api_as, cast, world):
    IndustryChain.objects.all().delete()  # the demo's own chains aside: this test reads only its own
    client = api_as("county_admin")
    enterprise = Organisation.objects.create(
        kind=OrganisationKind.EMPLOYER,
        name="巨川生物制药有限公司",
        area=world.county,
        area_path=world.county.path,
    )
    ready = _post(
        client,
        "/api/v1/industry-chains/",
        {"name": "生物医药", "area_id": world.county.pk, "is_ready": True, "enterprise_ids": [enterprise.pk]},
    )
    assert ready.status_code == 201, ready.content
    _post(client, "/api/v1/industry-chains/", {"name": "新材料", "area_id": world.county.pk})
    gaps = client.get("/api/v1/industry-chains/?gaps=true").json()
    assert [c["name"] for c in gaps] == ["生物医药"]
    assert gaps[0]["enterprises"] == [{"id": enterprise.pk, "name": "巨川生物制药有限公司"}]

    org = PartyOrg.objects.add_child(
        PartyOrg.objects.get(depth=1),
        {"kind": OrgKind.GENERAL_BRANCH, "name": "生物医药产业链党总支", "area_path": world.county.path},
    )
    for person, role in (
        (cast.street_secretary.person, Role.SECRETARY),
        (cast.grid_worker.person, Role.CHAIN_LEADER),
    ):
        Post.objects.create(person=person, role=role, party_org=org, party_org_path=org.path)
    chain_id = ready.json()["id"]
    response = _patch(
        client,
        f"/api/v1/industry-chains/{chain_id}",
        {"name": "生物医药", "is_ready": True, "party_org_id": org.pk, "enterprise_ids": [enterprise.pk]},
    )
    assert response.status_code == 200, response.content
    assert response.json()["leader_not_secretary"] is True
    assert client.get("/api/v1/industry-chains/?gaps=true").json() == []


def test_a_chain_that_is_not_ready_gets_no_organisation(api_as, world):
    org = world.working_committees[0]
    response = _post(
        api_as("county_admin"),
        "/api/v1/industry-chains/",
        {"name": "化工", "area_id": world.county.pk, "is_ready": False, "party_org_id": org.pk},
    )
    assert response.status_code == 400
    assert "成熟一条、组建一条" in response.json()["error"]["message"]
    assert not IndustryChain.objects.filter(name="化工").exists()


def test_the_chains_page_shows_the_gap_badge_and_is_scoped(client_as, cast, world):
    IndustryChain.objects.create(name="新能源", area=world.county, area_path=world.county.path, is_ready=True)
    page = client_as("county_admin").get("/party/chains/?gaps=1").content.decode()
    assert "新能源" in page and 'data-testid="no-org"' in page
    assert "新能源" not in client_as("community_secretary").get("/party/chains/").content.decode()


def test_member_posts_and_studios_over_the_api(api_as, cast, world):
    MemberPost.objects.all().delete()  # the demo's own posts aside: this test reads only its own
    client = api_as("community_secretary")
    branch = _branch(world)
    member = Membership.objects.current().filter(org=branch, kind=MembershipKind.FULL).first()
    response = _post(
        client,
        "/api/v1/member-posts/",
        {"org_id": branch.pk, "kind": "model_post", "name": "物业服务窗口", "holder_id": member.person_id},
    )
    assert response.status_code == 201, response.content
    assert response.json()["kind_label"] == "党员示范岗"
    assert [p["name"] for p in client.get(f"/api/v1/member-posts/?org_id={branch.pk}").json()] == [
        "物业服务窗口"
    ]
    ended = client.post(f"/api/v1/member-posts/{response.json()['id']}/end")
    assert ended.status_code == 200 and ended.json()["ended_on"] == timezone.localdate().isoformat()

    admin = api_as("county_admin")
    studio = _post(
        admin,
        "/api/v1/secretary-studios/",
        {"name": "书记工作室", "lead_id": cast.community_secretary.person_id, "area_id": world.county.pk},
    )
    assert studio.status_code == 201, studio.content
    sid = studio.json()["id"]
    added = _post(
        admin, f"/api/v1/secretary-studios/{sid}/mentees", {"mentee_id": cast.street_secretary.person_id}
    )
    assert added.status_code == 201
    assert added.json()["mentees"] == [
        {"id": cast.street_secretary.person_id, "name": cast.street_secretary.person.name}
    ]
    refused = _post(admin, f"/api/v1/secretary-studios/{sid}/mentees", {"mentee_id": cast.resident.person_id})
    assert refused.status_code == 400


def test_a_grid_worker_category_change_over_the_api(api_as, cast):
    post = Post.objects.get(person=cast.grid_worker.person, role=Role.GRID_WORKER)
    on = timezone.localdate().isoformat()
    body = {"post_id": post.pk, "method": "selection", "on": on}
    assert _post(api_as("grid_worker"), "/api/v1/staff-category-changes/", body).status_code == 403
    response = _post(api_as("street_secretary"), "/api/v1/staff-category-changes/", body)
    assert response.status_code == 201, response.content
    assert response.json()["method_label"] == "择优划转"
    listed = api_as("grid_worker").get("/api/v1/staff-category-changes/").json()  # his own history
    assert [c["to_role"] for c in listed] == ["community_worker"]
    again = _post(api_as("street_secretary"), "/api/v1/staff-category-changes/", body)
    assert again.status_code == 400


def test_send_down_over_the_api_needs_a_community_post(api_as, cast, world):
    body = {"person_id": cast.resident.person_id, "estate_id": world.estates[0].pk}
    response = _post(api_as("community_secretary"), "/api/v1/staff-category-changes/send-down", body)
    assert response.status_code == 400
    assert "社区" in response.json()["error"]["message"]
    assert _post(api_as("grid_worker"), "/api/v1/staff-category-changes/send-down", body).status_code == 403


def test_a_property_company_organisation_built_jointly_covers_two_companies(api_as, world):
    companies = list(Organisation.objects.filter(kind=OrganisationKind.PROPERTY_COMPANY).order_by("id")[:2])
    client = api_as("county_admin")
    response = _post(
        client,
        "/api/v1/party-orgs/",
        {
            "name": "物业企业联合党支部",
            "kind": "joint_branch",
            "parent_id": world.working_committees[0].pk,
            "setup_mode": "joint",
            "organisation_ids": [c.pk for c in companies],
        },
    )
    assert response.status_code == 201, response.content
    org = PartyOrg.objects.get(pk=response.json()["id"])
    assert set(org.organisations.all()) == set(companies)


def test_a_courier_is_appointed_part_time_grid_worker_over_the_api(api_as, cast, world):
    from lianxin.people.models import Person

    community = world.communities[0]
    courier = Person.objects.create(name="快递小哥", area=community, area_path=community.path)
    client = api_as("community_secretary")
    body = {"person_id": courier.pk, "role": "part_time_grid_worker", "area_id": community.pk}
    response = _post(client, "/api/v1/appointments/", body)
    assert response.status_code == 201, response.content
    assert response.json()["role_label"] == "兼职网格员"
    assert _post(client, "/api/v1/appointments/", body).status_code == 400  # already holds it
    assert _post(api_as("grid_worker"), "/api/v1/appointments/", body).status_code == 403
    ended = client.post(f"/api/v1/appointments/{response.json()['post_id']}/end")
    assert ended.status_code == 200 and ended.json()["end_date"] is not None


def test_a_notice_to_all_levels_over_the_api(api_as, world):
    wc = world.working_committees[0]
    response = _post(api_as("street_secretary"), f"/api/v1/party-orgs/{wc.pk}/notice", {"title": "通知"})
    assert response.status_code == 201 and response.json()["recipients"] > 3
    other = world.working_committees[1]
    assert (
        _post(api_as("street_secretary"), f"/api/v1/party-orgs/{other.pk}/notice", {"title": "x"}).status_code
        == 404
    )


def test_changing_an_organisation_without_naming_a_secretary_keeps_the_present_one(api_as, cast, world):
    wc = world.working_committees[0]
    before = list(
        Post.objects.current().filter(party_org=wc, role=Role.SECRETARY).values_list("person_id", flat=True)
    )
    assert before
    response = _patch(
        api_as("county_admin"),
        f"/api/v1/party-orgs/{wc.pk}",
        {"name": wc.name, "kind": wc.kind, "area_id": wc.area_id},
    )
    assert response.status_code == 200, response.content
    after = list(
        Post.objects.current().filter(party_org=wc, role=Role.SECRETARY).values_list("person_id", flat=True)
    )
    assert after == before
