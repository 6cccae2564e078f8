"""The scoring part's demo rows (idempotent: a scheme, session or record found by its name is kept).

- 梧桐里社区2026年度物业企业考核 (scenario 2): 社区党委评价 50 %, 居民满意度 30 %,
  街道党工委评价 20 %; 万家物业 72, 80 (16/20), 65 → 73.0 合格; 巨川县城投物业 (盛世名邸)
  50, 60, 55 → 54.0 整改/退出, its exit recorded for 2027-03-31; the community's other
  companies marked and rated too. Property fees of the community's estates for 2026.
- 梧桐里社区2026年下半年楼长履职评价: branch marks and residents' ratings 50/50, ranked in
  each estate, the first of each estate awarded 优秀楼长.
- 凤凰街道2026年度派驻单位评价: the street scores the units placed in it (each unit's file).
- 2026年度行业党委书记述职评议会 (scenario 3): the five sector committees' secretaries
  report (14 measures → 14 tasks), nine reviewers (韩静 among them) score, averages ranked;
  the 正负清单 and commitments of 张志强 and of a sector secretary.
- 五有 ticks for the community's estates (some at 5/5).

Marks and answers are written as rows (not through the window check): the demo loads on any day.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

COMPANY_SCHEME = "梧桐里社区2026年度物业企业考核"
CAPTAIN_SCHEME = "梧桐里社区2026年下半年楼长履职评价"
UNIT_SCHEME = "凤凰街道2026年度派驻单位评价"
SESSION = "2026年度行业党委书记述职评议会"
COMMUNITY = "梧桐里社区"
WANJIA, CHENGTOU = "万家物业服务有限公司", "巨川县城投物业有限公司"
# Community, street marks and (satisfied, answers) per company; 万家 and 城投 as in scenario 2.
COMPANY_FIGURES = {WANJIA: (72, 65, 16, 20), CHENGTOU: (50, 55, 12, 20)}
OTHER_FIGURES = [(85, 82, 9, 10), (78, 80, 8, 10), (66, 70, 6, 10), (90, 88, 9, 10), (81, 76, 7, 10)]
SECRETARIES = ["周建华", "吴丽娟", "郑国强", "孙海燕", "冯志刚"]
REVIEWERS = ["王立新", "刘晓红", "陈德明", "赵雅琴", "钱文斌", "孙丽萍", "李国华", "周美玲"]
MEASURES = [
    ["推进快递网点党组织全覆盖", "建设骑手暖心驿站2处", "开展新就业群体党员积分管理"],
    ["组建外卖配送流动党支部", "季度开展骑手恳谈会", "落实骑手兼职网格员报到"],
    ["规范物业企业党支部组织生活", "推动红色物业考核结果运用", "每季度召开物业行业联席会"],
    ["建立道路运输企业党建指导员制度", "开展货车司机关爱行动", "推进运输企业党组织规范化"],
    ["建立直播电商党建联盟", "培育电商党建示范点2个"],
]
SCORES = [
    [95, 94, 96, 93, 95, 94, 96, 95, 94],
    [88, 90, 87, 89, 88, 90, 86, 88, 89],
    [91, 92, 90, 93, 91, 92, 90, 91, 92],
    [80, 82, 79, 81, 80, 83, 78, 80, 81],
    [85, 86, 84, 85, 87, 84, 86, 85, 85],
]
CONDUCT = [
    ("positive", "带头走访群众，每月不少于20户"),
    ("positive", "按期召开“四方联动”议事会"),
    ("negative", "不得推诿扯皮、敷衍群众诉求"),
    ("negative", "不得违规收受物业企业礼品"),
]
COMMITMENTS = [
    ("新建小区党支部2个", True, "小区党支部成立批复2份"),
    ("物业费收缴率达到90%以上", True, "2026年度物业费收缴台账"),
    ("建成“红色驿站”1处", False, ""),
]


def demo_load() -> list[str]:
    from lianxin.areas.models import Area

    community = Area.objects.filter(name=COMMUNITY, level="community").first()
    if community is None:
        return []
    with transaction.atomic():
        lines = _companies(community)
        lines += _captains(community)
        lines += _units(community)
        lines += _review(community)
        lines += _five_haves(community)
    return lines


def _person(username: str):
    from lianxin.people.models import User

    user = User.objects.filter(username=username).select_related("person").first()
    return user, (user.person if user else None)


def _scheme(name, kind, area, start, end, indicators, creator):
    from lianxin.assessment.models import Indicator, Scheme
    from lianxin.assessment.services.scoring import DEFAULT_BANDS

    scheme = Scheme.objects.filter(name=name).first()
    if scheme is not None:
        return scheme, False
    scheme = Scheme.objects.create(
        name=name,
        subject_kind=kind,
        area=area,
        period_start=start,
        period_end=end,
        entry_opens=date(2026, 11, 1),
        entry_closes=date(2027, 1, 29),
        grade_bands=DEFAULT_BANDS,
        created_by=creator,
    )
    for order, (label, weight, source) in enumerate(indicators):
        Indicator.objects.create(
            scheme=scheme, name=label, weight=Decimal(weight), source=source, order=order
        )
    return scheme, True


def _answers(scheme, estate, subject, satisfied: int, total: int) -> None:
    from lianxin.assessment.models import SurveyAnswer
    from lianxin.core.paths import under
    from lianxin.people.models import Person

    people = (
        Person.objects.filter(household__isnull=False)
        .filter(under("household__area_path", estate.path))
        .exclude(household__in=SurveyAnswer.objects.filter(scheme=scheme).values("household_id"))
        .select_related("household")
        .order_by("household_id", "id")
    )
    seen = set()
    for person in people:
        if len(seen) >= total:
            break
        if person.household_id in seen:
            continue
        seen.add(person.household_id)
        SurveyAnswer.objects.create(
            scheme=scheme,
            household=person.household,
            satisfied=len(seen) <= satisfied,
            answered_by=person,
            subject_organisation=subject.organisation,
            subject_person=subject.person,
            subject_area=subject.area,
        )


def _companies(community) -> list[str]:
    from lianxin.assessment.models import CompanyExit, FeeRecord, Mark, Source, SubjectKind
    from lianxin.assessment.scoring_functions import Subject
    from lianxin.assessment.services.scoring import results_refresh
    from lianxin.core.paths import under
    from lianxin.people.models import EstateService

    _user, secretary = _person("community_secretary")
    _user, street_secretary = _person("street_secretary")
    if secretary is None or street_secretary is None:
        return []
    scheme, created = _scheme(
        COMPANY_SCHEME, SubjectKind.PROPERTY_COMPANY, community, date(2026, 1, 1), date(2026, 12, 31),
        [("社区党委评价", 50, Source.MARK), ("居民满意度", 30, Source.SURVEY),
         ("街道党工委评价", 20, Source.MARK)],
        secretary,
    )  # fmt: skip
    services = list(
        EstateService.objects.filter(under("estate__path", community.path), service_end__isnull=True)
        .select_related("company", "estate")
        .order_by("estate__path")
    )
    if created:
        community_mark, _survey, street_mark = list(scheme.indicators.all())
        others = iter(OTHER_FIGURES)
        done = set()
        for service in services:
            company = service.company
            figures = COMPANY_FIGURES.get(company.name) or next(others, (80, 80, 8, 10))
            subject = Subject(organisation=company)
            if company.pk not in done:
                done.add(company.pk)
                Mark.objects.create(
                    scheme=scheme, indicator=community_mark, marker=secretary, score=figures[0],
                    subject_organisation=company,
                )  # fmt: skip
                Mark.objects.create(
                    scheme=scheme, indicator=street_mark, marker=street_secretary, score=figures[1],
                    subject_organisation=company,
                )  # fmt: skip
                _answers(scheme, service.estate, subject, figures[2], figures[3])
        results_refresh(scheme=scheme)
        chengtou = next((s for s in services if s.company.name == CHENGTOU), None)
        if chengtou is not None:
            chengtou.service_end = date(2027, 3, 31)
            chengtou.save(update_fields=["service_end"])
            CompanyExit.objects.create(
                company=chengtou.company, estate=chengtou.estate, scheme=scheme, exit_on=date(2027, 3, 31),
                reason="2026年度考核54.0分，低于60分，整改无效退出", recorded_by=secretary,
            )  # fmt: skip
    rates = [0.92, 0.78, 0.95, 0.86, 0.91, 0.88, 0.93, 0.9]
    fees = 0
    for n, service in enumerate(services):
        if FeeRecord.objects.filter(estate=service.estate, year=2026).exists():
            continue
        households = 120 + 20 * n
        due = Decimal(households * 1200)
        FeeRecord.objects.create(
            estate=service.estate, company=service.company, year=2026,
            billing_start=service.fee_start or service.service_start, due_yuan=due,
            collected_yuan=(due * Decimal(str(rates[n % len(rates)]))).quantize(Decimal("1")),
            households=households, recorded_by=secretary,
        )  # fmt: skip
        fees += 1
    lines = []
    if created:
        lines.append(
            f"考核：{COMPANY_SCHEME}（{len({s.company_id for s in services})} 家物业企业，"
            "万家 73.0 合格，城投 54.0 整改/退出）"
        )
    if fees:
        lines.append(f"考核：{community.name} 2026 年物业费记录 {fees} 条")
    return lines


def _captains(community) -> list[str]:
    from lianxin.assessment.models import CaptainAward, Mark, Result, Source, SubjectKind
    from lianxin.assessment.services.scoring import current_batch, results_refresh, scheme_subjects

    _user, secretary = _person("community_secretary")
    scheme, created = _scheme(
        CAPTAIN_SCHEME, SubjectKind.BUILDING_CAPTAIN, community, date(2026, 7, 1), date(2026, 12, 31),
        [("小区党支部评分", 50, Source.MARK), ("居民评价", 50, Source.SURVEY)], secretary,
    )  # fmt: skip
    if not created:
        return []
    indicator = scheme.indicators.get(source=Source.MARK)
    subjects = scheme_subjects(scheme)
    for n, subject in enumerate(subjects):
        Mark.objects.create(
            scheme=scheme, indicator=indicator, marker=secretary, score=70 + (n * 7) % 28,
            subject_person=subject.person, subject_area=subject.area,
        )  # fmt: skip
        building = subject.person.posts.filter(role="building_captain").select_related("area").first()
        if building is not None:
            _answers(scheme, building.area, subject, 2 + n % 3, 4)
    results_refresh(scheme=scheme)
    awards = 0
    for result in Result.objects.filter(scheme=scheme, batch=current_batch(scheme), rank=1).select_related(
        "subject_area"
    ):
        if result.subject_area_id and result.subject_person_id:
            CaptainAward.objects.create(
                scheme=scheme, person_id=result.subject_person_id, estate=result.subject_area, year=2026,
                awarded_by=secretary,
            )  # fmt: skip
            awards += 1
    return [f"考核：{CAPTAIN_SCHEME}（{len(subjects)} 名楼长，优秀楼长 {awards} 名）"]


def _units(community) -> list[str]:
    from lianxin.areas.models import Area
    from lianxin.assessment.models import Mark, Source, SubjectKind
    from lianxin.assessment.services.scoring import results_refresh
    from lianxin.people.models import Department

    street = Area.objects.get_parent(community)
    _user, street_secretary = _person("street_secretary")
    scheme, created = _scheme(
        UNIT_SCHEME, SubjectKind.STATIONED_UNIT, street, date(2026, 1, 1), date(2026, 12, 31),
        [("街道党工委评价", 100, Source.MARK)], street_secretary,
    )  # fmt: skip
    if not created:
        return []
    indicator = scheme.indicators.get()
    units = list(Department.objects.filter(area_path=street.path).order_by("name"))
    # A county unit working in the street (the housing bureau): its staff read the score in its file.
    units += list(Department.objects.filter(code="zhujian", area__level="county")[:1])
    for unit, score in zip(units, [92, 86, 79, 90, 84], strict=False):
        Mark.objects.create(
            scheme=scheme, indicator=indicator, marker=street_secretary, score=score, subject_department=unit
        )
    results_refresh(scheme=scheme)
    return [f"考核：{UNIT_SCHEME}（{len(units)} 个派驻单位）"]


def _review(community) -> list[str]:
    from lianxin.areas.models import Area
    from lianxin.assessment.models import Commitment, ConductIncident, ConductItem, ReviewScore, ReviewSession
    from lianxin.assessment.services.scoring import review_report_submit
    from lianxin.party.models import OrgKind, PartyOrg
    from lianxin.people.models import Person, Post
    from lianxin.people.roles import Role

    if ReviewSession.objects.filter(title=SESSION).exists():
        return []
    admin, admin_person = _person("county_admin")
    _reviewer_user, reviewer = _person("reviewer")
    _cs, community_secretary = _person("community_secretary")
    county = Area.objects.filter(level="county").order_by("path").first()
    committees = list(PartyOrg.objects.filter(kind=OrgKind.SECTOR_COMMITTEE).order_by("id")[:5])
    if admin is None or reviewer is None or county is None or len(committees) < 5:
        return []
    secretaries = []
    for name, committee in zip(SECRETARIES, committees, strict=True):
        post = Post.objects.filter(role=Role.SECRETARY, party_org=committee).select_related("person").first()
        if post is None:
            person = Person.objects.create(name=name)
            post = Post.objects.create(
                person=person,
                role=Role.SECRETARY,
                party_org=committee,
                area_path="",
                start_date=date(2024, 1, 1),
            )
        secretaries.append(post.person)
    panel = [reviewer] + [
        Person.objects.get_or_create(name=name, household=None, defaults={})[0] for name in REVIEWERS
    ]
    session = ReviewSession.objects.create(
        title=SESSION, area=county, year=2026, held_on=date(2026, 12, 5), created_by=admin_person
    )
    session.reviewers.set(panel)
    for person, committee, measures, scores in zip(secretaries, committees, MEASURES, SCORES, strict=True):
        report = review_report_submit(
            admin, session=session, secretary=person, party_org=committee,
            achievements=f"{committee.name}全年新建党组织{len(measures) + 1}个，开展主题党日12次。",
            shortcomings="党组织覆盖仍有空白，党员教育管理方式单一。",
            measures=measures,
        )  # fmt: skip
        for member, score in zip(panel, scores, strict=True):
            ReviewScore.objects.create(report=report, reviewer=member, score=score)
    items = []
    for kind, text in CONDUCT:
        item, _created = ConductItem.objects.get_or_create(area=county, text=text, defaults={"kind": kind})
        items.append(item)
    for secretary in [community_secretary, secretaries[0]]:
        if secretary is None:
            continue
        where = community.path if secretary == community_secretary else county.path
        for item, day in [
            (items[0], date(2026, 3, 15)),
            (items[1], date(2026, 6, 20)),
            (items[2], date(2026, 8, 9)),
        ]:
            ConductIncident.objects.create(
                item=item, secretary=secretary, area_path=where,
                occurred_on=day, note="", recorded_by=admin_person,
            )  # fmt: skip
        for text, fulfilled, evidence in COMMITMENTS:
            Commitment.objects.create(
                secretary=secretary, area_path=where,
                year=2026, text=text, fulfilled=fulfilled, evidence=evidence,
                fulfilled_on=date(2026, 12, 5) if fulfilled else None, recorded_by=admin_person,
            )  # fmt: skip
    measures = sum(len(m) for m in MEASURES)
    return [f"考核：{SESSION}（5 名行业党委书记、{len(panel)} 名评议人、{measures} 项举措转为任务）"]


def _five_haves(community) -> list[str]:
    from lianxin.areas.models import Area
    from lianxin.assessment.models import FiveHave, FiveHaveTick
    from lianxin.core.paths import under

    _user, secretary = _person("community_secretary")
    estates = list(Area.objects.filter(under("path", community.path), level="estate").order_by("path"))
    if not estates or FiveHaveTick.objects.filter(estate__in=estates).exists():
        return []
    evidence = {
        "place": "党群服务站照片、场所平面图",
        "staff": "小区党支部书记、专职网格员名单",
        "funds": "2026年度党建工作经费拨付单",
        "rules": "小区议事规则、四方联动制度",
        "assessment": "楼长履职考核办法及奖惩记录",
    }
    counts = [5, 3, 5, 4, 2, 5, 1, 0]
    items = FiveHave.values
    for estate, n in zip(estates, counts, strict=False):
        for item in items[:n]:
            FiveHaveTick.objects.create(
                estate=estate, item=item, evidence=evidence[item], ticked_by=secretary
            )
    meeting = sum(1 for n in counts[: len(estates)] if n == 5)
    return [f"考核：{community.name}“五有”达标 {meeting}/{len(estates)} 个小区"]
