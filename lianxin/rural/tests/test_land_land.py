"""Land (P000-10, P000-11, P002-20, P002-77): contracted farmland, transfer and trusteeship contracts (only
those in force count), mu-times, consolidations; scenario 5 of issue 23 over the selectors, the page, the
API and the export; the roll-up matches its rows."""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from lianxin.areas.models import Area, Level
from lianxin.core.errors_domain import DomainError
from lianxin.core.paths import under
from lianxin.rollups.testing import assert_rollup_matches
from lianxin.rural.figures_land import LAND_KEYS
from lianxin.rural.models import Consolidation, LandContract
from lianxin.rural.selectors.land import land_figures, land_figures_direct
from lianxin.rural.services.land import (
    consolidation_record,
    farmland_record,
    land_contract_end,
    land_contract_record,
)

pytestmark = pytest.mark.django_db
ON = date(2026, 6, 30)


def _village(world, name) -> Area:
    return Area.objects.get(under("path", world.cluster.path), level=Level.VILLAGE, name=name)


def test_scenario_5_transfer_rate_mu_times_and_consolidation(world):
    liutang = _village(world, "刘堂村")
    figures = land_figures(root=liutang, year=2026, on=ON)
    assert figures["contracted_mu"] == Decimal("3400.00")
    assert figures["transferred_mu"] == Decimal("1530.00")  # the 460 mu expired at the end of 2024
    assert figures["transfer_rate"] == Decimal("45.0")
    assert figures["trusteeship_mu"] == Decimal("900.00")
    assert figures["trusteeship_mu_times"] == Decimal("2700.00")
    direct = land_figures_direct(root=liutang, year=2026, on=ON)
    assert direct["transferred_mu"] == figures["transferred_mu"]
    assert direct["contracted_mu"] == figures["contracted_mu"]
    # In 2024 the expired contract was still in force.
    assert land_figures(root=liutang, year=2024, on=date(2024, 12, 31))["transferred_mu"] == Decimal(
        "1990.00"
    )
    # The cluster and the county sum the same (only 刘堂村 has contracts in the world).
    county = land_figures(root=world.county, year=2026, on=ON)
    assert county["transferred_mu"] == Decimal("1530.00") and county["trusteeship_mu_times"] == Decimal(
        "2700.00"
    )
    township = Consolidation.objects.get(name="南湖镇小田并大田")
    assert township.gain_per_thousand_mu == Decimal("50.00")
    assert township.income_per_thousand_mu == Decimal("4000.00")
    year = land_figures(root=world.county, year=2025, on=date(2025, 12, 31))
    assert year["planted_gain_mu"] == Decimal("500.00")
    assert year["gain_per_thousand_mu"] == Decimal("50.00") and year["income_per_thousand_mu"] == Decimal(
        "4000.00"
    )
    for key in LAND_KEYS:
        assert_rollup_matches(key)


def test_scenario_5_page_api_and_export_agree(world, client_as):
    liutang = _village(world, "刘堂村")
    client = client_as("county_admin")
    today = date.today()
    page = client.get("/rural/land/", {"area": liutang.pk, "year": today.year})
    assert page.status_code == 200
    html = page.content.decode()
    assert "3400.00" in html and "1530.00" in html and "45.0" in html and "2700.00" in html
    api = client.get("/api/v1/land-figures/", {"area_id": liutang.pk, "year": today.year}).json()
    assert api["contracted_mu"] == "3400.00" and api["transferred_mu"] == "1530.00"
    assert api["transfer_rate"] == "45.0" and api["trusteeship_mu_times"] == "2700.00"
    contracts = client.get(
        "/api/v1/land-contracts/", {"area_id": liutang.pk, "in_force_on": today.isoformat()}
    )
    body = contracts.json()
    assert body["count"] == 3
    assert sorted(c["mu"] for c in body["items"]) == ["1000.00", "530.00", "900.00"]
    export = client.get("/rural/land/", {"area": liutang.pk, "year": today.year, "format": "xlsx"})
    book = load_workbook(io.BytesIO(export.content))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row]
    assert "1530.00" in cells and "45.0" in cells
    consolidation = client.get("/api/v1/land-figures/", {"area_id": world.county.pk, "year": 2025}).json()
    assert consolidation["gain_per_thousand_mu"] == "50.00"
    assert consolidation["income_per_thousand_mu"] == "4000.00"


def test_contracts_count_only_while_in_force_and_an_early_end(world, cast):
    zhang = _village(world, "张庄村")
    secretary = cast.village_secretary
    farmland_record(secretary, village=zhang, year=2026, contracted_mu="2000")
    contract = land_contract_record(
        secretary,
        village=zhang,
        kind="trusteeship",
        mu="500",
        links=2,
        link_names="耕、收",
        counterparty="巨川县农业社会化服务中心",
        starts_on=date(2026, 3, 1),
        ends_on=date(2027, 12, 31),
    )
    assert land_figures(root=zhang, year=2026, on=date(2026, 2, 28))["trusteeship_mu"] == 0
    assert land_figures(root=zhang, year=2026, on=ON)["trusteeship_mu_times"] == Decimal("1000.00")
    assert land_figures(root=zhang, year=2027, on=date(2027, 6, 1))["trusteeship_mu_times"] == Decimal(
        "1000.00"
    )
    land_contract_end(secretary, contract=contract, ends_on=date(2026, 12, 31))
    assert land_figures(root=zhang, year=2027, on=date(2027, 6, 1))["trusteeship_mu"] == 0
    assert land_figures(root=zhang, year=2027, on=date(2027, 6, 1))["trusteeship_mu_times"] == 0
    transfer = land_contract_record(
        secretary,
        village=zhang,
        kind="transfer",
        mu="700",
        links=3,  # a transfer has one link
        counterparty="张庄村金银花种植专业合作社",
        starts_on=date(2026, 1, 1),
        ends_on=date(2030, 12, 31),
    )
    assert transfer.links == 1
    assert land_figures(root=zhang, year=2026, on=ON)["transfer_rate"] == Decimal("35.0")
    for key in LAND_KEYS:
        assert_rollup_matches(key)


def test_bad_land_input_is_refused_and_nothing_written(world, cast):
    zhang = _village(world, "张庄村")
    secretary = cast.village_secretary
    before = LandContract.objects.count()
    cases = [
        {"mu": "0"},
        {"mu": "-5"},
        {"mu": "十亩"},
        {"ends_on": date(2025, 1, 1)},
        {"counterparty": ""},
        {"links": 11, "kind": "trusteeship"},
        {"kind": "lease"},
    ]
    for change in cases:
        values = {
            "village": zhang,
            "kind": "transfer",
            "mu": "10",
            "counterparty": "某合作社",
            "starts_on": date(2026, 1, 1),
            "ends_on": date(2027, 1, 1),
            **change,
        }
        with pytest.raises(DomainError) as refused:
            land_contract_record(secretary, **values)
        assert refused.value.code == "invalid", change
    with pytest.raises(DomainError) as refused:
        land_contract_record(
            secretary,
            village=_village(world, "李楼村"),
            kind="transfer",
            mu="10",
            counterparty="某合作社",
            starts_on=date(2026, 1, 1),
            ends_on=date(2027, 1, 1),
        )
    assert refused.value.code == "forbidden"
    assert LandContract.objects.count() == before
    with pytest.raises(DomainError):
        consolidation_record(
            cast.township_secretary,
            area=zhang,
            name="",
            year=2026,
            mu="100",
            planted_before="90",
            planted_after="100",
            income_gained="1000",
        )


def test_land_pages_record_as_the_village_secretary_and_refuse_the_villager(world, client_as):
    zhang = _village(world, "张庄村")
    client = client_as("village_secretary")
    assert client.get("/rural/land/").status_code == 200
    response = client.post(
        "/rural/land/contracts/",
        {
            "village": zhang.pk,
            "kind": "transfer",
            "mu": "120",
            "counterparty": "张庄村种植大户",
            "starts_on": "2026-01-01",
            "ends_on": "2028-12-31",
        },
    )
    assert response.status_code == 302
    contract = LandContract.objects.get(area=zhang, counterparty="张庄村种植大户")
    assert client.get(f"/rural/land/contracts/{contract.pk}/").status_code == 200
    response = client.post(f"/rural/land/contracts/{contract.pk}/", {"ends_on": "2025-01-01"})
    assert response.status_code == 400  # before it starts
    response = client.post(f"/rural/land/contracts/{contract.pk}/", {"ends_on": "2027-06-30"})
    assert response.status_code == 302
    contract.refresh_from_db()
    assert contract.ends_on == date(2027, 6, 30)
    liutang = LandContract.objects.filter(area=_village(world, "刘堂村")).first()
    assert client.get(f"/rural/land/contracts/{liutang.pk}/").status_code == 404
    villager = client_as("villager")
    assert villager.get("/rural/land/").status_code == 403
    assert villager.get("/api/v1/land-figures/").status_code == 403


def test_the_daily_reminder_tells_the_village_secretary_a_month_before_a_contract_ends_and_on_its_day(
    world, cast
):
    from datetime import timedelta

    from lianxin.notifications.models import Outbox
    from lianxin.rural.tasks import REMINDERS, contract_expiry_reminders, reminders_run

    zhang = _village(world, "张庄村")
    ends = date(2027, 3, 31)
    contract = LandContract.objects.create(
        kind=LandContract._meta.get_field("kind").choices[0][0],
        area=zhang,
        mu=Decimal("120.00"),
        counterparty="提醒测试种植大户",
        starts_on=date(2024, 4, 1),
        ends_on=ends,
    )
    assert contract_expiry_reminders in REMINDERS

    def told(on):
        before = set(Outbox.objects.filter(verb="rural.contract_ending").values_list("pk", flat=True))
        reminders_run(on)
        return list(Outbox.objects.filter(verb="rural.contract_ending").exclude(pk__in=before))

    month_before = told(ends - timedelta(days=30))
    assert [n.url for n in month_before] == [f"/rural/land/contracts/{contract.pk}/"]
    assert cast.village_secretary.person_id in month_before[0].targets["persons"]
    assert "提醒测试种植大户" in month_before[0].title
    assert told(ends - timedelta(days=29)) == []
    assert len(told(ends)) == 1
