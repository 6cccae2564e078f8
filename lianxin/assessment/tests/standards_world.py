"""What the standards tests build on the small world: the star criteria, the county organs' working committee
(县直机关工委) over twelve organ branches, and helpers."""

from lianxin.assessment.models import StarCriterion
from lianxin.party.models import Field, OrgKind, PartyOrg

ORGAN_UNITS = [
    "住建局",
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
# Scenario 3: 5×5★, 3×4★, 2×3★, 2×2★.
SCENARIO_STARS = [5, 5, 5, 5, 5, 4, 4, 4, 3, 3, 2, 2]


def county_committee() -> PartyOrg:
    return PartyOrg.objects.filter(kind=OrgKind.COMMITTEE, depth=1).order_by("path").first()


def criteria() -> list[StarCriterion]:
    return [
        StarCriterion.objects.get_or_create(name=name, defaults={"order": n})[0]
        for n, name in enumerate(["组织生活", "阵地建设", "党员管理"], start=1)
    ]


def organ_committee(county) -> tuple[PartyOrg, list[PartyOrg]]:
    committee = PartyOrg.objects.add_child(
        county_committee(),
        {
            "kind": OrgKind.WORKING_COMMITTEE,
            "name": "中共巨川县直机关工作委员会",
            "area": county,
            "area_path": county.path,
            "field": Field.ORGAN,
        },
    )
    committee = PartyOrg.objects.get(pk=committee.pk)
    branches = []
    for unit in ORGAN_UNITS:
        branch = PartyOrg.objects.add_child(
            PartyOrg.objects.get(pk=committee.pk),
            {
                "kind": OrgKind.BRANCH,
                "name": f"中共巨川县{unit}支部委员会",
                "area": county,
                "area_path": county.path,
                "field": Field.ORGAN,
            },
        )
        branches.append(branch)
    return PartyOrg.objects.get(pk=committee.pk), branches


def evidence_for(items) -> dict:
    return {c.name: f"{c.name}：会议记录、照片" for c in items}
