"""The standards part's demo rows (idempotent: what exists is found again, nothing is written twice).

- 县直机关工委 (中共巨川县直属机关工作委员会) under the county committee, over eleven new organ branches.
  The existing 中共巨川县住建局支部委员会 (issue 21's unit branch) stays where it is, under the county
  committee: moving it in the tree would change the paths copied onto its posts, memberships, cases and
  registrations by other apps. It is the twelfth organ branch, found with the others by their field
  (机关, ``Field.ORGAN``): the stars page's field filter 机关 shows the twelve.
- 王建国 (county_admin) rates the twelve 5×5★, 3×4★, 2×3★, 2×2★ → 83.3 % at three stars or more, 41.7 % at
  five (scenario 3), against the criteria 组织生活、阵地建设、党员管理、作用发挥.
- a village branch flagged 软弱涣散 with two rectification tasks, funds and staff;
- the checklist 三巩固两提升一创建 ticked by the organ branches;
- honours (优秀共产党员, 文明示范楼栋 on the building captain's building, 先进基层党组织), brands;
- the campaign 暖心服务月 with two activities and riders nominated (one rewarded 花都模范骑手);
- practices shared under the express and property sector committees, with activities to rank;
- credit rules, member stars and credit events.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from lianxin.areas.models import Area, Level, PlaceActivity, PlaceActivityKind
from lianxin.assessment.models import (
    BrandStatus,
    Campaign,
    ChecklistTemplate,
    ChecklistTick,
    CreditRule,
    Honour,
    HonourKind,
    MemberStar,
    NominationStatus,
    PartyBrand,
    SharedPractice,
    StarCriterion,
    StarRating,
    WeakOrgFlag,
)
from lianxin.core.scope import under
from lianxin.party.models import Field, Membership, OrgKind, PartyOrg, Sector
from lianxin.people.models import Person, User

ORGAN_COMMITTEE = "中共巨川县直属机关工作委员会"
UNIT_ORG = "中共巨川县住建局支部委员会"
NEW_ORGAN_UNITS = [
    "财政局",
    "教育局",
    "民政局",
    "卫健委",
    "交通局",
    "水务局",
    "农业农村局",
    "人社局",
    "司法局",
    "商务局",
    "文旅局",
]
# The twelve organ branches' stars, the existing 住建局 branch first (scenario 3: 5×5★, 3×4★, 2×3★, 2×2★).
STARS = [5, 5, 5, 5, 5, 4, 4, 4, 3, 3, 2, 2]
CRITERIA = [
    ("组织生活", "“三会一课”、主题党日、组织生活会按时召开，记录完整"),
    ("阵地建设", "活动场所、党务公开栏、党建资料规范"),
    ("党员管理", "党员教育管理、党费收缴、发展党员规范"),
    ("作用发挥", "服务中心工作和群众的实绩"),
]
CHECKLIST = "三巩固两提升一创建"
CHECKLIST_ITEMS = [
    "巩固政治机关建设成果",
    "巩固支部标准化规范化建设成果",
    "巩固作风建设成果",
    "提升服务基层能力",
    "提升党员队伍素质",
    "创建模范机关",
]
YEAR = 2026
REWARD = "花都模范骑手"
REASON = "随手拍上报问题积极，参加暖心服务月活动"


def _county() -> Area | None:
    return Area.objects.filter(level=Level.COUNTY).order_by("path").first()


def _user(username: str) -> User | None:
    return User.objects.filter(username=username, person__isnull=False).select_related("person").first()


def _organ_branches(county: Area) -> tuple[PartyOrg, list[PartyOrg]]:
    top = PartyOrg.objects.filter(kind=OrgKind.COMMITTEE, depth=1, area=county).order_by("path").first()
    committee = PartyOrg.objects.filter(name=ORGAN_COMMITTEE).first()
    if committee is None:
        committee = PartyOrg.objects.add_child(
            PartyOrg.objects.get(pk=top.pk),
            {
                "kind": OrgKind.WORKING_COMMITTEE,
                "name": ORGAN_COMMITTEE,
                "area": county,
                "area_path": county.path,
                "field": Field.ORGAN,
                "founded_on": date(1984, 5, 1),
            },
        )
    branches = []
    existing = PartyOrg.objects.filter(name=UNIT_ORG, field=Field.ORGAN).order_by("path").first()
    if existing is not None:
        branches.append(existing)
    for unit in NEW_ORGAN_UNITS:
        name = f"中共巨川县{unit}支部委员会"
        branch = PartyOrg.objects.filter(name=name, field=Field.ORGAN).first()
        if branch is None:
            branch = PartyOrg.objects.add_child(
                PartyOrg.objects.get(pk=committee.pk),
                {
                    "kind": OrgKind.BRANCH,
                    "name": name,
                    "area": county,
                    "area_path": county.path,
                    "field": Field.ORGAN,
                },
            )
        branches.append(branch)
    return PartyOrg.objects.get(pk=committee.pk), branches


def _evidence(criteria) -> dict:
    return {c.name: f"{c.name}：年度台账、会议记录和照片已核" for c in criteria}


def _stars(admin, branches) -> int:
    from lianxin.assessment.services.standards import star_rate

    criteria = [
        StarCriterion.objects.get_or_create(name=name, defaults={"description": text, "order": n})[0]
        for n, (name, text) in enumerate(CRITERIA, start=1)
    ]
    rated = 0
    for branch, stars in zip(branches, STARS, strict=False):
        if StarRating.objects.filter(org=branch, year=YEAR).exists():
            continue
        star_rate(admin, org=branch, year=YEAR, stars=stars, evidence=_evidence(criteria))
        rated += 1
    return rated


def _weak_org(admin, county) -> WeakOrgFlag | None:
    from lianxin.assessment.services.standards import weak_org_flag

    village = (
        PartyOrg.objects.filter(under("area_path", county.path), kind=OrgKind.BRANCH, field=Field.RURAL)
        .order_by("-path")
        .first()
    )
    if village is None:
        return None
    flag = WeakOrgFlag.objects.filter(org=village, year=YEAR).first()
    if flag is not None:
        return flag
    return weak_org_flag(
        admin,
        org=village,
        year=YEAR,
        reasons="班子战斗力不强，组织生活不经常；村集体经济薄弱，群众反映问题解决不及时。",
        items=[("配齐配强村党支部班子，选派第一书记", 20), ("规范“三会一课”和主题党日，建立台账", 15)],
        support_yuan=50000,
        staff_sent=2,
        staff_note="县农业农村局选派第一书记1名、驻村工作队员1名",
    )


def _checklist(branches) -> int:
    template, _created = ChecklistTemplate.objects.get_or_create(
        name=CHECKLIST,
        defaults={"field": Field.ORGAN, "description": "县直机关党建“三巩固、两提升、一创建”工作模式"},
    )
    items = []
    for order, name in enumerate(CHECKLIST_ITEMS, start=1):
        items.append(template.items.get_or_create(name=name, defaults={"order": order})[0])
    ticked = 0
    # The first branches tick more items: 6, 6, 5, 4, 3 … so the page shows complete and partial branches.
    for n, branch in enumerate(branches):
        done = max(0, len(items) - max(0, n - 1))
        for item in items[:done]:
            _tick, created = ChecklistTick.objects.get_or_create(
                item=item, org=branch, year=YEAR, defaults={"evidence": f"{item.name}：台账和佐证已上传"}
            )
            ticked += created
    return ticked


def _honours(admin, county) -> int:
    from lianxin.assessment.services.standards import honour_record

    if Honour.objects.exists():
        return 0
    written = 0
    members = (
        Membership.objects.current()
        .filter(under("area_path", county.path), is_home=True)
        .select_related("person")
        .order_by("id")[:6]
    )
    for n, m in enumerate(members):
        honour_record(
            admin,
            kind=HonourKind.PERSON,
            title="优秀共产党员",
            year=YEAR - (n % 2),
            awarding_body="中共巨川县委",
            person=m.person,
            awarded_on=date(YEAR - (n % 2), 7, 1),
        )
        written += 1
    captain = _user("building_captain")
    buildings = []
    if captain is not None:
        from lianxin.people.models import Post

        post = (
            Post.objects.filter(person=captain.person, area__level=Level.BUILDING)
            .select_related("area")
            .first()
        )
        if post is not None:
            buildings.append(post.area)
    buildings += list(
        Area.objects.filter(under("path", county.path), level=Level.BUILDING)
        .exclude(pk__in=[b.pk for b in buildings])
        .order_by("path")[:4]
    )
    for building in buildings:
        honour_record(
            admin,
            kind=HonourKind.BUILDING,
            title="文明示范楼栋",
            year=YEAR,
            awarding_body="巨川县精神文明建设委员会",
            area=building,
            awarded_on=date(YEAR, 9, 28),
        )
        written += 1
    org = PartyOrg.objects.filter(name=UNIT_ORG).first()
    if org is not None:
        honour_record(
            admin,
            kind=HonourKind.ORGANISATION,
            title="先进基层党组织",
            year=YEAR,
            awarding_body="中共巨川县委",
            org=org,
            awarded_on=date(YEAR, 7, 1),
        )
        written += 1
    return written


def _brands(admin, committee) -> int:
    from lianxin.assessment.services.standards import brand_record

    unit = PartyOrg.objects.filter(name=UNIT_ORG).first()
    express = PartyOrg.objects.filter(kind=OrgKind.SECTOR_COMMITTEE, sector=Sector.EXPRESS).first()
    property_root = PartyOrg.objects.filter(kind=OrgKind.SECTOR_COMMITTEE, sector=Sector.PROPERTY).first()
    plan = [
        (committee, "牡丹丛中党旗红", BrandStatus.NAMED, "县直机关党建品牌，机关党员进社区、办实事"),
        (committee, "三融入三引领", BrandStatus.CULTIVATING, "党建融入业务、融入服务、融入作风"),
        (unit, "机关服务基层、干部服务职工、党员服务群众", BrandStatus.NAMED, "住建局机关服务品牌"),
        (express, "红色快递·暖心速递", BrandStatus.CULTIVATING, "快递小哥参与基层治理"),
        (property_root, "红色物业 安保铁军", BrandStatus.NAMED, "物业行业党建品牌"),
    ]
    written = 0
    for org, name, status, text in plan:
        if org is None or PartyBrand.objects.filter(org=org, name=name).exists():
            continue
        brand_record(admin, org=org, name=name, year=YEAR, description=text, status=status)
        written += 1
    return written


def _activity(area, organiser, title, held_on, participants) -> PlaceActivity:
    found = PlaceActivity.objects.filter(title=title, held_on=held_on).first()
    if found:
        return found
    return PlaceActivity.objects.create(
        area=area,
        area_path=area.path,
        kind=PlaceActivityKind.SERVICE,
        organiser=organiser,
        title=title,
        held_on=held_on,
        participants=participants,
        host=organiser.name if organiser else "",
    )


def _rider_reports() -> int:
    """赵鹏 (the courier) reports two problems with 随手拍 where he works: his record in the campaign."""
    from lianxin.cases.models import Category
    from lianxin.cases.services import case_report
    from lianxin.people.models import Post

    courier = _user("courier")
    post = Post.objects.filter(person=courier.person, area__isnull=False).first() if courier else None
    if post is None:
        return 0
    estate = Area.objects.filter(under("path", post.area.path), level=Level.ESTATE).order_by("path").first()
    leaves = Category.objects.filter(is_active=True, is_public=True, numchild=0, kind="problem")
    category = leaves.order_by("path").first()
    if estate is None or category is None:
        return 0
    texts = ["小区门口共享单车乱停放，堵塞消防通道", "楼道堆放杂物，存在安全隐患"]
    for n, text in enumerate(texts):
        case_report(
            courier, category=category, area=estate, description=text, idempotency_key=f"demo-rider-{n}"
        )
    return len(texts)


def _campaign(admin, county) -> Campaign | None:
    from lianxin.assessment.services.standards import campaign_create, nomination_add, nomination_decide

    campaign = Campaign.objects.filter(title="暖心服务月").first()
    if campaign is not None:
        return campaign
    express = PartyOrg.objects.filter(kind=OrgKind.SECTOR_COMMITTEE, sector=Sector.EXPRESS).first()
    # The month around the day the demo is loaded, so the riders' snapshot reports fall in it.
    start = timezone.localdate() - timedelta(days=21)
    end = start + timedelta(days=29)
    activities = [
        _activity(county, express, "暖心服务月·快递小哥健康义诊", start + timedelta(days=6), 36),
        _activity(county, express, "暖心服务月·骑手交通安全培训", start + timedelta(days=17), 42),
    ]
    _rider_reports()
    campaign = campaign_create(
        admin,
        title="暖心服务月",
        area=county,
        starts_on=start,
        ends_on=end,
        description="关爱快递小哥、外卖骑手，评选奖励“花都模范骑手”",
        activities=activities,
    )
    riders = list(Person.objects.filter(tags__code="courier").distinct().order_by("id")[:4])
    courier = _user("courier")
    if courier is not None and courier.person not in riders:
        riders.insert(0, courier.person)
    for n, rider in enumerate(riders):
        nomination = nomination_add(admin, campaign=campaign, person=rider, reason=REASON)
        if n == 0:
            nomination_decide(admin, nomination=nomination, status=NominationStatus.SELECTED)
            nomination_decide(admin, nomination=nomination, status=NominationStatus.REWARDED, reward=REWARD)
        elif n == 1:
            nomination_decide(admin, nomination=nomination, status=NominationStatus.SELECTED)
    return campaign


def _practices(admin, county) -> int:
    from lianxin.assessment.services.standards import practice_share

    if SharedPractice.objects.exists():
        return 0
    written = 0
    for sector in (Sector.EXPRESS, Sector.PROPERTY):
        committee = PartyOrg.objects.filter(kind=OrgKind.SECTOR_COMMITTEE, sector=sector).first()
        if committee is None:
            continue
        orgs = list(
            PartyOrg.objects.filter(under("path", committee.path)).exclude(pk=committee.pk).order_by("path")
        )
        for n, org in enumerate(orgs[:4]):
            for k in range(len(orgs[:4]) - n):
                _activity(county, org, f"{org.name}主题党日（{k + 1}）", date(YEAR, 3 + k, 10), 12 + k)
            practice_share(
                admin,
                org=org,
                title=f"{org.name}：“党员先锋岗”亮身份",
                body="党员佩戴党徽上岗，设立党员示范岗，每月评议一次，经验在行业内互观互学。",
                shared_on=date(YEAR, 6, 1 + n),
            )
            written += 1
    return written


def _members(admin, county) -> int:
    from lianxin.assessment.services.standards import credit_event_record, member_star_rate

    rules = {
        name: CreditRule.objects.get_or_create(name=name, defaults={"points": points})[0]
        for name, points in [("领办合作社", 10), ("参加志愿服务", 2), ("无故不参加组织生活", -5)]
    }
    if MemberStar.objects.exists():
        return 0
    village = (
        PartyOrg.objects.filter(under("area_path", county.path), kind=OrgKind.BRANCH, field=Field.RURAL)
        .order_by("path")
        .first()
    )
    if village is None:
        return 0
    members = list(
        Membership.objects.current().filter(org=village, is_home=True).select_related("person")[:6]
    )
    today = date(YEAR, 10, 15)
    for n, m in enumerate(members):
        member_star_rate(admin, person=m.person, year=YEAR, stars=5 - (n % 3))
        rule = list(rules.values())[n % 3]
        credit_event_record(admin, person=m.person, rule=rule, happened_on=today - timedelta(days=n * 7))
    return len(members)


def demo_load() -> list[str]:
    county = _county()
    admin = _user("county_admin")
    if county is None or admin is None:
        return []
    with transaction.atomic():
        committee, branches = _organ_branches(county)
        rated = _stars(admin, branches)
        flag = _weak_org(admin, county)
        ticked = _checklist(branches)
        honours = _honours(admin, county)
        brands = _brands(admin, committee)
        campaign = _campaign(admin, county)
        practices = _practices(admin, county)
        members = _members(admin, county)
    from lianxin.assessment.selectors.standards import star_figures

    f = star_figures(StarRating.objects.filter(year=YEAR, is_current=True, org__field=Field.ORGAN))
    counts = "、".join(f"{b['stars']}星{b['count']}" for b in f["by_stars"] if b["count"])
    lines = [
        f"县直机关工委下机关支部 {len(branches) - 1} 个，住建局支部在县委下，机关共 {f['total']} 个；",
        f"本次评星 {rated} 个；{counts}：三星以上 {f['three_plus_share']}%，五星 {f['five_share']}%。",
        f"软弱涣散党组织：{flag.org.name if flag else '无'}（整改 {flag.items.count() if flag else 0} 项）。",
        f"“{CHECKLIST}”勾选 {ticked} 项；荣誉 {honours} 项；党建品牌 {brands} 个。",
        f"共享经验 {practices} 条；党员星级 {members} 人。",
    ]
    if campaign is not None:
        n = campaign.nominations.count()
        lines.append(f"“{campaign.title}”活动 {campaign.activities.count()} 场，提名骑手 {n} 名。")
    return lines
