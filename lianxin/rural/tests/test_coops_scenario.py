"""Issue 23, scenario 3: 张庄村's 金银花种植专业合作社 at 11 of 12 standards; the award refused naming the
gap; evidenced and rated 优秀 by the three departments: awarded, 9,700,000.00 left in the fund; again refused
("已获奖补"). The village's collective income 386,500.00 (2024) → 521,300.00 (2025): increase 134,800.00,
张学军 20,220.00, the three managers 6,740.00 each."""

from decimal import Decimal

import pytest

from lianxin.core.errors_domain import DomainError
from lianxin.rural.models import Award, Fund, Reward, Standard
from lianxin.rural.services import coops as svc
from lianxin.rural.tests.coops_helpers import income_set, jinyin, scorer_posts

pytestmark = pytest.mark.django_db


def test_the_demo_cooperative_stands_at_eleven_of_twelve_standards(world):
    coop = jinyin()
    assert coop.leading_branch is not None and coop.leading_branch.area_id == coop.village_id
    assert [s.title for s in svc.standards_missing(coop)] == ["第12条"]


def test_scenario_3_award_once_and_rewards(world, cast, client_as):
    coop = jinyin()
    county = world.county
    fund = Fund.objects.get(area=county, name=svc.FUND_NAME)
    admin = cast.county_admin
    evaluation = svc.evaluation_create(admin, county=county, year=2025)
    org_staff, finance_staff, agri_staff = scorer_posts(world, cast)
    for scorer, score in ((org_staff, 95), (finance_staff, 92), (agri_staff, 94)):
        svc.evaluation_score(scorer, evaluation=evaluation, cooperative=coop, score=score)
    result = svc.evaluation_result(evaluation, coop)
    assert result.grade == "优秀"

    api = client_as("county_admin")
    url = f"/api/v1/evaluations/{evaluation.pk}/awards"
    response = api.post(url, {"cooperative_id": coop.pk}, content_type="application/json")
    assert response.status_code == 409, response.content
    assert "第12条" in response.json()["error"]["message"]
    assert not Award.objects.filter(cooperative=coop).exists()

    svc.standard_check(
        cast.village_secretary,
        cooperative=coop,
        standard=Standard.objects.get(number=12),
        evidence="监事会监督报告已公开",
    )
    response = api.post(url, {"cooperative_id": coop.pk}, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["amount"] == "300000.00"
    assert body["fund_balance_after"] == "9700000.00"
    from lianxin.rural.services.pools import fund_balance

    assert fund_balance(fund) == Decimal("9700000.00")

    response = api.post(url, {"cooperative_id": coop.pk}, content_type="application/json")
    assert response.status_code == 409
    assert response.json()["error"]["message"] == "已获奖补"
    assert fund_balance(fund) == Decimal("9700000.00")

    # The awards page shows the same.
    page = api.get("/rural/awards/")
    assert page.status_code == 200
    assert "9700000.00" in page.content.decode()

    # Rewards from the collective-income increase.
    income_set(coop.village, 2024, "386500.00")
    income_set(coop.village, 2025, "521300.00")
    preview = svc.reward_preview(coop, 2025)
    assert preview["increase"] == Decimal("134800.00")
    response = api.post(
        f"/api/v1/cooperatives/{coop.pk}/rewards", {"year": 2025}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    items = response.json()["items"]
    secretary = [i for i in items if i["role"] == "secretary"]
    managers = [i for i in items if i["role"] == "manager"]
    assert secretary == [
        {"year": 2025, "person": "张学军", "role": "secretary", "increase": "134800.00", "amount": "20220.00"}
    ]
    assert sorted(m["person"] for m in managers) == ["张国庆", "李秀兰", "王志刚"]
    assert {m["amount"] for m in managers} == {"6740.00"}
    assert Reward.objects.filter(cooperative=coop, year=2025).count() == 4
    again = api.post(
        f"/api/v1/cooperatives/{coop.pk}/rewards", {"year": 2025}, content_type="application/json"
    )
    assert again.status_code == 409


def test_rewards_split_to_the_fen_sum_exactly():
    parts = svc.split(Decimal("100.00"), 3)
    assert parts == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    assert sum(parts) == Decimal("100.00")


def test_no_reward_without_an_increase(world, cast):
    coop = jinyin()
    income_set(coop.village, 2024, "386500.00")
    income_set(coop.village, 2025, "380000.00")
    with pytest.raises(DomainError) as error:
        svc.reward_record(cast.county_admin, cooperative=coop, year=2025)
    assert error.value.code == "invalid_state"


def test_a_good_grade_is_not_awarded(world, cast):
    coop = jinyin()
    evaluation = svc.evaluation_create(cast.county_admin, county=world.county, year=2025)
    org_staff, _finance, _agri = scorer_posts(world, cast)
    svc.evaluation_score(org_staff, evaluation=evaluation, cooperative=coop, score=85)
    with pytest.raises(DomainError) as error:
        svc.award_grant(cast.county_admin, evaluation=evaluation, cooperative=coop)
    assert error.value.code == "invalid_state"
    assert "优秀" in error.value.message


def test_only_the_three_departments_score(world, cast):
    coop = jinyin()
    evaluation = svc.evaluation_create(cast.county_admin, county=world.county, year=2025)
    with pytest.raises(DomainError) as error:
        svc.evaluation_score(cast.village_secretary, evaluation=evaluation, cooperative=coop, score=99)
    assert error.value.code == "forbidden"
    # 周立新 is 农业农村局 staff: he scores for it.
    assert svc.department_of(cast.taskforce_head, world.county) == "agriculture"
    svc.evaluation_score(cast.taskforce_head, evaluation=evaluation, cooperative=coop, score=90)


def test_only_the_county_admin_awards(world, cast):
    coop = jinyin()
    evaluation = svc.evaluation_create(cast.county_admin, county=world.county, year=2025)
    with pytest.raises(DomainError) as error:
        svc.award_grant(cast.township_secretary, evaluation=evaluation, cooperative=coop)
    assert error.value.code == "forbidden"
