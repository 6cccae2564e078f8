"""The tasks part's demo rows (idempotent): the county's leading group with two group leaders (双组长), a
deputy and members from county departments and streets, four special working groups; a 四项攻坚 list and a
模范机关十大行动 list (10 items) with key tasks done, open and overdue (supervised automatically); a progress
round with a unit that has not reported. The numbered bulletin series is the dashboard's
(dashboard/demo_series.py: a domain app imports no adapter)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

WORKING_GROUPS = [
    ("网格治理专项工作组", "网格划分、网格员队伍和网格化治理"),
    ("红色物业专项工作组", "物业企业党建、红色物业考核"),
    ("党群服务阵地专项工作组", "党群服务中心和小区阵地建设"),
    ("双报到专项工作组", "机关党员到社区双报到"),
]
FOUR_FIELDS = [
    ("机关", "机关党建“五比五创”", "zhujian"),
    ("国有企业", "国企党建“强基工程”", None),
    ("学校", "中小学党组织领导的校长负责制", "street:0"),
    ("公立医院", "公立医院党委领导下的院长负责制", "street:1"),
    ("机关", "机关党员进社区双报到全覆盖", "street:0"),
    ("学校", "校园周边网格治理", "street:1"),
]
TEN_ACTIONS = [
    "政治建设引领行动",
    "理论武装铸魂行动",
    "组织体系提升行动",
    "党员队伍建设行动",
    "作风建设提效行动",
    "廉洁机关建设行动",
    "服务群众暖心行动",
    "业务融合创优行动",
    "文化建设润心行动",
    "制度执行落实行动",
]
LIST_FOUR = "传统领域“四项攻坚突破行动”重点任务清单"
LIST_TEN = "模范机关建设十大行动"


def _person(name: str):
    from lianxin.people.models import Person

    person = Person.objects.filter(name=name).first()
    return person or Person.objects.create(name=name)


def demo_load() -> list[str]:
    from lianxin.areas.models import Area, Level
    from lianxin.cases import clock
    from lianxin.people.models import Department, DepartmentKind, Organisation, Ownership, User
    from lianxin.supervision.categories import task_categories_ensure
    from lianxin.supervision.models import TaskList

    county = Area.objects.filter(level=Level.COUNTY, retired_on__isnull=True).order_by("path").first()
    admin = User.objects.filter(username="county_admin").first()
    if county is None or admin is None:
        return []
    if TaskList.objects.filter(title=LIST_FOUR).exists():
        return ["重点任务：已有演示数据"]
    task_categories_ensure()
    streets = list(Area.objects.filter(level=Level.STREET, path__startswith=county.path).order_by("path")[:2])
    group = Department.objects.filter(area=county, kind=DepartmentKind.LEADING_GROUP).first()
    housing = Department.objects.filter(area=county, code="zhujian").first()
    lines = []
    with transaction.atomic():
        lines += _groups(admin, county, group, streets, housing)
        soe = Organisation.objects.filter(ownership=Ownership.MIXED).first()
        if soe is None:
            from lianxin.people.models import OrganisationKind

            soe = Organisation.objects.create(
                kind=OrganisationKind.EMPLOYER,
                name="巨川县城市建设投资集团有限公司",
                area=county,
                area_path=county.path,
                ownership=Ownership.MIXED,
            )
        lines += _lists(admin, county, group, streets, housing, soe, clock)
    return lines


def _groups(admin, county, group, streets, housing) -> list[str]:
    from lianxin.people.models import Post, User
    from lianxin.supervision.models import WorkingGroup
    from lianxin.supervision.permissions import DEPUTY_GROUP_LEADER, GROUP_LEADER, GROUP_MEMBER
    from lianxin.supervision.services.groups import group_seat_add, workinggroup_create

    if group is None:
        return []
    # 双组长: the county party secretary (高志远's seat is the demo account's) and the county head.
    group_seat_add(admin, group=group, person=_person("赵立新"), role=GROUP_LEADER)
    accounts = {
        u.username: u
        for u in User.objects.filter(username__in=["county_admin", "street_secretary", "dept_staff"])
    }
    if "county_admin" in accounts:
        group_seat_add(admin, group=group, person=accounts["county_admin"].person, role=DEPUTY_GROUP_LEADER)
    for username in ("street_secretary", "dept_staff"):
        if username in accounts and accounts[username].person_id:
            group_seat_add(admin, group=group, person=accounts[username].person, role=GROUP_MEMBER)
    made = []
    for name, remit in WORKING_GROUPS:
        made.append(workinggroup_create(admin, leading_group=group, name=name, remit=remit))
    if "street_secretary" in accounts:
        group_seat_add(
            admin, group=made[0].department, person=accounts["street_secretary"].person, role=GROUP_LEADER
        )
    if "dept_staff" in accounts:
        group_seat_add(
            admin, group=made[1].department, person=accounts["dept_staff"].person, role=GROUP_LEADER
        )
    seats = Post.objects.filter(department=group, end_date__isnull=True).count()
    return [
        f"领导小组：{group.name}，{seats} 个席位（双组长），"
        f"专项工作组 {WorkingGroup.objects.filter(leading_group=group).count()} 个"
    ]


def _lists(admin, county, group, streets, housing, soe, clock) -> list[str]:
    from lianxin.cases.models import State
    from lianxin.cases.services import case_handle, case_take, case_verify, cases_mark_overdue
    from lianxin.people.models import User
    from lianxin.supervision.models import WorkingGroup
    from lianxin.supervision.services.key_tasks import (
        keytask_create,
        progressreport_submit,
        progressround_open,
        tasklist_create,
    )

    secretary = User.objects.filter(username="street_secretary").first()
    staff = User.objects.filter(username="dept_staff").first()
    leader = User.objects.filter(username="county_leader").first()
    groups = (
        [wg.department for wg in WorkingGroup.objects.filter(leading_group=group).order_by("pk")]
        if group
        else []
    )
    real_now = timezone.now()
    # Issued three weeks ago, so that some are past their deadline now.
    clock.set_now(real_now - timedelta(days=21))
    try:
        four = tasklist_create(
            admin,
            area=county,
            title=LIST_FOUR,
            plan="《巨川县城市基层党建重点突破项目实施方案》",
            scheme="four_breakthroughs",
            group=group,
            progress_rrule="FREQ=WEEKLY;BYDAY=FR",
        )
        tasks = []
        for n, (heading, title, lead) in enumerate(FOUR_FIELDS):
            options = {}
            if lead == "zhujian" and housing is not None:
                options["lead_department"] = housing
            elif lead and lead.startswith("street:") and len(streets) > int(lead[-1]):
                options["lead_area"] = streets[int(lead[-1])]
            else:
                options["lead_organisation"] = soe
            tasks.append(
                keytask_create(
                    leader if leader and n == 5 else admin,
                    task_list=four,
                    title=title,
                    heading=heading,
                    working_days=5 if n % 2 == 0 else 30,
                    working_group=groups[n % len(groups)] if groups else None,
                    **options,
                )
            )
        ten = tasklist_create(
            admin,
            area=county,
            title=LIST_TEN,
            plan="《关于开展模范机关建设十大行动的通知》",
            scheme="ten_actions",
        )
        for n, title in enumerate(TEN_ACTIONS):
            keytask_create(
                admin,
                task_list=ten,
                title=title,
                heading=f"行动{'一二三四五六七八九十'[n]}",
                lead_department=housing if n % 3 == 0 and housing else None,
                lead_area=None if (n % 3 == 0 and housing) else streets[n % len(streets)],
                working_days=5 if n < 4 else 40,
            )
        # Work done in the first days: the first street task and the SOE task finished and accepted.
        clock.set_now(real_now - timedelta(days=19))
        done = 0
        for key_task in [*tasks, *ten.tasks.all()]:
            case = key_task.case
            worker = staff if key_task.lead_department_id else secretary
            if key_task.lead_organisation_id or worker is None:
                continue
            if key_task.lead_area_id and key_task.lead_area.pk != streets[0].pk:
                continue
            if done >= 4:
                break
            case_take(worker, case=case)
            case_handle(worker, case=case, note="已按方案完成，佐证材料已上传")
            case_verify(key_task.task_list.created_by or admin, case=case, passed=True, note="验收通过")
            done += 1
        progress_round = progressround_open(
            admin, task_list=four, due_on=(real_now - timedelta(days=14)).date()
        )
        for report in progress_round.reports.select_related("key_task")[:2]:
            progressreport_submit(
                admin, report=report, progress="已制定工作台账，正在推进", percent=60, evidence="工作台账"
            )
    finally:
        clock.set_now(None)
    marked = cases_mark_overdue()
    closed = (
        ten.tasks.filter(case__state=State.CLOSED).count()
        + four.tasks.filter(case__state=State.CLOSED).count()
    )
    return [
        f"重点任务清单：{four.title}（{four.tasks.count()} 项）、{ten.title}（{ten.tasks.count()} 项），"
        f"已办结 {closed} 项，"
        f"逾期标记 {marked.get('handle', 0)} 项（自动督办）；调度 1 轮，未报送 "
        f"{progress_round.reports.filter(reported_at__isnull=True).count()} 项"
    ]
