"""The industry part's demo rows: ``world_ensure(built)`` the fixed rows of the demo and of the test world,
``demo_load()`` what only the demo county gets (printed by load_demo).

In 东湖示范片区: the leading enterprise 巨川县金源农业发展有限公司; the specialty-industry project 东湖金银花
特色产业项目 (中心村张庄村 + 金银花 + 龙头企业, 特色产业专班) with five beneficiaries (mean 20,000.00 a year);
the base 东湖羊肚菌产业基地 (规模农业专班; 12,000,000.00 invested, 5,100,000.00 output, 196,000.00
collective-income gain); a reserve project and a variety put to use; the park 东湖现代高效农业产业园, the belt
南湖镇金银花产业带 (across the township's villages), the 三田合一 pilot (100 / 1,000 / 10,000 mu); the brand
龙麟 (李楼村果蔬专业合作社, green and pollution-free, trademark 47263158); the training base
东湖片区抓党建促乡村振兴实训基地 (张庄村). The county's 绿色食品产业链 has all six links, 生物医药产业链 four.
"""

from datetime import date
from decimal import Decimal

from lianxin.areas.models import Level, Place, PlaceDesignation
from lianxin.core.paths import under
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.party.models.chains import ChainLink, IndustryChain
from lianxin.people.models import Organisation, OrganisationKind
from lianxin.rural.models import (
    Beneficiary,
    Brand,
    BrandOwner,
    Certification,
    Park,
    ParkKind,
    ParkStatus,
    Project,
    ProjectKind,
    ProjectStage,
)

ENTERPRISE = "巨川县金源农业发展有限公司"
SPECIALTY = "东湖金银花特色产业项目"
BASE = "东湖羊肚菌产业基地"
BENEFICIARIES = [
    ("王秀芝", Decimal("20000.00")),
    ("张桂兰", Decimal("18000.00")),
    ("李长河", Decimal("22000.00")),
    ("王德胜", Decimal("21000.00")),
    ("刘玉梅", Decimal("19000.00")),
]
TRAINING_BASE = "东湖片区抓党建促乡村振兴实训基地"
BRAND = "龙麟"
CLUSTER_BRAND = "东湖金银花产业发展示范片区"
TRADEMARK = "47263158"
CHAIN_LINKS = {
    "绿色食品产业链": list(ChainLink.values),
    "生物医药产业链": [ChainLink.PLANTING, ChainLink.PROCESSING, ChainLink.RESEARCH, ChainLink.SALES],
}


def _village(built, name: str):
    return next(v for v in built.villages if v.name == name and v.path.startswith(built.cluster.path))


def _task_force(cluster, name: str):
    return (
        PartyOrg.objects.filter(kind=OrgKind.TASK_FORCE, area=cluster, name__contains=name)
        .order_by("path")
        .first()
    )


def world_ensure(built) -> None:
    cluster = getattr(built, "cluster", None)
    if cluster is None:
        return
    if Project.objects.filter(area=cluster, name=SPECIALTY).exists():
        _cluster_brand_ensure(cluster)
        chain_links_ensure(built.county)
        return
    zhang, lilou = _village(built, "张庄村"), _village(built, "李楼村")
    wangji, liutang = _village(built, "王集村"), _village(built, "刘堂村")
    township = next(t for t in built.townships if cluster.path.startswith(t.path))
    enterprise, _created = Organisation.objects.get_or_create(
        kind=OrganisationKind.AGRI_ENTERPRISE,
        name=ENTERPRISE,
        defaults={"area": cluster, "area_path": cluster.path},
    )
    specialty_force = _task_force(cluster, "特色产业")
    farming_force = _task_force(cluster, "规模农业")
    efficient_force = _task_force(cluster, "高效农业")

    def project(name, kind, stage, *, task_force, villages=(), **values):
        p = Project.objects.create(
            name=name,
            kind=kind,
            stage=stage,
            area=cluster,
            area_path=cluster.path,
            task_force=task_force,
            **values,
        )
        p.villages.set(villages)
        return p

    specialty = project(
        SPECIALTY,
        ProjectKind.SPECIALTY,
        ProjectStage.OPERATING,
        task_force=specialty_force,
        central_village=zhang,
        villages=[zhang, lilou, wangji],
        industry="金银花",
        enterprise=enterprise,
        investment=Decimal("3500000.00"),
        started_on=date(2024, 3, 1),
        description="中心村+特色产业+龙头企业：张庄村牵头，金银花种植加工，带动周边三村。",
    )
    Beneficiary.objects.bulk_create(
        Beneficiary(project=specialty, area_path=cluster.path, name=name, annual_increase=amount)
        for name, amount in BENEFICIARIES
    )
    project(
        BASE,
        ProjectKind.BASE,
        ProjectStage.OPERATING,
        task_force=farming_force,
        central_village=liutang,
        villages=[liutang, wangji],
        industry="羊肚菌",
        investment=Decimal("12000000.00"),
        output_value=Decimal("5100000.00"),
        collective_income_gain=Decimal("196000.00"),
        started_on=date(2024, 5, 1),
    )
    project(
        "刘堂村设施农业大棚项目",
        ProjectKind.RESERVE,
        ProjectStage.RESERVE,
        task_force=farming_force,
        villages=[liutang],
        industry="设施农业",
    )
    project(
        "金银花新品种“东湖1号”推广",
        ProjectKind.TECHNOLOGY,
        ProjectStage.TRANSFERRED,
        task_force=efficient_force,
        villages=[zhang],
        industry="金银花",
        started_on=date(2025, 4, 1),
    )
    park = Park.objects.create(
        name="东湖现代高效农业产业园",
        kind=ParkKind.MODERN_PARK,
        status=ParkStatus.OPERATING,
        area=cluster,
        area_path=cluster.path,
        industry="金银花、果蔬",
        started_on=date(2025, 3, 15),
        support_technology=True,
        support_finance=True,
        support_utilities=True,
        support_note="县农业农村局技术指导；合作社发展专项资金；水电配套到田",
    )
    park.villages.set([zhang, lilou])
    park.enterprises.set([enterprise])
    belt = Park.objects.create(
        name="南湖镇金银花产业带",
        kind=ParkKind.BELT,
        status=ParkStatus.OPERATING,
        area=township,
        area_path=township.path,
        industry="金银花",
        started_on=date(2023, 9, 1),
        support_technology=True,
    )
    belt_villages = [
        v for v in built.villages if v.path.startswith(township.path) and v.level == Level.VILLAGE
    ]
    belt.villages.set(belt_villages)
    Park.objects.create(
        name="东湖三田合一试点",
        kind=ParkKind.THREE_FIELDS,
        status=ParkStatus.BUILDING,
        area=cluster,
        area_path=cluster.path,
        industry="良种繁育",
        started_on=date(2025, 9, 1),
        support_technology=True,
        support_utilities=True,
        trial_mu=Decimal("100.00"),
        demonstration_mu=Decimal("1000.00"),
        field_mu=Decimal("10000.00"),
    ).villages.set([zhang, lilou, wangji, liutang])
    coop = Organisation.objects.filter(kind=OrganisationKind.COOPERATIVE, name="李楼村果蔬专业合作社").first()
    if coop is not None:
        Brand.objects.create(
            name=BRAND,
            owner_kind=BrandOwner.COOPERATIVE,
            area=coop.area,
            area_path=coop.area.path,
            organisation=coop,
            products="果蔬（西红柿、秋葵）",
            certification=Certification.GREEN_POLLUTION_FREE,
            trademark_number=TRADEMARK,
            registered_on=date(2024, 8, 20),
        )
    designation = PlaceDesignation.objects.filter(code="training_base").first()
    if designation is not None and not Place.objects.filter(name=TRAINING_BASE).exists():
        place = Place.objects.create(
            name=TRAINING_BASE, area=zhang, area_path=zhang.path, address="张庄村党群服务中心东侧"
        )
        place.designations.set([designation])
    _cluster_brand_ensure(cluster)
    chain_links_ensure(built.county)


def _cluster_brand_ensure(cluster) -> None:
    if not cluster.brand:
        cluster.brand = CLUSTER_BRAND
        cluster.save(update_fields=["brand"])


def chain_links_ensure(county) -> int:
    """The links of the county's chains (party_work makes the chains after the rural rows in the world, so
    demo_load sets them again); returns how many chains were set."""
    done = 0
    for chain in IndustryChain.objects.filter(under("area_path", county.path), name__in=CHAIN_LINKS):
        if not chain.links:
            chain.links = [str(code) for code in CHAIN_LINKS[chain.name]]
            chain.save(update_fields=["links"])
            done += 1
    return done


def demo_load() -> list[str]:
    from lianxin.areas.models import Area

    county = Area.objects.filter(level=Level.COUNTY, name="巨川县").first()
    if county is None:
        return []
    chain_links_ensure(county)
    projects = Project.objects.filter(under("area_path", county.path)).count()
    parks, brands = Park.objects.count(), Brand.objects.count()
    return [f"产业项目 {projects} 个，园区与产业带 {parks} 个，农产品品牌 {brands} 个"]
