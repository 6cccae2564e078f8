"""Demo service places (docs/services.md "场所与服务圈"), run by ``load_demo`` after the listings: the twelve
work rules and the management measures at 梧桐里社区党群服务中心 (one replaced, so its history shows), the
formats of the embedded service complex each run by a provider, a hospital and a supermarket attached to the
centre with services for the elderly and children (P001-30), a 小区工作站 at 和谐家园 with its window and
hours (P003-09). Running it again adds nothing."""

from datetime import date

from django.db import transaction

from lianxin.areas.models import Area, Level, Place, PlaceDesignation, PlaceStatus
from lianxin.areas.places import hours_store
from lianxin.people.models import Organisation, OrganisationKind
from lianxin.provision.models import (
    WORK_RULE_TITLES,
    FormatKind,
    ListingArea,
    ListingState,
    PlaceFormat,
    PlaceRule,
    ProviderForm,
    ProviderListing,
    RuleKind,
    ServiceItem,
    ServiceWindow,
)

SINCE = date(2024, 1, 1)
# (format, provider name or None for the place itself)
FORMATS = [
    (FormatKind.PARTY_SERVICES, None),
    (FormatKind.ELDERLY_CARE, "颐康长者食堂"),
    (FormatKind.MEDICAL, "巨川县人民医院"),
    (FormatKind.CHILDCARE, "童心托育园"),
    (FormatKind.CANTEEN, "梧桐街道长者饭堂"),
    (FormatKind.SUPERMARKET, "惠邻超市便民服务部"),
    (FormatKind.BANK, "巨川农商银行梧桐支行"),
]
# Attached to the community centre (P001-30): (provider, form, items)
ATTACHED = [
    ("巨川县人民医院", ProviderForm.UNIT, ["svc_health_consult", "svc_family_doctor", "svc_medical_escort"]),
    ("惠邻超市便民服务部", ProviderForm.COMPANY, ["svc_children_room"]),
]
STATION_ITEMS = ["svc_residence_proof", "svc_old_age_allowance", "svc_subsistence", "svc_legal_advice"]


def _provider(name: str, area: Area) -> Organisation:
    org, _created = Organisation.objects.get_or_create(
        kind=OrganisationKind.PROVIDER, name=name, defaults={"area": area, "area_path": area.path}
    )
    return org


def places_demo_ensure() -> dict:
    community = Area.objects.filter(level=Level.COMMUNITY, name="梧桐里社区").order_by("path").first()
    if community is None:
        return {}
    centre = Place.objects.filter(area=community, designations__code="service_centre").first()
    done = {"rules": 0, "formats": 0, "listings": 0, "stations": 0}
    items = {i.category.code: i for i in ServiceItem.objects.select_related("category")}
    with transaction.atomic():
        if centre is not None and not PlaceRule.objects.filter(place=centre).exists():
            for title in WORK_RULE_TITLES:
                PlaceRule.objects.create(
                    place=centre, title=title, in_force_from=SINCE, area_path=centre.area_path
                )
            PlaceRule.objects.create(
                place=centre,
                kind=RuleKind.MEASURES,
                title="党群服务中心管理办法",
                in_force_from=SINCE,
                area_path=centre.area_path,
            )
            old = PlaceRule.objects.get(place=centre, title="窗口值班制度")
            new = PlaceRule.objects.create(
                place=centre,
                title="窗口值班制度",
                body="工作日两人值班，周末一人值班；值班表每周一公布。",
                in_force_from=date(2026, 3, 1),
                area_path=centre.area_path,
            )
            PlaceRule.objects.filter(pk=old.pk).update(in_force_to=date(2026, 2, 28), replaced_by=new)
            done["rules"] = PlaceRule.objects.filter(place=centre).count()
        complex_place = Place.objects.filter(designations__code="service_complex").order_by("id").first()
        if complex_place is not None and not PlaceFormat.objects.filter(place=complex_place).exists():
            for code, name in FORMATS:
                provider = _provider(name, complex_place.area) if name else None
                PlaceFormat.objects.create(
                    place=complex_place,
                    format=code,
                    provider=provider,
                    since=SINCE,
                    area_path=complex_place.area_path,
                )
                done["formats"] += 1
        if centre is not None:
            for name, form, codes in ATTACHED:
                provider = _provider(name, community)
                if ProviderListing.objects.filter(organisation=provider).exists():
                    continue
                listing = ProviderListing.objects.create(
                    organisation=provider,
                    form=form,
                    area=community,
                    area_path=community.path,
                    centre=centre,
                    state=ListingState.LISTED,
                )
                listing.service_items.set([items[c] for c in codes if c in items])
                ListingArea.objects.create(listing=listing, area=community, area_path=community.path)
                done["listings"] += 1
        estate = Area.objects.filter(parent_path_of(community), name="和谐家园").first()
        if estate is not None and not Place.objects.filter(area=estate, name="和谐家园小区工作站").exists():
            station = Place.objects.create(
                name="和谐家园小区工作站",
                area=estate,
                area_path=estate.path,
                lat=estate.lat,
                lng=estate.lng,
                opening_hours="周一至周六 8:00-12:00、14:00-20:00",
                services="居住证明、高龄津贴、低保申请受理，法律咨询",
                status=PlaceStatus.OPEN,
                in_service_circle=True,
                parent_place=centre,
            )
            station.designations.set(PlaceDesignation.objects.filter(code="estate_station"))
            hours_store(station)
            window = ServiceWindow.objects.create(
                place=station, name="小区工作站综合窗口", area_path=station.area_path
            )
            window.items.set([items[c] for c in STATION_ITEMS if c in items])
            done["stations"] = 1
        done["village_places"] = _village_places()
    return done


# Service places of two villages of the demonstration cluster, shown to residents of all its villages
# (优质服务资源互联互通, P002-25): (village, name, designation, hours, services)
VILLAGE_PLACES = [
    ("张庄村", "张庄村党群服务中心", "service_centre", "周一至周五 8:30-17:30", "村级代办、农技咨询、图书室"),
    ("王集村", "王集村幸福院志愿服务站", "volunteer_station", "每天 8:00-18:00", "老年助餐、理发、健康检测"),
]


def _village_places() -> int:
    cluster = Area.objects.filter(level=Level.CLUSTER).order_by("path").first()
    if cluster is None:
        return 0
    added = 0
    for village_name, name, code, hours, services in VILLAGE_PLACES:
        village = Area.objects.filter(parent_path_of(cluster), level=Level.VILLAGE, name=village_name).first()
        if village is None or Place.objects.filter(area=village, name=name).exists():
            continue
        place = Place.objects.create(
            name=name,
            area=village,
            area_path=village.path,
            opening_hours=hours,
            services=services,
            status=PlaceStatus.OPEN,
        )
        place.designations.set(PlaceDesignation.objects.filter(code=code))
        hours_store(place)
        added += 1
    return added


def parent_path_of(area: Area):
    from lianxin.core.paths import under

    return under("path", area.path)
