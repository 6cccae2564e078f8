"""The pools rows in the demo world: P002-06 (cadre pool), P002-07 (fund pool), P002-08 (activity pool),
P002-09 (assessment pool), P002-17 (model-village commitment): the fixed demo rows, the rules behind them,
and the numbers the page, the API and the export share."""

from datetime import date
from decimal import Decimal

import pytest

from lianxin.areas.models import Level
from lianxin.core.errors_domain import DomainError
from lianxin.rural import demo_pools
from lianxin.rural.models import CadreDeployment, ClusterActivity, ClusterAttendance, Fund, FundCommitment
from lianxin.rural.selectors import pools as sel
from lianxin.rural.services import pools as svc

pytestmark = pytest.mark.django_db


def _village(world, name):
    return next(v for v in world.villages if v.name == name and v.path.startswith(world.cluster.path))


def test_the_coop_fund_holds_ten_million(world):
    fund = Fund.objects.get(area=world.county, name=demo_pools.COOP_FUND_NAME)
    assert svc.fund_balance(fund) >= Decimal("0.00")
    inflow = fund.entries.get(kind="inflow")
    assert inflow.amount == Decimal("10000000.00")
    assert inflow.source == "巨川县财政局"


def test_the_cluster_pool_has_two_sources_and_an_allocation(world, cast):
    fund = Fund.objects.get(area=world.cluster, name=demo_pools.CLUSTER_FUND_NAME)
    assert sorted(fund.entries.filter(kind="inflow").values_list("source", flat=True)) == [
        "巨川县农业农村局",
        "巨川县财政局",
    ]
    assert svc.fund_balance(fund) == Decimal("2200000.00")
    # The township secretary reads his cluster's pool, not the county's funds.
    rows = {r.fund.name: r for r in sel.funds_for(cast.township_secretary)}
    assert set(rows) == {demo_pools.CLUSTER_FUND_NAME}
    assert rows[demo_pools.CLUSTER_FUND_NAME].balance == Decimal("2200000.00")
    assert demo_pools.COOP_FUND_NAME in {r.fund.name for r in sel.funds_for(cast.county_admin)}


def test_model_village_commitment_paid_and_pending(world, cast):
    zhang = _village(world, "张庄村")
    commitment = FundCommitment.objects.get(area=zhang)
    row = sel.commitment_row(commitment)
    assert [t.year for t in row.tranches] == [2025, 2026, 2027]
    assert row.paid == Decimal("1000000.00")
    assert row.pending == Decimal("2000000.00")
    paid = row.tranches[0]
    assert paid.entry is not None and paid.entry.amount == Decimal("1000000.00")
    assert paid.entry.source_object == paid
    years = {y.year: y for y in sel.year_totals(sel.commitments_for(cast.county_admin))}
    assert years[2025].paid == Decimal("1000000.00") and years[2026].pending == Decimal("1000000.00")
    with pytest.raises(DomainError) as again:
        svc.tranche_pay(cast.county_admin, tranche=paid)
    assert again.value.code == "invalid_state"


def test_a_second_village_adds_to_the_county_total_per_year(world, cast):
    wangji = _village(world, "王集村")
    before = {y.year: y.committed for y in sel.year_totals(sel.commitments_for(cast.county_admin))}
    commitment = svc.commitment_create(
        cast.county_admin,
        area=wangji,
        name="乡村振兴示范村扶持",
        yearly_amount="1000000.00",
        first_year=2026,
        years=3,
    )
    assert commitment.tranches.count() == 3
    after = {y.year: y.committed for y in sel.year_totals(sel.commitments_for(cast.county_admin))}
    assert after[2026] - before.get(2026, Decimal(0)) == Decimal("1000000.00")
    assert after[2028] - before.get(2028, Decimal(0)) == Decimal("1000000.00")
    with pytest.raises(DomainError):
        svc.commitment_create(
            cast.township_secretary, area=wangji, name="x", yearly_amount="1.00", first_year=2026, years=1
        )


def test_cadre_pool_counts_each_cadre_once(world, cast):
    deployment = CadreDeployment.objects.get(cluster=world.cluster)
    assert deployment.person.name == demo_pools.DEPLOYED_CADRE
    assert deployment.to_party_org.kind == "task_force"
    roster = sel.cluster_roster(world.cluster, on=date(2026, 6, 1))
    names = [r.person.name for r in roster]
    assert len(names) == len({r.person.pk for r in roster})
    assert demo_pools.DEPLOYED_CADRE in names
    row = next(r for r in roster if r.person.name == demo_pools.DEPLOYED_CADRE)
    assert row.deployment == deployment and row.home.name == "李楼村"
    # Deploy 张学军 to 王集村 too: he stays one cadre of the cluster.
    zhang_secretary = cast.village_secretary.person
    before = sel.cadre_counts(cast.county_admin, on=date(2026, 6, 1))
    svc.deployment_create(
        cast.township_secretary,
        cluster=world.cluster,
        person=zhang_secretary,
        home_area=_village(world, "张庄村"),
        to_area=_village(world, "王集村"),
        starts_on=date(2026, 5, 1),
        ends_on=date(2026, 10, 31),
    )
    after = sel.cadre_counts(cast.county_admin, on=date(2026, 6, 1))
    assert after["total"] == before["total"]
    ours = next(c for c in after["clusters"] if c["cluster"].pk == world.cluster.pk)
    assert ours["cadres"] == len(roster)
    with pytest.raises(DomainError) as twice:
        svc.deployment_create(
            cast.township_secretary,
            cluster=world.cluster,
            person=zhang_secretary,
            home_area=_village(world, "张庄村"),
            to_area=_village(world, "刘堂村"),
            starts_on=date(2026, 10, 1),
        )
    assert twice.value.code == "invalid_state"
    with pytest.raises(DomainError) as forbidden:
        svc.deployment_create(
            cast.village_secretary,
            cluster=world.cluster,
            person=zhang_secretary,
            home_area=_village(world, "张庄村"),
            to_area=_village(world, "刘堂村"),
            starts_on=date(2027, 1, 1),
        )
    assert forbidden.value.code == "forbidden"


def test_the_activity_day_is_held_for_every_branch_with_attendance(world):
    activity = ClusterActivity.objects.get(cluster=world.cluster, name="党员活动日")
    branches = list(activity.branches.all())
    villages = {b.area.name for b in branches if b.area.level == Level.VILLAGE}
    assert {"张庄村", "李楼村", "王集村", "刘堂村"} <= villages
    groups = sel.activity_attendance(activity)
    assert sum(g.members for g in groups) == ClusterAttendance.objects.filter(activity=activity).count() > 0
    assert 0 < sum(g.present for g in groups) < sum(g.members for g in groups)
    zhang_branch = next(b for b in branches if b.area.name == "张庄村" and b.kind == "branch")
    record = sel.branch_activities(zhang_branch)
    assert record[0]["activity"] == activity
    assert (
        record[0]["members"]
        == ClusterAttendance.objects.filter(activity=activity, branch=zhang_branch).count()
    )


def test_attendance_refuses_a_stranger(world, cast):
    activity = svc.activity_schedule(
        cast.township_secretary, cluster=world.cluster, name="主题党日", held_on=date(2026, 12, 1)
    )
    members = svc.activity_members(activity)
    assert members
    rows = svc.attendance_record(cast.township_secretary, activity=activity, present_ids=[members[0][1].pk])
    assert len(rows) == len(members) and sum(r.present for r in rows) == 1
    with pytest.raises(DomainError):
        svc.attendance_record(
            cast.township_secretary, activity=activity, present_ids=[cast.county_admin.person_id]
        )


def test_village_assessment_weights_and_ranking(world, cast):
    with pytest.raises(DomainError) as bad:
        svc.assessment_create(
            cast.township_secretary,
            cluster=world.cluster,
            year=2026,
            name="",
            indicators="党建引领 30\n产业发展 40",
        )
    assert bad.value.code == "invalid" and "100" in bad.value.message
    scheme = svc.assessment_create(
        cast.township_secretary,
        cluster=world.cluster,
        year=2026,
        name="",
        indicators="党建引领 30\n产业发展 40\n乡村治理 30",
    )
    indicators = list(scheme.indicators.order_by("order"))
    villages = {v.name: v for v in sel.cluster_villages(world.cluster)}
    marks = {"张庄村": (95, 90, 92), "李楼村": (88, 80, 85), "王集村": (70, 75, 80), "刘堂村": (90, 60, 70)}
    scores = {
        (villages[name].pk, ind.pk): str(value)
        for name, values in marks.items()
        for ind, value in zip(indicators, values, strict=True)
    }
    assert svc.assessment_scores(cast.township_secretary, scheme=scheme, scores=scores) == 12
    ranking = sel.scheme_ranking(scheme)
    assert [r.subject_area.name for r in ranking] == ["张庄村", "李楼村", "王集村", "刘堂村"]
    assert ranking[0].score == Decimal("92.10")  # 95×30% + 90×40% + 92×30%
    assert [r.rank for r in ranking] == [1, 2, 3, 4]


def test_pool_rows_follow_a_village_moved_elsewhere(world, cast):
    from lianxin.areas.services import area_move

    wangji = _village(world, "王集村")
    commitment = svc.commitment_create(
        None, area=wangji, name="乡村振兴示范村扶持", yearly_amount="1000000.00", first_year=2026, years=1
    )
    other = next(t for t in world.townships if not world.cluster.path.startswith(t.path))
    moved = area_move(actor=cast.county_admin, area=wangji, new_parent=other)
    commitment.refresh_from_db()
    assert commitment.area_path == moved.path
    assert commitment.tranches.get().area_path == moved.path
