"""The cooperatives' pages as each role: the list (county, village secretary, chair), the chair's months and
evidence, a department scoring, the standards' wording, the stakes, a conversion, the county's panel."""

import pytest

from lianxin.areas.models import Household
from lianxin.rural.models import CompanyStake, Conversion, CooperativeMonth, Standard, StandardCheck
from lianxin.rural.services import coops as svc
from lianxin.rural.tests.coops_helpers import jinyin, lilou

pytestmark = pytest.mark.django_db


def test_who_opens_the_list(world, client_as):
    assert client_as("county_admin").get("/rural/cooperatives/").status_code == 200
    chair = client_as("coop_chair")
    page = chair.get("/rural/cooperatives/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "李楼村果蔬专业合作社" in html and "金银花种植专业合作社" not in html
    assert client_as("villager").get("/rural/cooperatives/").status_code == 403
    assert client_as("village_secretary").get("/rural/awards/").status_code == 403
    assert client_as("county_admin").get("/rural/awards/").status_code == 200


def test_the_chair_enters_a_month_and_evidence_on_his_page(world, client_as):
    coop = lilou()
    client = client_as("coop_chair")
    response = client.post(
        f"/rural/cooperatives/{coop.pk}/months/",
        {"month": "2025-08", "person_times": "90", "wages": "10800.00"},
    )
    assert response.status_code == 302
    assert CooperativeMonth.objects.filter(cooperative=coop, month__month=8).get().person_times == 90
    response = client.post(
        f"/rural/cooperatives/{coop.pk}/evidence/", {"standard": "3", "evidence": "社员大会决议已公示"}
    )
    assert response.status_code == 302
    assert StandardCheck.objects.get(cooperative=coop, standard__number=3).evidence == "社员大会决议已公示"
    page = client.get(f"/rural/cooperatives/{coop.pk}/")
    assert 'data-testid="month-form"' in page.content.decode()
    # 张学军 neither chairs nor sees 李楼村's cooperative.
    other = client_as("village_secretary")
    refused = other.post(
        f"/rural/cooperatives/{coop.pk}/months/", {"month": "2025-09", "person_times": "1", "wages": "1"}
    )
    assert refused.status_code == 404


def test_a_refusal_is_shown_and_nothing_written(world, client_as):
    coop = lilou()
    client = client_as("township_secretary")
    response = client.post(
        f"/rural/cooperatives/{coop.pk}/months/",
        {"month": "2025-09", "person_times": "1", "wages": "1"},
        follow=True,
    )
    assert "只有本社理事长可以填报月度用工" in response.content.decode()
    assert not CooperativeMonth.objects.filter(cooperative=coop, month__month=9).exists()


def test_a_department_scores_on_the_evaluation_page(world, cast, client_as):
    evaluation = svc.evaluation_create(cast.county_admin, county=world.county, year=2025)
    client = client_as("taskforce_head")
    page = client.get(f"/rural/evaluations/{evaluation.pk}/")
    assert page.status_code == 200
    assert "农业农村局" in page.content.decode()
    coop = jinyin()
    response = client.post(
        f"/rural/evaluations/{evaluation.pk}/score/", {"cooperative": coop.pk, "score": "91"}
    )
    assert response.status_code == 302
    api = client.get(f"/api/v1/evaluations/{evaluation.pk}").json()
    row = next(r for r in api["rows"] if r["cooperative_id"] == coop.pk)
    assert row["scores"]["agriculture"] == 91.0 and row["scores"]["org"] is None


def test_the_county_words_the_standards(world, client_as):
    client = client_as("county_admin")
    response = client.post(
        "/rural/cooperative-standards/", {"number": "1", "title": "第1条", "text": "有规范章程"}
    )
    assert response.status_code == 302
    assert Standard.objects.get(number=1).text == "有规范章程"
    refused = client_as("village_secretary").post(
        "/rural/cooperative-standards/", {"number": "1", "text": "x"}
    )
    assert refused.status_code == 403


def test_stakes_page_refuses_over_100_percent(world, client_as):
    from lianxin.people.models import Organisation

    company = Organisation.objects.get(name="南湖镇集体经济发展有限公司")
    liutang = next(v for v in world.villages if v.name == "刘堂村")
    client = client_as("township_secretary")
    response = client.post(
        "/rural/company-stakes/",
        {"company": company.pk, "village": liutang.pk, "form": "land", "percent": "30"},
        follow=True,
    )
    assert "超过100%" in response.content.decode()
    assert not CompanyStake.objects.filter(company=company, village=liutang).exists()


def test_a_conversion_keeps_its_checklist_assets_and_shares(world, client_as):
    liutang = next(v for v in world.villages if v.name == "刘堂村")
    client = client_as("township_secretary")
    assert client.post("/rural/conversions/", {"village": liutang.pk, "name": ""}).status_code == 302
    conversion = Conversion.objects.get(village=liutang)
    assert conversion.economic_organisation.kind == "economic_organisation"
    url = f"/rural/conversions/{conversion.pk}/"
    client.post(url, {"what": "step", "step": "asset_verification"})
    client.post(url, {"what": "asset", "name": "村办公楼", "kind": "房屋", "value": "860000.00"})
    household = Household.objects.filter(area_path__startswith=liutang.path).first()
    if household is not None:
        client.post(url, {"what": "share", "household": household.pk, "shares": "1.50"})
        assert conversion.shares.get().shares == 1.5
    conversion.refresh_from_db()
    assert "asset_verification" in conversion.steps_done
    assert conversion.assets.get().name == "村办公楼"
    assert client.get(url).status_code == 200


def test_the_county_panel(world, cast):
    from lianxin.rural.setup_coops import coops_panel

    panel = coops_panel(user=cast.county_admin)
    assert panel["figures"]["total"] >= 3 and panel["figures"]["disposed"] == 1
    assert coops_panel(user=cast.village_secretary) is None
