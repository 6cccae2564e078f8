"""The letters part's demo rows (idempotent): letters of both kinds (one 交办单 overdue with its automatic
提醒函), an interview, an inspection with findings, contact projects with problems and visits; and, for the
county's alliance, its chair rotation and history, two policy-list versions and joint activities."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

DEMO_MARK = "【演示】"


def _user(username):
    from lianxin.people.models import User

    return User.objects.filter(username=username).select_related("person").first()


def _unit_of(user, role):
    from lianxin.people.models import Post

    post = (
        Post.objects.filter(person=user.person, role=role)
        .select_related("department", "organisation")
        .first()
    )
    return post


def demo_load() -> list[str]:
    from lianxin.supervision.categories import task_categories_ensure
    from lianxin.supervision.models import Letter

    admin, staff = _user("county_admin"), _user("dept_staff")
    if admin is None or staff is None or staff.person_id is None:
        return []
    task_categories_ensure()
    lines = []
    if not Letter.objects.filter(title__startswith=DEMO_MARK).exists():
        with transaction.atomic():
            lines += _letters(admin, staff)
    lines += _inspections(admin)
    lines += _projects(admin)
    lines += _alliance(admin)
    return lines


def _letters(admin, staff) -> list[str]:
    from lianxin.cases import clock
    from lianxin.cases.services.timers import cases_mark_overdue
    from lianxin.people.models import Organisation, OrganisationKind
    from lianxin.supervision.models import LetterKind
    from lianxin.supervision.services.letters import (
        interview_acknowledge,
        interview_record,
        letter_acknowledge,
        letter_issue,
        letter_reply,
    )

    bureau = _unit_of(staff, "department_staff").department
    now = timezone.now()
    # The overdue sheet was issued twelve days ago with five working days: the clock is set back to issue it.
    clock.set_now(now - timedelta(days=12))
    try:
        overdue = letter_issue(
            admin,
            kind=LetterKind.ASSIGNMENT,
            unit=bureau,
            title=f"{DEMO_MARK}老旧小区改造雨污分流进度滞后",
            content="和谐家园雨污分流改造进度滞后，请于5个工作日内拿出整改方案并书面反馈。",
            working_days=5,
        )
        clock.set_now(now - timedelta(days=11))
        letter_acknowledge(staff, letter=overdue)
        done = letter_issue(
            admin,
            kind=LetterKind.ASSIGNMENT,
            unit=bureau,
            title=f"{DEMO_MARK}红色物业联席会议议定事项落实",
            content="落实红色物业联席会议议定的盛世名邸电梯维修资金使用事项。",
            working_days=5,
        )
        clock.set_now(now - timedelta(days=10))
        letter_acknowledge(staff, letter=done)
        letter_reply(staff, letter=done, reply="已协调维修资金，电梯维修于本周完工。")
    finally:
        clock.set_now(None)
    cases_mark_overdue()
    letter_issue(
        admin,
        kind=LetterKind.REMINDER,
        unit=bureau,
        title=f"{DEMO_MARK}城市基层党建重点任务推进提醒",
        content="贵单位承担的城市基层党建重点任务推进较慢，请加快进度并书面反馈。",
        working_days=3,
    )
    property_staff = _user("property_staff")
    post = _unit_of(property_staff, "property_staff") if property_staff and property_staff.person_id else None
    company = post.organisation if post and post.organisation_id else None
    if company is None:
        company = Organisation.objects.filter(kind=OrganisationKind.PROPERTY_COMPANY).order_by("pk").first()
    if company is not None:
        letter_issue(
            admin,
            kind=LetterKind.ASSIGNMENT,
            unit=company,
            title=f"{DEMO_MARK}小区消防通道占用整改",
            content="督查发现所服务小区消防通道被占用，请限期清理。",
            working_days=5,
            area=company.area if company.area_id else bureau.area,
        )
    interview = interview_record(
        admin,
        unit=bureau,
        held_on=timezone.localdate() - timedelta(days=3),
        participants="王建国（县委组织部）、黄海涛（县住建局）",
        subject="城市基层党建重点任务推进滞后约谈",
        notes="指出老旧小区改造与红色物业工作推进滞后问题，要求一周内报送整改方案。",
    )
    interview_acknowledge(staff, interview=interview)
    return ["交办单、提醒函（含1份逾期交办单及其自动提醒函）、约谈1次"]


def _inspections(admin) -> list[str]:
    from lianxin.areas.models import Area, Level
    from lianxin.supervision.models import Inspection
    from lianxin.supervision.services.inspections import finding_add, inspection_record

    if Inspection.objects.filter(group_name__startswith="县委专项督导组").exists():
        return []
    staff = _user("dept_staff")
    bureau = _unit_of(staff, "department_staff").department
    street = Area.objects.filter(level=Level.STREET).order_by("path").first()
    if street is None:
        return []
    with transaction.atomic():
        inspection = inspection_record(
            admin,
            area=street,
            group_name="县委专项督导组（第一组）",
            held_on=timezone.localdate() - timedelta(days=5),
            place=f"{street.name}党群服务中心及所辖小区",
            unannounced=True,
            notes="四不两直：不发通知、不打招呼、不听汇报、不用陪同接待，直奔基层、直插现场。",
        )
        finding_add(
            admin,
            inspection=inspection,
            description="台账材料重复报送、层层填表，存在形式主义问题",
            formalism=True,
            unit=bureau,
            working_days=10,
        )
        finding_add(
            admin,
            inspection=inspection,
            description="小区党群服务站未按公示时间开放",
            unit=bureau,
            working_days=5,
        )
    return ["四不两直督查1次、发现问题2个（各发交办单）"]


def _projects(admin) -> list[str]:
    from lianxin.areas.models import Area, Level
    from lianxin.people.models import Department, Organisation, Post
    from lianxin.supervision.models import ContactProject, ContactProjectKind, NeedCategory
    from lianxin.supervision.services.projects import (
        problem_log,
        problem_solve,
        problem_take_up,
        project_create,
        visit_log,
    )

    if ContactProject.objects.filter(name__startswith="巨川").exists():
        return []
    leader, staff, secretary = _user("county_leader"), _user("dept_staff"), _user("community_secretary")
    enterprise_contact = _user("enterprise_contact")
    if leader is None or leader.person_id is None or secretary is None:
        return []
    bureau = _unit_of(staff, "department_staff").department
    org_dept = (
        Department.objects.filter(area__level=Level.COUNTY).exclude(pk=bureau.pk).order_by("pk").first()
    )
    community_post = (
        Post.objects.filter(person=secretary.person, role="secretary", area__isnull=False)
        .select_related("area")
        .first()
    )
    community = community_post.area if community_post else None
    street = (
        Area.objects.get_parent(community) if community else Area.objects.filter(level=Level.STREET).first()
    )
    enterprise = Organisation.objects.filter(name="巨川燃化公司").first()
    with transaction.atomic():
        project = project_create(
            admin,
            kind=ContactProjectKind.PROJECT,
            name="巨川老旧小区改造提升项目",
            leader=leader.person,
            contact=staff.person,
            responsible=secretary.person,
            coordinating_department=org_dept,
            lead_department=bureau,
            street=street,
            description="改造小区雨污管网、加装电梯、完善党群服务站。",
        )
        lines = ["包联项目：巨川老旧小区改造提升项目"]
        if community is not None:
            solved = problem_log(
                secretary, project=project, area=community, title="施工围挡占用消防通道，需协调"
            )
            problem_take_up(staff, problem=solved)
            problem_solve(staff, problem=solved, note="已协调施工方调整围挡，通道恢复畅通。")
            problem_log(secretary, project=project, area=community, title="加装电梯低层住户意见不统一")
            lines.append("项目推进问题2个（已解决1个）")
        if enterprise is not None:
            firm = project_create(
                admin,
                kind=ContactProjectKind.ENTERPRISE,
                name="巨川燃化公司包联服务",
                enterprise=enterprise,
                leader=leader.person,
                contact=enterprise_contact.person
                if enterprise_contact and enterprise_contact.person_id
                else staff.person,
                responsible=staff.person,
                coordinating_department=org_dept,
                lead_department=bureau,
                street=street,
            )
            visit_log(
                admin,
                project=firm,
                visitor=leader.person,
                visited_on=timezone.localdate() - timedelta(days=7),
                notes="把脉问诊：了解企业扩产计划。",
                needs=[
                    {"category": NeedCategory.FINANCING, "description": "技改贷款2000万元"},
                    {"category": NeedCategory.LAND, "description": "扩建用地30亩"},
                ],
            )
            lines.append("包联企业走访1次，需求2条列入联盟需求清单")
    return lines


def _alliance(admin) -> list[str]:
    from dateutil.relativedelta import relativedelta

    from lianxin.party.models import (
        AllianceChairTerm,
        AllianceMember,
        JointKind,
        OrgKind,
        PartyOrg,
        PolicyList,
    )
    from lianxin.party.services.alliance_chairs import (
        alliance_chairs_rotate,
        chair_rotation_set,
        chair_rotation_start,
        joint_activity_record,
        policy_list_publish,
        term_months,
    )

    alliance = PartyOrg.objects.filter(kind=OrgKind.CHAIN_ALLIANCE).order_by("path").first()
    if alliance is None:
        return []
    lines = []
    with transaction.atomic():
        if not AllianceChairTerm.objects.filter(alliance=alliance).exists():
            members = list(
                AllianceMember.objects.filter(alliance=alliance, enterprise__isnull=False).order_by(
                    "segment__position", "pk"
                )
            )
            if members:
                chair_rotation_set(admin, alliance=alliance, members=members)
                # Started two terms ago: the automatic hand-over has run twice since.
                start = timezone.localdate().replace(day=1) - relativedelta(months=2 * term_months() + 1)
                chair_rotation_start(admin, alliance=alliance, starts_on=start)
                alliance_chairs_rotate()
                lines.append(f"联盟理事长轮值：{len(members)}家成员单位，历任3届")
        if not PolicyList.objects.filter(alliance=alliance).exists():
            first = [
                {"title": "技改贷款贴息", "content": "贴息50%，最高100万元", "provider": "县财政局"},
                {"title": "人才公寓", "content": "引进人才免租3年", "provider": "县住建局"},
                {"title": "用电保障", "content": "重点企业专线保障", "provider": "县供电公司"},
            ]
            policy_list_publish(
                admin,
                alliance=alliance,
                title="党建惠企政策清单",
                items=first,
                published_on=timezone.localdate() - timedelta(days=180),
            )
            second = [
                {"title": "技改贷款贴息", "content": "贴息60%，最高150万元", "provider": "县财政局"},
                {"title": "人才公寓", "content": "引进人才免租3年", "provider": "县住建局"},
                {"title": "首贷续贷绿色通道", "content": "3个工作日内放款", "provider": "县农商银行"},
            ]
            policy_list_publish(admin, alliance=alliance, title="党建惠企政策清单", items=second)
            lines.append("政策清单2个版本（新增1项、调整1项、取消1项）")
        if not alliance.joint_activities.exists():
            today = timezone.localdate()
            rows = [
                (JointKind.ORGANISATION, "联盟企业联合党支部共建签约", 120, 40),
                (JointKind.AFFAIRS, "链上企业用工难题协商会", 60, 25),
                (JointKind.RESOURCES, "检测设备共享对接会", 45, 30),
                (JointKind.DEVELOPMENT, "产业链上下游供需对接会", 30, 60),
                (JointKind.BRAND, "“红链聚能”党建品牌发布", 10, 80),
                (JointKind.DEVELOPMENT, "技术攻关联合课题启动", 400, 20),
            ]
            for kind, title, days_ago, people in rows:
                joint_activity_record(
                    admin,
                    alliance=alliance,
                    kind=kind,
                    title=title,
                    held_on=today - timedelta(days=days_ago),
                    participants=people,
                )
            lines.append(f"联盟共建活动{len(rows)}次（五类）")
    return lines
