"""Collective income (P002-27, P002-65): one per village-year, ≥ 0, corrections with a reason and the old
values kept; the tiers per year with their change; the import that lists every bad cell and writes nothing
(scenario 2 of issue 23); page, API and export agree; the roll-up matches its rows."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from lianxin.areas.models import Area, Level
from lianxin.core.errors_domain import DomainError
from lianxin.core.paths import under
from lianxin.rollups.testing import assert_rollup_matches
from lianxin.rural.figures_land import INCOME_KEYS
from lianxin.rural.imports_land import SPEC, incomes_import
from lianxin.rural.models import CollectiveIncome, CollectiveIncomeCorrection
from lianxin.rural.selectors.land import collective_income_total, income_tiers, income_tiers_direct
from lianxin.rural.services.land import collective_income_record

pytestmark = pytest.mark.django_db

SOURCES = ["operating", "contracting", "investment", "subsidy", "other"]


def _villages(world) -> dict[str, Area]:
    return {v.name: v for v in Area.objects.filter(under("path", world.cluster.path), level=Level.VILLAGE)}


def _xlsx(rows: list[dict]) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([str(c.label) for c in SPEC.columns])
    for row in rows:
        sheet.append([row.get(c.key, "") for c in SPEC.columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("东湖2025.xlsx", buffer.getvalue())


def _dongfu_2025(villages, *, bad: bool) -> list[dict]:
    def row(name, operating, contracting="0", investment="0", subsidy="0", other="0", gain="0"):
        return {
            "village_code": villages[name].code,
            "year": "2025",
            "operating": operating,
            "contracting": contracting,
            "investment": investment,
            "subsidy": subsidy,
            "other": other,
            "cooperative_gain": gain,
        }

    return [
        row("张庄村", "280000", "120000", "51300", "40000", "30000", gain="134800"),
        row("李楼村", "90000", "40000", "8000", "20000", "10000", gain="16000"),
        row("王集村", "45000", "30000", "8500", "20000", "-3000" if bad else "0"),
        row("刘堂村", "八万" if bad else "30000", "20000", "0", "20000", "10000" if not bad else "0"),
    ]


def test_the_world_holds_the_2024_incomes(world):
    villages = _villages(world)
    assert collective_income_total(village=villages["张庄村"], year=2024) == Decimal("386500.00")
    assert collective_income_total(village=villages["李楼村"], year=2024) == Decimal("152000.00")
    assert collective_income_total(village=villages["王集村"], year=2024) == Decimal("98000.00")
    assert collective_income_total(village=villages["刘堂村"], year=2024) == Decimal("46000.00")
    assert collective_income_total(village=villages["刘堂村"], year=2019) is None
    for key in INCOME_KEYS:
        assert_rollup_matches(key)


def test_scenario_2_the_import_lists_bad_cells_writes_nothing_then_tiers_move(world, cast, client_as):
    villages = _villages(world)
    secretary = cast.township_secretary
    before = CollectiveIncome.objects.count()

    result = incomes_import(secretary, upload=_xlsx(_dongfu_2025(villages, bad=True)))
    texts = [e["text"] for e in result["errors"]]
    assert "第4行「其他收入」：不能为负数" in texts
    assert "第5行「经营收入」：“八万”不是数字" in texts
    assert result["written"] == 0
    assert CollectiveIncome.objects.count() == before

    result = incomes_import(secretary, upload=_xlsx(_dongfu_2025(villages, bad=False)))
    assert result["errors"] == [] and result["written"] == 4
    totals = {name: collective_income_total(village=v, year=2025) for name, v in villages.items()}
    assert totals == {
        "张庄村": Decimal("521300.00"),
        "李楼村": Decimal("168000.00"),
        "王集村": Decimal("103500.00"),
        "刘堂村": Decimal("80000.00"),
    }
    [y2025] = income_tiers(root=world.cluster, years=[2025])
    assert y2025.villages == 4
    low, high = y2025.tiers
    assert (low["before"], low["count"], low["share"], low["change"]) == (2, 3, Decimal("75.0"), 1)
    assert (high["before"], high["count"], high["change"]) == (0, 1, 1)
    direct = income_tiers_direct(root=world.cluster, year=2025)
    assert direct["tiers"] == [3, 1] and direct["total"] == y2025.total == Decimal("872800.00")
    for key in INCOME_KEYS:
        assert_rollup_matches(key)

    # The page, the API and the export say the same, for the county's organisation department.
    client = client_as("county_admin")
    page = client.get("/rural/income/", {"area": world.cluster.pk, "year": 2025})
    assert page.status_code == 200
    html = page.content.decode()
    assert "3（75.0%）" in html and "2 → 3" in html and "0 → 1" in html
    api = client.get("/api/v1/income-tiers/", {"area_id": world.cluster.pk, "year": 2025}).json()
    last = api["years"][-1]
    assert last["year"] == 2025 and last["villages"] == 4
    assert last["tiers"][0] == {"tier": "100000.00", "count": 3, "share": "75.0", "change": 1}
    assert last["tiers"][1] == {"tier": "500000.00", "count": 1, "share": "25.0", "change": 1}
    assert last["total"] == "872800.00"
    export = client.get("/rural/income/", {"area": world.cluster.pk, "year": 2025, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(export.content)).active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    row_2025 = next(r for r in values if r and r[0] == 2025)
    assert row_2025[1:6] == [4, 3, 75.0, 1, 1] or row_2025[1:6] == [4, 3, Decimal("75.0"), 1, 1]


def test_import_refuses_repeats_unknown_villages_and_recorded_years_without_correction(world, cast):
    villages = _villages(world)
    code = villages["王集村"].code
    rows = [
        {"village_code": code, "year": "2026", "operating": "1000"},
        {"village_code": code, "year": "2026", "operating": "2000"},
        {"village_code": "999999999999", "year": "2026", "operating": "1000"},
        {"village_code": code, "year": "2024", "operating": "1000"},
    ]
    result = incomes_import(cast.township_secretary, upload=_xlsx(rows))
    by_row = {e["row"]: e for e in result["errors"]}
    assert set(by_row) == {3, 4, 5}
    assert by_row[3]["column"] == "村编码" and "第2行" in by_row[3]["message"]
    assert by_row[4]["column"] == "村编码"
    assert by_row[5]["column"] == "更正"
    assert not CollectiveIncome.objects.filter(year=2026).exists()


def test_import_corrects_a_recorded_year_with_its_reason(world, cast):
    villages = _villages(world)
    row = {"village_code": villages["刘堂村"].code, "year": "2024", "operating": "8000",
           "contracting": "20000", "subsidy": "15000", "other": "5000", "correction": "是"}  # fmt: skip
    result = incomes_import(cast.township_secretary, upload=_xlsx([row]))
    assert [e["column"] for e in result["errors"]] == ["原因"]
    row["reason"] = "经营收入漏记2000元"
    result = incomes_import(cast.township_secretary, upload=_xlsx([row]))
    assert result["errors"] == []
    assert collective_income_total(village=villages["刘堂村"], year=2024) == Decimal("48000.00")
    correction = CollectiveIncomeCorrection.objects.get(income__area=villages["刘堂村"], income__year=2024)
    assert correction.old_values["total"] == "46000.00" and correction.reason == "经营收入漏记2000元"
    for key in INCOME_KEYS:
        assert_rollup_matches(key)


def test_record_rules_negative_repeat_correction_and_scope(world, cast):
    villages = _villages(world)
    zhang = villages["张庄村"]
    secretary = cast.village_secretary
    with pytest.raises(DomainError) as refused:
        collective_income_record(secretary, village=zhang, year=2023, amounts={"other": "-1"})
    assert refused.value.code == "invalid" and "不能为负数" in refused.value.message
    with pytest.raises(DomainError) as refused:
        collective_income_record(secretary, village=zhang, year=2024, amounts={"operating": "1"})
    assert refused.value.code == "invalid_state"
    with pytest.raises(DomainError) as refused:
        collective_income_record(
            secretary, village=zhang, year=2024, amounts={"operating": "1"}, correction=True
        )
    assert refused.value.field == "reason"
    with pytest.raises(DomainError) as refused:  # 李楼村 is not his village
        collective_income_record(secretary, village=villages["李楼村"], year=2023, amounts={"operating": "1"})
    assert refused.value.code == "forbidden"
    assert not CollectiveIncome.objects.filter(year=2023).exists()
    row = collective_income_record(
        secretary,
        village=zhang,
        year=2023,
        amounts={"operating": "300000", "other": "12.5"},
        cooperative_gain="5000",
    )
    assert row.total == Decimal("300012.50")
    corrected = collective_income_record(
        secretary,
        village=zhang,
        year=2023,
        amounts={"operating": "310000"},
        correction=True,
        reason="审计调整",
    )
    assert corrected.pk == row.pk and corrected.total == Decimal("310000.00")
    assert corrected.corrections.get().old_values["operating"] == "300000.00"
    for key in INCOME_KEYS:
        assert_rollup_matches(key)


def test_income_page_entry_and_correction_as_the_village_secretary(world, cast, client_as):
    villages = _villages(world)
    client = client_as("village_secretary")
    page = client.get("/rural/income/")
    assert page.status_code == 200 and "张庄村" in page.content.decode()
    response = client.post(
        "/rural/income/",
        {"village": villages["张庄村"].pk, "year": 2022, "operating": "200000", "other": "-5"},
    )
    assert response.status_code == 400 and "不能为负数" in response.content.decode()
    assert not CollectiveIncome.objects.filter(year=2022).exists()
    response = client.post(
        "/rural/income/", {"village": villages["张庄村"].pk, "year": 2022, "operating": "200000"}
    )
    assert response.status_code == 302
    row = CollectiveIncome.objects.get(year=2022, area=villages["张庄村"])
    response = client.post(f"/rural/income/{row.pk}/", {"operating": "210000", "reason": ""})
    assert response.status_code == 400
    response = client.post(f"/rural/income/{row.pk}/", {"operating": "210000", "reason": "补录"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.total == Decimal("210000.00") and row.correction_reason == "补录"
    # Another village's year is outside his scope.
    other = CollectiveIncome.objects.get(year=2024, area=villages["李楼村"])
    assert client.get(f"/rural/income/{other.pk}/").status_code == 404


def test_the_villager_may_not_open_the_income_pages(world, client_as):
    client = client_as("villager")
    assert client.get("/rural/income/").status_code == 403
    assert client.get("/api/v1/income-tiers/").status_code == 403
