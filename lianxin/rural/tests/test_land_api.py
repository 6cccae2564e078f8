"""The land part's API: collective incomes (record, correct, import: 400 with every bad cell and nothing
written), income tiers, land contracts, farmland and consolidations; money as strings; rights."""

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from lianxin.areas.models import Area, Level
from lianxin.core.paths import under
from lianxin.rural.imports_land import SPEC
from lianxin.rural.models import CollectiveIncome, Consolidation, FarmlandRecord

pytestmark = pytest.mark.django_db


def _village(world, name) -> Area:
    return Area.objects.get(under("path", world.cluster.path), level=Level.VILLAGE, name=name)


def _xlsx(rows) -> io.BytesIO:
    workbook = Workbook()
    workbook.active.append([str(c.label) for c in SPEC.columns])
    for row in rows:
        workbook.active.append([row.get(c.key, "") for c in SPEC.columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "收入.xlsx"
    return buffer


def test_record_and_correct_a_collective_income_over_the_api(world, client_as):
    wangji = _village(world, "王集村")
    client = client_as("township_secretary")
    body = {"village_id": wangji.pk, "year": 2023, "operating": "50000", "other": "1000.5"}
    response = client.post("/api/v1/collective-incomes/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["total"] == "51000.50" and data["other"] == "1000.50" and data["village"] == "王集村"
    again = client.post("/api/v1/collective-incomes/", body, content_type="application/json")
    assert again.status_code == 409
    negative = {**body, "year": 2022, "subsidy": "-1"}
    response = client.post("/api/v1/collective-incomes/", negative, content_type="application/json")
    assert response.status_code == 400 and "不能为负数" in response.json()["error"]["message"]
    assert not CollectiveIncome.objects.filter(area=wangji, year=2022).exists()
    fix = {**body, "operating": "52000", "correction": True, "reason": "账目调整"}
    response = client.post("/api/v1/collective-incomes/", fix, content_type="application/json")
    assert response.status_code == 200 and response.json()["total"] == "53000.50"
    listing = client.get("/api/v1/collective-incomes/", {"area_id": wangji.pk, "year": 2023}).json()
    assert listing["count"] == 1 and listing["items"][0]["total"] == "53000.50"
    one = client.get(f"/api/v1/collective-incomes/{listing['items'][0]['id']}").json()
    assert one["correction_reason"] == "账目调整"


def test_import_over_the_api_answers_400_with_every_bad_cell(world, client_as):
    wangji, liutang = _village(world, "王集村"), _village(world, "刘堂村")
    client = client_as("township_secretary")
    rows = [
        {"village_code": wangji.code, "year": "2021", "operating": "1000", "other": "-3000"},
        {"village_code": liutang.code, "year": "2021", "operating": "八万"},
    ]
    response = client.post("/api/v1/collective-incomes/import", {"file": _xlsx(rows)})
    assert response.status_code == 400
    texts = [r["text"] for r in response.json()["error"]["rows"]]
    assert texts == ["第2行「其他收入」：不能为负数", "第3行「经营收入」：“八万”不是数字"]
    assert not CollectiveIncome.objects.filter(year=2021).exists()
    rows[0]["other"], rows[1]["operating"] = "3000", "80000"
    response = client.post("/api/v1/collective-incomes/import", {"file": _xlsx(rows)})
    assert response.status_code == 200 and response.json() == {"written": 2}
    assert CollectiveIncome.objects.get(area=liutang, year=2021).total == Decimal("80000.00")


def test_income_tiers_and_per_capita_over_the_api(world, client_as):
    client = client_as("county_admin")
    data = client.get("/api/v1/income-tiers/", {"area_id": world.cluster.pk, "year": 2024}).json()
    y2024 = data["years"][-1]
    assert y2024["year"] == 2024 and y2024["villages"] == 4
    assert y2024["tiers"][0]["count"] == 2 and y2024["tiers"][0]["share"] == "50.0"
    assert y2024["total"] == "682500.00" and y2024["cooperative_gain"] == "85000.00"
    assert y2024["gain_villages"] == 2 and y2024["gain_average"] == "42500.00"
    [compare] = data["per_capita"]
    assert compare["cluster_value"] == "23200.00" and compare["county_value"] == "20000.00"
    assert compare["above"] == "16.0"
    page = client.get("/rural/income/", {"area": world.cluster.pk, "year": 2024}).content.decode()
    assert "16.0" in page and "23200.00" in page


def test_land_writes_over_the_api(world, client_as):
    zhang = _village(world, "张庄村")
    client = client_as("village_secretary")
    response = client.post(
        "/api/v1/land-figures/farmland",
        {"village_id": zhang.pk, "year": 2026, "contracted_mu": "2600.5"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["contracted_mu"] == "2600.50"
    assert FarmlandRecord.objects.get(area=zhang, year=2026).contracted_mu == Decimal("2600.50")
    response = client.post(
        "/api/v1/land-contracts/",
        {"village_id": zhang.pk, "kind": "trusteeship", "mu": "300", "links": 4, "counterparty": "服务中心",
         "starts_on": "2026-01-01", "ends_on": "2026-12-31"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 201 and response.json()["mu_times"] == "1200.00"
    response = client.post(
        "/api/v1/land-contracts/",
        {"village_id": zhang.pk, "kind": "transfer", "mu": "-3", "counterparty": "某人",
         "starts_on": "2026-01-01", "ends_on": "2026-12-31"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 400
    response = client.post(
        "/api/v1/land-figures/consolidations",
        {"area_id": zhang.pk, "name": "张庄村小田并大田", "year": 2026, "mu": "1000", "planted_before": "950",
         "planted_after": "1000", "income_gained": "4000"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 201
    assert response.json()["gain_per_thousand_mu"] == "50.00"
    assert Consolidation.objects.filter(area=zhang).count() == 1


def test_outsiders_are_refused(world, client_as):
    villager = client_as("villager")
    for path in ["/api/v1/collective-incomes/", "/api/v1/income-tiers/", "/api/v1/land-contracts/"]:
        assert villager.get(path).status_code == 403
