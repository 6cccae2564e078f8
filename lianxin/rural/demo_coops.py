"""The coops part's demo rows: ``world_ensure(built)`` the fixed rows of the demo and of the test world,
``demo_load()`` what only the demo county gets (printed by load_demo).

Fixed rows (docs/rural/coops.md "演示"): the 12 standards (第1条 … 第12条);
金银花种植专业合作社 (张庄村, led by 张庄村党支部, chair 张学军, council members 张国庆
李秀兰 王志刚, supervisor 赵明, 规范运行, 11 of the 12 standards evidenced, 第12条
missing); 李楼村果蔬专业合作社 (chair 刘春生, 运行, his months of 2025 entered, council
member 孙立平, no supervisory board); 王集村养殖专业合作社, a shell closed (空壳 ·
关停); 南湖镇集体经济发展有限公司 with the stakes of 张庄村 (土地入股 30 %), 李楼村
(资金入股 25 %) and 王集村 (公司合作 20 %). Idempotent: what exists is found again."""

from datetime import date
from decimal import Decimal

SINCE = date(2023, 4, 1)
COUNCIL = ("张国庆", "李秀兰", "王志刚")
SUPERVISOR = "赵明"
LILOU_COUNCIL = "孙立平"
SHELL = ("王集村", "王集村养殖专业合作社")
COMPANY = "南湖镇集体经济发展有限公司"
STAKES = (("张庄村", "land", "30.00"), ("李楼村", "capital", "25.00"), ("王集村", "partnership", "20.00"))
# 刘春生's months of 2025: (month, person-times, wages).
LILOU_MONTHS = (
    (1, 120, "14400.00"),
    (2, 96, "11520.00"),
    (3, 210, "25200.00"),
    (4, 260, "31200.00"),
    (5, 310, "37200.00"),
    (6, 280, "33600.00"),
)
EVIDENCE = "理事会会议记录、财务公开栏照片已存档"


def _village(built, name: str):
    return next((v for v in built.villages if v.name == name and v.path.startswith(built.cluster.path)), None)


def world_ensure(built) -> None:
    if built.cluster is None:
        return
    from lianxin.people.models import Organisation, OrganisationKind
    from lianxin.rural.services.coops import standards_ensure

    standards = standards_ensure()
    zhang, lilou, wangji = (_village(built, n) for n in ("张庄村", "李楼村", "王集村"))
    if zhang is None or lilou is None:
        return
    coops = {
        o.area_id: o
        for o in Organisation.objects.filter(kind=OrganisationKind.COOPERATIVE, area__in=[zhang, lilou])
    }
    jinyin = _coop(coops.get(zhang.pk), zhang, status="standard", households=(126, 38))
    lilou_coop = _coop(coops.get(lilou.pk), lilou, status="running", households=(84, 21))
    if jinyin is not None:
        _board(jinyin, zhang, COUNCIL, SUPERVISOR)
        _evidence(jinyin, standards[:11])
    if lilou_coop is not None:
        _board(lilou_coop, lilou, (LILOU_COUNCIL,), None)
        _months(lilou_coop)
    if wangji is not None:
        shell_org, _created = Organisation.objects.get_or_create(
            kind=OrganisationKind.COOPERATIVE, name=SHELL[1], defaults={"area": wangji}
        )
        shell = _coop(shell_org, wangji, status="shell", households=(12, 0))
        if shell is not None and not shell.disposition:
            shell.disposition = "close"
            shell.disposition_on = date(2025, 6, 30)
            shell.save()
            shell.status_changes.create(
                from_status="running",
                to_status="shell",
                disposition="close",
                on=date(2025, 6, 30),
                note="清理空壳社",
            )
    _company(built)


def _coop(organisation, village, *, status: str, households: tuple[int, int]):
    from lianxin.party.models import PartyOrg
    from lianxin.rural.models import Cooperative

    if organisation is None:
        return None
    coop = Cooperative.objects.filter(organisation=organisation).first()
    if coop is not None:
        return coop
    branch = PartyOrg.objects.filter(area=village, kind="branch").order_by("path").first()
    coop = Cooperative.objects.create(
        organisation=organisation,
        village=village,
        leading_branch=branch,
        status=status,
        status_since=SINCE,
        member_households=households[0],
        party_member_households=households[1],
        founded_on=SINCE,
    )
    coop.status_changes.create(to_status=status, on=SINCE)
    return coop


def _person(name: str, village):
    from lianxin.people.models import Person

    person = Person.objects.filter(name=name, area=village).first()
    if person is None:
        person = Person(name=name)
        person.set_area(village)
        person.save()
    return person


def _board(coop, village, council: tuple, supervisor: str | None) -> None:
    from lianxin.people.models import Post
    from lianxin.rural.permissions import COOPERATIVE_COUNCIL_MEMBER, COOPERATIVE_SUPERVISOR

    org = coop.organisation
    if Post.objects.filter(
        organisation=org, role__in=[COOPERATIVE_COUNCIL_MEMBER, COOPERATIVE_SUPERVISOR]
    ).exists():
        return
    seats = [(name, COOPERATIVE_COUNCIL_MEMBER) for name in council]
    if supervisor:
        seats.append((supervisor, COOPERATIVE_SUPERVISOR))
    Post.objects.bulk_create(
        [
            Post(
                person=_person(name, village),
                role=role,
                organisation=org,
                area_path=org.area_path,
                start_date=SINCE,
            )
            for name, role in seats
        ]
    )


def _chair_person(coop):
    from lianxin.people.models import Post
    from lianxin.rural.permissions import COOPERATIVE_CHAIR

    post = (
        Post.objects.filter(organisation=coop.organisation, role=COOPERATIVE_CHAIR)
        .select_related("person")
        .first()
    )
    return post.person if post else None


def _evidence(coop, standards) -> None:
    from lianxin.rural.models import StandardCheck

    if StandardCheck.objects.filter(cooperative=coop).exists():
        return
    who = _chair_person(coop)
    if who is None:
        return
    for standard in standards:
        StandardCheck.objects.create(cooperative=coop, standard=standard, evidence=EVIDENCE, checked_by=who)


def _months(coop) -> None:
    from lianxin.rural.models import CooperativeMonth

    if CooperativeMonth.objects.filter(cooperative=coop).exists():
        return
    who = _chair_person(coop)
    if who is None:
        return
    for month, times, wages in LILOU_MONTHS:
        CooperativeMonth.objects.create(
            cooperative=coop,
            month=date(2025, month, 1),
            person_times=times,
            wages=Decimal(wages),
            recorded_by=who,
        )


def _company(built) -> None:
    from lianxin.people.models import Organisation, OrganisationKind, Person
    from lianxin.rural.models import CompanyStake

    township = next((t for t in built.townships if built.cluster.path.startswith(t.path)), None)
    if township is None:
        return
    company, _created = Organisation.objects.get_or_create(
        kind=OrganisationKind.TOWNSHIP_COMPANY, name=COMPANY, defaults={"area": township}
    )
    if CompanyStake.objects.filter(company=company).exists():
        return
    recorder = Person.objects.filter(user__username="township_secretary").first()
    if recorder is None:
        return
    for name, form, percent in STAKES:
        village = _village(built, name)
        if village is not None:
            CompanyStake.objects.create(
                company=company,
                village=village,
                form=form,
                percent=Decimal(percent),
                joined_on=SINCE,
                recorded_by=recorder,
            )


FINANCE_CADRE = "钱晓燕"
FINANCE_SCORE = 93


def demo_load() -> list[str]:
    """The demo county's 2025 evaluation round, with 巨川县财政局's score of 金银花种植专业合作社
    entered by its cadre 钱晓燕 (no demo account): county_admin (组织部) and 周立新 (农业农村局) score
    it live, then award."""
    from lianxin.rural.models import Cooperative

    total = Cooperative.objects.count()
    if not total:
        return []
    lines = [f"合作社：{total} 家（金银花种植专业合作社 12 条标准已具备 11 条，空壳社 1 家已关停）"]
    evaluation = _evaluation_round()
    if evaluation is not None:
        lines.append(f"合作社评审：{evaluation.scheme.name}，财政局已评分，待组织部、农业农村局评分")
    return lines


def _evaluation_round():
    from lianxin.assessment.models import Mark
    from lianxin.assessment.services.scoring import results_refresh
    from lianxin.people.models import Department, Person, Post, User
    from lianxin.rural.models import Cooperative, EvaluationRound
    from lianxin.rural.services.coops import DEPARTMENTS, evaluation_create

    admin = User.objects.filter(username="county_admin").select_related("person").first()
    coop = (
        Cooperative.objects.filter(organisation__name="金银花种植专业合作社")
        .select_related("organisation")
        .first()
    )
    finance = Department.objects.filter(code="caizheng").select_related("area").first()
    if admin is None or coop is None or finance is None:
        return None
    county = finance.area
    evaluation = EvaluationRound.objects.filter(county=county, year=2025).first()
    if evaluation is not None:
        return evaluation
    evaluation = evaluation_create(admin, county=county, year=2025)
    cadre = Person.objects.filter(name=FINANCE_CADRE, area=county).first()
    if cadre is None:
        cadre = Person(name=FINANCE_CADRE)
        cadre.set_area(county)
        cadre.save()
        Post.objects.create(
            person=cadre, role="department_staff", department=finance, area_path=county.path, start_date=SINCE
        )
    indicator = list(evaluation.scheme.indicators.order_by("order", "id"))[DEPARTMENTS.index("finance")]
    Mark.objects.create(
        scheme=evaluation.scheme,
        indicator=indicator,
        marker=cadre,
        score=FINANCE_SCORE,
        subject_organisation=coop.organisation,
    )
    results_refresh(scheme=evaluation.scheme)
    return evaluation
