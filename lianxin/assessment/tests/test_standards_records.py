"""Weak organisations (P004-04), checklists (P001-50), honours (P000-36, P000-38), brands (P000-68, P003-45),
member stars and credit (P002-74), campaigns (P000-57) and shared practices (P000-55)."""

from datetime import date

import pytest

from lianxin.areas.models import PlaceActivity
from lianxin.assessment.models import (
    CreditRule,
    HonourKind,
    Nomination,
    NominationStatus,
    WeakOrgFlag,
    WeakOrgStatus,
)
from lianxin.assessment.selectors import standards as sel
from lianxin.assessment.services import standards as svc
from lianxin.assessment.tests.standards_world import organ_committee
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import under
from lianxin.party.models import Field, Membership, OrgKind, PartyOrg, Sector
from lianxin.people.models import Person, PersonTag, Post

YEAR = 2026


@pytest.fixture
def tasks_ready(db):
    from lianxin.supervision.categories import task_categories_ensure

    task_categories_ensure()


def _village_branch(world):
    return PartyOrg.objects.filter(area=world.villages[0], kind=OrgKind.BRANCH).first()


# -- weak and lax organisations ---------------------------------------------------------------------------


def test_weak_org_flag_tasks_and_county_acceptance(world, cast, client_as, tasks_ready, clock):
    branch = _village_branch(world)
    flag = svc.weak_org_flag(
        cast.county_admin,
        org=branch,
        year=YEAR,
        reasons="班子不团结，组织生活不经常",
        items=[("配齐班子", 15), ("规范三会一课", 10)],
        support_yuan="50000",
        staff_sent=2,
        staff_note="第一书记1名",
    )
    items = list(flag.items.select_related("case"))
    assert len(items) == 2
    assert all(i.case.kind == "task" and i.case.handler_party_org_id == branch.pk for i in items)
    assert all(i.deadline is not None for i in items)

    api = client_as("county_admin")
    listed = api.get("/api/v1/weak-orgs/").json()
    assert listed["count"] == 1
    assert sum(a["count"] for a in listed["figures"]["by_area"]) == 1
    page = api.get("/assessment/weak-orgs/")
    assert page.status_code == 200 and branch.name in page.content.decode()

    # Off the list only by the county's acceptance: removing it before is 409 with the message.
    refused = api.delete(f"/api/v1/weak-orgs/{flag.pk}")
    assert refused.status_code == 409
    assert refused.json()["error"]["message"] == "须经县级验收后方可摘帽"
    page_refused = api.post(f"/assessment/weak-orgs/{flag.pk}/remove/")
    assert page_refused.status_code == 409
    assert WeakOrgFlag.objects.get(pk=flag.pk).status == WeakOrgStatus.LISTED

    # A street secretary over it may not accept (not the county).
    accepted = api.post(
        f"/api/v1/weak-orgs/{flag.pk}/accept", {"note": "验收合格"}, content_type="application/json"
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert api.get("/api/v1/weak-orgs/").json()["count"] == 0
    assert api.get("/api/v1/weak-orgs/?status=accepted").json()["count"] == 1
    again = api.post(f"/api/v1/weak-orgs/{flag.pk}/accept", {}, content_type="application/json")
    assert again.status_code == 409


def test_weak_org_twice_a_year_409_and_bad_input_400(world, cast, client_as, tasks_ready, clock):
    branch = _village_branch(world)
    api = client_as("county_admin")
    body = {
        "org_id": branch.pk,
        "year": YEAR,
        "reasons": "软弱",
        "items": [{"title": "整改", "working_days": 5}],
    }
    assert api.post("/api/v1/weak-orgs/", body, content_type="application/json").status_code == 201
    assert api.post("/api/v1/weak-orgs/", body, content_type="application/json").status_code == 409
    blank = api.post(
        "/api/v1/weak-orgs/", {**body, "year": YEAR - 1, "reasons": " "}, content_type="application/json"
    )
    assert blank.status_code == 400
    assert WeakOrgFlag.objects.filter(org=branch).count() == 1


def test_weak_org_only_county_accepts(world, cast, tasks_ready, clock):
    """The street secretary over a community's estate branch may flag it, not accept it."""
    street = Post.objects.filter(person=cast.street_secretary.person, area__isnull=False).first().area
    branch = PartyOrg.objects.filter(under("area_path", street.path), kind=OrgKind.BRANCH).first()
    flag = svc.weak_org_flag(cast.street_secretary, org=branch, year=YEAR, reasons="组织生活不经常")
    with pytest.raises(DomainError) as refused:
        svc.weak_org_accept(cast.street_secretary, flag=flag)
    assert refused.value.code == "forbidden"
    svc.weak_org_accept(cast.county_admin, flag=flag)
    flag.refresh_from_db()
    assert flag.status == WeakOrgStatus.ACCEPTED


# -- checklists -------------------------------------------------------------------------------------------


def test_checklist_each_branch_completion(world, cast, client_as):
    committee, branches = organ_committee(world.county)
    template = svc.checklist_template_save(
        cast.county_admin,
        name="三巩固两提升一创建",
        field=Field.ORGAN,
        items=["巩固一", "巩固二", "巩固三", "提升一", "提升二", "创建"],
    )
    items = list(template.items.all())
    for item in items:
        svc.checklist_tick(cast.county_admin, item=item, org=branches[0], year=YEAR, evidence="台账")
    svc.checklist_tick(cast.county_admin, item=items[0], org=branches[1], year=YEAR, evidence="台账")
    with pytest.raises(DomainError) as refused:
        svc.checklist_tick(cast.county_admin, item=items[1], org=branches[1], year=YEAR, evidence="")
    assert "缺少佐证" in refused.value.message
    _items, rows = sel.checklist_progress(
        user=cast.county_admin, template=template, year=YEAR, root=committee
    )
    done = {r.org.pk: (r.done, r.total) for r in rows}
    assert (
        done[branches[0].pk] == (6, 6) and done[branches[1].pk] == (1, 6) and done[branches[2].pk] == (0, 6)
    )
    api = client_as("county_admin").get(
        f"/api/v1/checklists/{template.pk}/progress?year={YEAR}&org_id={committee.pk}"
    )
    assert api.status_code == 200
    assert api.json()["figures"]["complete"] == 1 and api.json()["count"] == 12
    page = client_as("county_admin").get(f"/assessment/checklists/?checklist={template.pk}&year={YEAR}")
    assert page.status_code == 200 and "6/6" in page.content.decode()
    # A community branch is not an organ branch: refused.
    estate_branch = PartyOrg.objects.filter(kind=OrgKind.BRANCH, field=Field.COMMUNITY).first()
    with pytest.raises(DomainError):
        svc.checklist_tick(cast.county_admin, item=items[0], org=estate_branch, year=YEAR, evidence="台账")


# -- honours and brands -----------------------------------------------------------------------------------


def test_honours_counted_by_type_area_period_and_on_the_building_page(world, cast, client_as, places):
    member = Membership.objects.current().filter(is_home=True).select_related("person").first().person
    svc.honour_record(
        cast.county_admin,
        kind=HonourKind.PERSON,
        title="优秀共产党员",
        year=YEAR,
        awarding_body="中共巨川县委",
        person=member,
    )
    svc.honour_record(
        cast.county_admin,
        kind=HonourKind.BUILDING,
        title="文明示范楼栋",
        year=YEAR - 1,
        awarding_body="县文明委",
        area=places.building,
    )
    with pytest.raises(DomainError):
        svc.honour_record(
            cast.county_admin,
            kind=HonourKind.BUILDING,
            title="文明示范楼栋",
            year=YEAR,
            awarding_body="县文明委",
            area=places.estate,
        )
    api = client_as("county_admin").get("/api/v1/honours/")
    figures = api.json()["figures"]
    assert api.json()["count"] == 2
    assert {f["kind"]: f["count"] for f in figures["by_kind"]}["building"] == 1
    assert sum(a["count"] for a in figures["by_area"]) == 2
    assert client_as("county_admin").get(f"/api/v1/honours/?since={YEAR}").json()["count"] == 1
    # The building's title is shown on the building's page (a section the app adds to it) to its captain.
    page = client_as("building_captain").get(f"/areas/{places.building.pk}/")
    assert page.status_code == 200 and 'data-testid="area-honours"' in page.content.decode()
    assert "文明示范楼栋" in page.content.decode()
    # Residents read no honours list (403); the other street's secretary sees none of them.
    assert client_as("resident").get("/assessment/honours/").status_code == 403


def test_brands_register_and_count(world, cast, client_as):
    committee, branches = organ_committee(world.county)
    svc.brand_record(cast.county_admin, org=committee, name="牡丹丛中党旗红", year=YEAR, status="named")
    svc.brand_record(cast.county_admin, org=branches[0], name="红领天意", year=YEAR)
    with pytest.raises(DomainError) as refused:
        svc.brand_record(cast.county_admin, org=committee, name="牡丹丛中党旗红", year=YEAR)
    assert refused.value.code == "invalid_state"
    body = client_as("county_admin").get("/api/v1/party-brands/").json()
    assert body["count"] == 2
    assert {f["status"]: f["count"] for f in body["figures"]["by_status"]} == {"cultivating": 1, "named": 1}
    page = client_as("county_admin").get("/assessment/brands/")
    assert "牡丹丛中党旗红" in page.content.decode()


# -- member stars and credit ------------------------------------------------------------------------------


def test_member_stars_and_credit(world, cast, client_as, clock):
    membership = Membership.objects.current().filter(is_home=True, org__field=Field.COMMUNITY).first()
    plus = svc.credit_rule_save(cast.county_admin, name="领办合作社", points=10)
    minus = svc.credit_rule_save(cast.county_admin, name="无故不参加组织生活", points=-5)
    svc.member_star_rate(cast.county_admin, person=membership.person, year=YEAR, stars=4)
    svc.credit_event_record(
        cast.county_admin, person=membership.person, rule=plus, happened_on=date(YEAR, 5, 1)
    )
    svc.credit_event_record(
        cast.county_admin, person=membership.person, rule=minus, happened_on=date(YEAR, 6, 1)
    )
    body = client_as("county_admin").get(f"/api/v1/member-stars/?year={YEAR}").json()
    assert body["count"] == 1
    assert body["items"][0]["credit"] == 105 and body["items"][0]["stars"] == 4
    with pytest.raises(DomainError):
        svc.credit_rule_save(cast.community_secretary, name="x", points=1)
    assert CreditRule.objects.count() == 2


# -- campaigns --------------------------------------------------------------------------------------------


def test_campaign_nominations_show_the_riders_record(world, cast, client_as, places, clock):
    from lianxin.cases.models import Category
    from lianxin.cases.services import case_report

    rider = cast.courier.person
    PersonTag.objects.get_or_create(code="courier", defaults={"name": "快递小哥"})
    rider.tags.add(PersonTag.objects.get(code="courier"))
    activity = PlaceActivity.objects.create(
        area=world.county, area_path=world.county.path, title="暖心义诊", held_on=date(YEAR, 11, 20)
    )
    campaign = svc.campaign_create(
        cast.county_admin,
        title="暖心服务月",
        area=world.county,
        starts_on=date(YEAR, 11, 1),
        ends_on=date(YEAR, 11, 30),
        activities=[activity],
    )
    from lianxin.volunteering.models import SignUp

    SignUp.objects.create(activity=activity, person=rider, group="courier", signed_in_at=clock.now)
    category = Category.objects.filter(kind="problem", is_active=True, depth=2).first()
    case_report(
        cast.courier, category=category, area=places.community, title="路灯不亮", description="路灯不亮"
    )
    nomination = svc.nomination_add(cast.county_admin, campaign=campaign, person=rider, reason="积极")
    detail = client_as("county_admin").get(f"/api/v1/campaigns/{campaign.pk}").json()
    row = detail["nominations"][0]
    assert row["person_name"] == rider.name
    assert row["reports"] >= 1 and row["activities"] == 1 and row["campaign_activities"] == 1
    # Not a rider: refused; twice: 409.
    resident = cast.resident.person
    with pytest.raises(DomainError):
        svc.nomination_add(cast.county_admin, campaign=campaign, person=resident)
    with pytest.raises(DomainError) as twice:
        svc.nomination_add(cast.county_admin, campaign=campaign, person=rider)
    assert twice.value.code == "invalid_state"
    # Select, then reward (a reward needs its name).
    with pytest.raises(DomainError):
        svc.nomination_decide(
            cast.county_admin, nomination=nomination, status=NominationStatus.REWARDED, reward="x"
        )
    svc.nomination_decide(cast.county_admin, nomination=nomination, status=NominationStatus.SELECTED)
    with pytest.raises(DomainError):
        svc.nomination_decide(cast.county_admin, nomination=nomination, status=NominationStatus.REWARDED)
    svc.nomination_decide(
        cast.county_admin, nomination=nomination, status=NominationStatus.REWARDED, reward="花都模范骑手"
    )
    assert Nomination.objects.get(pk=nomination.pk).reward == "花都模范骑手"
    page = client_as("county_admin").get(f"/assessment/campaigns/{campaign.pk}/")
    assert page.status_code == 200 and "花都模范骑手" in page.content.decode()


# -- shared practices -------------------------------------------------------------------------------------


def test_shared_practices_seen_within_one_sector_only(world, cast, client):
    express = PartyOrg.objects.get(kind=OrgKind.SECTOR_COMMITTEE, sector=Sector.EXPRESS)
    property_root = PartyOrg.objects.get(kind=OrgKind.SECTOR_COMMITTEE, sector=Sector.PROPERTY)
    mobile = PartyOrg.objects.filter(under("path", express.path)).exclude(pk=express.pk).first()
    second = PartyOrg.objects.add_child(
        PartyOrg.objects.get(pk=express.pk),
        {
            "kind": OrgKind.BRANCH,
            "name": "顺达快递党支部",
            "area": world.county,
            "area_path": world.county.path,
            "field": Field.TWO_NEW,
        },
    )
    property_branch = PartyOrg.objects.filter(under("path", property_root.path), kind=OrgKind.BRANCH).first()
    # Secretaries of an express branch and of a property branch, each with an account.
    from lianxin.people.models import User
    from lianxin.people.roles import Role

    def secretary(org, username):
        person = Person.objects.create(name=username, area=world.county, area_path=world.county.path)
        Post.objects.create(
            person=person,
            role=Role.SECRETARY,
            party_org=org,
            party_org_path=org.path,
            area_path=org.area_path,
            start_date=date(2024, 1, 1),
        )
        return User.objects.create(username=username, person=person)

    express_user = secretary(second, "express_sec")
    property_user = secretary(property_branch, "property_sec")
    for n in range(3):
        PlaceActivity.objects.create(
            area=world.county,
            area_path=world.county.path,
            organiser=second,
            title=f"主题党日{n}",
            held_on=date(YEAR, 3, n + 1),
        )
    svc.practice_share(
        express_user, org=second, title="党员先锋岗", body="亮身份、作表率", shared_on=date(YEAR, 6, 1)
    )
    with pytest.raises(DomainError):
        svc.practice_share(express_user, org=mobile, title="x", body="y")  # not his organisation
    rows, practices = sel.practice_board(committee=express, year=YEAR)
    assert rows[0].org.pk == second.pk and rows[0].activities == 3 and rows[0].rank == 1
    assert [p.title for p in practices] == ["党员先锋岗"]

    client.force_login(express_user)
    board = client.get(f"/api/v1/shared-practices/{express.pk}?year={YEAR}")
    assert board.status_code == 200 and board.json()["ranking"][0]["org_name"] == "顺达快递党支部"
    assert client.get(f"/api/v1/shared-practices/{property_root.pk}").status_code == 404
    assert client.get(f"/assessment/shared-practices/{express.pk}/?year={YEAR}").status_code == 200
    client.force_login(property_user)
    assert client.get(f"/api/v1/shared-practices/{express.pk}").status_code == 404
    assert client.get(f"/assessment/shared-practices/{express.pk}/").status_code == 404
    listed = client.get("/api/v1/shared-practices/").json()
    assert [c["id"] for c in listed["items"]] == [property_root.pk]
