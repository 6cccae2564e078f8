"""Keeping party organisations from the pages: set-up and change (name, kind, parent, anchor, secretary),
members enrolled and changed, member posts (P000-67), secretary studios (P004-37), a grid worker changed
to community worker (P004-40). Scoped by restrict, refused input answered in Chinese with a 400."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lianxin.audit.models import AuditRecord
from lianxin.party.models import Membership, MembershipKind, OrgKind, PartyOrg
from lianxin.party.models.member_posts import MemberPost
from lianxin.party.models.studios import SecretaryStudio
from lianxin.people.models import Post
from lianxin.people.models.staff_category import StaffCategoryChange
from lianxin.people.roles import Role

pytestmark = pytest.mark.django_db


def _branch(world):
    return PartyOrg.objects.get(area=world.estates[0], kind=OrgKind.BRANCH)


def _community_committee(world):
    return PartyOrg.objects.get(area=world.communities[0], kind=OrgKind.COMMITTEE)


def _member(person, org):
    """Only a party member is a secretary (P001-23): the cast's secretaries hold area posts, no enrolment."""
    Membership.objects.create(
        person=person, org=org, org_path=org.path, kind=MembershipKind.FULL, is_home=True
    )


def test_the_county_admin_sets_up_an_organisation_with_its_secretary(client_as, cast, world):
    wc = world.working_committees[0]
    _member(cast.community_secretary.person, _branch(world))
    client = client_as("county_admin")
    assert client.get(f"/party/new/?parent={wc.pk}").status_code == 200
    response = client.post(
        f"/party/new/?parent={wc.pk}",
        {
            "name": "生物医药产业链党总支",
            "kind": OrgKind.GENERAL_BRANCH,
            "parent": wc.pk,
            "secretary": cast.community_secretary.person.mobile,
            "field": "two_new",
        },
    )
    org = PartyOrg.objects.get(name="生物医药产业链党总支")
    assert response.status_code == 302 and response["Location"] == f"/party/{org.pk}/"
    assert org.path.startswith(wc.path) and org.depth == wc.depth + 1
    secretary = Post.objects.current().get(party_org=org, role=Role.SECRETARY)
    assert secretary.person == cast.community_secretary.person
    assert secretary.party_org_path == org.path
    assert AuditRecord.objects.filter(object_type__icontains="partyorg", object_id=str(org.pk)).exists()


def test_a_refused_organisation_is_answered_in_chinese_with_a_400(client_as, world):
    wc = world.working_committees[0]
    response = client_as("street_secretary").post(
        "/party/new/",
        {"name": "某小组", "kind": OrgKind.GROUP, "parent": wc.pk, "area_code": world.streets[0].code},
    )
    assert response.status_code == 400
    assert "党小组" in response.content.decode()  # "A party group is anchored to a building." in Chinese
    assert not PartyOrg.objects.filter(name="某小组").exists()


def test_a_community_secretary_cannot_set_up_under_the_street_committee(client_as, world):
    wc = world.working_committees[0]
    client = client_as("community_secretary")
    assert client.get(f"/party/new/?parent={wc.pk}").status_code == 404
    response = client.post("/party/new/", {"name": "越权支部", "kind": OrgKind.BRANCH, "parent": wc.pk})
    assert response.status_code == 400  # the street committee is not among his choices
    assert not PartyOrg.objects.filter(name="越权支部").exists()


@pytest.mark.parametrize("username", ["grid_worker", "resident", "sysadmin"])
def test_those_who_are_not_managers_get_403(client_as, username):
    assert client_as(username).get("/party/new/").status_code == 403


def test_changing_an_organisation_renames_it_changes_its_secretary_and_keeps_the_old_post(
    client_as, cast, world
):
    committee = _community_committee(world)
    old = Post.objects.create(
        person=cast.grid_worker.person,
        role=Role.SECRETARY,
        party_org=committee,
        party_org_path=committee.path,
        area_path=committee.area_path,
        start_date=timezone.localdate() - timedelta(days=30),
    )
    _member(cast.community_secretary.person, committee)
    response = client_as("street_secretary").post(
        f"/party/{committee.pk}/edit/",
        {
            "name": "梧桐里社区党委（新）",
            "kind": OrgKind.COMMITTEE,
            "parent": PartyOrg.objects.get_parent(committee).pk,
            "area_code": committee.area.code,
            "secretary": cast.community_secretary.person.mobile,
            "has_plaque": "on",
            "office_place": "社区党群服务中心二楼",
            "operating_since": "2026-03-01",
        },
    )
    assert response.status_code == 302
    committee.refresh_from_db()
    assert committee.has_plaque and committee.office_place == "社区党群服务中心二楼"
    old.refresh_from_db()
    assert committee.name == "梧桐里社区党委（新）"
    assert old.end_date == timezone.localdate() - timedelta(days=1)
    current = Post.objects.current().filter(party_org=committee, role=Role.SECRETARY)
    assert [p.person for p in current] == [cast.community_secretary.person]


def test_moving_an_organisation_moves_its_members_paths(client_as, world):
    branch = _branch(world)
    target = (
        PartyOrg.objects.get_siblings(_community_committee(world))
        .exclude(pk=_community_committee(world).pk)
        .first()
    )
    target = target or world.working_committees[0]
    held = Membership.objects.filter(org=branch).count()
    assert held
    response = client_as("county_admin").post(
        f"/party/{branch.pk}/edit/",
        {"name": branch.name, "kind": branch.kind, "parent": target.pk, "area_code": branch.area.code},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    branch.refresh_from_db()
    assert branch.path.startswith(target.path)
    assert Membership.objects.filter(org=branch, org_path=branch.path).count() == held


def test_enrolling_a_member_whose_relation_is_held_elsewhere_is_refused(client_as, world):
    branch = _branch(world)
    member = Membership.objects.current().filter(is_home=True).exclude(org=branch).select_related("person")
    member = member.filter(area_path__startswith=world.streets[0].path, person__mobile_index__gt="").first()
    response = client_as("street_secretary").post(
        f"/party/{branch.pk}/members/new/", {"person": member.person.mobile, "kind": "full", "is_home": "on"}
    )
    assert response.status_code == 400
    assert "组织关系" in response.content.decode()


def test_a_secretary_enrols_a_probationary_member_and_makes_him_full(client_as, cast, world):
    branch = _branch(world)
    client = client_as("community_secretary")
    person = cast.resident.person
    response = client.post(
        f"/party/{branch.pk}/members/new/",
        {"person": person.mobile, "kind": MembershipKind.PROBATIONARY, "is_home": "on"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(person=person, org=branch)
    assert membership.kind == MembershipKind.PROBATIONARY and membership.is_home
    response = client.post(f"/party/memberships/{membership.pk}/edit/", {"kind": MembershipKind.FULL})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.kind == MembershipKind.FULL
    assert person.name in client.get(f"/party/{branch.pk}/").content.decode()


def test_a_member_post_is_designated_for_a_member_and_listed_per_organisation(client_as, world):
    branch = _branch(world)
    member = Membership.objects.current().filter(
        org=branch, kind=MembershipKind.FULL, person__mobile_index__gt=""
    )
    member = member.select_related("person").first()
    client = client_as("community_secretary")
    response = client.post(
        f"/party/{branch.pk}/member-posts/new/",
        {"kind": "responsibility_area", "name": "3号楼责任区", "holder": member.person.mobile},
    )
    assert response.status_code == 302
    post = MemberPost.objects.get(name="3号楼责任区")
    assert post.holder == member.person and post.org_path == branch.path
    assert "3号楼责任区" in client.get(f"/party/{branch.pk}/").content.decode()
    listing = client.get("/party/member-posts/").content.decode()
    assert "3号楼责任区" in listing and "党员责任区" in listing
    assert "3号楼责任区" not in client_as("resident").get("/party/member-posts/").content.decode()


def test_a_member_post_for_someone_outside_the_organisation_is_refused(client_as, cast, world):
    branch = _branch(world)
    response = client_as("community_secretary").post(
        f"/party/{branch.pk}/member-posts/new/",
        {"kind": "model_post", "name": "示范岗", "holder": cast.grid_worker.person.mobile},
    )
    assert response.status_code == 400
    assert not MemberPost.objects.filter(name="示范岗").exists()


def test_a_studio_mentee_sees_his_mentor_on_his_page(client_as, cast, world):
    client = client_as("county_admin")
    response = client.post(
        "/party/studios/new/",
        {"name": "张志强书记工作室", "lead": cast.community_secretary.person.mobile, "area": world.county.pk},
    )
    assert response.status_code == 302
    studio = SecretaryStudio.objects.get(name="张志强书记工作室")
    response = client.post(
        f"/party/studios/{studio.pk}/mentees/", {"mentee": cast.street_secretary.person.mobile}
    )
    assert response.status_code == 302
    page = client.get("/party/studios/").content.decode()
    assert cast.street_secretary.person.name in page.split(f'data-testid="studio-{studio.pk}"')[1]
    profile = client.get(f"/people/{cast.street_secretary.person_id}/").content.decode()
    mentor = profile.split('data-testid="mentor"')[1].split("</li>")[0]
    assert cast.community_secretary.person.name in mentor


def test_a_studio_lead_must_be_a_secretary(client_as, cast, world):
    response = client_as("county_admin").post(
        "/party/studios/new/",
        {"name": "工作室", "lead": cast.grid_worker.person.mobile, "area": world.county.pk},
    )
    assert response.status_code == 400
    assert not SecretaryStudio.objects.filter(name="工作室").exists()


def test_a_grid_worker_becomes_a_community_worker_and_keeps_his_history(client_as, cast):
    person = cast.grid_worker.person
    post = Post.objects.get(person=person, role=Role.GRID_WORKER)
    client = client_as("community_secretary")
    profile = client.get(f"/people/{person.pk}/").content.decode()
    assert 'data-testid="category-form"' in profile
    on = timezone.localdate()
    response = client.post(
        f"/people/posts/{post.pk}/category/", {"method": "examination", "on": on.isoformat()}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.end_date == on - timedelta(days=1)
    new = Post.objects.current().get(person=person)
    assert new.role == Role.COMMUNITY_WORKER and new.area_id == post.area_id and new.is_full_time
    change = StaffCategoryChange.objects.get(person=person)
    assert (change.from_role, change.to_role, change.method) == (
        Role.GRID_WORKER,
        Role.COMMUNITY_WORKER,
        "examination",
    )
    history = client.get(f"/people/{person.pk}/").content.decode().split('data-testid="category-history"')[1]
    assert "统一考录" in history and "网格员" in history


def test_the_grid_worker_cannot_change_his_own_category(client_as, cast):
    post = Post.objects.get(person=cast.grid_worker.person, role=Role.GRID_WORKER)
    response = client_as("grid_worker").post(
        f"/people/posts/{post.pk}/category/", {"method": "selection", "on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 403
    assert not StaffCategoryChange.objects.exists()


def test_a_community_worker_is_sent_down_to_an_estate_and_sees_it(client_as, cast, world):
    from lianxin.areas.models import Household
    from lianxin.people.models import Person

    community = world.communities[0]
    worker = Person.objects.create(name="下沉干部", area=community, area_path=community.path)
    worker.set_mobile("13900000099")
    worker.save()
    Post.objects.create(
        person=worker, role=Role.COMMUNITY_WORKER, area=community, area_path=community.path, is_full_time=True
    )
    estate = world.estates[1]
    client = client_as("community_secretary")
    profile = client.get(f"/people/{worker.pk}/").content.decode()
    assert estate.name in profile.split('data-testid="person-send-down"')[1]
    response = client.post(f"/people/{worker.pk}/send-down/", {"estate": estate.pk})
    assert response.status_code == 302
    post = Post.objects.get(person=worker, area=estate)
    assert post.is_sent_down and post.role == Role.COMMUNITY_WORKER
    again = client.post(f"/people/{worker.pk}/send-down/", {"estate": estate.pk})
    assert again.status_code == 302 and Post.objects.filter(person=worker, area=estate).count() == 1
    assert client.post(f"/people/{worker.pk}/send-down/", {"estate": ""}).status_code == 400
    assert Household.objects.filter(area_path__startswith=estate.path).exists()


def test_the_county_admin_marks_a_key_property_company_shown_with_its_estates(client_as, world):
    from lianxin.people.models import EstateService, Organisation, OrganisationKind

    service = (
        EstateService.objects.filter(service_end__isnull=True).select_related("company", "estate").first()
    )
    company = service.company
    Organisation.objects.filter(pk=company.pk).update(is_key_company=False)
    client = client_as("county_admin")
    assert client.post(f"/party/property-companies/{company.pk}/key/", {"is_key": "1"}).status_code == 302
    company.refresh_from_db()
    assert company.is_key_company
    row = (
        client.get("/party/property-companies/?key=1")
        .content.decode()
        .split(f'data-testid="company-{company.pk}"')[1]
    )
    assert service.estate.name in row.split("</tr>")[0]
    assert client_as("grid_worker").post(
        f"/party/property-companies/{company.pk}/key/", {"is_key": "0"}
    ).status_code in (
        403,
        404,
    )
    company.refresh_from_db()
    assert company.is_key_company
    assert company.kind == OrganisationKind.PROPERTY_COMPANY


def test_a_building_captain_is_appointed_and_sees_only_his_building(client_as, cast, world):
    from lianxin.areas.models import Area, Household, Level
    from lianxin.core.scope import under
    from lianxin.people.models import Person

    estate = world.estates[1]
    building = Area.objects.filter(under("path", estate.path), level=Level.BUILDING).order_by("path").first()
    person = Person.objects.filter(under("area_path", building.path), posts__isnull=True).first()
    client = client_as("community_secretary")
    assert 'data-testid="person-appoint"' in client.get(f"/people/{person.pk}/").content.decode()
    # A building captain's post must sit on a building.
    refused = client.post(
        f"/people/{person.pk}/posts/new/", {"role": "building_captain", "area_code": estate.code}
    )
    assert refused.status_code == 400 and "楼栋" in refused.content.decode()
    response = client.post(
        f"/people/{person.pk}/posts/new/", {"role": "building_captain", "area_code": building.code}
    )
    assert response.status_code == 302
    post = Post.objects.current().get(person=person, role=Role.BUILDING_CAPTAIN)
    assert post.area == building and post.area_path == building.path
    # Cross-appointment: the same person may hold a second post at the same time (P000-41).
    from lianxin.people.models import Organisation, OrganisationKind

    committee = (
        Organisation.objects.restrict(cast.county_admin, "change")
        .filter(kind=OrganisationKind.OWNERS_COMMITTEE)
        .first()
    )
    second = client_as("county_admin").post(
        f"/people/{person.pk}/posts/new/", {"role": "owners_committee_member", "organisation": committee.pk}
    )
    assert second.status_code == 302
    assert Post.objects.current().filter(person=person).count() == 2
    assert client.post(f"/people/posts/{post.pk}/end/").status_code == 302
    post.refresh_from_db()
    assert post.end_date is not None
    assert Household.objects.filter(under("area_path", building.path)).exists()


def test_an_administrator_role_is_not_given_from_the_pages(client_as, cast):
    response = client_as("county_admin").post(
        f"/people/{cast.resident.person_id}/posts/new/", {"role": "system_admin", "area_code": ""}
    )
    assert response.status_code == 400
    assert not Post.objects.filter(person=cast.resident.person, role="system_admin").exists()


def test_a_notice_to_all_levels_reaches_down_to_the_member_households(client_as, cast, world):
    from lianxin.notifications.models import Outbox
    from lianxin.party.models import MemberHousehold

    wc = world.working_committees[0]
    response = client_as("county_admin").post(f"/party/{wc.pk}/notice/", {"title": "关于开展五级联动的通知"})
    assert response.status_code == 302
    outbox = Outbox.objects.get(title="关于开展五级联动的通知")
    reached = set(outbox.targets["persons"])
    assert cast.street_secretary.person_id in reached  # the street working committee
    assert cast.community_secretary.person_id in reached  # a community committee's area
    households = MemberHousehold.objects.filter(group__path__startswith=wc.path)
    assert households and set(households.values_list("member_id", flat=True)) <= reached
    other = MemberHousehold.objects.exclude(group__path__startswith=wc.path).first()
    assert other is None or other.member_id not in reached
    assert client_as("grid_worker").post(f"/party/{wc.pk}/notice/", {"title": "x"}).status_code == 404
    assert client_as("street_secretary").post(f"/party/{wc.pk}/notice/", {"title": ""}).status_code == 400


def test_a_member_opts_in_to_show_his_badge_and_couriers_are_counted_by_company(client_as, cast, world):
    from lianxin.party.figures.organisation import territory_figures

    courier = cast.courier.person
    client = client_as("courier")
    client.post(f"/people/{courier.pk}/badge/", {"shows": "1"})
    courier.refresh_from_db()
    assert not courier.shows_party_badge  # not a member yet
    Membership.objects.create(
        person=courier, org=_branch(world), org_path=_branch(world).path, area_path=courier.area_path
    )
    assert 'data-testid="person-badge"' in client.get(f"/people/{courier.pk}/").content.decode()
    assert client.post(f"/people/{courier.pk}/badge/", {"shows": "1"}).status_code == 302
    courier.refresh_from_db()
    assert courier.shows_party_badge
    assert "党员" in client.get(f"/people/{courier.pk}/").content.decode().split("</h1>")[0]
    assert (
        client_as("community_secretary").post(f"/people/{courier.pk}/badge/", {"shows": "0"}).status_code
        == 403
    )
    tables = dict((str(t), rows) for t, rows in territory_figures(user=cast.county_admin))
    rows = {str(r.label): r for r in tables["按企业统计的党员快递员、外卖骑手"]}
    assert rows[world.express_company.name].value == 1
    assert "1" in rows[world.express_company.name].note


def test_a_property_companys_branch_beyond_the_street_is_named_but_not_linked(client_as, cast, world):
    """A company's branch set up at the county is listed to a street secretary by name only: its page
    would answer 404 to her."""
    from lianxin.areas.models import Area
    from lianxin.party.models import PartyOrg
    from lianxin.people.models import Organisation, OrganisationKind

    company = (
        Organisation.objects.restrict(cast.street_secretary)
        .filter(kind=OrganisationKind.PROPERTY_COMPANY)
        .order_by("pk")
        .first()
    )
    county = Area.objects.filter(level="county").order_by("path").first()
    branch = PartyOrg.objects.add_root(
        {"kind": "branch", "name": "测试物业公司县级党支部", "area": county, "area_path": county.path}
    )
    branch.organisations.add(company)
    client = client_as("street_secretary")
    page = client.get("/party/property-companies/").content.decode()
    assert "测试物业公司县级党支部" in page
    assert f'href="/party/{branch.pk}/"' not in page
    assert client.get(f"/party/{branch.pk}/").status_code == 404
    county_page = client_as("county_admin").get("/party/property-companies/").content.decode()
    assert f'href="/party/{branch.pk}/"' in county_page
