"""Building captains (P004-13, P000-37), stationed units (P001-41), property fees (P004-30), 五有 (P004-08),
the indicator-function registry (P002-73), and page = API = export for the same user."""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from lianxin.assessment.models import CaptainAward, Result, Source, SubjectKind
from lianxin.assessment.scoring_functions import (
    FunctionValue,
    Subject,
    indicator_function_register,
    indicator_functions,
)
from lianxin.assessment.services.scoring import (
    captain_award,
    five_have_tick,
    mark_record,
    results_refresh,
    scheme_create,
    survey_answer,
)
from lianxin.core.errors_domain import DomainError
from lianxin.people.models import Department

from .scoring_helpers import WANJIA, company, company_scheme, households_with_accounts, serve

pytestmark = pytest.mark.django_db


def _scheme(actor, area, kind, indicators, **kw):
    return scheme_create(
        actor,
        name=kw.get("name", "测试方案"),
        subject_kind=kind,
        area=area,
        period_start=kw.get("period_start", date(2026, 7, 1)),
        period_end=kw.get("period_end", date(2026, 12, 31)),
        entry_opens=date(2026, 11, 1),
        entry_closes=date(2027, 1, 29),
        indicators=indicators,
    )


def test_captains_are_scored_by_branch_and_residents_ranked_in_estate_and_awarded(cast, places, clock):
    scheme = _scheme(
        cast.community_secretary, places.community, SubjectKind.BUILDING_CAPTAIN,
        [{"name": "小区党支部评分", "weight": 50, "source": Source.MARK},
         {"name": "居民评价", "weight": 50, "source": Source.SURVEY}],
    )  # fmt: skip
    captain = cast.building_captain.person
    indicator = scheme.indicators.get(source=Source.MARK)
    mark_record(
        cast.community_secretary, scheme=scheme, indicator=indicator,
        subject=Subject(person=captain, area=places.estate), score=90,
    )  # fmt: skip
    for n, user in enumerate(households_with_accounts(places.estate, 4)):
        survey_answer(user, scheme=scheme, satisfied=n < 3)
    results_refresh(scheme=scheme)
    row = Result.objects.filter(scheme=scheme, subject_person=captain).order_by("-batch").first()
    assert row.score == Decimal("82.50") and row.grade == "良好" and row.rank == 1
    assert row.subject_area == places.estate
    captain_award(cast.community_secretary, scheme=scheme, person=captain)
    captain_award(cast.community_secretary, scheme=scheme, person=captain)  # once only
    assert CaptainAward.objects.filter(year=2026, title="优秀楼长").count() == 1


def test_a_street_scores_its_stationed_units_shown_unblended_in_the_unit_file(cast, places, clock, client_as):
    unit = Department.objects.filter(area_path=places.street.path).order_by("name").first()
    scheme = _scheme(
        cast.street_secretary, places.street, SubjectKind.STATIONED_UNIT,
        [{"name": "街道评价", "weight": 100, "source": Source.MARK}], name="凤凰街道派驻单位评价",
    )  # fmt: skip
    mark_record(
        cast.street_secretary, scheme=scheme, indicator=scheme.indicators.get(),
        subject=Subject(department=unit), score=88,
    )  # fmt: skip
    page = client_as("street_secretary").get(f"/assessment/units/{unit.pk}/")
    assert page.status_code == 200
    assert "88.00" in page.content.decode() and "凤凰街道派驻单位评价" in page.content.decode()
    api = client_as("street_secretary").get(f"/api/v1/results/?department_id={unit.pk}").json()
    assert [float(i["score"]) for i in api["items"]] == [88.0]
    # A county unit working in the street: its staff read the street's score in the unit's file.
    bureau = cast.dept_staff.person.posts.get().department
    mark_record(
        cast.street_secretary, scheme=scheme, indicator=scheme.indicators.get(),
        subject=Subject(department=bureau), score=85,
    )  # fmt: skip
    own = client_as("dept_staff").get(f"/assessment/units/{bureau.pk}/").content.decode()
    assert 'data-testid="result-count">1<' in own and "85.00" in own
    assert client_as("dept_staff").get(f"/assessment/units/{unit.pk}/").status_code == 404


def test_fees_billing_start_and_collection_rate_page_api_export(cast, places, clock, client_as):
    serve(places.estate, company(WANJIA), start=date(2024, 1, 1))
    client = client_as("community_secretary")
    early = client.post(
        "/api/v1/fee-records/",
        {"estate_id": places.estate.pk, "year": 2026, "billing_start": "2023-12-01", "due_yuan": "100000",
         "collected_yuan": "85000", "households": 120},
        content_type="application/json",
    )  # fmt: skip
    assert early.status_code == 400 and early.json()["error"]["message"] == "计费起始日早于物业服务开始日"
    done = client.post(
        "/api/v1/fee-records/",
        {"estate_id": places.estate.pk, "year": 2026, "billing_start": "2024-01-01", "due_yuan": "100000",
         "collected_yuan": "85000", "households": 120},
        content_type="application/json",
    )  # fmt: skip
    assert done.status_code == 201 and done.json()["rate_percent"] == 85.0 and done.json()["below_target"]
    api = client.get("/api/v1/fee-records/?year=2026").json()
    assert api["figures"]["records"] == 1 and api["figures"]["rate_percent"] == 85.0
    assert api["figures"]["below_target"] == 1 and api["figures"]["target_percent"] == 90.0
    page = client.get("/assessment/fees/?year=2026").content.decode()
    assert 'data-testid="fee-rate">85.0<' in page and 'data-testid="below-target">1<' in page
    sheet = load_workbook(io.BytesIO(client.get("/assessment/fees/export/?year=2026").content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][-1] == 85.0
    # The property company's staff reads his company's fees, and may not record any.
    staff = client_as("property_staff")
    assert staff.get("/api/v1/fee-records/").json()["figures"]["records"] == 1
    assert staff.post("/assessment/fees/", {}).status_code == 403


def test_five_haves_meet_the_standard_only_at_five(cast, places, clock, client_as):
    with pytest.raises(DomainError) as refused:
        five_have_tick(cast.community_secretary, estate=places.estate, item="place", evidence="")
    assert refused.value.message == "“有明亮场所”缺少佐证"
    items = ["place", "staff", "funds", "rules", "assessment"]
    for item in items[:4]:
        five_have_tick(cast.community_secretary, estate=places.estate, item=item, evidence=f"{item}照片")
    client = client_as("community_secretary")
    api = client.get(f"/api/v1/five-haves/?area_id={places.community.pk}").json()
    assert api["figures"]["meeting"] == 0
    five_have_tick(cast.community_secretary, estate=places.estate, item="assessment", evidence="考核办法")
    api = client.get(f"/api/v1/five-haves/?area_id={places.community.pk}").json()
    estates = api["figures"]["estates"]
    assert api["figures"]["meeting"] == 1 and api["figures"]["share"] == round(100 / estates, 1)
    page = client.get(f"/assessment/five-haves/?area={places.community.pk}").content.decode()
    assert f'data-testid="meeting-share">{round(100 / estates, 1)}<' in page


def test_another_app_registers_an_indicator_function_and_a_scheme_takes_it(cast, places, clock):
    """P002-73: the rural issue's cooperatives will register their function this way."""

    def cooperative_income(*, scheme, subject):
        return FunctionValue(70.0, {"cooperatives": 2})

    indicator_function_register("test_cooperative_income", cooperative_income, "合作社增收（测试）")
    try:
        wanjia = company(WANJIA)
        serve(places.estate, wanjia)
        scheme = company_scheme(
            cast.community_secretary, places.community, weights=(50, 30, 20), third_source=Source.FUNCTION,
            function="test_cooperative_income",
        )  # fmt: skip
        results_refresh(scheme=scheme)
        row = Result.objects.filter(scheme=scheme, subject_organisation=wanjia).order_by("-batch").first()
        function_input = row.inputs[str(scheme.indicators.get(source=Source.FUNCTION).pk)]
        assert function_input["value"] == 70.0 and function_input["cooperatives"] == 2
        assert row.score == Decimal("14.00")  # 70 × 20 %, no mark nor answer yet
    finally:
        indicator_functions()  # the registry is module state: drop the test's function
        from lianxin.assessment import scoring_functions

        scoring_functions._registry.pop("test_cooperative_income", None)
    with pytest.raises(DomainError) as refused:
        company_scheme(
            cast.community_secretary,
            places.community,
            third_source=Source.FUNCTION,
            function="no_such_function",
        )
    assert refused.value.field == "indicators"


def test_pages_api_and_export_show_the_same_results(cast, places, clock, client_as):
    wanjia = company(WANJIA)
    serve(places.estate, wanjia)
    scheme = company_scheme(cast.community_secretary, places.community)
    mark_record(
        cast.community_secretary, scheme=scheme, indicator=scheme.indicators.all()[0],
        subject=Subject(organisation=wanjia), score=72,
    )  # fmt: skip
    client = client_as("community_secretary")
    page = client.get(f"/assessment/schemes/{scheme.pk}/").content.decode()
    api = client.get(f"/api/v1/schemes/{scheme.pk}").json()
    count = api["figures"]["results"]  # every company serving the community's estates
    assert count >= 1 and f'data-testid="result-count">{count}<' in page
    mine = [r for r in api["results"] if r["subject_name"] == WANJIA]
    assert float(mine[0]["score"]) == 36.0 and ">36.00<" in page
    sheet = load_workbook(io.BytesIO(client.get(f"/assessment/schemes/{scheme.pk}/export/").content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == count + 1
    assert [float(r[3]) for r in rows[1:] if r[1] == WANJIA] == [36.0] and rows[1][6] == "是"
    # The company's staff reads its result, read-only; the reviewer reads the page but may not mark.
    staff = client_as("property_staff")
    assert staff.get("/api/v1/results/").json()["figures"]["results"] == 1
    assert staff.get("/assessment/results/").status_code == 200
    reviewer = client_as("reviewer")
    assert reviewer.get(f"/assessment/schemes/{scheme.pk}/").status_code == 200
    post = reviewer.post(f"/assessment/schemes/{scheme.pk}/", {"action": "mark"})
    assert post.status_code == 403
    # Out of scope: a resident gets 404.
    assert client_as("resident").get(f"/api/v1/schemes/{scheme.pk}").status_code == 404
    # The weights refused on the page with the Chinese message, nothing saved (client_as signs the one
    # test client in again).
    client = client_as("community_secretary")
    bad = client.post(
        "/assessment/schemes/",
        {"name": "错误方案", "subject_kind": "property_company", "area": places.community.pk,
         "period_start": "2026-01-01", "period_end": "2026-12-31", "entry_opens": "2026-11-01",
         "entry_closes": "2027-01-29", "indicators": "社区评价|50|mark\n居民评价|45|survey"},
    )  # fmt: skip
    assert bad.status_code == 400 and "权重合计95%，应为100%" in bad.content.decode()
