"""Issue 21's three demo accounts on the test world: where their posts lie, that none of them reaches a
resident (lists empty, a resident's page, household and case 404), and what each comes for: the shop's
staff the redemption waiting at 惠邻超市, the unit's contact his members' service and points, the
enterprise's contact his alliance's lists."""

import pytest

from lianxin.areas.models import Household
from lianxin.cases.models import Case, Category, Kind
from lianxin.cases.services import case_report
from lianxin.demo.points import demo_points_load
from lianxin.demo.service_accounts import ENTERPRISE, SHOP, UNIT_ORG
from lianxin.demo.unit_members import MEMBER, unit_member_demo_ensure
from lianxin.party.models import Membership
from lianxin.people.models import Person
from lianxin.points.models import Redemption
from lianxin.points.selectors.ledger import balance_of
from lianxin.volunteering.demo import volunteering_demo_ensure

pytestmark = pytest.mark.django_db

NEW = ("shop_staff", "unit_contact", "enterprise_contact")


def test_each_new_account_holds_its_one_post_where_the_issue_puts_it(cast):
    shop = cast.shop_staff.person.posts.get()
    unit = cast.unit_contact.person.posts.get()
    enterprise = cast.enterprise_contact.person.posts.get()
    assert (shop.role, shop.organisation.name, shop.organisation.kind) == ("shop_staff", SHOP, "partner_shop")
    assert (unit.role, unit.party_org.name) == ("unit_contact", UNIT_ORG)
    assert (enterprise.role, enterprise.organisation.name) == ("unit_contact", ENTERPRISE)
    assert enterprise.organisation.alliance_memberships.exists()


@pytest.mark.parametrize("username", NEW)
def test_the_new_accounts_see_no_resident(client_as, cast, world, username):
    user = cast[username]
    resident = cast.resident.person
    assert not Person.objects.restrict(user).exclude(pk=user.person_id).exists()
    assert not Household.objects.restrict(user).exists()
    # The unit's contact reads his own unit's memberships (its members are his to follow), nobody else's.
    memberships = Membership.objects.restrict(user)
    assert not memberships.exclude(org__name=UNIT_ORG if username == "unit_contact" else None).exists()
    category = Category.objects.filter(kind=Kind.PROBLEM, is_public=True, numchild=0).order_by("path").first()
    case = case_report(
        cast.resident, category=category, area=resident.household.area, description="楼道灯坏了"
    )
    assert not Case.objects.restrict(user).exists()
    client = client_as(username)
    assert client.get(f"/people/{resident.pk}/").status_code == 404
    assert client.get(f"/areas/{resident.household.area_id}/households/").status_code in (403, 404)
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    assert client.get(f"/api/v1/persons/{resident.pk}").status_code == 404
    listing = client.get("/people/")
    assert listing.status_code in (200, 403)
    assert resident.name not in listing.content.decode()


def test_the_shop_staff_finds_the_resident_s_redemption_waiting_at_his_shop(client_as, cast):
    demo_points_load()
    waiting = Redemption.objects.get(reward__shop__name=SHOP, account__person=cast.resident.person)
    page = client_as("shop_staff").get("/points/shop/")
    html = page.content.decode()
    assert page.status_code == 200
    assert waiting.reward.name in html and "洗衣液" in html
    # He confirms the code the resident shows; it is then used.
    confirmed = client_as("shop_staff").post("/points/shop/confirm/", {"code": waiting.code})
    assert confirmed.status_code in (200, 302)
    waiting.refresh_from_db()
    assert waiting.state == "confirmed" and waiting.confirmed_by == cast.shop_staff.person


def test_the_unit_contact_follows_his_member_s_service_and_not_the_community_s_residents(client_as, cast):
    """Scenario 2 in the demo: 刘建军's points come from the real loop (a confirmed wish, an accepted project
    of 4 places), so the ledger, the cases' claims and the unit page's 完成服务 / 获得积分 agree."""
    from lianxin.cases.models import CaseClaim, State
    from lianxin.demo.wishes import demo_wishes_load
    from lianxin.points.models import PointsEntry, Reward

    demo_points_load()
    volunteering_demo_ensure()
    demo_wishes_load()
    assert unit_member_demo_ensure() == 1
    assert unit_member_demo_ensure() == 0
    member = Person.objects.get(name=MEMBER, user__username="demo_liujianjun")
    assert not member.user.is_active  # nobody signs in as him
    claims = CaseClaim.objects.filter(person=member, withdrawn_at__isnull=True)
    assert sorted(c.case.state for c in claims.filter(case__state=State.CLOSED)) == [State.CLOSED] * 2
    project = claims.get(case__description__startswith="楼道杂物清理", case__state=State.CLOSED).case
    assert project.claim_count == project.claim_capacity == 4
    # The next round of 楼道杂物清理 is full and not started: the volunteer 徐晓燕 is told 409 名额已满.
    again = claims.exclude(case__state=State.CLOSED).get().case
    assert again.claim_count == again.claim_capacity == 4
    volunteer = client_as("volunteer")
    refused = volunteer.post(f"/volunteering/wishes/{again.pk}/claim/", {"idempotency_key": "full-1"})
    assert refused.status_code == 409 and "名额已满" in refused.content.decode()
    sources = sorted(
        PointsEntry.objects.filter(account__person=member, amount__gt=0).values_list("source_kind", "amount")
    )
    assert sources == [("micro_wish", 20), ("service_project", 20)]
    # He redeemed 大米 (30): 10 left, stock 2, the code waiting for the shop's staff.
    assert balance_of(member) == 10
    assert Reward.objects.get(name="大米").stock == 2
    assert Redemption.objects.get(account__person=member).state == "pending"
    page = client_as("unit_contact").get("/volunteering/units/")
    html = page.content.decode()
    assert page.status_code == 200
    assert MEMBER in html and cast.resident.person.name not in html
    [row] = [r for r in page.context["members"] if r.person.name == MEMBER]
    assert row.service == {"on_duty": 1, "visits": 0, "teams": 1, "services": 2, "points": 40}
    # His unit's registration list opens on what he can use, not on the (empty) pending tab.
    assert page.context["status"] == "" and page.context["count"] == page.context["rows"].count()
    # His unit's co-building agreement, read on the 共建协议 page and the API alike; no form to record one.
    agreements = client_as("unit_contact").get("/volunteering/co-building/")
    assert agreements.status_code == 200 and agreements.context["form"] is None
    assert [a.unit_name for a in agreements.context["rows"]] == ["巨川县住建局"]
    api = client_as("unit_contact").get("/api/v1/co-building/").json()
    assert [a["unit_name"] for a in api["items"]] == ["巨川县住建局"]
    assert client_as("unit_contact").post("/volunteering/co-building/", {}).status_code == 403


def test_the_enterprise_contact_reads_his_alliance_s_lists_and_files_for_his_enterprise(client_as, cast):
    client = client_as("enterprise_contact")
    home = client.get("/party/alliance-lists/")
    assert home.status_code == 200 and "煤化工产业链党建联盟" in home.content.decode()
    menu = client.get("/").content.decode()
    assert "/party/alliance-lists/" in menu


def test_the_demo_orders_stand_in_every_state_and_none_at_the_canteen(cast):
    from lianxin.cases.models import State
    from lianxin.demo.service_orders import demo_service_orders_load
    from lianxin.provision.demo import provision_demo_ensure

    provision_demo_ensure()
    count = demo_service_orders_load()
    orders = Case.objects.filter(kind=Kind.SERVICE_ORDER)
    assert count == orders.count() == 10
    assert set(orders.values_list("state", flat=True)) == set(State.values)
    assert orders.filter(handler_organisation__name="巨川家政服务中心").count() >= 4
    assert not orders.filter(handler_organisation__name="颐康长者食堂").exists()
    assert demo_service_orders_load() == count
    todo = client_for(cast.provider_staff).get("/cases/todo/").content.decode()
    assert "家政保洁" in todo and "居家养老护理" in todo


def test_the_station_s_staff_keeps_its_window_and_records_a_walk_in(cast):
    from lianxin.demo.station_staff import STATION, station_staff_ensure
    from lianxin.provision.demo import provision_demo_ensure
    from lianxin.provision.demo_places import places_demo_ensure
    from lianxin.provision.models import ServiceWindow, WalkIn

    provision_demo_ensure()
    places_demo_ensure()
    assert station_staff_ensure() and station_staff_ensure()
    window = ServiceWindow.objects.get(place__name=STATION)
    client = client_for(cast.grid_worker)
    page = client.get(f"/provision/windows/{window.pk}/").content.decode()
    assert "刘丽" in page  # on today's roster
    item = window.items.order_by("id").first()
    posted = client.post(
        f"/provision/windows/{window.pk}/walk-ins/", {"mobile": "13800000012", "item": item.pk}
    )
    assert posted.status_code == 302
    assert WalkIn.objects.get(window=window).case.reporter == cast.resident.person


def test_the_world_holds_the_places_and_parties_the_demo_section_names(world):
    from lianxin.areas.models import Place
    from lianxin.party.models import PartyOrg
    from lianxin.people.models import Organisation
    from lianxin.provision.demo import provision_demo_ensure
    from lianxin.provision.models import ProviderListing

    for community in world.communities:
        estates = [e for e in world.estates if e.path.startswith(community.path)]
        stations = Place.objects.filter(designations__code="service_station", area__in=estates)
        assert set(stations.values_list("area_id", flat=True)) == {e.pk for e in estates[0:7:2]}
    assert Place.objects.filter(functions__code="hub").exists()
    assert Place.objects.filter(designations__code="cluster_centre").exists()
    assert Place.objects.filter(designations__code="service_complex").exists()
    assert Organisation.objects.filter(name=SHOP, kind="partner_shop").count() == 1
    assert PartyOrg.objects.filter(name=UNIT_ORG).count() == 1
    provision_demo_ensure()
    states = dict(ProviderListing.objects.values_list("organisation__name", "state"))
    listed = ("颐康长者食堂", "梧桐街道长者饭堂", "煤化工产业链税务服务队")
    assert [states[name] for name in listed] == ["listed"] * 3
    assert states["惠康助餐服务部"] == "suspended"
    assert ProviderListing.objects.get(organisation__name="煤化工产业链税务服务队").alliance is not None


def client_for(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_the_volunteer_finds_a_wish_to_claim_and_the_resident_one_to_confirm(cast):
    from lianxin.cases.models import State
    from lianxin.demo.wishes import demo_wishes_load

    volunteering_demo_ensure()
    assert demo_wishes_load() == demo_wishes_load() == 3
    page = client_for(cast.volunteer).get("/volunteering/wishes/").content.decode()
    assert "老花镜一副" in page and "陪老伴去医院复查" in page
    assert "Idempotency key" not in page
    mine = Case.objects.filter(reporter=cast.resident.person, kind="micro_wish")
    assert sorted(mine.values_list("state", flat=True)) == [State.ACCEPTED, State.HANDLED]
    assert Case.objects.filter(kind="task", claim_capacity=4, description__startswith="楼道杂物清理").exists()
