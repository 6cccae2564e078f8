"""Education demo rows (idempotent), recorded by the county's organisation department (王建国): sessions of
several kinds this year across the county's communities with their participants (a knowledge test with
scores), 巨川县党性教育基地 (or a community's centre) designated 现场教学点 with a course and two local
teachers (土专家, 田秀才), the 2026—2030 five-year plan with this year's annual plan and a class of committee
members (enrolments, attendance, evaluations), and funds from the budget and party dues."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from lianxin.areas.models import Area, Level, Place
from lianxin.core.paths import under
from lianxin.education import selectors, services
from lianxin.education.models import SessionKind, TrainingPlan
from lianxin.people.models import User

FIVE_YEAR = "党员教育培训五年规划"

SESSIONS = [
    ("party_checkup", "党性体检（第{n}批）", 3),
    ("red_film", "红色电影《长津湖》放映", 2),
    ("lecture", "党的二十届三中全会精神宣讲", 2),
    ("theme_day", "主题党日“1+1+N”", 2),
    ("onsite_teaching", "党员现场教学", 1),
    ("knowledge_test", "发展党员知识测试", 1),
    ("deputies_week", "党代表“活动周”接待日", 1),
    ("new_employment_month", "“暖新服务月”新就业群体党员座谈", 1),
    ("red_salon", "链主企业“红色沙龙”", 1),
]


def demo_load() -> list[str]:
    admin = User.objects.filter(username="county_admin", is_demo=True).select_related("person").first()
    if admin is None or admin.person is None:
        return []
    if TrainingPlan.objects.filter(title__endswith=FIVE_YEAR).exists():
        return ["党员教育：演示数据已存在。"]
    return _load(admin)


def _members(area, n):
    from lianxin.party.models import Membership

    ids = (
        Membership.objects.current()
        .filter(under("area_path", area.path), is_home=True)
        .order_by("person_id")
        .values_list("person_id", flat=True)[:n]
    )
    from lianxin.people.models import Person

    return list(Person.objects.filter(pk__in=list(ids)).order_by("pk"))


@transaction.atomic
def _load(admin) -> list[str]:
    from lianxin.volunteering.models import Course

    county = Area.objects.filter(level=Level.COUNTY).order_by("path").first()
    communities = list(
        Area.objects.filter(under("path", county.path), level=Level.COMMUNITY).order_by("path")[:4]
    )
    if not communities:
        return []
    today = timezone.localdate()
    year = today.year
    # The library.
    place = (
        Place.objects.filter(name="巨川县党性教育基地").first()
        or Place.objects.filter(area=communities[0], name__endswith="党群服务中心").first()
    )
    point = (
        services.teaching_point_designate(admin, place=place, theme="红色教育、党性教育") if place else None
    )
    expert = services.local_teacher_add(
        admin, name="赵德福", area=county, kind="local_expert", speciality="设施农业、果树嫁接",
        teaching_points=[point] if point else (),
    )  # fmt: skip
    scholar = services.local_teacher_add(
        admin, name="钱秀兰", area=county, kind="field_scholar", speciality="电商直播带货",
        teaching_points=[point] if point else (),
    )  # fmt: skip
    course, _c = Course.objects.get_or_create(
        area=county,
        title="从“枫桥经验”看基层治理",
        defaults={"topic": "基层治理", "trainer": expert.trainer, "hours": 2},
    )
    course2, _c = Course.objects.get_or_create(
        area=county,
        title="农村电商实务",
        defaults={"topic": "乡村振兴", "trainer": scholar.trainer, "hours": 3},
    )
    if point:
        point.courses.add(course, course2)
    # Sessions this year, spread over the communities.
    kinds = {k.code: k for k in SessionKind.objects.all()}
    sessions = 0
    start = date(year, 1, 15)
    span = max(1, (today - start).days)
    for i, (code, title, count) in enumerate(SESSIONS):
        for n in range(1, count + 1):
            community = communities[(i + n) % len(communities)]
            held_on = start + timedelta(days=(span * (i * 3 + n)) // 30 % span)
            s = services.session_record(
                admin,
                kind=kinds[code],
                title=title.format(n=n),
                held_on=held_on,
                area=community if code != "onsite_teaching" or point is None else None,
                teaching_point=point if code == "onsite_teaching" else None,
                course=course if code in ("onsite_teaching", "lecture") else None,
                batch=f"第{n}批" if code == "party_checkup" else "",
                results="党员逐一对照检视，形成问题清单" if code == "party_checkup" else "",
            )
            people = _members(community, 6 + (i + n) % 7)
            for k, person in enumerate(people):
                if code == "knowledge_test":
                    score = 95 - k * 7
                    services.session_participant_add(
                        admin, session=s, person=person, score=score, passed=score >= 60
                    )
                else:
                    services.session_participant_add(admin, session=s, person=person)
            sessions += 1
    # Plans, a class, enrolments, attendance, evaluations.
    five = services.training_plan_create(
        admin, area=county, kind="five_year", title=f"巨川县2026—2030年{FIVE_YEAR}", year_from=2026,
        target_person_times=23000, content="两委干部全员培训、党员五年轮训一遍",
    ) if 2026 <= year <= 2030 else services.training_plan_create(
        admin, area=county, kind="five_year", title=f"巨川县{year}—{year + 4}年{FIVE_YEAR}", year_from=year,
    )  # fmt: skip
    annual = services.training_plan_create(
        admin, area=county, kind="annual", title=f"{year}年度党员教育培训计划", year_from=year, parent=five,
        target_person_times=4600,
    )  # fmt: skip
    class_start = max(date(year, 1, 2), today - timedelta(days=40))
    klass = services.training_class_create(
        admin, plan=annual, title=f"{year}年村（社区）两委干部培训班", starts_on=class_start,
        ends_on=class_start + timedelta(days=2), audience="committees", courses=[course, course2],
        teaching_point=point, capacity=60,
    )  # fmt: skip
    trainees = _members(county, 30)
    for k, person in enumerate(trainees):
        e = services.enrolment_add(admin, training_class=klass, person=person)
        services.attendance_record(admin, enrolment=e, days_attended=3 if k % 6 else 2)
        if k % 2 == 0:
            services.evaluation_record(admin, enrolment=e, course=course, score=5 if k % 4 == 0 else 4)
    services.fund_record(
        admin, area=county, year=year, source="budget", yuan="180000", plan=annual, note="列支财政预算"
    )
    services.fund_record(
        admin, area=county, year=year, source="party_dues", yuan="60000", plan=annual, note="党费补助"
    )
    volume = selectors.training_volume(user=admin, since=date(year, 1, 1), until=date(year, 12, 31))
    return [
        f"党员教育：{sessions} 场活动（{len(SESSIONS)} 种类型），培训 {volume.person_times} 人次、{volume.distinct_persons} 人；"  # noqa: E501
        f"培训班 1 个、学员 {len(trainees)} 人；经费 240000 元（财政预算、党费补助）。",
    ]
