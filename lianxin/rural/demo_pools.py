"""The pools part's demo rows: ``world_ensure(built)`` the fixed rows of the demo and of the test world,
``demo_load()`` what only the demo county gets (printed by load_demo).

Fixed rows: the county's 合作社发展专项资金 (10,000,000.00 from 巨川县财政局; the coops part pays awards from
it), the county's 示范村扶持资金 (24,000,000.00) with 张庄村's model-village commitment (1,000,000.00 a year,
2025–2027, the 2025 tranche paid), the 东湖示范片区 fund pool (two sources, one allocation), a cadre deployed
from 李楼村 to the 特色产业专班, and the cluster's 党员活动日 with its attendance."""

from datetime import date
from decimal import Decimal

COOP_FUND_NAME = "合作社发展专项资金"
COOP_FUND_AMOUNT = Decimal("10000000.00")
MODEL_FUND_NAME = "示范村扶持资金"
MODEL_FUND_AMOUNT = Decimal("24000000.00")
CLUSTER_FUND_NAME = "东湖示范片区资金池"
CLUSTER_INFLOWS = (
    (Decimal("2000000.00"), "巨川县财政局", "finance", "衔接推进乡村振兴补助资金", date(2025, 2, 20)),
    (Decimal("800000.00"), "巨川县农业农村局", "department", "高标准农田建设配套资金", date(2025, 3, 10)),
)
CLUSTER_ALLOCATION = (Decimal("600000.00"), "烘干车间建设", "张庄村", date(2025, 4, 15))
MODEL_COMMITMENT = ("乡村振兴示范村扶持", "张庄村", Decimal("1000000.00"), 2025, 3)
MODEL_TRANCHE_PAID_ON = date(2025, 3, 20)
DEPLOYED_CADRE = "李建华"
DEPLOYMENT = (date(2026, 3, 1), date(2027, 2, 28), "特色产业", "产业项目对接")
ACTIVITY = (
    "党员活动日",
    date(2026, 11, 5),
    "张庄村党群服务中心",
    "学习党的二十届四中全会精神，片区四村党员共同参加。",
)


def _village(built, name: str):
    return next((v for v in built.villages if v.name == name and v.path.startswith(built.cluster.path)), None)


def world_ensure(built) -> None:
    if built.cluster is None or built.county is None:
        return
    from lianxin.rural.models import Fund

    coop_fund = _fund(
        built.county, COOP_FUND_NAME, ["finance"], "县级合作社发展奖补资金，由县委组织部统筹使用。"
    )
    if not coop_fund.entries.exists():
        _inflow(coop_fund, COOP_FUND_AMOUNT, "巨川县财政局", "finance", "县级财政预算安排", date(2025, 1, 15))
    _model_village(built)
    _cluster_fund(built)
    _deployment(built)
    _activity(built)
    if not Fund.objects.filter(area=built.county, name=COOP_FUND_NAME).exists():
        # The coops part pays its award from this fund: a demo without it is broken, not merely smaller.
        raise RuntimeError(f"the demo fund {COOP_FUND_NAME} is missing")


def _fund(area, name, kinds, note=""):
    from lianxin.rural.models import Fund

    fund = Fund.objects.filter(area=area, name=name).first()
    if fund is None:
        from lianxin.rural.services.pools import fund_create

        fund = fund_create(None, area=area, name=name, source_kinds=kinds, note=note)
    return fund


def _inflow(fund, amount, source, kind, purpose, on):
    from lianxin.rural.services.pools import fund_inflow

    return fund_inflow(
        None, fund=fund, amount=amount, source=source, source_kind=kind, purpose=purpose, occurred_on=on
    )


def _model_village(built) -> None:
    from lianxin.rural.models import FundCommitment
    from lianxin.rural.services.pools import commitment_create, tranche_pay

    fund = _fund(
        built.county, MODEL_FUND_NAME, ["finance", "department"], "统筹整合涉农资金，扶持24个示范村。"
    )
    if not fund.entries.exists():
        _inflow(fund, MODEL_FUND_AMOUNT, "巨川县财政局", "finance", "统筹整合涉农资金", date(2025, 1, 10))
    name, village_name, amount, first_year, years = MODEL_COMMITMENT
    village = _village(built, village_name)
    if village is None or FundCommitment.objects.filter(area=village, name=name).exists():
        return
    commitment = commitment_create(
        None, area=village, name=name, yearly_amount=amount, first_year=first_year, years=years, fund=fund
    )
    tranche_pay(None, tranche=commitment.tranches.get(year=first_year), paid_on=MODEL_TRANCHE_PAID_ON)


def _cluster_fund(built) -> None:
    from lianxin.rural.services.pools import fund_allocate

    fund = _fund(built.cluster, CLUSTER_FUND_NAME, ["finance", "department"], "片区统筹整合的乡村振兴资金。")
    if fund.entries.exists():
        return
    for amount, source, kind, purpose, on in CLUSTER_INFLOWS:
        _inflow(fund, amount, source, kind, purpose, on)
    amount, purpose, village_name, on = CLUSTER_ALLOCATION
    fund_allocate(
        None, fund=fund, amount=amount, purpose=purpose, area=_village(built, village_name), occurred_on=on
    )


def _deployment(built) -> None:
    from lianxin.party.models import OrgKind, PartyOrg
    from lianxin.people.models import Person, Post
    from lianxin.people.roles import Role
    from lianxin.rural.models import CadreDeployment
    from lianxin.rural.services.pools import deployment_create

    if CadreDeployment.objects.filter(cluster=built.cluster).exists():
        return
    lilou = _village(built, "李楼村")
    starts, ends, task_force_name, duty = DEPLOYMENT
    task_force = (
        PartyOrg.objects.filter(kind=OrgKind.TASK_FORCE, area=built.cluster, name__contains=task_force_name)
        .order_by("path")
        .first()
    )
    if lilou is None or task_force is None:
        return
    cadre = Person.objects.filter(name=DEPLOYED_CADRE, area=lilou).first()
    if cadre is None:
        cadre = Person(name=DEPLOYED_CADRE, gender="male", birth_date=date(1986, 5, 12))
        cadre.set_area(lilou)
        cadre.save()
        post = Post(
            person=cadre,
            role=Role.COMMITTEE_MEMBER,
            area=lilou,
            area_path=lilou.path,
            start_date=date(2021, 1, 1),
        )
        post.save()
    deployment_create(
        None,
        cluster=built.cluster,
        person=cadre,
        home_area=lilou,
        to_party_org=task_force,
        starts_on=starts,
        ends_on=ends,
        duty=duty,
    )


def _activity(built) -> None:
    from lianxin.rural.models import ClusterActivity
    from lianxin.rural.services.pools import (
        activity_members,
        activity_schedule,
        attendance_record,
        cluster_branches,
    )

    name, held_on, place, content = ACTIVITY
    if ClusterActivity.objects.filter(cluster=built.cluster, name=name).exists():
        return
    if not cluster_branches(built.cluster).exists():
        return
    activity = activity_schedule(
        None, cluster=built.cluster, name=name, held_on=held_on, place=place, content=content
    )
    members = activity_members(activity)
    # Every fifth member away (外出务工), the rest present.
    present = [person.pk for n, (_branch, person) in enumerate(members) if n % 5 != 4]
    away = {person.pk: "外出务工" for n, (_branch, person) in enumerate(members) if n % 5 == 4}
    attendance_record(None, activity=activity, present_ids=present, absent_note=away)


def demo_load() -> list[str]:
    from lianxin.rural.models import Fund, FundCommitment
    from lianxin.rural.services.pools import fund_balance

    lines = []
    for fund in Fund.objects.order_by("area_path", "name"):
        name = fund.name if fund.name.startswith(fund.area.name) else f"{fund.area.name}{fund.name}"
        lines.append(f"资金池：{name}，余额 {fund_balance(fund):,.2f} 元")
    count = FundCommitment.objects.count()
    if count:
        lines.append(f"扶持承诺：{count} 项")
    return lines
