"""The cooperatives' rules: the list's figures (page, API, Excel agree), boards lacking, the chair's months,
status and disposition, stakes over 100 %, the indicator function, finances import."""

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from lianxin.core.errors_domain import DomainError
from lianxin.people.models import Organisation
from lianxin.rural.models import CompanyStake, Cooperative, CooperativeMonth
from lianxin.rural.selectors import coops as sel
from lianxin.rural.services import coops as svc
from lianxin.rural.tests.coops_helpers import jinyin, lilou

pytestmark = pytest.mark.django_db


def test_county_figures_agree_on_page_api_and_excel(world, cast, client_as):
    client = client_as("county_admin")
    body = client.get("/api/v1/cooperatives/").json()
    figures = body["figures"]
    names = {i["name"] for i in body["items"]}
    assert {"金银花种植专业合作社", "李楼村果蔬专业合作社", "王集村养殖专业合作社"} <= names
    assert figures["standard"] == {"cooperatives": 2, "standard": 1, "share": 50.0}
    assert figures["by_disposition"]["close"] == 1
    assert figures["chaired_by_secretary"] == 1
    assert figures["lacking_either"] == 1  # 李楼村果蔬专业合作社: no supervisory board
    assert figures["cross_appointed"] == 1 and figures["board_people"] == 7
    assert figures["person_times"] == 1276 and figures["wages"] == "153120.00"
    assert [c["name"] for c in figures["per_cluster"]] == ["东湖示范片区"]
    assert figures["per_cluster"][0]["share"] == 50.0
    page = client.get("/rural/cooperatives/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "153120.00" in html and "50.0%" in html
    export = client.get("/rural/cooperatives/?format=xlsx")
    assert export.status_code == 200
    sheet = load_workbook(BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) - 1 == body["count"]
    lacking = client.get("/api/v1/cooperatives/", {"lacking": "either"}).json()
    assert [i["name"] for i in lacking["items"]] == ["李楼村果蔬专业合作社"]


def test_a_village_secretary_sees_his_cooperative_only(world, cast, client_as):
    client = client_as("village_secretary")
    names = [i["name"] for i in client.get("/api/v1/cooperatives/").json()["items"]]
    assert names == ["金银花种植专业合作社"]
    other = lilou()
    assert client.get(f"/api/v1/cooperatives/{other.pk}").status_code == 404
    assert client.get(f"/rural/cooperatives/{jinyin().pk}/").status_code == 200


def test_only_the_chair_enters_months(world, cast, client_as):
    coop = lilou()
    with pytest.raises(DomainError) as error:
        svc.month_record(
            cast.township_secretary, cooperative=coop, month="2025-07", person_times=10, wages="1200"
        )
    assert error.value.code == "forbidden"
    client = client_as("coop_chair")
    response = client.post(
        f"/api/v1/cooperatives/{coop.pk}/months",
        {"month": "2025-07", "person_times": 150, "wages": "18000.00"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json() == {"month": "2025-07", "person_times": 150, "wages": "18000.00"}
    assert CooperativeMonth.objects.filter(cooperative=coop).count() == 7
    page = client.get(f"/rural/cooperatives/{coop.pk}/")
    assert page.status_code == 200 and "171120.00" in page.content.decode()
    # 张学军 chairs the other cooperative: not this one.
    other = client_as("village_secretary")
    refused = other.post(
        f"/api/v1/cooperatives/{jinyin().pk}/months",
        {"month": "2025-07", "person_times": -1, "wages": "1"},
        content_type="application/json",
    )
    assert refused.status_code in (400, 422)


def test_status_lifecycle_and_dispositions(world, cast):
    coop = lilou()
    with pytest.raises(DomainError) as error:
        svc.cooperative_status_set(cast.county_admin, cooperative=coop, status="running", disposition="merge")
    assert error.value.code == "invalid"
    svc.cooperative_status_set(cast.county_admin, cooperative=coop, status="shell", disposition="merge")
    coop.refresh_from_db()
    assert coop.disposition == "merge"
    with pytest.raises(DomainError) as error:
        svc.cooperative_status_set(cast.county_admin, cooperative=coop, status="running")
    assert error.value.code == "invalid_state"
    figures = sel.coop_figures(sel.coop_rows(sel.cooperatives_for(user=cast.county_admin)))
    assert figures["by_disposition"]["merge"] == 1 and figures["by_disposition"]["close"] == 1
    assert [h.to_status for h in coop.status_changes.order_by("id")][-1] == "shell"


def test_stakes_over_100_percent_refused(world, cast, client_as):
    company = Organisation.objects.get(name="南湖镇集体经济发展有限公司")
    assert sum(CompanyStake.objects.filter(company=company).values_list("percent", flat=True)) == Decimal(
        "75.00"
    )
    liutang = next(v for v in world.villages if v.name == "刘堂村")
    with pytest.raises(DomainError) as error:
        svc.stake_record(cast.township_secretary, company=company, village=liutang, form="land", percent="30")
    assert error.value.code == "invalid"
    assert "105.00%" in error.value.message
    assert not CompanyStake.objects.filter(company=company, village=liutang).exists()
    svc.stake_record(cast.township_secretary, company=company, village=liutang, form="land", percent="25")
    assert CompanyStake.objects.filter(company=company).count() == 4


def test_indicator_function_reads_the_standards(world):
    from lianxin.assessment.scoring_functions import Subject, indicator_function

    function = indicator_function("cooperative_standards")
    coop = jinyin()

    class _Scheme:
        area_path = world.county.path
        period_end = __import__("datetime").date(2025, 12, 31)

    value = function.fn(scheme=_Scheme, subject=Subject(organisation=coop.organisation))
    assert value.value == round(11 * 100 / 12, 2)
    assert value.inputs["standards_met"] == 11


def test_finances_import_writes_a_summary(world, cast):
    from lianxin.imports.specs.base import Context, Row
    from lianxin.rural.imports_coops import SPEC

    coop = jinyin()
    values = {
        "village_code": coop.village.code,
        "cooperative": coop.name,
        "year": "2025",
        "fixed_assets": "1200000.00",
        "equity_change": "-5000.50",
        "dividends": "42000",
        "surplus_distributed": "63000.00",
    }
    ctx = Context(cast.county_admin)
    SPEC.write(Row(SPEC, 2, values), ctx)
    finance = coop.finances.get(year=2025)
    assert finance.equity_change == Decimal("-5000.50") and finance.dividends == Decimal("42000.00")


def test_registering_a_cooperative_needs_a_village_cooperative(world, cast):
    org = Organisation.objects.create(
        kind="cooperative",
        name="刘堂村粮食种植专业合作社",
        area=next(v for v in world.villages if v.name == "刘堂村"),
    )
    coop = svc.cooperative_register(
        cast.county_admin, organisation=org, member_households=30, party_member_households=9
    )
    assert coop.status == "running" and coop.status_changes.count() == 1
    with pytest.raises(DomainError) as error:
        svc.cooperative_register(cast.county_admin, organisation=org)
    assert error.value.code == "invalid_state"
    assert Cooperative.objects.filter(organisation=org).count() == 1
