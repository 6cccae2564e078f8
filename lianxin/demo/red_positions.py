"""The county's e-commerce public service centre, run by the live e-commerce sector committee as a "red
position" (红色阵地) for party education, business training, product promotion and live-streaming
(P000-53), with a few activities of each function so its log opens on something.

Idempotent, like the rest of the demo: the centre and its activities are added only when the county has no
such centre yet; nothing users changed is touched. Deterministic: the same rows every time.
"""

from datetime import date

from lianxin.areas.models import Place, PlaceActivity, PlaceDesignation, PlaceFunction
from lianxin.core.paths import under
from lianxin.demo.world import Built
from lianxin.party.models import OrgKind, PartyOrg, Sector

CENTRE_NAME = "县电子商务公共服务中心"
DESIGNATIONS = ["ecommerce_centre", "service_station"]
FUNCTIONS = ["party_education", "business_training", "product_promotion", "live_streaming"]
# (function, title, held on, participants, host)
ACTIVITIES = [
    ("party_education", "“红色电商”主题党日：重温入党誓词", date(2025, 3, 5), 36, "县直播电商行业党委"),
    ("business_training", "农村电商运营实务培训班（第一期）", date(2025, 3, 18), 58, "县商务局"),
    ("product_promotion", "巨川特色农产品春季推介会", date(2025, 4, 12), 120, "县电子商务公共服务中心"),
    ("live_streaming", "党员主播助农直播：春茶专场", date(2025, 4, 26), 12, "县直播电商行业党委"),
    ("party_education", "新就业群体党员党课：网络主播的责任", date(2025, 5, 20), 41, "县直播电商行业党委"),
    ("business_training", "短视频拍摄与直播带货技能培训", date(2025, 6, 10), 64, "县人社局"),
    ("live_streaming", "“书记带货”直播：黄桃丰收季", date(2025, 7, 8), 9, "县电子商务公共服务中心"),
    ("product_promotion", "电商企业新品发布与产销对接会", date(2025, 8, 22), 85, "县商务局"),
]


def ecommerce_centre_ensure(b: Built) -> None:
    if Place.objects.filter(area=b.county, name=CENTRE_NAME).exists():
        return
    committee = (
        PartyOrg.objects.filter(
            under("area_path", b.county.path), kind=OrgKind.SECTOR_COMMITTEE, sector=Sector.LIVE_ECOMMERCE
        )
        .order_by("path")
        .first()
    )
    centre = Place.objects.create(
        area=b.county,
        area_path=b.county.path,
        name=CENTRE_NAME,
        party_org=committee,
        address="巨川县电商产业园1号楼",
        opening_hours="周一至周日 9:00-21:00",
        staggered_hours=True,
        floor_area=1500,
        services="党性教育、业务培训、产品推介、电商直播",
        amenities="直播间6个、培训教室、产品展厅",
        owner="巨川县商务局",
        user_unit="县直播电商行业党委",
    )
    centre.designations.set(PlaceDesignation.objects.filter(code__in=DESIGNATIONS))
    functions = {f.code: f for f in PlaceFunction.objects.filter(code__in=FUNCTIONS)}
    centre.functions.set(functions.values())
    PlaceActivity.objects.bulk_create(
        [
            PlaceActivity(
                place=centre,
                function=functions[code],
                title=title,
                held_on=held_on,
                participants=participants,
                host=host,
                area_path=centre.area_path,
            )
            for code, title, held_on, participants, host in ACTIVITIES
        ]
    )
