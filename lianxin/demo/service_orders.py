"""The demo's service orders (issue 21's demo: cases in every state), so the provider's staff, the community
and the resident each find orders on their pages at first sign-in.

Placed through the real services, as the pages would: the county's hotline desk takes orders in for
households of the demo community (a level's order: nobody's points pay for it), the matching sends each
to 巨川家政服务中心 (the demo provider_staff's company) at intake, and its staff, the community and the
caller take them on: 已派单, 处置中, 已处置, 已核查, 已办结. An item no listed provider offers there stays
待受理 in the community's queue; the community 受理s one, refuses one (不予受理) and merges a repeated
call into the first (合并). The demo resident orders 健康问诊 (free) for herself. None goes to 颐康长者食堂:
its stars are the scenario's own; the provider_staff also takes 颐康长者食堂's orders (a second post there),
so the resident's 爱心助餐 order (scenario 1) can be taken, handled and rated in the demo. Keys make a rerun
add nothing.

``demo_walk_ins_load``: walk-ins at 和谐家园小区工作站 (scenario 5, P003-09, P002-44), recorded by its station
staff (the grid worker 刘丽) at its window: 孙桂兰's 居住证明 handled there (当场办理), verified by the
community and rated — closed; an elderly resident's 高龄津贴 with only 身份证: one notice names
户口簿、银行卡, and when he comes back with 户口簿 a second notice names 银行卡 (so the second-notice count
is not 0); a 法律咨询 left to its routing.
"""

from datetime import date

from lianxin.areas.models import Area, Level
from lianxin.cases.models import Case, Channel, Kind, State
from lianxin.cases.services import (
    case_accept,
    case_handle,
    case_merge,
    case_rate,
    case_reject,
    case_report,
    case_take,
    case_verify,
)
from lianxin.core.scope import under
from lianxin.people.models import Organisation, Post, User
from lianxin.people.roles import Role
from lianxin.provision.models import MaterialNotice, ServiceItem, ServiceWindow, WalkIn

PROVIDER = "巨川家政服务中心"
MEALS = "颐康长者食堂"  # scenario 1's provider: the demo provider_staff takes its orders too
TAX_TEAM = "煤化工产业链税务服务队"  # P000-62's chain team: and the enterprises' requests to it
STATION = "和谐家园小区工作站"
# (key, item, how far it gets, what the caller asks for)
ORDERS = [
    ("dispatched", "svc_cleaning", "dispatched", "家里老人行动不便，想请人每周打扫一次"),
    ("in-progress", "svc_cleaning", "in_progress", "油烟机清洗，最好周末上门"),
    ("handled", "svc_home_care", "handled", "老人术后需要上门护理两周"),
    ("verified", "svc_cleaning", "verified", "新房开荒保洁"),
    ("closed", "svc_home_care", "closed", "每天上午上门照看一小时"),
    ("rejected", "svc_day_care", "rejected", "想请人长期住家照看老人"),
    ("queue", "svc_day_care", "reported", "老人白天无人照看，想去日间照料中心"),
    ("accepted", "svc_day_care", "accepted", "失能老人日间照料，家属白天上班"),
    ("merged", "svc_cleaning", "merged", "家里老人行动不便，想请人每周打扫一次（家属再次来电）"),
]


def _item(code: str) -> ServiceItem | None:
    return ServiceItem.objects.select_related("category").filter(category__code=code).first()


def _staff_of(organisation_id) -> User | None:
    post = Post.objects.current().filter(organisation_id=organisation_id, person__user__isnull=False).first()
    return User.objects.filter(person_id=post.person_id).first() if post else None


def demo_service_orders_load() -> int:
    """The orders above and the resident's own; returns how many service orders the demo holds."""
    users = {u.username: u for u in User.objects.filter(is_demo=True).select_related("person")}
    desk, secretary = users.get("county_admin"), users.get("community_secretary")
    staff, resident = users.get("provider_staff"), users.get("resident")
    if not (desk and secretary and staff and resident and secretary.person.area_id):
        return 0
    community = Area.objects.get(pk=secretary.person.area_id)
    buildings = list(
        Area.objects.filter(
            under("path", community.path), level=Level.BUILDING, retired_on__isnull=True
        ).order_by("path")[: len(ORDERS)]
    )
    if not buildings:
        return 0
    _meals_staff(staff)
    first = None
    for n, (key, code, state, text) in enumerate(ORDERS):
        item = _item(code)
        if item is None:
            continue
        case = case_report(
            desk,
            category=item.category,
            area=buildings[0 if state == "merged" else n % len(buildings)],
            description=text,
            channel=Channel.HOTLINE,
            contact_name="来电居民",
            idempotency_key=f"demo-order-{key}",
        )
        first = first or case
        _advance(case, state, desk=desk, secretary=secretary, staff=staff, key=key, into=first)
    health = _item("svc_health_consult")
    if health is not None and resident.person.area_id:
        case_report(
            resident,
            category=health.category,
            area=Area.objects.get(pk=resident.person.area_id),
            description="血压忽高忽低，想请家庭医生上门看看",
            idempotency_key="demo-order-resident-health",
        )
    return Case.objects.filter(kind=Kind.SERVICE_ORDER).count()


def _advance(case: Case, state: str, *, desk, secretary, staff, key: str, into: Case) -> None:
    """Take the order as far as ``state`` (each step keyed: a rerun replays it)."""
    case.refresh_from_db()
    if case.state == state:
        return
    if state == "rejected":
        case_reject(
            secretary,
            case=case,
            reason="住家照护不在服务清单内，已告知来电人联系家政公司另行签约",
            idempotency_key=f"demo-order-{key}-reject",
        )
        return
    if state == "merged":
        case_merge(
            secretary, case=case, into=into, note="同一户重复来电", idempotency_key=f"demo-order-{key}-merge"
        )
        return
    if state == "accepted":
        case_accept(
            secretary, case=case, note="社区安排日间照料中心对接", idempotency_key=f"demo-order-{key}-accept"
        )
        return
    steps = ["in_progress", "handled", "verified", "closed"]
    if state not in steps:
        return
    case_take(staff, case=case, idempotency_key=f"demo-order-{key}-take")
    if state == "in_progress":
        return
    case_handle(staff, case=case, note="已按约上门服务", idempotency_key=f"demo-order-{key}-handle")
    if state == "handled":
        return
    case_verify(
        secretary,
        case=case,
        passed=True,
        note="电话回访，居民满意",
        idempotency_key=f"demo-order-{key}-verify",
    )
    if state == "closed":
        # The desk that took the call in rates for the caller, as he said on the return call.
        case_rate(desk, case=case, stars=5, note="护理员很细心", idempotency_key=f"demo-order-{key}-rate")


def _meals_staff(staff: User) -> None:
    """The demo provider_staff also works for 颐康长者食堂 and 煤化工产业链税务服务队 (a post on each), so
    the resident's meal orders and the enterprise contact's requests have a taker."""
    if not staff.person_id:
        return
    for name, duties in ((MEALS, "接单、送餐"), (TAX_TEAM, "企业税务服务接单")):
        organisation = Organisation.objects.filter(name=name).order_by("id").first()
        if organisation is None:
            continue
        if not Post.objects.filter(person_id=staff.person_id, organisation=organisation).exists():
            Post.objects.create(
                person_id=staff.person_id,
                role=Role.PROVIDER_STAFF,
                organisation=organisation,
                start_date=date(2024, 1, 1),
                duties=duties,
            )


CARE_VISITS = [
    # (key, how many couriers, items, note)
    ("mid-autumn", 4, "月饼、毛巾", "中秋节快递小哥暖心慰问"),
    ("winter", 2, "手套、护膝、热饮", "入冬暖心慰问"),
]


def demo_care_visits_load() -> dict:
    """Care visits to couriers (暖心慰问, P003-22) by the community secretary at his community, organised by
    its party organisation: two visits, 6 person-times, 4 persons. Keyed: a rerun adds nothing."""
    from lianxin.cases.care_visits import care_visit_list
    from lianxin.cases.services import care_visit_record
    from lianxin.cases.views.care_visits import care_organisers, care_persons

    secretary = User.objects.filter(username="community_secretary", is_demo=True).first()
    if secretary is None or not secretary.person_id or not secretary.person.area_id:
        return {"visits": 0, "person_times": 0, "persons": 0}
    community = Area.objects.get(pk=secretary.person.area_id)
    couriers = list(care_persons(secretary)[:4])
    organiser = next(iter(care_organisers(secretary)), None)
    if not couriers:
        return {"visits": 0, "person_times": 0, "persons": 0}
    for key, count, items, note in CARE_VISITS:
        care_visit_record(
            secretary,
            area=community,
            persons=couriers[:count],
            items=items,
            organiser=organiser,
            note=note,
            idempotency_key=f"demo-care-{key}",
        )
    from django.utils import timezone

    today = timezone.localdate()
    result = care_visit_list(
        user=secretary, area=community, date_from=date(today.year - 1, 1, 1), date_to=today
    )
    return {
        "visits": result.visit_count,
        "person_times": result.person_times,
        "persons": result.distinct_persons,
    }


def demo_walk_ins_load() -> dict:
    """The walk-ins above (after ``station_staff_ensure``); returns the station's walk-ins and notices."""
    from lianxin.cases.services import case_handle, case_rate, case_verify
    from lianxin.provision.services import material_notice_give, walk_in_record

    users = {u.username: u for u in User.objects.filter(is_demo=True).select_related("person")}
    worker, secretary, resident = (
        users.get("grid_worker"),
        users.get("community_secretary"),
        users.get("resident"),
    )
    window = ServiceWindow.objects.filter(place__name=STATION, is_active=True).select_related("place").first()
    if not (worker and secretary and resident and window):
        return {"walk_ins": 0, "notices": 0, "second": 0}
    items = {i.category.code: i for i in window.items.select_related("category")}
    if not {"svc_residence_proof", "svc_old_age_allowance", "svc_legal_advice"} <= set(items):
        return {"walk_ins": 0, "notices": 0, "second": 0}
    proof = walk_in_record(
        worker,
        window=window,
        item=items["svc_residence_proof"],
        resident=resident.person,
        note="孩子上学需要居住证明",
        handle_here=True,
        idempotency_key="demo-walk-in-proof",
    ).case
    proof.refresh_from_db()
    if proof.state == State.IN_PROGRESS:
        case_handle(
            worker, case=proof, note="当场核实住址，开具居住证明", idempotency_key="demo-walk-in-proof-h"
        )
        case_verify(
            secretary, case=proof, passed=True, note="居民已取证明", idempotency_key="demo-walk-in-proof-v"
        )
        case_rate(resident, case=proof, stars=5, note="不用跑社区了", idempotency_key="demo-walk-in-proof-r")
    elder = _elder(worker, window, exclude=resident.person_id)
    if elder is not None:
        allowance = walk_in_record(
            worker,
            window=window,
            item=items["svc_old_age_allowance"],
            resident=elder,
            note="申请高龄津贴，带了身份证",
            handle_here=True,
            idempotency_key="demo-walk-in-allowance",
        ).case
        given = MaterialNotice.objects.filter(case=allowance).count()
        if given == 0:
            material_notice_give(worker, case=allowance, provided=["身份证"], note="请补齐后再来")
        if given <= 1:
            material_notice_give(worker, case=allowance, provided=["身份证", "户口簿"], note="还差银行卡")
    walk_in_record(
        worker,
        window=window,
        item=items["svc_legal_advice"],
        resident=resident.person,
        note="邻居装修占用楼道，想咨询怎么处理",
        idempotency_key="demo-walk-in-legal",
    )
    notices = MaterialNotice.objects.filter(
        case_id__in=WalkIn.objects.filter(window=window).values("case_id")
    )
    return {
        "walk_ins": WalkIn.objects.filter(window=window).count(),
        "notices": notices.count(),
        "second": notices.filter(seq__gte=2).count(),
    }


def _elder(worker, window, *, exclude):
    """An older resident of the station's estate the worker reaches (the first by id, for a stable demo)."""
    from lianxin.people.models import Person

    people = (
        Person.objects.restrict(worker)
        .filter(under("area_path", window.place.area.path), user__isnull=True)
        .exclude(pk=exclude)
    )
    return (
        people.filter(birth_date__lte=date(1950, 1, 1)).order_by("id").first()
        or people.order_by("id").first()
    )
