"""The clusters part's demo rows: ``world_ensure(built)`` the fixed rows of the demo and of the test world,
``demo_load()`` what only the demo county gets (printed by load_demo).

东湖示范片区 (南湖镇): central village 张庄村 (示范村), 李楼村 (薄弱村 → 强基村 in 2025, an upgrade), 王集村
(强基村), 刘堂村 (薄弱村); 张庄村 mentors 刘堂村 (挂牌交流, 以干代训); each village's factors; the plan
2025–2027; 东湖片区联村党支部 (JOINT_BRANCH) linking the four village branches, 张学军 its
secretary; 巨川县农业农村局's funds and a project brought to 规模农业专班. 赵建平 leads the joint committee
and 周立新 heads 规模农业专班 (lianxin/demo/rural.py). Idempotent."""

from datetime import date, timedelta
from decimal import Decimal

GRADES = [
    ("张庄村", [("model", date(2023, 4, 1))]),
    ("李楼村", [("weak", date(2023, 4, 1)), ("strengthening", date(2025, 1, 1))]),
    ("王集村", [("strengthening", date(2023, 4, 1))]),
    ("刘堂村", [("weak", date(2023, 4, 1))]),
]
RESOURCES = {
    "张庄村": ("1200.00", "386500.00", 420, "金银花种植、烘干技术"),
    "李楼村": ("980.00", "152000.00", 360, "果蔬大棚种植"),
    "王集村": ("860.00", "98000.00", 310, ""),
    "刘堂村": ("3400.00", "46000.00", 280, "土地托管"),
}
FORMED_ON = date(2023, 4, 1)
JOINT_BRANCH = "东湖片区联村党支部"


def _village(built, name: str):
    return next(v for v in built.villages if v.name == name and v.path.startswith(built.cluster.path))


def world_ensure(built) -> None:
    from lianxin.party.models import OrgKind, PartyOrg
    from lianxin.rural.categories_clusters import cluster_category_ensure
    from lianxin.rural.models import (
        ClusterPlan,
        ClusterProfile,
        HelpKind,
        MentoringActivity,
        MentoringPair,
        VillageGrade,
        VillageResource,
    )

    cluster = built.cluster
    if cluster is None:
        return
    cluster_category_ensure()
    villages = {name: _village(built, name) for name, _grades in GRADES}
    ClusterProfile.objects.get_or_create(
        cluster=cluster,
        defaults={"central_village": villages["张庄村"], "formed_on": FORMED_ON, "area_path": cluster.path},
    )
    for name, history in GRADES:
        village = villages[name]
        if VillageGrade.objects.filter(village=village).exists():
            continue
        rows = []
        for n, (grade, start) in enumerate(history):
            end = history[n + 1][1] - timedelta(days=1) if n + 1 < len(history) else None
            rows.append(
                VillageGrade(
                    village=village, grade=grade, start_date=start, end_date=end, area_path=village.path
                )
            )
        VillageGrade.objects.bulk_create(rows)
    pair, created = MentoringPair.objects.get_or_create(
        mentor=villages["张庄村"],
        mentee=villages["刘堂村"],
        end_date=None,
        defaults={"cluster": cluster, "start_date": date(2023, 5, 1), "area_path": cluster.path},
    )
    if created:
        MentoringActivity.objects.bulk_create(
            [
                MentoringActivity(
                    pair=pair,
                    kind=HelpKind.PLAQUE_EXCHANGE,
                    held_on=date(2024, 3, 15),
                    title="张庄村与刘堂村挂牌交流",
                    participants=12,
                    area_path=cluster.path,
                ),
                MentoringActivity(
                    pair=pair,
                    kind=HelpKind.LEARNING_ON_JOB,
                    held_on=date(2024, 6, 10),
                    title="刘堂村两委成员到张庄村以干代训",
                    participants=5,
                    area_path=cluster.path,
                ),
            ]
        )
    for name, (land, funds, labour, technology) in RESOURCES.items():
        village = villages[name]
        VillageResource.objects.get_or_create(
            village=village,
            defaults={
                "land_mu": Decimal(land),
                "funds": Decimal(funds),
                "labour": labour,
                "technology": technology,
                "updated_on": date(2025, 1, 1),
                "area_path": village.path,
            },
        )
    ClusterPlan.objects.get_or_create(
        cluster=cluster,
        period_start=2025,
        defaults={
            "title": "东湖示范片区产业发展规划（2025—2027年）",
            "period_end": 2027,
            "document": "南湖镇〔2025〕3号",
            "content": "以金银花种植加工为主导，果蔬种植和规模化粮食生产为两翼，统一规划、联建联营。",
            "projects": "金银花烘干车间；高标准农田；果蔬冷链仓储",
            "shared_resources": "农机统一调度；烘干车间共用；劳动力统一调配",
            "joint_brands": "东湖金银花",
            "area_path": cluster.path,
        },
    )
    committee = PartyOrg.objects.filter(kind=OrgKind.JOINT_COMMITTEE, area=cluster).order_by("path").first()
    if committee is None:
        return
    joint = _joint_branch_ensure(cluster, committee, villages)
    _secretary_ensure(joint, villages["张庄村"])
    _resources_ensure(built, committee)


def _joint_branch_ensure(cluster, committee, villages):
    from lianxin.party.models import Field, OrgKind, PartyOrg, SetupMode
    from lianxin.rural.models import JointBranchLink

    joint = PartyOrg.objects.filter(kind=OrgKind.JOINT_BRANCH, area=cluster, name=JOINT_BRANCH).first()
    if joint is None:
        joint = PartyOrg.objects.add_child(
            PartyOrg.objects.get(pk=committee.pk),
            dict(
                kind=OrgKind.JOINT_BRANCH,
                name=JOINT_BRANCH,
                area=cluster,
                area_path=cluster.path,
                field=Field.RURAL,
                setup_mode=SetupMode.JOINT,
                founded_on=FORMED_ON,
            ),
        )
    for village in villages.values():
        branch = PartyOrg.objects.filter(kind=OrgKind.BRANCH, area=village).order_by("path").first()
        if branch is None:
            continue
        JointBranchLink.objects.get_or_create(
            joint_branch=joint,
            branch=branch,
            defaults={"since": FORMED_ON, "area_path": joint.area_path, "party_org_path": joint.path},
        )
    return joint


def _secretary_ensure(joint, zhang) -> None:
    """张学军, 张庄村's branch secretary, is the joint branch's secretary (chosen from the member villages'
    secretaries, P002-04). A post on a joint branch is not a post over the cluster's villages: his scope
    stays 张庄村's."""
    from lianxin.party.models import OrgKind, PartyOrg
    from lianxin.people.models import Post
    from lianxin.people.roles import Role

    if Post.objects.filter(party_org=joint, role=Role.SECRETARY).exists():
        return
    branch = PartyOrg.objects.filter(kind=OrgKind.BRANCH, area=zhang).order_by("path").first()
    held = Post.objects.filter(party_org=branch, role=Role.SECRETARY, end_date__isnull=True).first()
    if held is None:
        return
    Post.objects.create(
        person_id=held.person_id,
        role=Role.SECRETARY,
        party_org=joint,
        party_org_path=joint.path,
        area_path=joint.area_path,
        start_date=FORMED_ON,
    )


def _resources_ensure(built, committee) -> None:
    from lianxin.party.models import OrgKind, PartyOrg
    from lianxin.people.models import Department
    from lianxin.rural.models import DepartmentResource

    farming = PartyOrg.objects.filter(
        kind=OrgKind.TASK_FORCE, path__startswith=committee.path, name__contains="规模农业"
    ).first()
    nongye = Department.objects.filter(area=built.county, code="nongye").first()
    if farming is None or nongye is None or DepartmentResource.objects.filter(task_force=farming).exists():
        return
    common = {"task_force": farming, "department": nongye, "area_path": farming.area_path}
    DepartmentResource.objects.bulk_create(
        [
            DepartmentResource(
                kind="funds",
                title="高标准农田建设补助资金",
                amount=Decimal("500000.00"),
                brought_on=date(2025, 3, 1),
                party_org_path=farming.path,
                **common,
            ),
            DepartmentResource(
                kind="project",
                title="刘堂村土地托管示范项目",
                amount=Decimal("0.00"),
                brought_on=date(2025, 4, 1),
                party_org_path=farming.path,
                **common,
            ),
        ]
    )


CROSS_DEPARTMENTS = [
    ("nanhu_jingguan", "南湖镇经济管理服务站", "刘志刚"),
    ("nanhu_renshe", "南湖镇人力资源和社会保障所", "陈晓燕"),
    ("nanhu_minzheng", "南湖镇民政所", "马建华"),
]


def _cross_appointments_ensure() -> int:
    """The township's 经管、人社、民政 heads sit on the joint committee (交叉任职, P002-10): the demo
    county only."""
    from lianxin.areas.models import Area, Level
    from lianxin.party.models import OrgKind, PartyOrg
    from lianxin.people.models import Department, DepartmentKind, Person, Post
    from lianxin.people.roles import Role

    cluster = Area.objects.filter(level=Level.CLUSTER, name="东湖示范片区").first()
    committee = (
        PartyOrg.objects.filter(kind=OrgKind.JOINT_COMMITTEE, area=cluster).first() if cluster else None
    )
    if committee is None:
        return 0
    township = Area.objects.get_parent(cluster)
    seated = 0
    for code, name, holder in CROSS_DEPARTMENTS:
        department, _created = Department.objects.get_or_create(
            area=township,
            code=code,
            defaults={"name": name, "kind": DepartmentKind.DEPARTMENT, "area_path": township.path},
        )
        if Post.objects.filter(department=department).exists():
            seated += 1
            continue
        person = Person.objects.create(name=holder)
        person.set_area(township)
        person.save()
        Post.objects.bulk_create(
            [
                Post(
                    person=person,
                    role=Role.DEPARTMENT_STAFF,
                    department=department,
                    area_path=township.path,
                    start_date=FORMED_ON,
                ),
                Post(
                    person=person,
                    role=Role.COMMITTEE_MEMBER,
                    party_org=committee,
                    party_org_path=committee.path,
                    area_path=committee.area_path,
                    start_date=FORMED_ON,
                ),
            ]
        )
        seated += 1
    return seated


def demo_load() -> list[str]:
    from lianxin.areas.models import Area, Level
    from lianxin.rural.models import ClusterProfile

    seated = _cross_appointments_ensure()
    clusters = Area.objects.filter(level=Level.CLUSTER).count()
    profiles = ClusterProfile.objects.count()
    return [
        f"示范片区 {clusters} 个（已建档 {profiles} 个），东湖示范片区中心村张庄村，联村党支部 1 个；"
        f"联合党委交叉任职 {seated} 人"
    ]
