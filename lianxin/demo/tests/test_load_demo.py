import re

import pytest
from django.core.management import CommandError, call_command

from lianxin.areas.models import Area, Household, Level, Place, PlaceActivity
from lianxin.demo.accounts import DEMO_ACCOUNTS
from lianxin.party.models import Membership, PartyOrg
from lianxin.party.models.chains import IndustryChain
from lianxin.party.models.member_posts import MemberPost
from lianxin.party.models.studios import SecretaryStudio, StudioMentee
from lianxin.people.models import Person, Post, User
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Area, Household, Person, User, Post, PartyOrg, Membership,
            IndustryChain, MemberPost, SecretaryStudio, StudioMentee, Place, PlaceActivity,
        )
    }  # fmt: skip


def test_the_world_has_one_account_per_role_each_placed_with_its_posts(cast):
    assert User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).count() == 26
    leader = cast.county_leader.person.posts.get()
    assert (leader.role, leader.department.name) == ("group_leader", "巨川县城市基层党建工作领导小组")
    assert cast.reviewer.person.posts.get().role == "reviewer"
    assert cast.grid_worker.person.posts.get().area.level == Level.ESTATE
    assert cast.building_captain.person.posts.get().area.level == Level.BUILDING
    assert cast.resident.person.household is not None
    assert not cast.resident.person.posts.exists()


def test_the_rural_accounts_stand_on_the_cluster_with_their_posts(cast):
    township = {
        (p.role, p.party_org.name if p.party_org else p.area.name)
        for p in cast.township_secretary.person.posts.all()
    }
    assert township == {
        ("secretary", "南湖镇"),
        ("secretary", "中共南湖镇委员会"),
        ("joint_committee_leader", "东湖片区融合发展联合党委"),
    }
    chair = cast.village_secretary.person.posts.get(role="cooperative_chair")
    assert (chair.organisation.name, chair.organisation.area.name) == ("金银花种植专业合作社", "张庄村")
    head = {(p.role, str(p.department or p.party_org)) for p in cast.taskforce_head.person.posts.all()}
    assert head == {("department_staff", "巨川县农业农村局"), ("task_force_head", "规模农业专班")}
    assert cast.taskforce_head.person.posts.get(role="task_force_head").party_org.task_force.code == (
        "large_scale_farming"
    )
    seconded = cast.seconded_secretary.person.posts.get()
    assert (seconded.role, seconded.area.name, seconded.source, seconded.end_date is not None) == (
        "seconded_secretary",
        "刘堂村",
        "returnee",
        True,
    )
    assert cast.coop_chair.person.posts.get().organisation.name == "李楼村果蔬专业合作社"
    assert cast.villager.person.household.area.path.startswith(Area.objects.get(name="张庄村").path)
    assert not cast.villager.person.posts.exists()


def test_load_demo_prints_every_account_with_the_password(capsys, settings, world):
    settings.DEBUG = True

    call_command("load_demo", "--cases", "0")

    out = capsys.readouterr().out
    assert "演示县已存在，未重复建立。" in out
    assert PASSWORD in out
    for account in DEMO_ACCOUNTS:
        assert account.username in out
    assert "网格员" in out
    # What the demo user needs for the accounts whose posts require a second factor.
    assert "JRUWC3TYNFXCARDFNVXSAMRQGI3A" in out
    assert "county_admin、sysadmin、secadmin、auditor" in out


def test_the_demo_accounts_that_need_a_second_factor_come_enrolled_with_the_published_key(cast):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from lianxin.demo.accounts import DEMO_OTP_ACCOUNTS, DEMO_TOTP_KEY_HEX

    enrolled = TOTPDevice.objects.filter(confirmed=True, key=DEMO_TOTP_KEY_HEX)
    assert sorted(enrolled.values_list("user__username", flat=True)) == sorted(DEMO_OTP_ACCOUNTS)
    assert all(u.is_demo for u in cast)


def test_load_demo_twice_adds_nothing_and_keeps_what_users_changed(settings, cast):
    settings.DEBUG = True
    # The first run on the test world adds the demo's own rows (listings, points, volunteering, orders, the
    # unit's member); the next ones add nothing.
    call_command("load_demo", "--cases", "0")
    before = _counts()
    grid_worker = cast.grid_worker
    grid_worker.set_password("Changed#2026")
    grid_worker.save()
    Person.objects.filter(pk=grid_worker.person_id).update(name="刘丽丽")

    call_command("load_demo", "--cases", "0")

    assert _counts() == before
    grid_worker.refresh_from_db()
    assert grid_worker.check_password("Changed#2026")
    assert grid_worker.person.name == "刘丽丽"


def test_a_missing_demo_account_is_recreated_and_placed_again(settings, cast):
    settings.DEBUG = True
    person = cast.grid_worker.person
    cast.grid_worker.delete()
    Post.objects.filter(person=person).delete()

    call_command("load_demo", "--cases", "0")

    user = User.objects.get(username="grid_worker")
    assert user.check_password(PASSWORD)
    # Her grid post, and the demo's station post beside it (lianxin.demo.station_staff).
    assert user.person.posts.get(role="grid_worker").area.level == Level.ESTATE
    assert user.person.posts.get(role="place_staff").place.name == "和谐家园小区工作站"


def test_load_demo_refuses_without_debug_unless_forced(settings, world):
    settings.DEBUG = False
    User.objects.filter(username="resident").delete()

    with pytest.raises(CommandError, match="演示数据只能在 DEBUG 或演示模式"):
        call_command("load_demo", "--cases", "0")
    assert not User.objects.filter(username="resident").exists()

    call_command("load_demo", "--force", "--cases", "0")
    assert User.objects.filter(username="resident").exists()


def test_load_demo_generates_cases_once_with_their_whole_trail(capsys, settings, world):
    from lianxin.cases.engine import case_differences
    from lianxin.cases.models import Case

    settings.DEBUG = True

    call_command("load_demo", "--cases", "40")
    from lianxin.cases.models import Visit

    made = Case.objects.count(), Visit.objects.count()
    call_command("load_demo", "--cases", "40")
    assert (Case.objects.count(), Visit.objects.count()) == made  # the second run adds nothing

    out = capsys.readouterr().out
    waiting = int(re.search(r"待办诉求 (\d+) 件", out).group(1))
    # The generated history, the cases reported for the demo workers' to-do lists and those their visits
    # opened (调解, 帮办: P000-31), the service orders, the station's walk-ins (service orders filed at the
    # window), the wishes and projects (the demo's own and scenario 2's loop), once.
    opened = Visit.objects.filter(case__isnull=False).count()
    orders = int(re.search(r"演示服务订单 (\d+) 件", out).group(1))
    walk_ins = int(re.search(r"到站办事 (\d+) 件", out).group(1))
    assert orders == 10 and walk_ins == Case.objects.filter(channel="walk_in").count() > 0
    assert Case.objects.filter(kind="service_order").count() == orders + walk_ins
    wishes = Case.objects.filter(kind__in=["micro_wish", "task"]).count()
    assert wishes >= int(re.search(r"演示微心愿和服务项目 (\d+) 件", out).group(1)) == 3
    assert waiting > 0 and opened > 0
    # Issue 22's demos: the matters raised at meetings, the resident's parking reports behind the
    # secretary's topic, and the courier's two snapshot reports in the riders' campaign month (tasks
    # are counted with the wishes).
    from lianxin.deliberation.models import MeetingMatter

    matters = MeetingMatter.objects.count()
    parking = Case.objects.filter(description__startswith="小区车位被外来车辆占用").count()
    riders = Case.objects.filter(
        description__in=["小区门口共享单车乱停放，堵塞消防通道", "楼道堆放杂物，存在安全隐患"]
    ).count()
    assert matters > 0 and parking == 6 and riders == 2
    issue_22 = matters + parking + riders
    assert Case.objects.count() == 40 + waiting + opened + orders + walk_ins + wishes + issue_22
    # The household visits (care visits to couriers are counted apart).
    assert "演示走访记录 76 条" in out and Visit.objects.exclude(kind="care").count() == 76
    assert "演示诉求已生成 40 件" in out
    assert all(case.event_count == case.events.count() for case in Case.objects.all())
    assert [case.pk for case in Case.objects.all() if case_differences(case)] == []
    from lianxin.cases.figures import figures_for_area, period_of
    from lianxin.cases.models import CaseRollup
    from lianxin.demo.world import built_from_database

    assert CaseRollup.objects.exists()
    county = built_from_database().county
    from django.utils.timezone import localdate

    # The roll-up counts by the local day: from 16:00 UTC on, a case reported now is on tomorrow's.
    first = localdate(Case.objects.order_by("reported_at").first().reported_at)
    last = localdate(Case.objects.order_by("-reported_at").first().reported_at)
    reported = figures_for_area(area=county, period=period_of("custom", first, last)).reported
    assert reported == Case.objects.exclude(kind="task").count()


def test_only_the_system_and_security_administrators_may_open_the_configuration(cast):
    assert sorted(u.username for u in cast if u.opens_configuration) == ["secadmin", "sysadmin"]
    # 三员分立: no demo account carries the superuser flag (which opens nothing anyway).
    assert not User.objects.filter(is_superuser=True).exists()


def test_the_demo_has_chains_member_posts_and_a_studio_so_their_pages_open_on_something(client_as, cast):
    chains = IndustryChain.objects.order_by("id")
    assert [c.name for c in chains] == ["煤化工产业链", "生物医药产业链", "绿色食品产业链"]
    assert chains[0].party_org is not None and chains[1].is_ready and chains[1].party_org is None
    assert chains[0].enterprises.count() == 3
    assert MemberPost.objects.filter(ended_on__isnull=True).exists()
    studio = SecretaryStudio.objects.get()
    assert StudioMentee.objects.filter(studio=studio, until__isnull=True).exists()
    page = client_as("county_admin").get("/party/chains/").content.decode()
    assert "生物医药产业链" in page
    assert studio.name in client_as("county_admin").get("/party/studios/").content.decode()


def test_the_demo_has_the_ecommerce_centre_of_the_live_ecommerce_committee_with_its_activity_log(client_as):
    centre = Place.objects.get(name="县电子商务公共服务中心")
    assert centre.party_org.name == "县直播电商行业党委"
    assert sorted(centre.functions.values_list("name", flat=True)) == sorted(
        ["党性教育", "业务培训", "产品推介", "电商直播"]
    )
    assert sorted(
        PlaceActivity.objects.filter(place=centre).values_list("function__code", flat=True)
    ) == sorted(["party_education", "business_training", "product_promotion", "live_streaming"] * 2)
    page = client_as("county_admin").get(f"/areas/places/{centre.pk}/").content.decode()
    assert "县直播电商行业党委" in page and "巨川特色农产品春季推介会" in page


def test_each_street_has_its_office_and_centre_and_the_first_centre_a_staff_post(world):
    from lianxin.party.models import OrgKind
    from lianxin.people.roles import Role

    offices = PartyOrg.objects.filter(kind=OrgKind.OFFICE).order_by("path")
    assert [o.area_id for o in offices] == [s.pk for s in world.streets]
    centres = Place.objects.filter(party_org__in=offices, designations__code="service_centre")
    assert sorted(c.area_id for c in centres) == sorted(s.pk for s in world.streets)
    staff = Post.objects.filter(place__in=centres)
    assert [(p.place.area_id, p.role) for p in staff] == [(world.streets[0].pk, Role.PLACE_STAFF)]
    assert not User.objects.filter(person=staff.get().person).exists()  # no demo account's scope changes


def test_the_demo_workers_find_cases_waiting_for_them_and_a_rerun_adds_none(cast, clock):
    from lianxin.cases.models import Case
    from lianxin.cases.selectors import CaseFilters, case_list
    from lianxin.demo.open_cases import PER_WORKER, demo_open_cases_load

    def waiting(username):
        return case_list(user=cast[username], filters=CaseFilters(handler="me")).count()

    before = {u: waiting(u) for u in ("building_captain", "grid_worker", "property_staff")}
    demo_open_cases_load()
    cases = Case.objects.count()
    demo_open_cases_load()

    assert Case.objects.count() == cases
    for username, count in before.items():
        assert waiting(username) == count + PER_WORKER, username


def test_every_estate_building_and_village_has_a_position_and_a_position_alone_lands_at_the_nearest_estate(
    settings, world
):
    from django.conf import settings as conf

    from lianxin.cases.views.queries import nearest_estate
    from lianxin.core.scope import under
    from lianxin.open311.services import area_nearest

    placed = Area.objects.filter(
        under("path", world.county.path),
        level__in=[Level.ESTATE, Level.BUILDING, Level.VILLAGE, Level.UNIT],
    )
    assert placed.exists()
    assert not placed.filter(lat__isnull=True).exists()
    assert not placed.filter(lng__isnull=True).exists()
    # A household's position is its building's: the units it is recorded on stand on their building's point.
    unit = placed.filter(level=Level.UNIT).first()
    building = Area.objects.get_parent(unit)
    assert (unit.lat, unit.lng) == (building.lat, building.lng)

    estates = list(Area.objects.filter(under("path", world.county.path), level=Level.ESTATE))
    for estate in estates:
        # A few metres off the estate's point: the report is placed in that estate.
        lat, lng = float(estate.lat) + 0.0001, float(estate.lng)
        found = area_nearest(
            within=world.county, lat=lat, lng=lng, radius_m=float(conf.OPEN311_MATCH_RADIUS_M)
        )
        assert found == estate
        assert nearest_estate(estates, str(lat), str(lng)) == estate


def test_load_demo_keeps_a_position_someone_entered(settings, world):
    settings.DEBUG = True
    estate = world.estates[0]
    Area.objects.filter(pk=estate.pk).update(lat="35.111111", lng="116.222222")

    call_command("load_demo", "--cases", "0")

    estate.refresh_from_db()
    assert (str(estate.lat), str(estate.lng)) == ("35.111111", "116.222222")
