"""The land part's demo rows: ``world_ensure(built)`` the fixed rows of the demo and of the test world,
``demo_load()`` what only the demo county gets (printed by load_demo).

Fixed (docs/rural/land.md "演示"): the 东湖 villages' 2024 collective incomes (张庄村 386,500.00, 李楼村
152,000.00, 王集村 98,000.00, 刘堂村 46,000.00); 刘堂村's land (3,400 mu contracted; transfers of 1,000 and
530 mu in force and one of 460 mu expired: 45.0 %; a trusteeship of 900 mu × 3 links = 2,700 亩次); 南湖镇's
小田并大田 (10,000 mu, 9,500 → 10,000 planted, +40,000.00: 50 mu and 4,000.00 per 1,000 mu); the rural
per-capita disposable income of 东湖示范片区 (23,200.00) and 巨川县 (20,000.00) in 2024: 16.0 % above.
"""

import random
from datetime import date
from decimal import Decimal

from django.db import transaction

from lianxin.areas.models import Area, Level
from lianxin.core.paths import ancestor_paths, under

INCOMES_2024 = {
    # village: (经营收入, 发包及上交收入, 投资收益, 补助收入, 其他收入, 合作社带动)
    "张庄村": ("210000.00", "86500.00", "40000.00", "30000.00", "20000.00", "60000.00"),
    "李楼村": ("72000.00", "40000.00", "10000.00", "20000.00", "10000.00", "25000.00"),
    "王集村": ("38000.00", "30000.00", "0.00", "20000.00", "10000.00", "0.00"),
    "刘堂村": ("6000.00", "20000.00", "0.00", "15000.00", "5000.00", "0.00"),
}
FARMLAND_MU = Decimal("3400.00")
# (kind, mu, links, link names, counterparty, from, to)
LIUTANG_CONTRACTS = [
    ("transfer", "1000.00", 1, "", "巨川县鲁丰家庭农场", date(2023, 1, 1), date(2032, 12, 31)),
    ("transfer", "530.00", 1, "", "刘堂村金穗种植专业合作社", date(2024, 3, 1), date(2029, 2, 28)),
    ("transfer", "460.00", 1, "", "巨川县绿源农业有限公司", date(2019, 1, 1), date(2024, 12, 31)),
    (
        "trusteeship",
        "900.00",
        3,
        "耕、种、收",
        "巨川县农业社会化服务中心",
        date(2025, 1, 1),
        date(2030, 12, 31),
    ),
]
CONSOLIDATION = {
    "name": "南湖镇小田并大田",
    "year": 2025,
    "mu": Decimal("10000.00"),
    "planted_before": Decimal("9500.00"),
    "planted_after": Decimal("10000.00"),
    "income_gained": Decimal("40000.00"),
    "partner": "巨川县农业社会化服务中心",
    "cooperatives": 10,
}
DEMO_CLUSTER = "东湖示范片区"
PER_CAPITA_2024 = {"cluster": Decimal("23200.00"), "county": Decimal("20000.00")}


def _apply(contributions: dict) -> None:
    from lianxin.rural.services.land import _apply as apply_difference

    apply_difference({}, contributions)


def _income_create(village: Area, year: int, values) -> bool:
    from lianxin.rural.figures_land import income_contributions
    from lianxin.rural.models import INCOME_SOURCES, CollectiveIncome

    if CollectiveIncome.objects.filter(area=village, year=year).exists():
        return False
    row = CollectiveIncome(area=village, year=year)
    for (name, _label), value in zip(INCOME_SOURCES, values[:5], strict=True):
        setattr(row, name, Decimal(value))
    row.cooperative_gain = Decimal(values[5])
    row.save()
    _apply(income_contributions(row))
    return True


def world_ensure(built) -> None:
    from lianxin.rural.figures_land import contract_contributions, farmland_contributions
    from lianxin.rural.models import Consolidation, FarmlandRecord, LandContract, RuralIncomeFigure

    if built.cluster is None:
        return
    villages = {
        v.name: v
        for v in Area.objects.filter(under("path", built.cluster.path), level=Level.VILLAGE).order_by("path")
    }
    if not all(name in villages for name in INCOMES_2024):
        return
    with transaction.atomic():
        for name, values in INCOMES_2024.items():
            _income_create(villages[name], 2024, values)
        liutang = villages["刘堂村"]
        for year in (2025, 2026):
            if not FarmlandRecord.objects.filter(area=liutang, year=year).exists():
                row = FarmlandRecord.objects.create(area=liutang, year=year, contracted_mu=FARMLAND_MU)
                _apply(farmland_contributions(row))
        if not LandContract.objects.filter(area=liutang).exists():
            for kind, mu, links, link_names, counterparty, starts_on, ends_on in LIUTANG_CONTRACTS:
                contract = LandContract.objects.create(
                    area=liutang,
                    kind=kind,
                    mu=Decimal(mu),
                    links=links,
                    link_names=link_names,
                    counterparty=counterparty,
                    starts_on=starts_on,
                    ends_on=ends_on,
                )
                _apply(contract_contributions(contract))
        township = Area.objects.filter(
            level=Level.TOWNSHIP, path__in=ancestor_paths(built.cluster.path, include_self=False)
        ).first()
        if township is not None and not Consolidation.objects.filter(name=CONSOLIDATION["name"]).exists():
            Consolidation.objects.create(area=township, **CONSOLIDATION)
        for area, value in (
            (built.cluster, PER_CAPITA_2024["cluster"]),
            (built.county, PER_CAPITA_2024["county"]),
        ):
            RuralIncomeFigure.objects.get_or_create(area=area, year=2024, defaults={"per_capita": value})


def _village_income(rng: random.Random, year: int, base: int) -> tuple:
    """Five sources summing to about ``base`` grown some 8 % a year from 2020."""
    total = int(base * (1.08 ** (year - 2020)) * rng.uniform(0.9, 1.1))
    shares = [0.45, 0.25, 0.08, 0.15, 0.07]
    parts = [Decimal(int(total * s)) for s in shares]
    gain = Decimal(int(total * rng.uniform(0, 0.15))) if rng.random() < 0.4 else Decimal(0)
    return (*[f"{p:.2f}" for p in parts], f"{gain:.2f}")


def demo_load() -> list[str]:
    """The demo county's villages: collective incomes 2020–2024 (the fixed 2024 ones kept), and contracted
    farmland for this year."""
    from lianxin.rural.figures_land import farmland_contributions
    from lianxin.rural.models import FarmlandRecord

    cluster = Area.objects.filter(level=Level.CLUSTER, name=DEMO_CLUSTER).order_by("path").first()
    county = (
        Area.objects.filter(level=Level.COUNTY, path__in=ancestor_paths(cluster.path)).first()
        if cluster
        else None
    )
    if county is None:
        return []
    rng = random.Random(23)  # noqa: S311 - reproducible fictional figures  # nosec B311
    villages = list(Area.objects.filter(under("path", county.path), level=Level.VILLAGE).order_by("path"))
    written = 0
    this_year = date.today().year
    with transaction.atomic():
        for village in villages:
            base = rng.choice([30000, 60000, 90000, 140000, 260000, 450000])
            for year in range(2020, 2025):
                written += _income_create(village, year, _village_income(rng, year, base))
            if not FarmlandRecord.objects.filter(area=village, year=this_year).exists():
                row = FarmlandRecord.objects.create(
                    area=village, year=this_year, contracted_mu=Decimal(rng.randrange(1500, 5000))
                )
                _apply(farmland_contributions(row))
    return [f"村集体经济收入：{len(villages)} 个村 2020—2024 年，新增 {written} 条"]
