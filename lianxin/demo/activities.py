"""Demo activities with sign-up, sign-in and hours (issue 21, docs/volunteering.md “活动、报名、签到、时长”),
written through the volunteering services as the community secretary:

- 重阳节敬老 at 和谐家园党群服务站 (three days ago, capacity 40): 39 sign up, 33 sign in (the couriers of the
  community first, ticked on the roll), 2.5 hours confirmed: each courier 25 points,
  和谐家园's courier hours +2.5 each; residents served and problems solved recorded;
- 粽叶飘香 情暖端午 at the same station, organised by the estate's branch, open for sign-up (孙桂兰 signed
  up);
- a training session (非公企业党建实务 by 王建国 of the city party school) at the community's centre;
- 志愿服务进小区 at another estate of the community with the community's teams, 2 hours confirmed;
- the estate branch's own team (和谐家园党支部志愿服务队, led by the estate's party branch, P002-37) and its
  activity 楼道杂物清理 邻里互助 (organised by the branch, P003-12; 3 problems solved and up to 2 closed cases
  of the estate linked, P004-47).

- a first session of the same training course held two weeks ago: 12 of the community's members enrolled,
  10 signed in (P000-63: training sessions with enrolment and sign-in);
- two theme party days with on-site teaching at 巨川县党性教育基地, booked by the county's organisation
  department (county_admin): 8 and 6 of the community's members sign in, 4 of them at both, so the base
  counts 14 person-times and 10 distinct persons this year (P003-49).

The estate branch has no secretary account in the demo: the community secretary publishes its activities on
the branch's behalf, with the branch as the organising party organisation (docs/volunteering.md).

Run again, it writes nothing (it looks for 重阳节敬老, the branch's team and the base's sessions).
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from lianxin.areas.models import Area, Level, Place, PlaceActivity, PlaceActivityKind
from lianxin.core.scope import under
from lianxin.party.models import PartyOrg
from lianxin.people.models import Person, PersonTag, User
from lianxin.volunteering.models import CoBuildingAgreement, VolunteerTeam
from lianxin.volunteering.services import activities as svc

TITLE = "重阳节敬老"


def _people(estate, community, n):
    """Up to ``n`` persons for the roll: the community's couriers first, then the estate's residents."""
    couriers = list(
        Person.objects.filter(under("area_path", community.path), tags__code="courier").order_by("id")[:7]
    )
    if len(couriers) < 7:
        # The couriers who live in the estate (快递从业人员): tagged as the import of couriers would.
        tag = PersonTag.objects.get(code="courier")
        more = list(
            Person.objects.filter(under("area_path", estate.path), user__isnull=True, posts__isnull=True)
            .exclude(pk__in=[p.pk for p in couriers])
            .order_by("-id")[: 7 - len(couriers)]
        )
        for person in more:
            person.tags.add(tag)
        couriers += more
    chosen = {p.pk for p in couriers}
    residents = list(
        Person.objects.filter(under("area_path", estate.path))
        .exclude(pk__in=chosen)
        .order_by("id")[: n - len(couriers)]
    )
    return couriers, residents


BRANCH_TEAM = "党支部志愿服务队"
BRANCH_TITLE = "楼道杂物清理 邻里互助"


def _branch_team_load(secretary, *, community, estate, station, branch) -> str:
    """The estate branch's volunteer team and one activity it held, with the cases it closed."""
    from lianxin.cases.models import Case
    from lianxin.cases.models.enums import State
    from lianxin.volunteering.models import TeamKind
    from lianxin.volunteering.services import teams as team_svc

    if branch is None:
        return ""
    name = f"{estate.name}{BRANCH_TEAM}"
    if VolunteerTeam.objects.filter(area=estate, name=name).exists():
        return ""
    team = team_svc.team_create(
        secretary, name=name, kind=TeamKind.PARTY_VOLUNTEER, area=estate, leading_org=branch, base=station
    )
    members = list(Person.objects.filter(under("area_path", estate.path)).order_by("id")[:5])
    for person in members:
        team_svc.team_member_add(secretary, team=team, person=person)
    now = timezone.now()
    activity = svc.activity_publish(
        secretary,
        title=BRANCH_TITLE,
        place=station,
        starts_at=now - timedelta(days=6, hours=3),
        ends_at=now - timedelta(days=6, hours=1),
        capacity=10,
        organiser=branch,
        teams=[team],
        note="党支部领办志愿服务队清理楼道堆放杂物，消除消防隐患。",
    )
    for person in members:
        svc.activity_sign_in(secretary, activity=activity, person=person)
    cases = list(
        Case.objects.filter(under("area_path", estate.path), state=State.CLOSED).order_by("id")[:2]
    ) or list(Case.objects.filter(under("area_path", community.path), state=State.CLOSED).order_by("id")[:2])
    svc.activity_results_record(
        secretary, activity=activity, residents_served=18, problems_solved=3, cases=cases
    )
    svc.activity_hours_confirm(secretary, activity=activity, hours="2")
    return f"{name}（{branch.name}领办）活动 1 次，签到 {len(members)} 人，关联办结诉求 {len(cases)} 件。"


BASE = "巨川县党性教育基地"
BASE_TITLES = ("主题党日·现场教学（一）", "主题党日·现场教学（二）")


def _base_sessions_load(community) -> str:
    """P003-49: two sessions booked at the county's base; the community's members sign in on the roll."""
    from lianxin.party.models import Membership

    lead = User.objects.filter(is_demo=True, username="county_admin").first()
    base = Place.objects.filter(name=BASE).first()
    if (
        lead is None
        or base is None
        or PlaceActivity.objects.filter(place=base, title__in=BASE_TITLES).exists()
    ):
        return ""
    members = list(
        Person.objects.filter(
            pk__in=Membership.objects.filter(under("area_path", community.path), is_home=True).values(
                "person"
            )
        ).order_by("id")[:10]
    )
    now = timezone.now()
    # Both this year, whatever the day the demo is loaded.
    days_in = (timezone.localdate() - timezone.localdate().replace(month=1, day=1)).days
    rolls = (members[:8], members[4:10])
    for title, days, roll in zip(BASE_TITLES, (min(20, days_in), min(6, days_in)), rolls, strict=True):
        starts = now - timedelta(days=days, hours=4)
        session = svc.activity_publish(
            lead,
            title=title,
            kind=PlaceActivityKind.MEETING,
            place=base,
            starts_at=starts,
            ends_at=starts + timedelta(hours=3),
            capacity=50,
            note=f"{community.name}党员到基地开展现场教学、主题党日。",
        )
        for person in roll:
            svc.activity_sign_in(lead, activity=session, person=person)
    times = sum(len(r) for r in rolls)
    persons = len({p.pk for r in rolls for p in r})
    return f"{BASE}现场教学 2 次，{times} 人次、{persons} 人。"


TRAINING_FIRST = "非公企业党建实务培训班（第一期）"


def _training_first_load(secretary, community, centre) -> str:
    """P000-63: a past session of the featured course, with its enrolment and sign-in roll."""
    from lianxin.party.models import Membership
    from lianxin.volunteering.models import Course

    course = Course.objects.filter(title="非公企业党建实务", area=community).first()
    if course is None or PlaceActivity.objects.filter(title=TRAINING_FIRST).exists():
        return ""
    members = list(
        Person.objects.filter(
            pk__in=Membership.objects.filter(under("area_path", community.path), is_home=True).values(
                "person"
            )
        ).order_by("-id")[:12]
    )
    days_in = (timezone.localdate() - timezone.localdate().replace(month=1, day=1)).days
    starts = timezone.now() - timedelta(days=min(14, days_in), hours=5)
    session = svc.activity_publish(
        secretary,
        title=TRAINING_FIRST,
        kind=PlaceActivityKind.TRAINING,
        place=centre,
        area=None if centre else community,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        capacity=50,
        organiser=PartyOrg.objects.filter(area=community).order_by("depth").first(),
        course=course,
    )
    for person in members:
        svc.activity_sign_up(secretary, activity=session, person=person)
    for person in members[:10]:
        svc.activity_sign_in(secretary, activity=session, person=person)
    return f"培训班第一期报名 {len(members)} 人、签到 {min(10, len(members))} 人。"


@transaction.atomic
def demo_activities_load() -> str:
    done = PlaceActivity.objects.filter(title=TITLE, detail__isnull=False).exists()
    if done:
        extra = _branch_team_extra()
        return extra or "演示活动已有，未重复写入。"
    users = {u.username: u for u in User.objects.filter(is_demo=True).select_related("person")}
    secretary = users.get("community_secretary")
    if secretary is None or not secretary.person_id:
        return "没有社区书记演示账号，未写入演示活动。"
    community = Area.objects.get(pk=secretary.person.area_id)
    station = (
        Place.objects.filter(under("area_path", community.path), name__endswith="党群服务站")
        .order_by("area_path")
        .first()
    )
    if station is None:
        return "社区没有党群服务站，未写入演示活动。"
    estate = station.area
    centre = Place.objects.filter(area=community, name__endswith="党群服务中心").first()
    branch = PartyOrg.objects.filter(area=estate).order_by("depth").first()
    committee = PartyOrg.objects.filter(area=community).order_by("depth").first()
    teams = list(VolunteerTeam.objects.filter(area=community).order_by("id"))
    now = timezone.now()

    # 重阳节敬老: 39 sign up, 33 sign in, 2.5 hours.
    elders = svc.activity_publish(
        secretary,
        title=TITLE,
        place=station,
        starts_at=now - timedelta(days=3, hours=2),
        ends_at=now - timedelta(days=3),
        capacity=40,
        organiser=branch or committee,
        teams=teams[:2],
        note="为小区高龄老人包饺子、理发、测血压。",
    )
    couriers, residents = _people(estate, community, 39)
    for person in couriers + residents:
        svc.activity_sign_up(secretary, activity=elders, person=person)
    signed_in = 0
    for person in couriers + residents[: 33 - len(couriers)]:
        svc.activity_sign_in(secretary, activity=elders, person=person)
        signed_in += 1
    svc.activity_results_record(secretary, activity=elders, residents_served=56, problems_solved=4)
    svc.activity_hours_confirm(secretary, activity=elders, hours="2.5")

    # 粽叶飘香 情暖端午: open for sign-up.
    dragon = svc.activity_publish(
        secretary,
        title="粽叶飘香 情暖端午",
        place=station,
        starts_at=now + timedelta(days=5),
        ends_at=now + timedelta(days=5, hours=3),
        capacity=30,
        organiser=branch or committee,
        note="邻里一起包粽子，给独居老人送粽子。",
    )
    resident = users.get("resident")
    if resident is not None and resident.person_id:
        svc.activity_sign_up(resident, activity=dragon)

    # A training session with its trainer and course (P000-63).
    trainer = svc.trainer_add(
        secretary, name="王建国", area=community, title="市委党校讲师", expertise="非公企业党建"
    )
    course = svc.course_add(
        secretary,
        title="非公企业党建实务",
        area=community,
        topic="非公党建",
        trainer=trainer,
        hours="2",
        is_featured=True,
    )
    svc.activity_publish(
        secretary,
        title="非公企业党建实务培训班",
        kind=PlaceActivityKind.TRAINING,
        place=centre or station,
        starts_at=now + timedelta(days=9),
        capacity=50,
        organiser=committee,
        course=course,
    )

    # 志愿服务进小区 at another estate of the community, 2 hours.
    other = (
        Area.objects.filter(under("path", community.path), level=Level.ESTATE)
        .exclude(pk=estate.pk)
        .order_by("path")
        .first()
    )
    into = svc.activity_publish(
        secretary,
        title="志愿服务进小区",
        area=other or estate,
        starts_at=now - timedelta(days=10),
        ends_at=now - timedelta(days=10) + timedelta(hours=2),
        organiser=committee,
        teams=teams,
        # Held with the housing bureau under the community's co-building agreement (P004-49).
        agreement=CoBuildingAgreement.objects.filter(party_org=committee).order_by("id").first(),
    )
    for who in ("volunteer", "courier", "building_captain"):
        user = users.get(who)
        if user is not None and user.person_id:
            svc.activity_sign_in(secretary, activity=into, person=user.person)
    svc.activity_results_record(secretary, activity=into, residents_served=48, problems_solved=6)
    svc.activity_hours_confirm(secretary, activity=into, hours="2")
    extra = _branch_team_load(secretary, community=community, estate=estate, station=station, branch=branch)
    extra += _base_sessions_load(community)
    extra += _training_first_load(secretary, community, centre)
    return (
        extra + f"演示活动 4 个：{TITLE}（{station.name}）报名 {len(couriers) + len(residents)} 人、"
        f"签到 {signed_in} 人，其中快递小哥 {len(couriers)} 人，确认时长 2.5 小时；"
        "端午活动开放报名；培训班 1 个；志愿服务进小区 1 次。"
    )


def _branch_team_extra() -> str:
    """On a demo loaded before the branch's team existed: add it (and nothing else)."""
    secretary = (
        User.objects.filter(is_demo=True, username="community_secretary").select_related("person").first()
    )
    if secretary is None or not secretary.person_id:
        return ""
    activity = PlaceActivity.objects.filter(title=TITLE, detail__isnull=False).select_related("place").first()
    station = activity.place
    if station is None:
        return ""
    estate = station.area
    community = Area.objects.get(pk=secretary.person.area_id)
    branch = PartyOrg.objects.filter(area=estate).order_by("depth").first()
    extra = _branch_team_load(secretary, community=community, estate=estate, station=station, branch=branch)
    centre = Place.objects.filter(area=community, name__endswith="党群服务中心").first()
    extra += _base_sessions_load(community)
    return extra + _training_first_load(secretary, community, centre)
