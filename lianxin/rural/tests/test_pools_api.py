"""The pools API and pages as the roles use them: money as strings, 409 over the balance with nothing
written, the same balances on the page, in the API and in the export; the township secretary's cluster;
rights (403 pages for a village secretary, 404 for another's record)."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from lianxin.rural import demo_pools
from lianxin.rural.models import Fund, FundCommitment, FundEntry, Tranche
from lianxin.rural.services.pools import fund_balance

pytestmark = pytest.mark.django_db

JSON = "application/json"


def _coop_fund(world):
    return Fund.objects.get(area=world.county, name=demo_pools.COOP_FUND_NAME)


def _cluster_fund(world):
    return Fund.objects.get(area=world.cluster, name=demo_pools.CLUSTER_FUND_NAME)


def test_funds_api_page_and_export_agree(world, client_as):
    api = client_as("county_admin")
    fund = _cluster_fund(world)
    listed = api.get("/api/v1/funds/").json()
    item = next(i for i in listed["items"] if i["id"] == fund.pk)
    assert (
        item["balance"] == "2200000.00"
        and item["inflow"] == "2800000.00"
        and item["allocated"] == "600000.00"
    )
    assert api.get(f"/api/v1/funds/{fund.pk}").json()["balance"] == "2200000.00"
    entries = api.get(f"/api/v1/funds/{fund.pk}/entries").json()["items"]
    assert [e["kind"] for e in entries].count("inflow") == 2 and entries[0]["amount"] == "600000.00"
    page = api.get("/rural/pools/")
    assert page.status_code == 200
    assert "2200000.00" in page.content.decode()
    book = openpyxl.load_workbook(io.BytesIO(api.get("/rural/pools/funds.xlsx").content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    row = next(r for r in rows if r[1] == demo_pools.CLUSTER_FUND_NAME)
    assert Decimal(str(row[4])) == Decimal("2200000.00")


def test_allocate_over_the_balance_is_409_and_nothing_written(world, client_as):
    api = client_as("county_admin")
    fund = _cluster_fund(world)
    count = FundEntry.objects.filter(fund=fund).count()
    refused = api.post(
        f"/api/v1/funds/{fund.pk}/allocations",
        {"amount": "2200000.01", "purpose": "道路硬化"},
        content_type=JSON,
        HTTP_IDEMPOTENCY_KEY="pools-over-1",
    )
    assert refused.status_code == 409
    assert "资金余额不足" in refused.content.decode()
    assert FundEntry.objects.filter(fund=fund).count() == count
    bad = api.post(
        f"/api/v1/funds/{fund.pk}/allocations", {"amount": "-1", "purpose": "x"}, content_type=JSON
    )
    assert bad.status_code == 400
    done = api.post(
        f"/api/v1/funds/{fund.pk}/allocations",
        {"amount": "200000.00", "purpose": "道路硬化", "area_id": world.cluster.pk},
        content_type=JSON,
        HTTP_IDEMPOTENCY_KEY="pools-alloc-1",
    )
    assert done.status_code == 201 and done.json()["balance_after"] == "2000000.00"
    again = api.post(
        f"/api/v1/funds/{fund.pk}/allocations",
        {"amount": "200000.00", "purpose": "道路硬化", "area_id": world.cluster.pk},
        content_type=JSON,
        HTTP_IDEMPOTENCY_KEY="pools-alloc-1",
    )
    assert again.json()["id"] == done.json()["id"]
    assert fund_balance(fund) == Decimal("2000000.00")
    inflow = api.post(
        f"/api/v1/funds/{fund.pk}/inflows",
        {"amount": "50000.00", "source": "对口帮扶单位", "source_kind": "support"},
        content_type=JSON,
    )
    assert inflow.status_code == 201 and inflow.json()["balance_after"] == "2050000.00"


def test_the_township_secretary_reads_his_cluster_only(world, cast, client_as):
    api = client_as("township_secretary")
    names = {i["name"] for i in api.get("/api/v1/funds/").json()["items"]}
    assert names == {demo_pools.CLUSTER_FUND_NAME}
    assert api.get(f"/api/v1/funds/{_coop_fund(world).pk}").status_code == 404
    refused = api.post(
        f"/api/v1/funds/{_cluster_fund(world).pk}/allocations",
        {"amount": "1.00", "purpose": "x"},
        content_type=JSON,
    )
    assert refused.status_code == 403
    page = api.get(f"/rural/pools/clusters/{world.cluster.pk}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert demo_pools.DEPLOYED_CADRE in body and "党员活动日" in body
    assert api.get("/rural/pools/").status_code == 200
    counts = api.get("/api/v1/cadre-deployments/counts").json()
    assert counts["clusters"][0]["cadres"] == counts["total"] > 0


def test_a_village_secretary_has_no_pools_page(world, client_as):
    api = client_as("village_secretary")
    assert api.get("/rural/pools/").status_code == 403
    assert api.get("/api/v1/funds/").json()["items"] == []


def test_commitments_api_and_tranche_pay(world, client_as):
    api = client_as("county_admin")
    listed = api.get("/api/v1/fund-commitments/").json()
    zhang = next(i for i in listed["items"] if i["area_name"] == "张庄村")
    assert zhang["paid"] == "1000000.00" and zhang["pending"] == "2000000.00"
    years = {y["year"]: y for y in listed["years"]}
    assert years[2025]["paid"] == "1000000.00"
    tranche = Tranche.objects.get(commitment_id=zhang["id"], year=2026)
    paid = api.post(
        f"/api/v1/fund-commitments/{zhang['id']}/tranches/{tranche.pk}/pay",
        {"paid_on": "2026-03-25"},
        content_type=JSON,
    )
    assert paid.status_code == 200 and paid.json()["paid"] == "2000000.00"
    again = api.post(
        f"/api/v1/fund-commitments/{zhang['id']}/tranches/{tranche.pk}/pay", {}, content_type=JSON
    )
    assert again.status_code == 409
    fund = FundCommitment.objects.get(pk=zhang["id"]).fund
    assert fund_balance(fund) == Decimal("22000000.00")
    page = api.get(f"/rural/pools/commitments/{zhang['id']}/").content.decode()
    assert "2000000.00" in page
    book = openpyxl.load_workbook(io.BytesIO(api.get("/rural/pools/commitments.xlsx").content))
    rows = [r for r in book.worksheets[0].iter_rows(values_only=True) if r[0] == "张庄村"]
    assert sum(Decimal(str(r[3])) for r in rows if r[5]) == Decimal("2000000.00")


def test_activity_and_assessment_through_the_api(world, client_as):
    api = client_as("township_secretary")
    made = api.post(
        "/api/v1/cluster-activities/",
        {"cluster_id": world.cluster.pk, "name": "主题党日", "held_on": "2026-12-01"},
        content_type=JSON,
    )
    assert made.status_code == 201
    activity = made.json()
    assert len(activity["branches"]) >= 4 and activity["members"] == 0
    detail = api.get(f"/api/v1/cluster-activities/{activity['id']}").json()
    assert detail["name"] == "主题党日"
    bad = api.post(
        "/api/v1/cluster-assessments/",
        {"cluster_id": world.cluster.pk, "year": 2026, "indicators": [{"name": "党建", "weight": "60"}]},
        content_type=JSON,
    )
    assert bad.status_code == 400 and "100" in bad.content.decode()
    scheme = api.post(
        "/api/v1/cluster-assessments/",
        {
            "cluster_id": world.cluster.pk,
            "year": 2026,
            "indicators": [{"name": "党建", "weight": "60"}, {"name": "产业", "weight": "40"}],
        },
        content_type=JSON,
    ).json()
    villages = {v.name: v.pk for v in world.villages if v.path.startswith(world.cluster.path)}
    ind = [i["id"] for i in scheme["indicators"]]
    scores = [
        {"village_id": villages["李楼村"], "indicator_id": ind[0], "score": "90"},
        {"village_id": villages["李楼村"], "indicator_id": ind[1], "score": "80"},
        {"village_id": villages["张庄村"], "indicator_id": ind[0], "score": "70"},
    ]
    ranked = api.post(
        f"/api/v1/cluster-assessments/{scheme['id']}/scores", {"scores": scores}, content_type=JSON
    )
    assert ranked.status_code == 200
    top = ranked.json()["ranking"][0]
    assert top["village_name"] == "李楼村" and top["score"] == "86.00" and top["rank"] == 1
    page = api.get(f"/rural/pools/schemes/{scheme['id']}/").content.decode()
    assert "86.00" in page


def test_reminders_notify_once_when_due_and_once_when_overdue(world):
    from lianxin.notifications.models import Outbox
    from lianxin.rural.tasks import REMINDERS, reminders_run, tranche_reminders

    assert tranche_reminders in REMINDERS
    before = Outbox.objects.filter(verb="rural.tranche_due").count()
    first = reminders_run(date(2026, 3, 10))["tranche_reminders"]
    assert first >= 1
    assert reminders_run(date(2026, 3, 11))["tranche_reminders"] == 0
    assert reminders_run(date(2026, 4, 2))["tranche_reminders"] >= 1
    assert Outbox.objects.filter(verb="rural.tranche_due").count() - before >= 2
