"""Yearly facts of an area (P000-54, P001-03, P001-04, P003-30, P004-01): recorded by the county, kept with
their history, imported from Excel through the same service, shown on the area page and in the API."""

from datetime import date
from decimal import Decimal

import pytest

from lianxin.areas.dated_facts import area_fact_record, pilot_start
from lianxin.areas.models import AreaFact
from lianxin.audit.models import AuditRecord
from lianxin.core.errors_domain import DomainError
from lianxin.imports.services import batch_confirm, batch_preview
from lianxin.imports.tests.conftest import xlsx_file

pytestmark = pytest.mark.django_db


def test_the_demo_county_has_its_facts_and_the_pilot_start_is_found_from_any_area_in_it(world):
    county = world.county
    current = {
        (f.key, f.year): f.value_display for f in AreaFact.objects.filter(area=county, superseded_at=None)
    }
    assert current[("planned_urban_area", 2021)] == "57"
    assert current[("urbanisation_rate", 2022)] == "51.9"
    assert current[("pilot_start", 2021)] == "2021-07-01"
    assert AreaFact.objects.filter(area=world.city, key="honours").exists()
    assert pilot_start(area=world.estates[0]) == date(2021, 7, 1)


def test_the_county_admin_records_a_fact_and_a_correction_supersedes_it_with_history_and_audit(
    client_as, world
):
    county = world.county
    client = client_as("county_admin")
    url = f"/areas/{county.pk}/facts/"

    response = client.post(
        url, {"key": "online_retail_sales", "year": "2019", "value": "30.5", "source": "统计局"}
    )
    assert response.status_code == 302
    response = client.post(
        url, {"key": "online_retail_sales", "year": "2019", "value": "31.2", "source": "统计局"}
    )
    assert response.status_code == 302

    rows = AreaFact.objects.filter(area=county, key="online_retail_sales", year=2019).order_by("id")
    assert [r.value_decimal for r in rows] == [Decimal("30.5"), Decimal("31.2")]
    old, new = rows
    assert old.superseded_at is not None and old.superseded_by_id == new.pk and new.superseded_at is None
    assert new.recorded_by.username == "county_admin"
    assert AuditRecord.objects.filter(object_type__icontains="areafact", action="update").exists()
    page = client.get(url).content.decode()
    assert "网络零售额" in page and "31.2" in page and "30.5" in page  # the superseded value stays listed


def test_the_form_names_what_is_wrong_and_others_may_read_but_not_record(client_as, world, cast):
    county = world.county
    url = f"/areas/{county.pk}/facts/"
    response = client_as("county_admin").post(
        url, {"key": "urbanisation_rate", "year": "2024", "value": "120"}
    )
    assert response.status_code == 400
    assert "城镇化率" in response.content.decode()
    assert not AreaFact.objects.filter(year=2024, key="urbanisation_rate").exists()

    street = world.streets[0]
    assert client_as("street_secretary").get(f"/areas/{street.pk}/facts/").status_code == 200
    refused = client_as("street_secretary").post(
        f"/areas/{street.pk}/facts/", {"key": "planned_urban_area", "year": "2024", "value": "12"}
    )
    assert refused.status_code == 403
    with pytest.raises(DomainError):
        area_fact_record(
            cast.community_secretary, area=world.communities[0], key="honours", year=2024, value="x"
        )


def test_the_area_page_and_the_api_show_the_facts(client_as, world):
    county = world.county
    page = client_as("county_admin").get(f"/areas/{county.pk}/").content.decode()
    assert 'data-testid="dated-facts"' in page and "城区规划面积" in page and "57" in page

    api = client_as("county_admin").get(f"/api/v1/areas/{county.pk}/facts")
    assert api.status_code == 200
    planned = next(f for f in api.json() if f["key"] == "planned_urban_area")
    assert planned == {
        "key": "planned_urban_area",
        "label": "城区规划面积",
        "year": 2021,
        "value": "57",
        "value_type": "decimal",
        "unit": "平方公里",
        "source": planned["source"],
        "recorded_at": planned["recorded_at"],
        "current": True,
    }
    assert client_as("grid_worker").get(f"/api/v1/areas/{world.streets[1].pk}/facts").status_code == 404


def test_the_excel_import_goes_through_the_same_service_and_rights(world, cast):
    rows = [
        {
            "area_code": world.county.code,
            "fact": "城镇常住人口",
            "year": "2024",
            "value": "116000",
            "source": "统计公报",
        },
        {"area_code": world.county.code, "fact": "pilot_start", "year": "2021", "value": "2021年7月1日"},
    ]
    batch = batch_preview(actor=cast.county_admin, kind="area_facts", upload=xlsx_file("area_facts", rows))
    assert batch.errors == []
    batch_confirm(actor=cast.county_admin, batch=batch)
    assert (
        AreaFact.objects.get(area=world.county, key="urban_resident_population", year=2024).value_decimal
        == 116000
    )

    refused = batch_preview(
        actor=cast.community_secretary,
        kind="area_facts",
        upload=xlsx_file("area_facts", [{**rows[0], "area_code": world.communities[0].code}]),
    )
    assert refused.errors and "县" in refused.errors[0]["message"]


def test_the_dashboard_offers_since_the_pilot_from_the_recorded_start_date(client_as, world):
    from lianxin.dashboard.selectors import choice_from

    choice = choice_from({"period": "since_pilot", "area": str(world.estates[0].pk)}, today=date(2026, 12, 7))
    assert (choice.period.kind, choice.period.start, choice.period.end) == (
        "since_pilot",
        date(2021, 7, 1),
        date(2026, 12, 6),
    )
    assert "试点以来" in choice.caption

    page = client_as("county_admin").get(f"/dashboard/?period=since_pilot&area={world.county.pk}")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'value="since_pilot" selected' in html and "试点以来（2021-07-01" in html


def test_workers_per_10k_divide_by_the_recorded_urban_resident_population(world):
    from lianxin.core.scope import under
    from lianxin.dashboard.practices import workers_per_10k
    from lianxin.people.models import Post
    from lianxin.people.roles import Role

    area_fact_record(None, area=world.county, key="urban_resident_population", year=2030, value="120000")
    posts = Post.objects.current().filter(under("area_path", world.county.path), role=Role.COMMUNITY_WORKER)
    workers = posts.count()

    [practice] = workers_per_10k(area=world.county)

    assert practice.value == round(workers / 120000 * 10000, 1)
    assert "120000" in practice.note and "2030" in practice.note
