"""Realistic cases for the demo and the benchmarks, written in bulk but through the engine's reducer.

Each generated case gets a plausible trail over the demo tree — reported by a resident of the place (or a
worker on patrol, a courier's snapshot …), routed by the real routing, taken, sometimes returned,
escalated, whistled, extended, supervised, late, reopened, rejected or merged, verified, rated or
auto-rated — and its row is built by ``case_apply`` from those events, exactly as the services build it, so
``cases_rebuild --check`` finds nothing to change. Events after ``end`` are not written: recent cases stay
open at whatever step they had reached. Notifications and idempotency are skipped; run ``rollups_rebuild``
(if installed) afterwards.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache

from django.db import transaction
from django.utils import timezone

from lianxin.areas.models import Area
from lianxin.areas.models import Level as AreaLevel
from lianxin.cases import routing
from lianxin.cases.engine import Assignments, case_apply
from lianxin.cases.models import (
    Action,
    Case,
    CaseAssignment,
    CaseEvent,
    Category,
    Channel,
    HandlingLevel,
    Kind,
    Rating,
    ReporterGroup,
    RequestType,
    State,
    Verifier,
)
from lianxin.cases.worktime import days_to_hours, working_add
from lianxin.core.paths import ancestor_path
from lianxin.people.models import Department, Person

# How often each top-level category is raised, roughly as the sources' platforms report them.
CATEGORY_WEIGHTS = {
    "environment": 18,
    "property": 22,
    "parking": 7,
    "neighbour_dispute": 5,
    "property_dispute": 3,
    "facilities": 10,
    "safety": 8,
    "city_appearance": 4,
    "policy": 6,
    "relief": 5,
    "courier": 2,
    "returnee": 1,
    "enterprise": 2,
    "public_security": 3,
    "environmental_protection": 2,
    "market": 2,
}
CHANNELS = [
    (Channel.H5, 55),
    (Channel.PATROL, 15),
    (Channel.SNAPSHOT, 8),
    (Channel.HOTLINE, 12),
    (Channel.TALK, 4),
    (Channel.LIAISON, 3),
    (Channel.API, 3),
]
DESCRIPTIONS = {
    "cleaning": ["楼道里堆放的杂物一直没人清理", "小区垃圾桶满了没人清运"],
    "greening": ["小区绿地杂草丛生没人修剪", "门口的树枝挡住路灯"],
    "garbage": ["垃圾清运不及时，气味很大"],
    "stair_light": ["楼道灯坏了，晚上看不见台阶", "单元门口的感应灯不亮"],
    "water_leak": ["楼上管道漏水，墙面渗水", "地下室水管破裂"],
    "elevator": ["电梯经常停在半层", "电梯按钮失灵"],
    "property_service": ["物业服务态度差，报修没人来", "物业费公示不清楚"],
    "parking": ["消防车道被私家车占用", "小区车位乱停乱放"],
    "neighbour_dispute": ["楼上装修噪音影响休息", "邻居在公共走廊堆放杂物引发矛盾"],
    "property_dispute": ["业主与物业因物业费产生纠纷"],
    "public_facility": ["健身器材损坏存在安全隐患", "小区围墙破损"],
    "road_damage": ["社区道路路面塌陷", "下水井盖缺失"],
    "fire_lane": ["消防通道被堵塞", "楼道里电动车充电"],
    "gas_safety": ["闻到燃气味，担心泄漏"],
    "illegal_building": ["一楼住户私自搭建阳光房"],
    "city_appearance": ["路口有人占道经营", "店外乱摆摊位"],
    "policy": ["咨询灵活就业社保缴费政策", "咨询居住证办理流程"],
    "subsistence": ["家庭困难申请临时救助"],
    "elderly_care": ["独居老人需要助餐服务", "申请居家养老上门服务"],
    "courier": ["快递小哥休息点没有热水", "配送车辆进小区受阻"],
    "returnee": ["返乡创业想了解贴息贷款政策"],
    "policy_fulfilment": ["企业申报的稳岗补贴还没兑现"],
    "financing": ["小微企业需要融资对接"],
    "public_security": ["夜间有陌生人在楼栋徘徊"],
    "environmental_protection": ["附近餐馆油烟扰民"],
    "market": ["超市出售过期食品"],
}


@dataclass
class Place:
    area: Area
    residents: list


@dataclass
class World:
    places: list
    categories: list  # (category, weight)
    staff_by_area: dict  # area pk -> a staff person id of that level (for actor names)
    departments: dict  # (area pk, code) -> Department
    rng: random.Random
    recent: dict = field(default_factory=dict)  # (category pk, area pk) -> a recent case, for merges


def _when(moment):
    return moment.isoformat()


@dataclass
class _Event:
    """A case event before it is written: what the reducer reads of a CaseEvent, and no more."""

    seq: int
    action: str
    at: datetime
    from_state: str
    note: str = ""
    is_public: bool = True
    data: dict = field(default_factory=dict)
    actor_person_id: int | None = None
    target_person_id: int | None = None
    target_department_id: int | None = None
    target_organisation_id: int | None = None
    target_party_org_id: int | None = None  # the generator never sends a case to a party organisation
    target_area_id: int | None = None
    target_level: int | None = None
    to_state: str = ""


class _Trail:
    """Builds one case's events in memory and applies them with the engine's reducer."""

    def __init__(self, case: Case, end):
        self.case = case
        self.end = end
        self.events: list[_Event] = []
        self.assignments = Assignments()
        self.stopped = False

    def add(self, action, at, *, person=None, target=None, data=None, note="", is_public=True) -> bool:
        if self.stopped or at > self.end:
            self.stopped = True
            return False
        event = _Event(
            seq=len(self.events) + 1,
            action=action,
            actor_person_id=person,
            at=at,
            from_state=self.case.state,
            note=note,
            is_public=is_public,
        )
        data = dict(data or {})
        if target is not None:
            event.target_person_id = target.person.pk if target.person else None
            event.target_department_id = target.department.pk if target.department else None
            event.target_organisation_id = target.organisation.pk if target.organisation else None
            event.target_area_id = target.area.pk
            event.target_level = target.level
            data["target_area_path"] = target.area.path
        event.data = data
        case_apply(self.case, event, self.assignments)
        event.to_state = self.case.state
        self.events.append(event)
        return True


def _load(rng: random.Random) -> World:
    county_paths = list(Area.objects.filter(level=AreaLevel.COUNTY).values_list("path", flat=True))
    buildings = list(Area.objects.filter(level=AreaLevel.BUILDING, retired_on__isnull=True).order_by("path"))
    villages = list(Area.objects.filter(level=AreaLevel.VILLAGE, retired_on__isnull=True).order_by("path"))
    people: dict[str, list] = {}
    for pk, path in Person.objects.filter(household__isnull=False).values_list("pk", "area_path"):
        for cut in (6, 7):  # building depth in the city, village depth with or without a cluster
            people.setdefault(ancestor_path(path, cut), []).append(pk)
    places = [Place(a, people.get(a.path, [])) for a in buildings + villages]
    places = [p for p in places if p.residents] or [Place(a, []) for a in buildings + villages]
    tops = {c.code: c for c in Category.objects.filter(depth=1, is_active=True)}
    categories = []
    for code, weight in CATEGORY_WEIGHTS.items():
        top = tops.get(code)
        if top is None:
            continue
        leaves = [c for c in Category.objects.get_tree(top) if c.numchild == 0 and c.is_active]
        for leaf in leaves:
            categories.append((leaf, weight / len(leaves)))
    departments = {(d.area_id, d.code): d for d in Department.objects.all()}
    staff = {}
    from lianxin.people.models import Post

    for person_id, area_id in Post.objects.filter(
        role__in=["secretary", "community_worker", "committee_member"], area__isnull=False
    ).values_list("person_id", "area_id"):
        staff.setdefault(area_id, person_id)
    if not county_paths or not places or not categories:
        raise RuntimeError("load the demo county first (manage.py load_demo)")
    return World(places=places, categories=categories, staff_by_area=staff, departments=departments, rng=rng)


@lru_cache(maxsize=200_000)
def _first(category_pk: int, area_pk: int):
    return routing.first_target(
        category=Category.objects.get(pk=category_pk), case_area=Area.objects.get(pk=area_pk)
    )


@lru_cache(maxsize=200_000)
def _next(category_pk: int, area_pk: int, above: int):
    return routing.next_target(
        category=Category.objects.get(pk=category_pk), case_area=Area.objects.get(pk=area_pk), above=above
    )


@lru_cache(maxsize=50_000)
def _dispatcher(area_pk: int) -> Area:
    return routing.dispatcher_of(Area.objects.get(pk=area_pk))


@lru_cache(maxsize=50_000)
def _chain(area_pk: int) -> dict:
    return routing.chain(Area.objects.get(pk=area_pk))


def _working_later(rng, start, low_hours, high_hours):
    return working_add(start, rng.uniform(low_hours, high_hours))


def _reported_at(rng, start, days):
    day = start + timedelta(days=rng.random() * days)
    local = timezone.localtime(day)
    hour = rng.choices([8, 9, 10, 11, 14, 15, 16, 17, 19, 21], weights=[5, 12, 12, 10, 10, 10, 9, 7, 4, 2])[0]
    return local.replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60), microsecond=0)


def _reported_before(rng, start, days, end):
    for _ in range(10):
        moment = _reported_at(rng, start, days)
        if moment < end:
            return moment
    return end - timedelta(minutes=rng.randrange(1, 600))


def _one(world: World, end, start, days) -> tuple[Case, _Trail]:
    rng = world.rng
    category = rng.choices([c for c, _ in world.categories], weights=[w for _, w in world.categories])[0]
    place = rng.choice(world.places)
    area = place.area
    if category.first_level >= HandlingLevel.COMMUNITY:
        area = _chain(area.pk).get(HandlingLevel.COMMUNITY, area)
    elif (
        category.first_level == HandlingLevel.ESTATE
        and area.level == AreaLevel.BUILDING
        and rng.random() < 0.5
    ):
        area = _chain(area.pk).get(HandlingLevel.ESTATE, area)
    channel = rng.choices([c for c, _ in CHANNELS], weights=[w for _, w in CHANNELS])[0]
    group = {
        Channel.PATROL: ReporterGroup.WORKER,
        Channel.SNAPSHOT: ReporterGroup.COURIER,
        Channel.LIAISON: ReporterGroup.RESIDENT,
        Channel.API: ReporterGroup.EXTERNAL,
    }.get(channel, ReporterGroup.RESIDENT)
    reporter = rng.choice(place.residents) if place.residents and channel != Channel.API else None
    reported = _reported_before(rng, start, days, end)
    text = rng.choice(DESCRIPTIONS.get(category.code, [category.name]))
    case = Case(
        kind=category.kind,
        category=category,
        request_type=RequestType.CONSULTATION
        if category.code == "policy"
        else rng.choice([RequestType.HELP] * 6 + [RequestType.COMPLAINT] * 3 + [RequestType.SUGGESTION]),
        area=area,
        area_path=area.path,
        channel=channel,
        reporter_id=reporter,
        reporter_group=group,
        title=f"{category.name} · {area.name}",
        description=text,
        reported_at=reported,
        contact_name="市民" if reporter is None else "",
    )
    trail = _Trail(case, end)
    _script(world, trail, category, area, reported)
    return case, trail


def _script(world: World, trail: _Trail, category: Category, area: Area, t) -> None:  # noqa: C901 - one story
    rng = world.rng
    case = trail.case
    response_due = working_add(t, category.response_hours)
    handling_hours = days_to_hours(category.handling_days)
    target = _first(category.pk, area.pk)
    dispatcher = _dispatcher(area.pk)
    report_data = {
        "response_due": _when(response_due),
        "staff": case.channel not in (Channel.H5, Channel.API),
    }
    if target.is_pool:
        trail.add(Action.REPORT, t, person=case.reporter_id, target=target, data=report_data)
        staff = world.staff_by_area.get(target.area.pk)
        t = _working_later(rng, t, 0.05, 1.6)
        if rng.random() < 0.03:
            trail.add(
                Action.REJECT,
                t,
                person=staff,
                note="不属于受理范围，已告知诉求人咨询渠道",
                data={"staff": True},
            )
            return
        trail.add(
            Action.ACCEPT,
            t,
            person=staff,
            target=target,
            data={"handle_due": _when(working_add(t, handling_hours)), "staff": True},
        )
        t = _working_later(rng, t, 0.1, 4)
        trail.add(Action.TAKE, t, person=staff, data={"staff": True})
    else:
        trail.add(Action.REPORT, t, person=case.reporter_id, data=report_data)
        dispatch = {
            "handle_due": _when(working_add(t, handling_hours)),
            "return_due": _when(working_add(t, days_to_hours(category.return_days))),
            "dispatcher_area": dispatcher.pk,
            "staff": False,
        }
        trail.add(Action.DISPATCH, t, target=target, data=dispatch, note=f"平台派单至{target.label()}")
        taker = target.person.pk if target.person else None
        t = _working_later(rng, t, 0.05, 1.8)
        if t > response_due:
            trail.add(
                Action.OVERDUE,
                response_due + timedelta(minutes=5),
                data={"which": "response"},
                is_public=False,
            )
        if rng.random() < 0.04 and case.return_due and t <= case.return_due:
            trail.add(
                Action.RETURN,
                t,
                person=taker,
                target=routing.Target(routing.level_of(dispatcher), dispatcher),
                note="不属于本人职责范围，请重新派单",
                data={},
            )
            t = _working_later(rng, t, 0.2, 2)
            staff = world.staff_by_area.get(dispatcher.pk)
            trail.add(
                Action.DISPATCH,
                t,
                person=staff,
                target=target,
                data={
                    **dispatch,
                    "handle_due": _when(working_add(t, handling_hours)),
                    "staff": True,
                },
            )
            t = _working_later(rng, t, 0.05, 1)
        trail.add(Action.TAKE, t, person=taker, data={"staff": True})
    roll = rng.random()
    if case.state not in (State.IN_PROGRESS,):
        return
    if roll < 0.02 and (key := world.recent.get((category.pk, area.pk))) is not None:
        trail.add(
            Action.MERGE,
            t + timedelta(minutes=30),
            data={"into": key, "staff": True},
            note="与同一问题的诉求合并",
        )
        return
    if roll < 0.12:
        above = case.handling_level or routing.level_of(area)
        up = _next(category.pk, area.pk, above)
        if up is not None:
            t = _working_later(rng, t, 0.5, 6)
            # As services.steps.escalation_apply: who takes back what the new level returns.
            if up.is_pool:
                passes_to = up.area
            elif up.level >= HandlingLevel.COUNTY:
                passes_to = _chain(area.pk).get(HandlingLevel.STREET) or dispatcher
            else:
                passes_to = dispatcher
            escalation = {
                "dispatched": not up.is_pool,
                "dispatcher_area": passes_to.pk,
                "from_level": above,
                "return_due": _when(working_add(t, days_to_hours(category.return_days))),
            }
            trail.add(
                Action.ESCALATE,
                t,
                person=case.handler_person_id,
                target=up,
                data=escalation,
                note="超出本级处置能力，提请上级处理",
            )
            t = _working_later(rng, t, 0.1, 2)
            trail.add(
                Action.TAKE,
                t,
                person=up.person.pk if up.person else world.staff_by_area.get(up.area.pk),
                data={"staff": True},
            )
    elif roll < 0.135:
        street = _chain(area.pk).get(HandlingLevel.STREET)
        county = _chain(area.pk).get(HandlingLevel.COUNTY)
        lead = world.departments.get((county.pk, "zhifa")) if county else None
        assist = world.departments.get((county.pk, "zhujian")) if county else None
        if street and lead and assist:
            t = _working_later(rng, t, 0.5, 4)
            trail.add(
                Action.WHISTLE,
                t,
                person=world.staff_by_area.get(street.pk),
                target=routing.Target(HandlingLevel.STREET, street, department=lead),
                note="街道吹哨，部门报到",
                data={
                    "assists": [assist.pk],
                    "respond_due": _when(working_add(t, category.response_hours)),
                    "dispatcher_area": street.pk,
                    "handle_due": _when(working_add(t, handling_hours)),
                },
            )
            for department in (assist, lead):
                t = _working_later(rng, t, 0.1, 1.5)
                trail.add(
                    Action.RESPOND, t, data={"department": department.pk, "staff": True}, note="已派员到场"
                )
    if rng.random() < 0.03:
        t = _working_later(rng, t, 1, 8)
        trail.add(
            Action.EXTEND_REQUEST,
            t,
            person=case.handler_person_id,
            data={"days": "3"},
            note="需协调施工队",
            is_public=False,
        )
        t = _working_later(rng, t, 0.2, 3)
        due = working_add(case.handle_due or t, days_to_hours(3))
        trail.add(Action.EXTEND_APPROVE, t, data={"days": "3", "handle_due": _when(due)}, is_public=False)
    if rng.random() < 0.015:
        trail.add(Action.SUPERVISE, _working_later(rng, t, 1, 10), note="请加快办理进度", is_public=False)
    passes = 0
    while case.state == State.IN_PROGRESS and passes < 3 and not trail.stopped:
        passes += 1
        left = _hours_left(t, case.handle_due) if case.handle_due else handling_hours
        if rng.random() < 0.08 or left <= 0.2:  # late
            t = working_add(t, max(left, 0.0) + rng.uniform(1, 16))
        else:
            t = working_add(t, max(0.1, left * rng.uniform(0.05, 0.9)))
        if case.handle_due and t > case.handle_due and not case.handle_overdue:
            trail.add(
                Action.OVERDUE,
                case.handle_due + timedelta(minutes=5),
                data={"which": "handle"},
                is_public=False,
            )
        rating_due = t + timedelta(days=category.auto_rate_days)
        data = {"outcome": "mediated"} if category.kind == Kind.DISPUTE else {}
        if category.verifier == Verifier.REPORTER:
            data["rating_due"] = _when(rating_due)
        if not trail.add(Action.HANDLE, t, person=case.handler_person_id, note="已处置完毕", data=data):
            return
        if category.verifier == Verifier.COMMUNITY:
            t = _working_later(rng, t, 0.5, 12)
            community = _chain(area.pk).get(HandlingLevel.COMMUNITY)
            verifier = world.staff_by_area.get(community.pk) if community else None
            if rng.random() < 0.04:
                trail.add(
                    Action.VERIFY_FAIL,
                    t,
                    person=verifier,
                    note="现场核查问题仍未解决",
                    data={"handle_due": _when(working_add(t, handling_hours))},
                )
                continue
            rating_due = t + timedelta(days=category.auto_rate_days)
            if not trail.add(
                Action.VERIFY, t, person=verifier, data={"rating_due": _when(rating_due), "staff": True}
            ):
                return
        if rng.random() < 0.12:
            if trail.add(
                Action.RATE,
                rating_due + timedelta(minutes=17),
                data={"rating": Rating.SATISFIED, "auto": True, "callback": False},
                note="诉求人未在期限内评价，系统默认满意",
            ):
                trail.add(Action.CLOSE, rating_due + timedelta(minutes=17))
            return
        t = t + timedelta(hours=rng.uniform(0.5, 60))
        rating = rng.choices([Rating.SATISFIED, Rating.BASIC, Rating.UNSATISFIED], weights=[80, 13, 7])[0]
        if rating == Rating.UNSATISFIED and passes < 3:
            trail.add(
                Action.RATE,
                t,
                person=case.reporter_id,
                note="问题没有彻底解决",
                data={
                    "rating": rating,
                    "auto": False,
                    "callback": False,
                    "handle_due": _when(working_add(t, handling_hours)),
                },
            )
            continue
        rating = Rating.BASIC if rating == Rating.UNSATISFIED else rating
        if trail.add(
            Action.RATE, t, person=case.reporter_id, data={"rating": rating, "auto": False, "callback": False}
        ):
            trail.add(Action.CLOSE, t)


def _hours_left(start, due) -> float:
    from lianxin.cases.worktime import working_hours_between

    return working_hours_between(start, due)


_EVENT_COLUMNS = [
    "case_id",
    "seq",
    "action",
    "actor_id",
    "actor_person_id",
    "at",
    "from_state",
    "to_state",
    "target_person_id",
    "target_department_id",
    "target_organisation_id",
    "target_area_id",
    "target_level",
    "note",
    "data",
    "is_public",
    "idempotency_key",
]


def _events_insert(events) -> None:
    """One executemany for a batch of events: the ORM's bulk_create is ten times slower at this size."""
    from django.db import connection

    table = connection.ops.quote_name(CaseEvent._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in _EVENT_COLUMNS)
    placeholders = ", ".join(["%s"] * len(_EVENT_COLUMNS))
    at_field = CaseEvent._meta.get_field("at")
    data_field = CaseEvent._meta.get_field("data")
    rows = [
        (
            case_id,
            e.seq,
            e.action,
            None,
            e.actor_person_id,
            at_field.get_db_prep_value(e.at, connection),
            e.from_state,
            e.to_state,
            e.target_person_id,
            e.target_department_id,
            e.target_organisation_id,
            e.target_area_id,
            e.target_level,
            e.note,
            data_field.get_db_prep_value(e.data, connection),
            e.is_public,
            "",
        )
        for case_id, e in events
    ]
    with connection.cursor() as cursor:
        # Our own table and column names only; every value is a parameter.
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608  # nosec B608
        cursor.executemany(sql, rows)


def cases_generate(
    *,
    count: int,
    seed: int = 2026,
    days: int = 365,
    end: datetime | None = None,
    batch: int = 2000,
    progress=None,
) -> int:
    """Write ``count`` cases with their events, reported over the ``days`` before ``end`` (now)."""
    rng = random.Random(seed)  # noqa: S311  # nosec B311 - demo data, deterministic by design
    world = _load(rng)
    end = end or timezone.now()
    start = end - timedelta(days=days)
    written = 0
    while written < count:
        size = min(batch, count - written)
        stories = [_one(world, end, start, days) for _ in range(size)]
        with transaction.atomic():
            cases = [case for case, _ in stories]
            Case.objects.bulk_create(cases, batch_size=500)
            events, assignments = [], []
            for case, trail in stories:
                for event in trail.events:
                    events.append((case.pk, event))
                for a in trail.assignments.rows:
                    a.case_id = case.pk
                    assignments.append(a)
                world.recent[(case.category_id, case.area_id)] = case.pk
            _events_insert(events)
            CaseAssignment.objects.bulk_create(assignments, batch_size=1000)
        written += size
        if progress:
            progress(written)
    return written
