"""What issue 23's demo accounts stand on and their posts, then the rural apps' fixed rows (in the world, so
tests read the same rows as the demo; docs/rural.md "演示"):

- the county's 巨川县农业农村局 (``nongye``) and 巨川县财政局 (``caizheng``);
- the cooperatives 金银花种植专业合作社 (张庄村) and 李楼村果蔬专业合作社 (李楼村), as organisations;
- ``township_secretary`` 赵建平: 南湖镇's party secretary, and leader (负责领导) of 东湖片区融合发展联合党委;
- ``village_secretary`` 张学军: 张庄村's party secretary, chair of its 金银花种植专业合作社;
- ``taskforce_head`` 周立新: a cadre of 巨川县农业农村局 heading 规模农业专班;
- ``seconded_secretary`` 郭晓东: a returnee, 挂职书记 at 刘堂村 (a dated post);
- ``coop_chair`` 刘春生: chair (理事长) of 李楼村果蔬专业合作社;
- ``villager`` 王秀芝: a resident of 张庄村.

Then each rural app's ``demo.world_ensure(built)``. Idempotent: what exists is found again; an account that
holds a post already keeps it as it is.
"""

from datetime import date

from lianxin.areas.models import Area, Household
from lianxin.core.scope import under
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.people.models import Department, DepartmentKind, Organisation, OrganisationKind, Post, User
from lianxin.people.roles import PostSource, Role, StaffingType

DEPARTMENTS = [("nongye", "巨川县农业农村局"), ("caizheng", "巨川县财政局")]
COOPERATIVES = [("张庄村", "金银花种植专业合作社"), ("李楼村", "李楼村果蔬专业合作社")]
SINCE = date(2023, 4, 1)
# 郭晓东's secondment (挂职) at 刘堂村.
SECONDED_FROM = date(2025, 3, 1)
SECONDED_UNTIL = date(2027, 2, 28)


def rural_ensure(built) -> None:
    """The departments, cooperatives and posts above, then the rural apps' own fixed rows."""
    from lianxin.rural.demo import world_ensure as rural_world_ensure
    from lianxin.talent.demo import world_ensure as talent_world_ensure

    if built.cluster is None:  # a world without the demonstration cluster (not the demo's, nor the tests')
        return
    departments = _departments_ensure(built.county)
    coops = _cooperatives_ensure(built)
    _posts_place(built, departments, coops)
    rural_world_ensure(built)
    talent_world_ensure(built)


def _departments_ensure(county: Area) -> dict[str, Department]:
    found = {}
    for code, name in DEPARTMENTS:
        found[code], _created = Department.objects.get_or_create(
            area=county,
            code=code,
            defaults={"name": name, "kind": DepartmentKind.DEPARTMENT, "area_path": county.path},
        )
    return found


def _village(built, name: str) -> Area:
    return next(v for v in built.villages if v.name == name and v.path.startswith(built.cluster.path))


def _cooperatives_ensure(built) -> dict[str, Organisation]:
    found = {}
    for village_name, name in COOPERATIVES:
        village = _village(built, village_name)
        found[village_name], _created = Organisation.objects.get_or_create(
            kind=OrganisationKind.COOPERATIVE,
            name=name,
            defaults={"area": village, "area_path": village.path},
        )
    return found


def _party_org(*, kind: str, area: Area, name_contains: str = "") -> PartyOrg | None:
    orgs = PartyOrg.objects.filter(kind=kind, area=area)
    if name_contains:
        orgs = orgs.filter(name__contains=name_contains)
    return orgs.order_by("path").first()


def _posts_place(built, departments: dict, coops: dict) -> None:
    township = next(t for t in built.townships if built.cluster.path.startswith(t.path))
    zhang, liutang = _village(built, "张庄村"), _village(built, "刘堂村")
    township_committee = _party_org(kind=OrgKind.COMMITTEE, area=township)
    joint = _party_org(kind=OrgKind.JOINT_COMMITTEE, area=built.cluster)
    farming = _party_org(kind=OrgKind.TASK_FORCE, area=built.cluster, name_contains="规模农业")
    zhang_branch = _party_org(kind=OrgKind.BRANCH, area=zhang)
    plan = {
        "township_secretary": (
            township,
            [
                Post(role=Role.SECRETARY, area=township),
                Post(role=Role.SECRETARY, party_org=township_committee),
                Post(role="joint_committee_leader", party_org=joint),
            ],
        ),
        "village_secretary": (
            zhang,
            [
                Post(role=Role.SECRETARY, area=zhang),
                Post(role=Role.SECRETARY, party_org=zhang_branch),
                Post(role="cooperative_chair", organisation=coops["张庄村"]),
            ],
        ),
        "taskforce_head": (
            built.county,
            [
                Post(role=Role.DEPARTMENT_STAFF, department=departments["nongye"]),
                Post(role="task_force_head", party_org=farming, source=PostSource.DEPARTMENT_CADRE),
            ],
        ),
        "seconded_secretary": (
            liutang,
            [
                Post(
                    role="seconded_secretary",
                    area=liutang,
                    source=PostSource.RETURNEE,
                    staffing_type=StaffingType.SECONDED,
                    start_date=SECONDED_FROM,
                    end_date=SECONDED_UNTIL,
                )
            ],
        ),
        "coop_chair": (coops["李楼村"].area, [Post(role="cooperative_chair", organisation=coops["李楼村"])]),
        "villager": (zhang, []),
    }
    users = {u.username: u for u in User.objects.filter(username__in=plan).select_related("person")}
    for username, (area, posts) in plan.items():
        user = users.get(username)
        if user is None or user.person is None or Post.objects.filter(person=user.person).exists():
            continue
        person = user.person
        if username == "villager":
            home = Household.objects.filter(under("area_path", zhang.path)).order_by("id").first()
            person.household = home
            person.set_area(home.area if home else zhang)
        else:
            person.set_area(area)
        person.save()
        for post in posts:
            post.person = person
            if post.end_date is None:  # the dated secondment keeps its own dates
                post.start_date = SINCE
            _paths(post)
        Post.objects.bulk_create(posts)


def _paths(post: Post) -> None:
    target = (
        post.area
        or (post.party_org.area if post.party_org_id else None)
        or (post.department.area if post.department_id else None)
    )
    post.area_path = target.path if target else (post.organisation.area_path if post.organisation_id else "")
    post.party_org_path = post.party_org.path if post.party_org_id else ""
