"""The demo county's sector departments (P003-15), one industry-chain party alliance with its category,
segments and members (P003-31–34), and the courier account's fixed grid worker (P003-27).

Idempotent, like the rest of the demo: nothing is added twice and nothing users changed is touched.
"""

from datetime import date

from lianxin.demo.world import Built
from lianxin.party.models import Field, OrgKind, PartyOrg, Sector, SetupMode
from lianxin.party.models.alliances import (
    AllianceCategory,
    AllianceMember,
    AllianceRole,
    ChainCategory,
    ChainSegment,
)
from lianxin.party.models.couriers import CourierLink
from lianxin.party.models.sector_departments import SectorDepartment, SectorDepartmentRole
from lianxin.people.models import Department, Organisation, OrganisationKind, Post, User
from lianxin.people.roles import Role

SECTOR_DEPARTMENTS = [
    ("zuzhi", "县委组织部", SectorDepartmentRole.LEAD),
    ("youzheng", "邮政管理局", SectorDepartmentRole.GUIDING),
    ("jiaotong", "交通运输局", SectorDepartmentRole.COOPERATING),
]
ALLIANCE_NAME = "巨川县煤化工产业链党建联盟"
SEGMENTS = ["煤化工", "燃料化工", "焦化产品深加工", "合成材料"]
ENTERPRISES = [("巨川能源集团", 0), ("巨川燃化公司", 1), ("巨川焦化科技", 2), ("巨川新材料公司", 3)]


def _department(b: Built, code: str, name: str) -> Department:
    department, _created = Department.objects.get_or_create(
        area=b.county, code=code, defaults={"name": f"巨川县{name}", "area_path": b.county.path}
    )
    return department


def chains_and_sectors_ensure(b: Built) -> None:
    express = PartyOrg.objects.filter(
        kind=OrgKind.SECTOR_COMMITTEE, sector=Sector.EXPRESS, area=b.county
    ).first()
    if express is not None and not SectorDepartment.objects.filter(committee=express).exists():
        for code, name, role in SECTOR_DEPARTMENTS:
            SectorDepartment.objects.create(
                committee=express, department=_department(b, code, name), role=role
            )

    county_committee = PartyOrg.objects.filter(kind=OrgKind.COMMITTEE, area=b.county, depth=1).first()
    if county_committee is not None and not PartyOrg.objects.filter(kind=OrgKind.CHAIN_ALLIANCE).exists():
        alliance = PartyOrg.objects.add_child(
            county_committee,
            {
                "kind": OrgKind.CHAIN_ALLIANCE,
                "name": ALLIANCE_NAME,
                "area": b.county,
                "area_path": b.county.path,
                "field": Field.TWO_NEW,
                "setup_mode": SetupMode.LED,
                "founded_on": date(2023, 6, 1),
            },
        )
        category = ChainCategory.objects.filter(code="high_end_chemicals").first()
        if category is not None:
            AllianceCategory.objects.create(alliance=alliance, category=category)
        segments = [
            ChainSegment.objects.create(alliance=alliance, position=i, name=name)
            for i, name in enumerate(SEGMENTS, start=1)
        ]
        AllianceMember.objects.create(
            alliance=alliance,
            role=AllianceRole.LEAD_DEPARTMENT,
            department=_department(b, "gongxin", "工信局"),
        )
        for name, segment in ENTERPRISES:
            enterprise = Organisation.objects.create(
                kind=OrganisationKind.EMPLOYER, name=name, area=b.county, area_path=b.county.path
            )
            alliance.organisations.add(enterprise)
            AllianceMember.objects.create(
                alliance=alliance,
                role=AllianceRole.MEMBER_ENTERPRISE,
                enterprise=enterprise,
                segment=segments[segment],
            )
        # The leading enterprise's party organisation is left out, so the alliance page shows the warning.

    courier = User.objects.filter(username="courier").select_related("person").first()
    grid = User.objects.filter(username="grid_worker").select_related("person").first()
    if courier and grid and courier.person_id and grid.person_id:
        post = Post.objects.filter(
            person_id=grid.person_id, role=Role.GRID_WORKER, area__isnull=False
        ).first()
        if (
            post is not None
            and courier.person.tags.filter(code="courier").exists()
            and not CourierLink.objects.filter(courier_id=courier.person_id).exists()
        ):
            CourierLink.objects.create(
                courier_id=courier.person_id,
                grid_worker_id=grid.person_id,
                area=post.area,
                group_name=f"{post.area.name}快递小哥联络群",
                since=date(2024, 3, 1),
            )

    from lianxin.demo.alliance_lists import alliance_lists_ensure

    alliance_lists_ensure()
