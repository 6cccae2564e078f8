"""The deliberation app's demo rows (idempotent: made once, found again on a second run).

At the grid worker's estate (和谐家园) of 梧桐里社区: two 居民说事 sessions by 刘丽 (three matters
filed as TALK cases, two of them closed before the second session), a 停车管理 topic raised by
张志强 from the estate's parking cases and seconded by 孙桂兰 and neighbours, a public 四方联动 meeting
(阳光议事) voting 11:2 with its decision issued as a task to the estate's property company (overdue and
supervised by 李红梅), a 三方会议; a village evening talk and a 饺子宴 by the liaison; a round table, a
community co-building council and a street joint meeting; the 两代表一委员 studio's rota with one missed
week; two 社区书记论坛 sessions with each secretary's attendance; schedules with the periods they missed."""

from datetime import datetime, time, timedelta
from types import SimpleNamespace

from django.db import transaction
from django.utils import timezone

MARK = "和谐家园11月居民说事"


_BASE = {}


def _at(days_ago: int, hour: int = 19):
    """A moment ``days_ago`` days before the demo's start (its date, at ``hour`` o'clock)."""
    day = _BASE["today"] - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _summary() -> list[str]:
    from lianxin.deliberation.models import Decision, Meeting, MeetingMatter, MissedMeeting, RotaWeek, Topic

    counts = {
        "m": Meeting.objects.count(),
        "p": Meeting.objects.filter(is_public=True).count(),
        "x": MeetingMatter.objects.count(),
        "d": Decision.objects.count(),
        "t": Topic.objects.count(),
        "r": RotaWeek.objects.count(),
        "u": MissedMeeting.objects.count(),
    }
    return [
        "议事协商：会议 {m} 次（其中阳光议事 {p} 次），议事事项转诉求 {x} 件，"
        "决定事项转任务 {d} 件，议题 {t} 个，两代表一委员工作室轮值 {r} 周，"
        "未按期召开 {u} 期。".format(**counts)
    ]


def _close(worker, checkers, matter, n: str) -> bool:
    """A matter the worker took on the spot, handled, checked by the community (the first of ``checkers`` the
    rules let check it) and closed on the reporter's rating; False when nobody could check it."""
    from lianxin.cases.services import case_handle, case_rate, case_verify
    from lianxin.core.errors_domain import DomainError

    case = matter.case
    case_handle(worker, case=case, note="已现场处理", idempotency_key=f"demo-delib-{n}-h")
    for checker in checkers:
        try:
            case_verify(checker, case=case, passed=True, note="已回访", idempotency_key=f"demo-delib-{n}-v")
        except DomainError:
            continue
        case_rate(worker, case=case, stars=5, note="居民满意", idempotency_key=f"demo-delib-{n}-r")
        return True
    return False


def demo_load() -> list[str]:
    from lianxin.deliberation.models import Meeting

    if Meeting.objects.filter(title=MARK).exists():
        return _summary()
    from lianxin.people.models import User

    users = {u.username: u for u in User.objects.filter(username__in=_NAMES).select_related("person")}
    if any(name not in users for name in _NAMES):
        return []
    from lianxin.cases import clock

    try:
        with transaction.atomic():
            _load(users)
    finally:
        clock.set_now(None)
    return _summary()


_NAMES = ("grid_worker", "community_secretary", "street_secretary", "resident", "liaison", "county_admin")


def _load(u) -> None:  # noqa: C901 - one story, told in order
    from lianxin.areas.models import Area, Level
    from lianxin.cases import clock
    from lianxin.cases.models import Case, Category
    from lianxin.cases.services import case_report, case_supervise
    from lianxin.core.paths import under
    from lianxin.deliberation.models import (
        DeputyType,
        MeetingKind,
        MeetingParty,
        MeetingSchedule,
        PartyRole,
        Topic,
        TopicSecond,
    )
    from lianxin.deliberation.seeds import meeting_kinds_ensure
    from lianxin.deliberation.services.meetings import (
        decision_record,
        four_party_defaults,
        matter_raise,
        meeting_record,
        vote_record,
    )
    from lianxin.deliberation.services.rota import meetings_missed, rota_assign
    from lianxin.deliberation.services.topics import topic_raise, topic_second
    from lianxin.people.models import Person, Post
    from lianxin.people.roles import Role
    from lianxin.supervision.categories import task_categories_ensure

    meeting_kinds_ensure()
    task_categories_ensure()
    kinds = {k.code: k for k in MeetingKind.objects.all()}
    worker, secretary, street_sec = u["grid_worker"], u["community_secretary"], u["street_secretary"]
    estate = Post.objects.filter(person=worker.person, role=Role.GRID_WORKER).first().area
    community = Area.objects.get_parent(estate)
    street = Area.objects.get_parent(community)
    cat = {
        c.code: c
        for c in Category.objects.filter(code__in=["cleaning", "parking", "public_facility", "road_damage"])
    }
    start = clock.now()
    _BASE["today"] = timezone.localdate(start)

    # 居民说事 by 刘丽, five weeks ago: three matters, two closed before the next session.
    clock.set_now(_at(35))
    first = meeting_record(
        worker,
        kind=kinds["residents_talk"],
        area=estate,
        title=MARK,
        held_on=_at(35),
        place="小区党群服务站",
        minutes="居民围坐说事，网格员当场记录。",
        attendance=18,
    )
    matters = [
        matter_raise(worker, meeting=first, category=cat[c], description=t, raised_by=r, handle_self=True)
        for c, t, r in [
            ("cleaning", "3号楼门前垃圾桶满溢，清运不及时", "王秀英"),
            ("public_facility", "东门两盏路灯不亮", "李明华"),
            ("public_facility", "健身器材螺丝松动", "孙桂兰"),
        ]
    ]
    clock.set_now(_at(33))
    _close(worker, [secretary], matters[0], "m1")
    _close(worker, [secretary], matters[1], "m2")
    clock.set_now(_at(7))
    second = meeting_record(
        worker,
        kind=kinds["residents_talk"],
        area=estate,
        title="和谐家园12月居民说事",
        held_on=_at(7),
        minutes="先通报上次说事的三件事：两件已办结，健身器材正在维修。",
        attendance=15,
    )
    matter_raise(
        worker, meeting=second, category=cat["cleaning"], description="楼道小广告多", raised_by="陈永福"
    )

    # The estate's parking cases → 张志强's topic; 孙桂兰 and two neighbours second it.
    clock.set_now(_at(6, 10))
    home = u["resident"].person.area
    for n in range(6):
        case_report(
            u["resident"],
            category=cat["parking"],
            area=home,
            description=f"小区车位被外来车辆占用（{n + 1}）",
        )
    topic = topic_raise(
        secretary,
        estate=estate,
        title="停车管理：规划临时停车位",
        weight="hard",
        category=cat["parking"],
        description="小区车位紧张，外来车辆占位，居民反映集中。",
    )
    topic_second(u["resident"], topic=topic)
    for person in (
        Person.objects.filter(household__isnull=False)
        .filter(under("area_path", estate.path))
        .exclude(household=u["resident"].person.household_id)
        .order_by("id")[:2]
    ):
        if not TopicSecond.objects.filter(topic=topic, household=person.household).exists():
            topic_second(SimpleNamespace(person=person, person_id=person.pk), topic=topic)
    topic_raise(u["resident"], estate=estate, title="增设电动自行车充电桩", weight="important")

    # 四方联动 (public): 11:2, the decision a task for the property company, 15 working days: overdue.
    clock.set_now(_at(30, 15))
    parties = four_party_defaults(estate) + [
        {"role": PartyRole.RESIDENT_REP, "name": "居民代表孙桂兰", "person": u["resident"].person},
        {"role": PartyRole.RESIDENT_REP, "name": "居民代表王秀英"},
    ]
    four = meeting_record(
        secretary,
        kind=kinds["four_party"],
        area=estate,
        title="和谐家园四方联动议事会",
        held_on=_at(30, 15),
        is_public=True,
        parties=parties,
        place="小区议事厅",
        minutes="议定规划临时停车位，物业负责施划。",
        attendance=13,
    )
    vote = vote_record(
        secretary, meeting=four, question="规划临时停车位40个", votes_for=11, votes_against=2, topic=topic
    )
    company = next((p["organisation"] for p in parties if p["role"] == PartyRole.PROPERTY_COMPANY), None)
    owner = {"organisation": company} if company else {"person": worker.person}
    decision = decision_record(
        secretary, meeting=four, text="施划临时停车位40个并公示", owner=owner, working_days=15, vote=vote
    )
    clock.set_now(start)
    from lianxin.cases.services.timers import cases_mark_overdue

    cases_mark_overdue()
    case_supervise(
        street_sec,
        case=Case.objects.get(pk=decision.case_id),
        note="请本周内完成施划",
        idempotency_key="demo-delib-supervise",
    )

    three_parties = [p for p in four_party_defaults(estate) if p["role"] != PartyRole.OWNERS_COMMITTEE]
    three_parties.append({"role": PartyRole.RESIDENT_REP, "name": "居民代表李明华"})
    clock.set_now(_at(12, 15))
    three = meeting_record(
        secretary,
        kind=kinds["three_party"],
        area=estate,
        title="和谐家园三方会议：楼道清理",
        held_on=_at(12, 15),
        parties=three_parties,
        minutes="三方商定集中清理楼道杂物。",
    )
    decision_record(
        secretary,
        meeting=three,
        text="集中清理1至6号楼楼道杂物",
        owner={"person": worker.person},
        working_days=10,
    )

    # Other estate meetings of the community (round table, owners' hearing)
    # and the community and street levels.
    others = list(
        Area.objects.filter(under("path", community.path), level=Level.ESTATE)
        .exclude(pk=estate.pk)
        .order_by("path")
    )
    for n, other in enumerate(others[:2]):
        clock.set_now(_at(20 - n))
        meeting_record(
            secretary,
            kind=kinds["round_table" if n == 0 else "owners_hearing"],
            area=other,
            title=f"{other.name}{'圆桌议事会' if n == 0 else '业主恳谈会'}",
            held_on=_at(20 - n),
            attendance=12,
        )
    clock.set_now(_at(25))
    meeting_record(
        secretary,
        kind=kinds["community_council"],
        area=community,
        title=f"{community.name}党建共建联合会第四季度会议",
        held_on=_at(25),
        parties=[
            {"role": PartyRole.UNIT, "name": "巨川县住建局"},
            {"role": PartyRole.UNIT, "name": "巨川县供电公司"},
        ],
    )
    meeting_record(
        street_sec,
        kind=kinds["street_joint"],
        area=street,
        title=f"{street.name}党建联席会",
        held_on=_at(40),
        parties=[
            {"role": PartyRole.UNIT, "name": "巨川县人民医院"},
            {"role": PartyRole.UNIT, "name": "巨川县第一中学"},
        ],
        is_public=True,
    )

    # A village evening talk and a dumpling banquet by the liaison.
    liaison = u["liaison"]
    village_post = Post.objects.filter(person=liaison.person, role=Role.LIAISON).first()
    if village_post is not None and village_post.area is not None:
        village = village_post.area
        clock.set_now(_at(10, 20))
        night = meeting_record(
            liaison,
            kind=kinds["evening_talk"],
            area=village,
            title=f"{village.name}乡村夜话",
            held_on=_at(10, 20),
            minutes="村民围坐夜话，说出身边事。",
            attendance=26,
        )
        matter_raise(
            liaison,
            meeting=night,
            category=cat["road_damage"],
            description="村东头生产路坑洼",
            raised_by="村民",
        )
        clock.set_now(_at(45, 18))
        meeting_record(
            liaison,
            kind=kinds["dumpling_banquet"],
            area=village,
            title=f"{village.name}饺子宴",
            held_on=_at(45, 18),
            attendance=40,
        )

    # The 两代表一委员 studio at the community: a rota of four past weeks and one to come; one week missed.
    deputies = []
    for name, kind in [
        ("李建国", DeputyType.PARTY),
        ("陈淑芬", DeputyType.PEOPLE),
        ("赵文博", DeputyType.CPPCC),
    ]:
        person = Person.objects.filter(name=name, area=community).first()
        if person is None:
            person = Person(name=name)
            person.set_area(community)
            person.save()
        deputies.append((person, kind))
    today = timezone.localdate(start)
    monday = today - timedelta(days=today.weekday())
    for n, weeks_ago in enumerate([4, 3, 2, 1, 0, -1]):
        week = monday - timedelta(weeks=weeks_ago)
        person, kind = deputies[n % 3]
        clock.set_now(start)
        rota_assign(secretary, area=community, week=week, deputy=person, deputy_type=kind)
        if weeks_ago in (4, 3, 1):  # week 2 missed; this week's and next week's to come
            held = timezone.make_aware(datetime.combine(week + timedelta(days=2), time(15, 0)))
            clock.set_now(held)
            session = meeting_record(
                secretary,
                kind=kinds["deputies_studio"],
                area=community,
                title=f"两代表一委员工作室接待日（{week:%m-%d}）",
                held_on=held,
                parties=[{"role": PartyRole.DEPUTY, "name": person.name, "person": person}],
            )
            if weeks_ago == 4:
                studio_matter = matter_raise(
                    secretary,
                    meeting=session,
                    category=cat["public_facility"],
                    description="小区门口人行道护栏损坏",
                    raised_by="居民",
                    handle_self=True,
                )
                _close(secretary, [street_sec, u["county_admin"]], studio_matter, "studio")

    # 社区书记论坛: two sessions at the street, the community secretaries invited.
    # Each community of the street sends its secretary (or, where the demo has none, a community worker).
    invitees = []
    for one in Area.objects.filter(under("path", street.path), level=Level.COMMUNITY).order_by("path")[:6]:
        post = (
            Post.objects.filter(area=one, role=Role.SECRETARY).first()
            or Post.objects.filter(area=one, role=Role.COMMUNITY_WORKER).order_by("id").first()
        )
        if post is not None:
            role = PartyRole.SECRETARY if post.role == Role.SECRETARY else PartyRole.INVITEE
            invitees.append((post.person, role, f"{post.person.name}（{one.name}）"))
    for n, days in enumerate([60, 15]):
        clock.set_now(_at(days, 14))
        forum = meeting_record(
            street_sec,
            kind=kinds["secretaries_forum"],
            area=street,
            title=f"{street.name}社区书记论坛第{n + 1}期",
            held_on=_at(days, 14),
            minutes="交流小区治理经验。",
        )
        MeetingParty.objects.bulk_create(
            MeetingParty(meeting=forum, role=role, name=name, person=person, attended=(i + n) % 4 != 3)
            for i, (person, role, name) in enumerate(invitees)
        )

    # Schedules: the estate's 四方联动 quarterly (the default), the community's co-building council
    # monthly, an
    # estate round table monthly at the second estate: the nightly job lists the periods without them.
    clock.set_now(start)
    year_start = today.replace(month=1, day=1)
    MeetingSchedule.objects.get_or_create(
        kind=kinds["four_party"], area=estate, body="", defaults={"starts_on": year_start}
    )
    MeetingSchedule.objects.get_or_create(
        kind=kinds["community_council"],
        area=community,
        body="",
        defaults={"starts_on": year_start, "rrule": "FREQ=MONTHLY"},
    )
    if others:
        MeetingSchedule.objects.get_or_create(
            kind=kinds["estate_round_table"],
            area=others[0],
            body="",
            defaults={"starts_on": year_start, "rrule": "FREQ=MONTHLY"},
        )
    meetings_missed()
    Topic.objects.filter(pk=topic.pk).update(meeting=four)
