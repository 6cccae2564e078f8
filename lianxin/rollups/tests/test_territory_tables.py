"""Territory tables (rollups/tables.py) registered by the services apps: each shows on /coverage/figures/,
in its workbook and in GET /api/v1/territory-figures/ with the same numbers, each number is the count of
the app's own list or selector, and a user outside the area gets 404 for it and 0 without it."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from lianxin.cases.services import case_report
from lianxin.party.figures.organisation import territory_figures
from lianxin.people.models import Person, Post, User
from lianxin.people.roles import Role
from lianxin.rollups.tables import Row, TerritoryTable, territory_table_register, territory_table_unregister
from tests.cases_world import clock, places  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def _table(tables, title):
    return {str(r.label): r.value for r in dict((str(t), rows) for t, rows in tables)[title]}


def _api_table(answer, title):
    return {r["label"]: r["value"] for r in next(t["rows"] for t in answer if t["title"] == title)}


@pytest.fixture
def outsider(world, places):  # noqa: F811
    """The secretary of the other street: none of 凤凰街道's areas are his."""
    street = next(s for s in world.streets if s.pk != places.street.pk)
    person = Person.objects.create(name="另一街道书记", area=street, area_path=street.path)
    Post.objects.create(
        person=person, role=Role.SECRETARY, area=street, area_path=street.path, start_date=date(2024, 1, 1)
    )
    return User.objects.create(username="other_street_secretary", person=person)


def test_a_registered_table_shows_on_the_page_the_export_and_the_api(client_as, cast, places):  # noqa: F811
    def compute(*, user, root, since, until):
        return [Row("测试行", 7 if root is not None else 3, "说明")]

    territory_table_register(TerritoryTable("tests.table", "测试表", compute, order=1))
    try:
        client = client_as("street_secretary")
        page = client.get(f"/coverage/figures/?area={places.community.pk}").content.decode()
        assert "测试表" in page and "测试行" in page
        api = client.get(f"/api/v1/territory-figures/?area_id={places.community.pk}").json()
        assert _api_table(api, "测试表") == {"测试行": "7"}
        rows = load_workbook(
            io.BytesIO(client.get(f"/coverage/figures.xlsx?area={places.community.pk}").content)
        )
        lines = [r for r in rows.worksheets[0].iter_rows(values_only=True) if r[0] == "测试表"]
        assert lines == [("测试表", "测试行", 7, "说明")]
    finally:
        territory_table_unregister("tests.table")
    assert "测试表" not in client.get("/coverage/figures/").content.decode()


def test_service_orders_by_mechanism_agree_with_the_catalogue_and_stay_in_scope(
    client_as,
    cast,
    places,  # noqa: F811
    clock,  # noqa: F811
    outsider,
):
    from lianxin.provision.demo import provision_demo_ensure
    from lianxin.provision.models import ServiceItem
    from lianxin.provision.selectors import orders_by_mechanism

    provision_demo_ensure()
    item = ServiceItem.objects.select_related("category").get(category__code="svc_legal_advice")
    case_report(cast.resident, category=item.category, area=places.building, description="咨询继承")
    label = str(item.get_mechanism_display())
    day = clock.now.date()
    mine = territory_figures(user=cast.street_secretary, root=places.street, since=day, until=day)
    by_mechanism = _table(mine, "服务订单（按五项机制）")
    assert by_mechanism[label] == 1 == orders_by_mechanism(cast.street_secretary, today=day)[item.mechanism]
    by_state = _table(mine, "服务订单（按状态和评价）")
    assert by_state["服务订单合计"] == 1

    client = client_as("street_secretary")
    api = client.get(f"/api/v1/territory-figures/?area_id={places.street.pk}&since={day}&until={day}").json()
    assert _api_table(api, "服务订单（按五项机制）")[label] == "1"

    client.force_login(outsider)
    assert client.get(f"/api/v1/territory-figures/?area_id={places.street.pk}").status_code == 404
    assert client.get(f"/coverage/figures/?area={places.street.pk}").status_code == 404
    theirs = territory_figures(user=outsider, since=day, until=day)
    assert _table(theirs, "服务订单（按五项机制）")[label] == 0
    assert _table(theirs, "服务订单（按状态和评价）")["服务订单合计"] == 0


def test_walk_ins_and_notices_agree_with_the_windows_and_notices_counts(cast, places, clock):  # noqa: F811
    from django.utils import timezone

    from lianxin.areas.models import Place
    from lianxin.provision.seeds import catalogue_ensure
    from lianxin.provision.selectors import notice_counts, notices_for, walk_ins_at
    from lianxin.provision.services import material_notice_give, walk_in_record, window_save

    catalogue_ensure()
    from lianxin.provision.models import ServiceItem

    items = {i.category.code: i for i in ServiceItem.objects.select_related("category")}
    station = Place.objects.create(name="和谐家园党群服务站", area=places.estate)
    person = Person.objects.create(name="站务员")
    Post.objects.create(person=person, role=Role.PLACE_STAFF, place=station, start_date=date(2024, 1, 1))
    staff = User.objects.create(username="station_staff", person=person)
    window = window_save(
        cast.community_secretary, place=station, name="综合窗口", items=[items["svc_legal_advice"]]
    )
    walk_in_record(staff, window=window, item=items["svc_legal_advice"], resident=cast.resident.person)
    case = case_report(
        cast.community_secretary,
        category=items["svc_old_age_allowance"].category,
        area=places.estate,
        description="申领高龄津贴",
    )
    material_notice_give(cast.community_secretary, case=case, provided=["身份证"])
    material_notice_give(cast.community_secretary, case=case, provided=["身份证", "户口簿"])

    # Walk-ins and notices are stamped with the wall clock, the case with the case clock.
    day, today = clock.now.date(), timezone.localdate()
    tables = territory_figures(user=cast.community_secretary, root=places.community, since=day, until=today)
    walk_ins = _table(tables, "到站办事（按站点）")
    assert walk_ins["和谐家园党群服务站"] == 1
    assert walk_ins["到站办事合计"] == 1 == walk_ins_at(places.community.path, day, today)
    notices = _table(tables, "一次性告知：材料告知单")
    counts = notice_counts(notices_for(cast.community_secretary))
    assert (notices["一次性告知单"], notices["二次告知"], notices["首次告知"]) == (counts["notices"], 1, 1)


def test_teams_agreements_and_sent_down_agree_with_the_volunteering_selectors(cast, places):  # noqa: F811
    from lianxin.party.models import PartyOrg
    from lianxin.volunteering import selectors, services

    secretary = cast.community_secretary
    community = places.community
    team = services.team_create(secretary, name="梧桐里党员先锋队", kind="vanguard", area=community)
    other = services.team_create(secretary, name="巾帼志愿服务队", kind="women", area=community)
    services.team_member_add(secretary, team=team, person=cast.resident.person)
    services.team_member_add(secretary, team=other, person=cast.resident.person)
    services.team_member_add(secretary, team=other, person=cast.volunteer.person)
    services.agreement_create(
        secretary,
        party_org=PartyOrg.objects.get(area=community, kind="committee"),
        unit_name="巨川县住建局",
        unit_type="organ",
        signed_on=date(2026, 3, 1),
    )

    tables = territory_figures(user=secretary, root=community)
    teams = _table(tables, "志愿服务队（按类型）")
    figures = selectors.team_figures(user=secretary, root=community)
    assert teams["服务队队员（每人只计一次）"] == figures["members"] == 2
    assert teams["服务队合计"] == 2
    agreements = _table(tables, "共建协议（按单位类型）")
    assert (
        agreements["有效共建协议"] == selectors.agreement_figures(user=secretary, root=community)["in_force"]
    )
    assert agreements["有效共建协议"] == 1
    pairings = _table(tables, "结对帮扶与困难户")
    assert (
        pairings["尚未结对的困难户"] == selectors.unpaired_households(user=secretary, root=community).count()
    )


def test_points_awarded_agree_with_the_roll_up(cast, places):  # noqa: F811
    from django.utils import timezone

    from lianxin.points.services import points_award
    from lianxin.points.services.ledger import AWARDED
    from lianxin.rollups.selectors import rollup_sum

    points_award(
        cast.community_secretary,
        person=cast.resident.person,
        amount=40,
        key="test:project",
        reason="服务项目",
        source_kind="service_project",
    )
    today = timezone.localdate()
    tables = territory_figures(user=cast.street_secretary, root=places.street)
    awarded = _table(tables, "积分发放（按来源）")
    rolled = rollup_sum(
        key=AWARDED, area_path=places.street.path, day_from=date(today.year, 1, 1), day_to=today
    )
    assert awarded["发放积分合计"] == rolled.value == 40
    assert awarded["服务项目验收"] == 40
    assert _table(tables, "积分余额")["持有积分"] >= 40


def test_the_matrix_per_street_is_the_matrix_page_s(cast, places):  # noqa: F811
    from lianxin.areas.models import Place
    from lianxin.provision.circles import service_matrix

    title = "各街道“1+N+X”服务矩阵"
    matrix = service_matrix(places.street, Place.objects.restrict(cast.street_secretary))
    expected = "+".join(str(n) for n in matrix.counts)
    tables = territory_figures(user=cast.street_secretary, root=places.street)
    assert _table(tables, title) == {places.street.name: expected}
    # A community's secretary without an area: the street above his community.
    assert _table(territory_figures(user=cast.community_secretary), title)[places.street.name].count("+") == 2


def test_only_confirmed_wishes_count_and_their_points_show_by_source(cast, places, clock):  # noqa: F811
    from django.conf import settings

    from lianxin.cases import services as cases
    from lianxin.cases.models import Case, Category, State
    from lianxin.core.scope import under
    from lianxin.party.models import Membership, MembershipKind
    from lianxin.volunteering import services
    from lianxin.volunteering.services.wishes import wish_categories
    from lianxin.volunteering.wishes import wish_categories_ensure

    wish_categories_ensure()
    membership = (
        Membership.objects.current()
        .filter(under("area_path", places.community.path), is_home=True, kind=MembershipKind.FULL)
        .exclude(person__user__isnull=False)
        .exclude(person__posts__isnull=False)
        .order_by("id")
        .first()
    )
    member = User.objects.create(username="employed_member", person=membership.person)
    registration = services.volunteer_register(member, kind="member")
    services.volunteer_registration_approve(cast.community_secretary, registration=registration)
    wishes = []
    for text in ("孙女的书包", "一袋大米"):
        wish = case_report(
            cast.resident,
            category=Category.objects.get(code="wish_study"),
            area=places.building,
            description=text,
        )
        cases.case_accept(cast.community_secretary, case=wish)
        wishes.append(wish)
    done, claimed = wishes
    for wish in wishes:
        cases.case_claim(member, case=wish)
    cases.case_dispatch(cast.community_secretary, case=done, person=member.person)
    cases.case_take(member, case=done)
    cases.case_handle(member, case=done, note="书包已送到")
    cases.case_rate(cast.resident, case=done, rating="satisfied")

    secretary = cast.community_secretary
    tables = territory_figures(user=secretary, root=places.community)
    row = _table(tables, "微心愿")
    confirmed = Case.objects.restrict(secretary).filter(category__in=wish_categories(), state=State.CLOSED)
    assert row["居民确认实现的微心愿"] == confirmed.count() == 1
    assert (row["提交微心愿"], row["已认领微心愿"]) == (2, 2)
    assert _table(tables, "积分发放（按来源）")["实现微心愿"] == settings.LIANXIN_POINTS_PER_WISH


def test_service_project_claims_are_counted_cumulatively_within_the_area(
    cast,
    places,  # noqa: F811
    clock,  # noqa: F811
    outsider,
):
    from lianxin.cases import services as cases
    from lianxin.cases.models import CaseClaim, Category
    from lianxin.volunteering import services
    from lianxin.volunteering.wishes import PROJECT_ROOT, wish_categories_ensure

    wish_categories_ensure()
    project = case_report(
        cast.community_secretary,
        category=Category.objects.get(code=PROJECT_ROOT),
        area=places.estate,
        description="楼道杂物清理",
        extra={"hours": 2},
        claim_capacity=4,
    )
    neighbours = Person.objects.filter(
        area_path__startswith=places.community.path, user__isnull=True, posts__isnull=True
    ).exclude(area_path=places.community.path)
    for n, person in enumerate(neighbours.order_by("id")[:2]):
        user = User.objects.create(username=f"neighbour{n}", person=person)
        registration = services.volunteer_register(user, kind="resident")
        services.volunteer_registration_approve(cast.community_secretary, registration=registration)
        cases.case_claim(user, case=project)

    row = _table(territory_figures(user=cast.street_secretary, root=places.street), "服务项目认领")
    assert row["认领次数（累计）"] == CaseClaim.objects.filter(case=project).count() == 2
    assert (row["发布服务项目"], row["已认领的服务项目"]) == (1, 1)
    assert _table(territory_figures(user=outsider), "服务项目认领")["认领次数（累计）"] == 0


def test_alliance_lists_table_is_the_lists_pages_counts_with_the_deal_value_in_yuan(client_as, cast, world):
    from decimal import Decimal

    from django.utils import timezone

    from lianxin.party.models import OrgKind, PartyOrg
    from lianxin.party.selectors.alliance_lists import list_counts
    from lianxin.party.services.alliance_lists import deal_record, demand_file, demand_match, offer_file
    from lianxin.people.models import Organisation

    alliance = PartyOrg.objects.get(kind=OrgKind.CHAIN_ALLIANCE)
    ranhua, jiaohua = (Organisation.objects.get(name=n) for n in ("巨川燃化公司", "巨川焦化科技"))
    admin = cast.county_admin
    demand = demand_file(admin, alliance=alliance, organisation=ranhua, title="防腐喷涂", quantity="500套")
    offer = offer_file(admin, alliance=alliance, organisation=jiaohua, title="防腐喷涂加工")
    demand_match(admin, demand=demand, offer=offer)
    deal_record(admin, demand=demand, value="1200000.00", signed_on=timezone.localdate())

    counts = list_counts(alliance)
    row = _table(territory_figures(user=admin), "联盟清单：需求与成交")
    assert row["需求：已完成"] == counts.demands["done"] == 1
    assert row["需求：待对接"] == counts.demands["open"]
    assert row["成交项目"] == counts.deals == 1
    assert row["成交金额（元）"] == counts.deal_value == Decimal("1200000.00")
    api = client_as("county_admin").get("/api/v1/territory-figures/").json()
    assert _api_table(api, "联盟清单：需求与成交")["成交金额（元）"] == "1200000.00"


def test_the_catalogue_table_is_the_catalogue_page_s_counts(client_as, cast, world):
    from lianxin.provision.seeds import catalogue_ensure

    catalogue_ensure()
    page = client_as("street_secretary").get("/provision/catalogue/")
    counts = page.context["counts"]
    row = _table(territory_figures(user=cast.street_secretary), "服务清单（按大类和五项机制）")
    assert row["服务事项合计"] == counts["total"] > 0
    assert [row[name] for name, _n in counts["by_top"]] == [n for _name, n in counts["by_top"]]
    assert sum(v for k, v in row.items() if k.startswith("机制：")) == counts["total"]
