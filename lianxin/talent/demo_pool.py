"""The pool part's demo rows: ``world_ensure(built)`` the fixed rows of the demo and of the test world,
``demo_load()`` what only the demo county gets (printed by load_demo).

In 东湖示范片区 (南湖镇):
- four channels: a chamber of commerce in 苏州, a mobile-member party branch in 苏州 (in the party tree),
  the township's returnee entrepreneurship service station, a talent-recruitment workstation in 上海;
- five talents of the cluster's villages (李明远 found by 张学军's visit);
- the cluster's need for e-commerce skills with a match and its contact;
- 南湖镇2026春节返乡人才茶话会: five invitees, three who came;
- 刘春花's return (创业, 刘堂村) brought by it, with two follow-ups;
- 郭晓东 as a returnee: his 挂职书记 post at 刘堂村 (lianxin/demo/rural.py) is on his timeline
  and counts as an external person in the cluster's work.
"""

from datetime import date

CHAMBER = "南湖镇驻苏州商会"
MOBILE_BRANCH = "南湖镇驻苏州流动党员党支部"
STATION = "南湖镇返乡创业服务站"
WORKSTATION = "巨川县驻上海招才引智工作站"
EVENT = "南湖镇2026春节返乡人才茶话会"

# name, village, city, occupation, field, skills, willingness, channel
TALENTS = [
    ("李明远", "张庄村", "苏州", "电商公司运营总监", "business", "电商、直播带货", "willing", CHAMBER),
    ("张海燕", "张庄村", "上海", "企业财务经理", "management", "企业管理、财务", "considering", WORKSTATION),
    ("王建设", "王集村", "杭州", "建筑项目经理", "production", "施工管理、测量", "willing", MOBILE_BRANCH),
    ("刘春花", "刘堂村", "苏州", "苗木公司技术员", "planting", "金银花种植、育苗", "willing", CHAMBER),
    ("李国强", "李楼村", "郑州", "物流公司主管", "business", "冷链物流、电商", "considering", STATION),
]  # fmt: skip


def world_ensure(built) -> None:
    from lianxin.talent.models import TalentChannel

    cluster = built.cluster
    if cluster is None:
        return
    township = next(t for t in built.townships if cluster.path.startswith(t.path))
    if TalentChannel.objects.filter(area=township, name=CHAMBER).exists():
        return
    channels = _channels(township)
    villages = {v.name: v for v in built.villages if v.path.startswith(cluster.path)}
    talents = _talents(villages, channels)
    _need(cluster, talents)
    event = _event(township, talents)
    _returns(villages, talents, event, cluster)


def _person(username: str):
    from lianxin.people.models import User

    user = User.objects.filter(username=username).select_related("person").first()
    return user.person if user else None


def _channels(township):
    from lianxin.party.models import Field, OrgKind, PartyOrg
    from lianxin.talent.models import ChannelKind, TalentChannel

    committee = PartyOrg.objects.filter(kind=OrgKind.COMMITTEE, area=township).order_by("path").first()
    branch = PartyOrg.objects.filter(kind=OrgKind.MOBILE_BRANCH, name=MOBILE_BRANCH).first()
    if branch is None and committee is not None:
        branch = PartyOrg.objects.add_child(
            PartyOrg.objects.get(pk=committee.pk),
            {
                "kind": OrgKind.MOBILE_BRANCH,
                "name": MOBILE_BRANCH,
                "area": township,
                "area_path": township.path,
                "field": Field.TWO_NEW,
                "office_place": "江苏省苏州市工业园区",
                "founded_on": date(2021, 6, 1),
            },
        )
    rows = [
        (ChannelKind.CHAMBER, CHAMBER, None, "江苏省苏州市", "陈国华"),
        (ChannelKind.MOBILE_BRANCH, MOBILE_BRANCH, branch, "江苏省苏州市工业园区", "李卫东"),
        (ChannelKind.SERVICE_STATION, STATION, None, "南湖镇便民服务中心", "赵敏"),
        (ChannelKind.WORKSTATION, WORKSTATION, None, "上海市闵行区", "孙立"),
    ]
    out = {}
    for kind, name, org, location, contact in rows:
        if kind == ChannelKind.MOBILE_BRANCH and org is None:
            continue
        out[name] = TalentChannel.objects.create(
            kind=kind,
            name=name,
            area=township,
            area_path=township.path,
            party_org=org,
            location=location,
            contact_name=contact,
        )
    return out


def _talents(villages, channels):
    from lianxin.talent.models import TalentProfile, TalentVisit, VisitorKind

    finder = _person("village_secretary")
    out = {}
    for n, (name, village, city, occupation, field, skills, willingness, channel) in enumerate(TALENTS, 1):
        mobile = f"1391234{n:04d}"
        talent = TalentProfile(
            name=name,
            home_area=villages[village],
            area_path=villages[village].path,
            current_city=city,
            occupation=occupation,
            field=field,
            skills=skills,
            willingness=willingness,
            channel=channels.get(channel),
        )
        talent.set_mobile(mobile)
        if name == "李明远" and finder is not None:
            talent.finder = finder
        talent.save()
        out[name] = talent
    if finder is not None:
        TalentVisit.objects.create(
            talent=out["李明远"],
            area_path=out["李明远"].area_path,
            visited_on=date(2025, 12, 20),
            visitor=finder,
            visitor_kind=VisitorKind.TWO_COMMITTEE,
            content="春节前电话走访，了解其电商运营经验，有意带动金银花线上销售",
        )
    return out


def _need(cluster, talents):
    from lianxin.talent.models import MatchContact, Matching, MatchOutcome, NeedKind, TalentNeed

    need = TalentNeed.objects.create(
        area=cluster,
        area_path=cluster.path,
        kind=NeedKind.SKILL,
        title="金银花线上销售带头人",
        skills="电商、直播带货",
        description="片区金银花合作社需要懂电商和直播带货的人才，带动线上销售",
        posted_on=date(2026, 1, 5),
    )
    matching = Matching.objects.create(
        need=need,
        talent=talents["李明远"],
        area_path=cluster.path,
        matched_skills="电商、直播带货",
        outcome=MatchOutcome.INTERESTED,
    )
    MatchContact.objects.create(
        matching=matching,
        area_path=cluster.path,
        contacted_on=date(2026, 1, 10),
        outcome=MatchOutcome.INTERESTED,
        note="有意向春节返乡面谈",
    )


def _event(township, talents):
    from lianxin.talent.models import EventKind, EventSeason, Invitation, OutreachEvent

    event = OutreachEvent.objects.create(
        area=township,
        area_path=township.path,
        title=EVENT,
        kind=EventKind.TEA_PARTY,
        season=EventSeason.SPRING_FESTIVAL,
        held_on=date(2026, 2, 14),
        place="南湖镇党群服务中心",
        projects="金银花育苗基地",
    )
    came = {"李明远", "王建设", "刘春花"}
    for name, talent in talents.items():
        Invitation.objects.create(event=event, talent=talent, area_path=township.path, attended=name in came)
    return event


def _returns(villages, talents, event, cluster):
    from lianxin.people.models import Post
    from lianxin.rollups.services import rollup_add
    from lianxin.talent.models import (
        ClusterEngagement,
        EngagementForm,
        FollowUp,
        FollowUpKind,
        ReturnKind,
        TalentOrigin,
        TalentProfile,
        TalentReturn,
        TalentStatus,
    )
    from lianxin.talent.services.pool import RETURNS_FIGURE

    liutang = villages["刘堂村"]
    chun = talents["刘春花"]
    r = TalentReturn.objects.create(
        talent=chun,
        returned_on=date(2026, 2, 20),
        kind=ReturnKind.STARTUP,
        village=liutang,
        area_path=liutang.path,
        channel=chun.channel,
        event=event,
        project="金银花育苗基地",
    )
    chun.status = TalentStatus.RETURNED
    chun.save(update_fields=["status"])
    rollup_add(key=RETURNS_FIGURE, area_path=liutang.path, day=r.returned_on, value=1, dims={"kind": r.kind})
    for day, kind, content in [
        (date(2026, 3, 5), FollowUpKind.CONTACT, "走访育苗基地，了解用地和用水需求"),
        (date(2026, 4, 10), FollowUpKind.TRAINING, "参加县返乡创业培训班"),
    ]:
        FollowUp.objects.create(
            talent_return=r, area_path=liutang.path, happened_on=day, kind=kind, content=content
        )
    # 郭晓东: a returnee whose 挂职书记 post at 刘堂村 is already held (lianxin/demo/rural.py).
    guo = _person("seconded_secretary")
    post = Post.objects.filter(person=guo, role="seconded_secretary").first() if guo else None
    if post is None:
        return
    talent = TalentProfile.objects.create(
        person=guo,
        name=guo.name,
        home_area=liutang,
        area_path=liutang.path,
        current_city="南京",
        occupation="返乡前任南京某农业科技公司部门经理",
        field="management",
        skills="农业项目管理、电商",
        willingness="willing",
        status=TalentStatus.RETURNED,
        channel=talents["王建设"].channel,
    )
    r = TalentReturn.objects.create(
        talent=talent,
        returned_on=date(2025, 2, 20),
        kind=ReturnKind.EMPLOYMENT,
        village=liutang,
        area_path=liutang.path,
        channel=talent.channel,
    )
    rollup_add(key=RETURNS_FIGURE, area_path=liutang.path, day=r.returned_on, value=1, dims={"kind": r.kind})
    FollowUp.objects.create(
        talent_return=r,
        area_path=liutang.path,
        happened_on=post.start_date,
        kind=FollowUpKind.POST,
        content="刘堂村挂职书记",
        post=post,
    )
    ClusterEngagement.objects.create(
        cluster=cluster,
        area_path=cluster.path,
        person=guo,
        talent=talent,
        origin=TalentOrigin.OUTSIDE,
        form=EngagementForm.SECONDMENT,
        post=post,
        start_date=post.start_date,
        end_date=post.end_date,
    )


def demo_load() -> list[str]:
    from lianxin.talent.models import OutreachEvent, TalentProfile, TalentReturn

    return [
        f"人才库 {TalentProfile.objects.count()} 人，返乡 {TalentReturn.objects.count()} 人，"
        f"归雁兴巢活动 {OutreachEvent.objects.count()} 场"
    ]
