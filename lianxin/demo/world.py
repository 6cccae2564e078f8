"""The demo county and the small test world: one builder, two sizes.

Deterministic (fixed seeds, Faker zh_CN), fictional people, places shaped like the sources: a city, a county
with two streets (communities → estates as grids → buildings → units) and two townships (villages, one
cluster of four villages with its joint committee and five task forces; in the demo a second cluster of
three villages whose centre is not built yet), departments, property companies,
owners' committees, providers, party organisations down to building groups and member households, liaisons
with their eleven households, grid workers, building captains, and the demo accounts placed on it with
their posts. Tests build the ``SMALL`` shape so every scope test reads the same world as the demo.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from faker import Faker

from lianxin.areas.models import (
    Area,
    EstateType,
    Household,
    HouseholdTag,
    Level,
    Place,
    PlaceDesignation,
    PlaceFunction,
    PlaceStatus,
    PropertyMode,
)
from lianxin.cases.seeds import categories_ensure
from lianxin.core.paths import ancestor_path, ancestor_paths
from lianxin.core.scope import under
from lianxin.demo import dictionaries
from lianxin.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from lianxin.party.models import (
    Field,
    LiaisonLink,
    MemberHousehold,
    Membership,
    MembershipKind,
    OrgKind,
    PartyOrg,
    Sector,
    SetupMode,
    TaskForce,
)
from lianxin.people.models import (
    Department,
    DepartmentKind,
    EstateService,
    Gender,
    Organisation,
    OrganisationKind,
    Ownership,
    Person,
    PersonTag,
    Post,
    User,
)
from lianxin.people.roles import PostSource, Role

CITY_CODE = "379900000000"
COUNTY_CODE = "379901000000"
START = date(2023, 1, 1)
BATCH = 2000


@dataclass(frozen=True)
class Shape:
    communities_per_street: tuple[int, ...]
    estates_per_community: tuple[int, ...]  # cycled over the communities
    buildings_per_estate: tuple[int, int]
    units_per_building: tuple[int, int]
    households_per_unit: tuple[int, int]
    # The first township's first four villages form the cluster; three more or over, a second one.
    villages_per_township: tuple[int, ...]
    households_per_village: tuple[int, int]
    member_share: float = 0.07
    estates_without_grid_worker: int = 3
    estates_without_branch: int = 6
    seed: int = 2026
    scale: int = 1


# The demo township's second cluster, without a service centre yet (P002-34); only in shapes whose first
# township has at least seven villages (the demo's, not the tests' small world).
SECOND_CLUSTER = "西湖片区"

# 2 streets, 15 communities, 106 estates; ~20,000 households (P001-01 and the issue's demo county).
DEMO = Shape(
    communities_per_street=(8, 7),
    estates_per_community=(7, 7, 7, 7, 7, 7, 7, 8, 7, 7, 7, 7, 7, 7, 7),
    buildings_per_estate=(5, 9),
    units_per_building=(2, 3),
    households_per_unit=(8, 12),
    villages_per_township=(7, 5),
    households_per_village=(100, 160),
)

# The test world: every kind of node, few rows.
SMALL = Shape(
    communities_per_street=(2, 1),
    estates_per_community=(2, 2, 1),
    buildings_per_estate=(2, 2),
    units_per_building=(2, 2),
    households_per_unit=(3, 3),
    villages_per_township=(4, 1),
    households_per_village=(13, 13),
    member_share=0.25,
    estates_without_grid_worker=1,
    estates_without_branch=1,
)

STREET_NAMES = ["凤凰街道", "梧桐街道"]
TOWNSHIP_NAMES = ["南湖镇", "北岭镇"]
COMMUNITY_NAMES = [
    "梧桐里社区",
    "凤凰社区",
    "文昌社区",
    "永丰社区",
    "青年路社区",
    "人民路社区",
    "北关社区",
    "东城社区",
    "学府社区",
    "和平社区",
    "幸福社区",
    "南苑社区",
    "滨河社区",
    "新华社区",
    "阳光社区",
]
ESTATE_WORDS = [
    "锦绣",
    "幸福",
    "阳光",
    "和谐",
    "翰林",
    "金桂",
    "银杏",
    "紫薇",
    "丽景",
    "华府",
    "春晖",
    "御景",
    "颐和",
    "书香",
    "龙湖",
    "清华",
    "盛世",
    "海棠",
    "星河",
    "康乐",
    "祥和",
    "瑞园",
    "嘉禾",
    "芙蓉",
]
ESTATE_SUFFIXES = ["小区", "花园", "家园", "苑", "新村", "名邸"]
VILLAGE_NAMES = [
    "张庄村",
    "李楼村",
    "王集村",
    "刘堂村",
    "孙庄村",
    "赵寨村",
    "前营村",
    "后屯村",
    "东坡村",
    "西湖村",
    "高庄村",
    "白庙村",
    "杨桥村",
    "马集村",
]
DEPARTMENTS = [
    ("zongzhi", "综治中心"),
    ("minzheng", "民政局"),
    ("renshe", "人社局"),
    ("zhujian", "住建局"),
    ("shijian", "市场监管局"),
    ("huanbao", "生态环境分局"),
    ("gongan", "公安局"),
    ("zhifa", "综合行政执法局"),
]
STREET_DEPARTMENTS = [("zongzhi", "综治办"), ("minzheng", "民政办"), ("jianshe", "城建办")]


@dataclass
class Built:
    """What the builder made, by role in the world, so accounts and tests can find their places."""

    city: Area = None
    county: Area = None
    streets: list = field(default_factory=list)
    townships: list = field(default_factory=list)
    cluster: Area = None
    communities: list = field(default_factory=list)
    estates: list = field(default_factory=list)
    villages: list = field(default_factory=list)
    departments: dict = field(default_factory=dict)
    property_companies: list = field(default_factory=list)
    providers: list = field(default_factory=list)
    express_company: Organisation = None
    working_committees: list = field(default_factory=list)
    estate_branches: dict = field(default_factory=dict)


class WorldBuilder:
    def __init__(self, shape: Shape):
        self.shape = shape
        self.rng = random.Random(shape.seed)  # noqa: S311 - reproducible fictional data, not secrets  # nosec B311
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(shape.seed)
        self.built = Built()
        self.mobiles_used: set[str] = set()

    # -- helpers -------------------------------------------------------------------------------------------

    def _children_bulk(self, parent: Area, specs: list[dict]) -> list[Area]:
        """Add many children under one parent in one insert, computing treebeard paths directly."""
        start = parent.numchild
        nodes = []
        for offset, spec in enumerate(specs, start=1):
            nodes.append(
                Area(
                    path=Area._get_path(parent.path, parent.depth + 1, start + offset),
                    depth=parent.depth + 1,
                    numchild=spec.pop("numchild", 0),
                    **spec,
                )
            )
        Area.objects.bulk_create(nodes, batch_size=BATCH)
        parent.numchild = start + len(nodes)
        Area.objects.filter(pk=parent.pk).update(numchild=parent.numchild)
        return list(Area.objects.filter(path__in=[n.path for n in nodes]).order_by("path"))

    def _mobile(self) -> str:
        while True:
            number = self.fake.phone_number()
            if number not in self.mobiles_used and number.startswith("1") and len(number) == 11:
                self.mobiles_used.add(number)
                return number

    def _id_number(self, birth: date, gender: str) -> str:
        region = "379901"
        seq = self.rng.randint(10, 99)
        sex_digit = self.rng.choice("13579" if gender == Gender.MALE else "02468")
        body = f"{region}{birth:%Y%m%d}{seq}{sex_digit}"
        weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
        return body + check

    def _person(self, *, name=None, household=None, area=None, adult=True) -> Person:
        gender = self.rng.choice([Gender.MALE, Gender.FEMALE])
        age = self.rng.randint(20, 85) if adult else self.rng.randint(1, 17)
        birth = date(2026 - age, self.rng.randint(1, 12), self.rng.randint(1, 28))
        person = Person(
            name=name or (self.fake.name_male() if gender == Gender.MALE else self.fake.name_female()),
            gender=gender,
            birth_date=birth,
            household=household,
        )
        if adult:
            person.set_mobile(self._mobile())
        person.set_id_number(self._id_number(birth, gender))
        if household is not None and area is None:
            # ids, not objects: reading household.area would cost one query per person.
            person.area_id, person.area_path = household.area_id, household.area_path
        else:
            person.set_area(area)
        return person

    def _org(self, parent: PartyOrg | None, **values) -> PartyOrg:
        if values.get("area") is not None:
            values["area_path"] = values["area"].path
        if parent is None:
            return PartyOrg.objects.add_root(values)
        return PartyOrg.objects.add_child(PartyOrg.objects.get(pk=parent.pk), values)

    def _post(self, person: Person, role: str, **scope) -> Post:
        post = Post(person=person, role=role, start_date=scope.pop("start_date", START), **scope)
        target_area = (
            post.area
            or (post.party_org.area if post.party_org_id else None)
            or (post.department.area if post.department_id else None)
        )
        post.area_path = (
            target_area.path if target_area else (post.organisation.area_path if post.organisation_id else "")
        )
        post.party_org_path = post.party_org.path if post.party_org_id else ""
        return post

    # -- the world -----------------------------------------------------------------------------------------

    def build(self) -> Built:
        dictionaries.ensure()
        self._tree()
        self._households_and_people()
        self._departments_and_organisations()
        self._party()
        self._posts()
        self._places()
        return self.built

    def _tree(self):
        b, s = self.built, self.shape
        b.city = Area.objects.add_root(
            {
                "level": Level.CITY,
                "code": CITY_CODE,
                "name": "鲁西市",
                "short_name": "鲁西",
                "official_population": 8_700_000,
            }
        )
        b.county = Area.objects.add_child(
            Area.objects.get(pk=b.city.pk),
            {
                "level": Level.COUNTY,
                "code": COUNTY_CODE,
                "name": "巨川县",
                "short_name": "巨川",
                "official_population": 217_000,
                "lat": "35.3900",
                "lng": "116.0900",
            },
        )
        county = Area.objects.get(pk=b.county.pk)
        divisions = [
            {"level": Level.STREET, "code": f"379901{n:03d}000", "name": name}
            for n, name in enumerate(STREET_NAMES[: len(s.communities_per_street)], start=1)
        ] + [
            {"level": Level.TOWNSHIP, "code": f"379901{n:03d}000", "name": name}
            for n, name in enumerate(TOWNSHIP_NAMES[: len(s.villages_per_township)], start=101)
        ]
        made = self._children_bulk(county, divisions)
        b.streets = [a for a in made if a.level == Level.STREET]
        b.townships = [a for a in made if a.level == Level.TOWNSHIP]

        community_index = 0
        for street, count in zip(b.streets, s.communities_per_street, strict=True):
            specs = []
            for n in range(1, count + 1):
                name = COMMUNITY_NAMES[community_index % len(COMMUNITY_NAMES)]
                estates = s.estates_per_community[community_index % len(s.estates_per_community)]
                specs.append(
                    {
                        "level": Level.COMMUNITY,
                        "code": street.code[:9] + f"{n:03d}",
                        "name": name,
                        "planned_households": estates * 200,
                        "brand": f"{name[:2]}·连心家" if n % 2 else "",
                        "facilities": "党群服务中心、一站式服务大厅、日间照料中心",
                    }
                )
                community_index += 1
            b.communities += self._children_bulk(street, specs)

        used_names = set()
        for ci, community in enumerate(b.communities):
            count = s.estates_per_community[ci % len(s.estates_per_community)]
            specs = []
            for n in range(1, count + 1):
                while True:
                    name = self.rng.choice(ESTATE_WORDS) + self.rng.choice(ESTATE_SUFFIXES)
                    if name not in used_names:
                        used_names.add(name)
                        break
                estate_type = self.rng.choices(
                    [EstateType.COMMERCIAL, EstateType.OLD, EstateType.RESETTLEMENT], weights=[6, 3, 1]
                )[0]
                if ci == 0 and n == 2:
                    estate_type = EstateType.OLD  # every world has an old estate under fallback management
                specs.append(
                    {
                        "level": Level.ESTATE,
                        "code": f"{community.code}-E{n:03d}",
                        "name": name,
                        "estate_type": estate_type,
                        "is_mature": estate_type == EstateType.COMMERCIAL and n % 3 == 0,
                    }
                )
            b.estates += self._children_bulk(community, specs)

        for estate in b.estates:
            count = self.rng.randint(*s.buildings_per_estate)
            buildings = self._children_bulk(
                estate,
                [
                    {"level": Level.BUILDING, "code": f"{estate.code}-B{n:02d}", "name": f"{n}号楼"}
                    for n in range(1, count + 1)
                ],
            )
            for building in buildings:
                units = self.rng.randint(*s.units_per_building)
                self._children_bulk(
                    building,
                    [
                        {"level": Level.UNIT, "code": f"{building.code}-U{n}", "name": f"{n}单元"}
                        for n in range(1, units + 1)
                    ],
                )

        for township, count in zip(b.townships, s.villages_per_township, strict=True):
            specs = [
                {
                    "level": Level.VILLAGE,
                    "code": township.code[:9] + f"{n:03d}",
                    "name": VILLAGE_NAMES[(len(b.villages) + n - 1) % len(VILLAGE_NAMES)],
                }
                for n in range(1, count + 1)
            ]
            b.villages += self._villages_of(township, specs, clusters=township is b.townships[0])
        b.county.refresh_from_db()

    def _villages_of(self, township: Area, specs: list[dict], *, clusters: bool) -> list[Area]:
        """The township's villages: for the first township, its first four grouped in the demonstration
        cluster (P000-01) and, when three or more are left, those in a second cluster whose service centre is
        not built yet, which the clusters page lists among those without a centre (P002-34)."""
        if not clusters or len(specs) < 4:
            return self._children_bulk(township, specs)
        [cluster] = self._children_bulk(
            township, [{"level": Level.CLUSTER, "code": f"{township.code}-C001", "name": "东湖示范片区"}]
        )
        self.built.cluster = cluster
        villages = self._children_bulk(cluster, specs[:4])
        if len(specs[4:]) >= 3:
            [second] = self._children_bulk(
                township, [{"level": Level.CLUSTER, "code": f"{township.code}-C002", "name": SECOND_CLUSTER}]
            )
            villages += self._children_bulk(second, specs[4:])
        elif specs[4:]:
            villages += self._children_bulk(township, specs[4:])
        return villages

    def _households_and_people(self):
        s = self.shape
        tags = list(HouseholdTag.objects.all())
        units = list(
            Area.objects.filter(under("path", self.built.county.path), level=Level.UNIT).order_by("path")
        )
        households = []
        for unit in units:
            count = self.rng.randint(*s.households_per_unit) * s.scale
            for n in range(1, count + 1):
                floor = (n - 1) // 2 + 1
                # The room number after the space; _readable_address puts the place names before it.
                households.append(
                    Household(
                        area=unit,
                        area_path=unit.path,
                        size=0,
                        address=f"{unit.code} {floor}0{(n - 1) % 2 + 1}室",
                    )
                )
        for village in self.built.villages:
            count = self.rng.randint(*s.households_per_village) * s.scale
            for n in range(1, count + 1):
                households.append(
                    Household(area=village, area_path=village.path, size=0, address=f"{village.name}{n}号")
                )
        Household.objects.bulk_create(households, batch_size=BATCH)
        households = list(Household.objects.filter(under("area_path", self.built.county.path)).order_by("id"))
        names = self._area_names()
        persons, tag_links = [], []
        for household in households:
            household.address = self._readable_address(household, names)
            size = self.rng.choices([1, 2, 3, 4, 5], weights=[12, 30, 28, 20, 10])[0]
            household.size = size
            for i in range(size):
                persons.append(self._person(household=household, adult=i < 2 or self.rng.random() < 0.5))
            if self.rng.random() < 0.18:
                tag_links.append(
                    Household.tags.through(
                        household_id=household.pk, householdtag_id=self.rng.choice(tags).pk
                    )
                )
        Household.objects.bulk_update(households, ["address", "size"], batch_size=BATCH)
        Household.tags.through.objects.bulk_create(tag_links, batch_size=BATCH)
        Person.objects.bulk_create(persons, batch_size=BATCH)

    def _area_names(self) -> dict[str, str]:
        return dict(Area.objects.filter(under("path", self.built.county.path)).values_list("path", "name"))

    def _readable_address(self, household: Household, names: dict[str, str]) -> str:
        path, parts = household.area_path, []
        for ancestor in ancestor_paths(path)[2:]:
            parts.append(names.get(ancestor, ""))
        number = household.address.split(" ")[-1] if " " in household.address else ""
        return "".join(parts) + number

    def _departments_and_organisations(self):
        b = self.built
        for code, name in DEPARTMENTS:
            b.departments[code] = Department.objects.create(
                name=f"巨川县{name}", code=code, area=b.county, area_path=b.county.path
            )
        for street in b.streets:
            for code, name in STREET_DEPARTMENTS:
                Department.objects.create(
                    name=f"{street.name}{name}", code=code, area=street, area_path=street.path
                )

        companies = (
            [
                ("巨川县城投物业有限公司", Ownership.COUNTY_SOE, b.county),
                ("凤凰街道惠民物业有限公司", Ownership.STREET_SOE, b.streets[0]),
            ]
            + (
                [("梧桐街道安居物业有限公司", Ownership.STREET_SOE, b.streets[1])]
                if len(b.streets) > 1
                else []
            )
            + [
                (f"{w}物业服务有限公司", Ownership.PRIVATE, b.county)
                for w in ["万家", "绿城", "恒安", "鑫源", "安泰", "金盾"]
            ]
        )
        for name, ownership, area in companies:
            b.property_companies.append(
                Organisation.objects.create(
                    kind=OrganisationKind.PROPERTY_COMPANY,
                    name=name,
                    ownership=ownership,
                    area=area,
                    area_path=area.path,
                    managing_department=b.departments["zhujian"]
                    if ownership == Ownership.COUNTY_SOE
                    else None,
                    is_key_company=ownership == Ownership.PRIVATE and self.rng.random() < 0.4,
                    contact=self.fake.name() + " " + self._mobile()[:3] + "****" + self._mobile()[-4:],
                )
            )
        private = [c for c in b.property_companies if c.ownership == Ownership.PRIVATE]
        soe = [c for c in b.property_companies if c.ownership != Ownership.PRIVATE]
        services, estates_to_update = [], []
        for i, estate in enumerate(b.estates):
            if i == len(b.estates) - 1:
                estate.property_mode = PropertyMode.NONE  # one estate with no property service at all
            elif estate.estate_type == EstateType.COMMERCIAL:
                estate.property_mode = PropertyMode.MARKET
                company = private[i % len(private)]
            else:
                estate.property_mode = self.rng.choice(
                    [PropertyMode.STREET_SOE, PropertyMode.COUNTY_SOE, PropertyMode.PURCHASED]
                )
                # The county-owned company (soe[0]) takes the first old estate: fallback management (P001-33).
                company = soe[0] if i == 1 else soe[i % len(soe)]
            estates_to_update.append(estate)
            if estate.property_mode != PropertyMode.NONE:
                start = START + timedelta(days=self.rng.randint(0, 300))
                fee = start + timedelta(days=180) if estate.estate_type == EstateType.OLD else start
                services.append(
                    EstateService(company=company, estate=estate, service_start=start, fee_start=fee)
                )
        # The first estate is served by the first private company, so the demo property_staff sees it.
        EstateService.objects.bulk_create(services)
        Area.objects.bulk_update(estates_to_update, ["property_mode"])

        for estate in b.estates[::2]:
            Organisation.objects.create(
                kind=OrganisationKind.OWNERS_COMMITTEE,
                name=f"{estate.name}业主委员会",
                estate=estate,
                area=estate,
                area_path=estate.path,
                term_start=date(2024, 3, 1),
                term_end=date(2029, 2, 28),
                has_plaque=self.rng.random() < 0.6,
                office_place=f"{estate.name}物业楼二层",
            )
        for name, offers in [
            ("巨川家政服务中心", "家政保洁、养老护理"),
            ("安心维修服务队", "水电维修、管道疏通"),
            ("法润律师事务所", "法律咨询、调解"),
            ("仁和家庭医生团队", "家庭医生签约、上门随访"),
        ]:
            b.providers.append(
                Organisation.objects.create(
                    kind=OrganisationKind.PROVIDER,
                    name=name,
                    offers=offers,
                    area=b.county,
                    area_path=b.county.path,
                )
            )
        b.express_company = Organisation.objects.create(
            kind=OrganisationKind.EMPLOYER, name="巨川顺达快递站", area=b.county, area_path=b.county.path
        )

    def _party(self):
        b, s = self.built, self.shape
        county_committee = self._org(
            None,
            kind=OrgKind.COMMITTEE,
            name="中共巨川县委",
            area=b.county,
            field=Field.ORGAN,
            founded_on=date(1949, 10, 1),
        )
        for street in b.streets:
            b.working_committees.append(
                self._org(
                    county_committee,
                    kind=OrgKind.WORKING_COMMITTEE,
                    name=f"中共{street.name}工作委员会",
                    area=street,
                    field=Field.COMMUNITY,
                )
            )
        members_by_estate = self._choose_members()
        skip_branch = set(e.pk for e in b.estates[1 : 1 + s.estates_without_branch * 3 : 3])
        for wc, street in zip(b.working_committees, b.streets, strict=True):
            for community in [c for c in b.communities if c.path.startswith(street.path)]:
                committee = self._org(
                    wc,
                    kind=OrgKind.COMMITTEE,
                    name=f"中共{community.name}委员会",
                    area=community,
                    field=Field.COMMUNITY,
                )
                for estate in [e for e in b.estates if e.path.startswith(community.path)]:
                    members = members_by_estate.get(estate.pk, [])
                    if estate.pk in skip_branch or len(members) < 3:
                        self._memberships(members, committee)
                        continue
                    branch = self._org(
                        committee,
                        kind=OrgKind.BRANCH,
                        name=f"{estate.name}党支部",
                        area=estate,
                        field=Field.COMMUNITY,
                        setup_mode=SetupMode.SINGLE,
                        has_plaque=self.rng.random() < 0.7,
                        founded_on=date(2023, self.rng.randint(1, 12), 1),
                    )
                    b.estate_branches[estate.pk] = branch
                    self._memberships(members, branch)
                    self._groups_and_member_households(branch, estate, members)
        for township in b.townships:
            tc = self._org(
                county_committee,
                kind=OrgKind.COMMITTEE,
                name=f"中共{township.name}委员会",
                area=township,
                field=Field.RURAL,
            )
            villages = [v for v in b.villages if v.path.startswith(township.path)]
            for village in villages:
                branch = self._org(
                    tc, kind=OrgKind.BRANCH, name=f"{village.name}党支部", area=village, field=Field.RURAL
                )
                self._memberships(members_by_estate.get(village.pk, []), branch)
            if b.cluster and b.cluster.path.startswith(township.path):
                joint = self._org(
                    tc,
                    kind=OrgKind.JOINT_COMMITTEE,
                    name="东湖片区融合发展联合党委",
                    area=b.cluster,
                    field=Field.RURAL,
                    founded_on=date(2023, 4, 1),
                )
                for force in TaskForce.objects.order_by("order"):
                    self._org(
                        joint,
                        kind=OrgKind.TASK_FORCE,
                        name=f"{force.name}专班",
                        area=b.cluster,
                        field=Field.RURAL,
                        task_force=force,
                    )
        sector_root = self._org(
            county_committee,
            kind=OrgKind.SECTOR_COMMITTEE,
            name="县物业行业党总支",
            area=b.county,
            field=Field.SECTOR,
            sector=Sector.PROPERTY,
            founded_on=date(2022, 5, 1),
        )
        for company in b.property_companies[:5]:
            branch = self._org(
                sector_root,
                kind=OrgKind.BRANCH,
                name=f"{company.name}党支部",
                area=b.county,
                field=Field.TWO_NEW,
                setup_mode=SetupMode.SINGLE,
            )
            branch.organisations.add(company)
        for sector, name in [
            (Sector.EXPRESS, "县快递行业党委"),
            (Sector.FOOD_DELIVERY, "县外卖配送行业党委"),
            (Sector.ROAD_TRANSPORT, "县道路运输行业党委"),
            (Sector.LIVE_ECOMMERCE, "县直播电商行业党委"),
        ]:
            committee = self._org(
                county_committee,
                kind=OrgKind.SECTOR_COMMITTEE,
                name=name,
                area=b.county,
                field=Field.SECTOR,
                sector=sector,
                founded_on=date(2022, 7, 1),
            )
            if sector == Sector.EXPRESS:
                self._org(
                    committee,
                    kind=OrgKind.MOBILE_BRANCH,
                    name="快递小哥流动党支部",
                    area=b.county,
                    field=Field.TWO_NEW,
                    setup_mode=SetupMode.JOINT,
                    founded_on=date(2023, 3, 1),
                )

    def _choose_members(self) -> dict[int, list[Person]]:
        """Party members among adults, grouped by the estate (or village) they live in."""
        by_place: dict[int, list[Person]] = {}
        estate_by_path = {e.path: e.pk for e in self.built.estates}
        village_by_path = {v.path: v.pk for v in self.built.villages}
        depth_estate = self.built.estates[0].depth if self.built.estates else 0
        for person in Person.objects.filter(
            under("area_path", self.built.county.path), mobile_index__gt=""
        ).order_by("id"):
            if self.rng.random() >= self.shape.member_share:
                continue
            key = estate_by_path.get(ancestor_path(person.area_path, depth_estate)) or village_by_path.get(
                person.area_path
            )
            if key:
                by_place.setdefault(key, []).append(person)
        return by_place

    def _memberships(self, members: list[Person], org: PartyOrg) -> None:
        rows = []
        for i, person in enumerate(members):
            kind = MembershipKind.PROBATIONARY if i % 15 == 14 else MembershipKind.FULL
            rows.append(
                Membership(
                    person=person,
                    org=org,
                    org_path=org.path,
                    area_path=person.area_path,
                    kind=kind,
                    is_home=True,
                    joined_on=date(self.rng.randint(1975, 2024), self.rng.randint(1, 12), 1),
                    start_date=START,
                    is_mobile=i % 23 == 22,
                    work_place="江苏省苏州市" if i % 23 == 22 else "",
                )
            )
        Membership.objects.bulk_create(rows, batch_size=BATCH)

    def _groups_and_member_households(self, branch: PartyOrg, estate: Area, members: list[Person]) -> None:
        by_building: dict[str, list[Person]] = {}
        for person in members:
            by_building.setdefault(ancestor_path(person.area_path, estate.depth + 1), []).append(person)
        buildings = {a.path: a for a in Area.objects.filter(under("path", estate.path), level=Level.BUILDING)}
        for index, (path, people) in enumerate(sorted(by_building.items())):
            # Most buildings with three or more members get a group; a few are left for the coverage report.
            if len(people) < 3 or index % 4 == 3:
                continue
            building = buildings[path]
            group = self._org(
                branch,
                kind=OrgKind.GROUP,
                name=f"{estate.name}{building.name}党小组",
                area=building,
                field=Field.COMMUNITY,
            )
            member = people[0]
            served = list(
                Household.objects.filter(under("area_path", building.path))
                .exclude(pk=member.household_id)
                .order_by("id")[:8]
            )
            mh = MemberHousehold.objects.create(
                household_id=member.household_id,
                member=member,
                group=group,
                selected_on=date(2023, 7, 1),
                area_path=member.area_path,
            )
            mh.served.set(served)

    def _posts(self):
        b, s = self.built, self.shape
        posts = []
        workers = []
        for i, estate in enumerate(b.estates):
            if i <= s.estates_without_grid_worker:
                # The demo grid_worker takes estate 0; the next ones stay uncovered for the coverage report.
                continue
            person = self._person(area=estate)
            duty = ["hazard_checker", "mediator", "policy_promoter"][i % 3]
            workers.append(
                (person, Role.GRID_WORKER, {"area": estate, "is_full_time": True, "duty_roles": duty})
            )
        buildings = Area.objects.filter(under("path", b.county.path), level=Level.BUILDING).order_by("path")
        first_adult: dict[str, Person] = {}
        building_depth = b.estates[0].depth + 1
        for person in Person.objects.filter(under("area_path", b.county.path), mobile_index__gt="").order_by(
            "id"
        ):
            first_adult.setdefault(ancestor_path(person.area_path, building_depth), person)
        for i, building in enumerate(buildings):
            if i % 7 == 6:
                continue  # a few buildings without a captain
            if i == 0 and building.path.startswith(b.estates[0].path):
                continue  # the demo building_captain's building: he is its one captain
            resident = first_adult.get(building.path)
            if resident:
                posts.append(self._post(resident, Role.BUILDING_CAPTAIN, area=building))
        for community in b.communities:
            for _ in range(4):
                person = self._person(area=community)
                workers.append((person, Role.COMMUNITY_WORKER, {"area": community, "is_full_time": True}))
        for village in b.villages:
            households = list(Household.objects.filter(area=village).order_by("id"))
            if village is b.villages[0]:
                households = households[11:]  # the demo liaison account's eleven households
            for n, start in enumerate(range(0, len(households), 11)):
                chunk = households[start : start + 11]
                if len(chunk) < 11 and n > 0:
                    break  # the remainder stays without a liaison, for the coverage report
                liaison = self._person(household=chunk[0])
                liaison.save()
                posts.append(self._post(liaison, Role.LIAISON, area=village, source=PostSource.PARTY_MEMBER))
                LiaisonLink.objects.bulk_create(
                    [
                        LiaisonLink(liaison=liaison, household=h, area_path=h.area_path, since=START)
                        for h in chunk
                    ]
                )
        people = [w[0] for w in workers]
        Person.objects.bulk_create(people, batch_size=BATCH)
        for person, role, scope in workers:
            posts.append(self._post(person, role, **scope))
        Post.objects.bulk_create(posts, batch_size=BATCH)

    def _places(self):
        b = self.built
        designations = {d.code: d for d in PlaceDesignation.objects.all()}

        def place(area, name, codes, **values):
            from lianxin.areas.place_hours import amenities_parse
            from lianxin.areas.places import CIRCLE_DESIGNATIONS, hours_store

            values.setdefault("amenity_items", amenities_parse(values.get("amenities", "")))
            values.setdefault("in_service_circle", any(c in CIRCLE_DESIGNATIONS for c in codes))
            p = Place.objects.create(area=area, area_path=area.path, name=name, **values)
            p.designations.set([designations[c] for c in codes])
            hours_store(p)
            return p

        centre = place(
            b.county,
            "巨川县党群服务中心",
            ["service_centre"],
            opening_hours="周一至周日 8:30-20:30",
            staggered_hours=True,
            has_one_stop_hall=True,
            floor_area=1200,
            owner="巨川县人民政府",
        )
        for street in b.streets:
            place(
                street,
                f"{street.name}党群服务中心",
                ["service_centre"],
                opening_hours="周一至周六 8:30-18:00",
                has_one_stop_hall=True,
                floor_area=800,
                parent_place=centre,
            )
        community_centres = {}
        for i, community in enumerate(b.communities):
            status = [
                PlaceStatus.OPEN,
                PlaceStatus.OPEN,
                PlaceStatus.OPENING,
                PlaceStatus.BUILDING,
                PlaceStatus.PLANNED,
            ][i % 5]
            community_centres[community.pk] = place(
                community,
                f"{community.name}党群服务中心",
                ["service_centre"] + (["rest_warm"] if i % 3 == 0 else []),
                status=status,
                floor_area=200 + 10 * i,
                batch=f"第{i % 3 + 1}批",
                street_front=i % 2 == 0,
                builder="开发商代建",
                owner="巨川县人民政府",
                user_unit=f"{community.name}居委会",
                opening_hours="周一至周日 8:00-20:00" if i % 2 == 0 else "周一至周五 8:30-17:30",
                staggered_hours=i % 2 == 0,
                has_one_stop_hall=status == PlaceStatus.OPEN and i % 4 != 1,
                amenities="饮水、充电、休息座椅、应急药箱" if i % 3 == 0 else "",
                # Around the county seat (the red-sail station below), so rest stations list nearest first.
                lat=f"{35.3800 + 0.0040 * i:.4f}",
                lng=f"{116.0700 + 0.0060 * (i % 5):.4f}",
            )
        functions = {f.code: f for f in PlaceFunction.objects.all()}
        # The 1+N+N matrix (P004-27): a station at each community's 1st, 3rd, 5th and 7th estate, belonging
        # to the community's centre; they take their estate's point when positions are filled.
        for community in b.communities:
            estates = [e for e in b.estates if e.path.startswith(community.path)]
            for estate in estates[0:7:2]:
                station = place(
                    estate,
                    f"{estate.name}党群服务站",
                    ["service_station"],
                    parent_place=community_centres[community.pk],
                    opening_hours="周一至周六 8:30-18:00",
                    amenities="饮水、休息、应急药箱",
                )
                station.functions.set([functions["learning_exchange"], functions["mutual_aid"]])
        hub = place(
            b.county,
            "巨川县党建综合阵地",
            ["party_position"],
            opening_hours="周一至周日 8:30-20:30",
            lat="35.3900",
            lng="116.0900",
            floor_area=3000,
            subsidy="500000.00",
        )
        hub.functions.set([functions["hub"], functions["party_education"], functions["learning_exchange"]])
        if b.cluster is not None:
            place(
                b.cluster,
                f"{b.cluster.name}党群服务中心",
                ["cluster_centre"],
                opening_hours="周一至周五 8:30-17:30",
                amenities="饮水、卫生间",
                subsidy="80000.00",
            )
        if len(b.communities) > 1:
            complex_site = Place.objects.get(pk=community_centres[b.communities[1].pk].pk)
            place(
                b.communities[1],
                f"{b.communities[1].name}嵌入式服务综合体",
                ["service_complex"],
                opening_hours="周一至周日 8:00-21:00",
                amenities="饮水、热饭、卫生间、休息",
                lat=f"{float(complex_site.lat) + 0.0010:.4f}",
                lng=f"{float(complex_site.lng):.4f}",
                subsidy="120000.00",
            ).functions.set([functions["mutual_aid"], functions["leisure"]])
        if b.communities:
            place(
                b.communities[0],
                f"{b.communities[0].name}快递网点暖心驿站",
                ["rest_warm"],
                host="巨川顺达快递站",
                lat="35.3890",
                lng="116.0850",
                opening_hours="周一至周日 7:00-22:00",
                amenities="热水、充电、休息座椅",
            )
        place(
            b.county,
            "红帆驿站（人民路站）",
            ["rest_red_sail", "rest_outdoor"],
            host="巨川顺达快递站",
            parent_place=centre,
            lat="35.3912",
            lng="116.0921",
            opening_hours="全天",
            amenities="热水、微波炉、充电、卫生间",
        )
        place(
            b.county,
            "巨川县党性教育基地",
            ["education_base"],
            batch="第一批",
            themes="红色教育、政德教育、廉政教育",
            services="红色教育、政德教育、廉政教育",
        )

    # -- accounts --------------------------------------------------------------------------------------------

    def place_accounts(self) -> None:
        """Give each demo account its person on the tree and its posts (only accounts created just now)."""
        b = self.built
        community = b.communities[0]
        estate = b.estates[0]
        building = (
            Area.objects.filter(under("path", estate.path), level=Level.BUILDING).order_by("path").first()
        )
        home = Household.objects.filter(under("area_path", building.path)).order_by("id").first()
        village = b.villages[0] if b.villages else None
        company = next(c for c in b.property_companies if c.ownership == Ownership.PRIVATE)
        EstateService.objects.filter(estate=estate).update(company=company)
        courier_tag = PersonTag.objects.get(code="courier")
        plan = {
            "county_admin": (b.county, [(Role.ORG_ADMIN, {"area": b.county})]),
            "street_secretary": (
                b.streets[0],
                [
                    (Role.SECRETARY, {"area": b.streets[0]}),
                    (Role.SECRETARY, {"party_org": b.working_committees[0]}),
                ],
            ),
            "community_secretary": (community, [(Role.SECRETARY, {"area": community})]),
            "grid_worker": (
                estate,
                [(Role.GRID_WORKER, {"area": estate, "is_full_time": True, "is_all_round": True})],
            ),
            "building_captain": (building, [(Role.BUILDING_CAPTAIN, {"area": building})]),
            "liaison": (village, [(Role.LIAISON, {"area": village, "source": PostSource.VETERAN})]),
            "courier": (community, [(Role.PART_TIME_GRID_WORKER, {"area": community})]),
            "dept_staff": (b.county, [(Role.DEPARTMENT_STAFF, {"department": b.departments["zhujian"]})]),
            "property_staff": (None, [(Role.PROPERTY_STAFF, {"organisation": company})]),
            "provider_staff": (None, [(Role.PROVIDER_STAFF, {"organisation": b.providers[0]})]),
            "volunteer": (community, [(Role.VOLUNTEER, {"area": community})]),
            "resident": (None, []),
            "sysadmin": (None, [(Role.SYSTEM_ADMIN, {})]),
            "secadmin": (None, [(Role.SECURITY_ADMIN, {})]),
            "auditor": (None, [(Role.AUDIT_ADMIN, {})]),
        }
        users = {u.username: u for u in User.objects.filter(username__in=plan).select_related("person")}
        for username, (area, posts) in plan.items():
            user = users.get(username)
            if user is None or user.person is None or Post.objects.filter(person=user.person).exists():
                continue
            person = user.person
            if username == "resident":
                person.household = home
                person.set_area(home.area)
                # A member household of his building (or, where it has none, of his estate) serves his
                # home: what he sees on his workbench.
                nearby = MemberHousehold.objects.exclude(household=home).order_by("id")
                serving = (
                    nearby.filter(under("area_path", building.path)).first()
                    or nearby.filter(under("area_path", estate.path)).first()
                )
                if serving is not None:
                    serving.served.add(home)
            elif area is not None:
                person.set_area(area)
            if username == "courier":
                person.employer = b.express_company
            person.save()
            if username == "courier":
                person.tags.add(courier_tag)
            if username == "liaison" and village is not None:
                free = Household.objects.filter(area=village, liaison_link__isnull=True).order_by("id")[:11]
                LiaisonLink.objects.bulk_create(
                    [
                        LiaisonLink(liaison=person, household=h, area_path=h.area_path, since=START)
                        for h in free
                    ]
                )
            Post.objects.bulk_create([self._post(person, role, **scope) for role, scope in posts if posts])


def world_exists() -> bool:
    return Area.objects.filter(code=COUNTY_CODE).exists()


def world_load(*, shape: Shape = DEMO) -> dict:
    """Build the world if it is not there, create missing demo accounts and place new ones.

    Idempotent: a second run adds nothing and leaves what users changed alone.
    """
    from lianxin.audit.models import Action
    from lianxin.audit.registry import audit_suppressed
    from lianxin.audit.services import audit_record
    from lianxin.demo.accounts import demo_accounts_load

    with transaction.atomic(), audit_suppressed():
        created_world = False
        builder = WorldBuilder(shape)
        if not world_exists():
            builder.build()
            created_world = True
        else:
            builder.built = built_from_database()
        accounts = demo_accounts_load()
        builder.place_accounts()
        enforcement_offices_ensure(builder.built)
        from lianxin.demo.chains import chains_and_sectors_ensure

        chains_and_sectors_ensure(builder.built)
        from lianxin.demo.service_accounts import service_accounts_place

        service_accounts_place(builder.built.county)
        from lianxin.demo.governance_accounts import governance_accounts_place

        governance_accounts_place(builder.built.county)
        from lianxin.demo.party_work import party_work_ensure

        party_work_ensure(builder.built)
        from lianxin.demo.red_positions import ecommerce_centre_ensure

        ecommerce_centre_ensure(builder.built)
        from lianxin.demo.street_structure import street_structures_ensure

        street_structures_ensure(builder.built)
        from lianxin.demo.positions import positions_ensure

        positions_ensure(builder.built.county)
        from lianxin.provision.reach import reach_refresh

        reach_refresh()  # the 15-minute figures of the located households and places
        from lianxin.demo.area_facts import area_facts_ensure

        area_facts_ensure(builder.built)
        holidays_ensure()
        categories_ensure()
        # Last: the rural apps' rows read the chains, places, facts and category tree above (a cluster
        # task adds its own category, which would stop a flushed database's tree being seeded; issue 23).
        from lianxin.demo.rural import rural_ensure

        rural_ensure(builder.built)
    if created_world or any(created for _account, created in accounts):
        # One record for the whole load, not one per row.
        audit_record(
            action=Action.CREATE,
            object_type="demo.world",
            object_repr="demo county",
            detail={"created_world": created_world, "accounts": [a.username for a, c in accounts if c]},
        )
    return {
        "created_world": created_world,
        "accounts": accounts,
        "password": DEMO_PASSWORD,
        "usernames": [a.username for a in DEMO_ACCOUNTS],
    }


# The "6" of a street's "1+6+N" enforcement office (P001-20): county departments that join its operations.
ENFORCEMENT_MEMBERS = ["zhifa", "zhujian", "shijian", "huanbao", "gongan", "zongzhi"]


def enforcement_offices_ensure(built: Built) -> None:
    """Each street has its comprehensive enforcement office, with the county's member departments and the
    street's own construction office (the N). Idempotent: an existing office is left as it is."""
    for street in built.streets:
        office, created = Department.objects.get_or_create(
            area=street,
            code="zhifa_office",
            defaults={
                "name": f"{street.name}综合执法办公室",
                "kind": DepartmentKind.ENFORCEMENT_OFFICE,
                "area_path": street.path,
            },
        )
        if created:
            members = [built.departments[c] for c in ENFORCEMENT_MEMBERS if c in built.departments]
            members += list(Department.objects.filter(area=street, code="jianshe"))
            office.member_departments.set(members)


def holidays_ensure() -> None:
    """New Year's Day of this year and the next in the working calendar (the demo's first entries; the
    rest of the official calendar is entered each year in the admin)."""
    from lianxin.cases.models import CalendarDay

    year = date.today().year
    for y in (year, year + 1):
        CalendarDay.objects.get_or_create(
            date=date(y, 1, 1), defaults={"name": "元旦", "is_working_day": False}
        )


def built_from_database() -> Built:
    """Find the world's landmarks again (for placing accounts added after the world was built)."""
    b = Built()
    b.county = Area.objects.get(code=COUNTY_CODE)
    b.city = Area.objects.get_parent(b.county)
    subtree = Area.objects.filter(under("path", b.county.path)).order_by("path")
    b.streets = list(subtree.filter(level=Level.STREET))
    b.townships = list(subtree.filter(level=Level.TOWNSHIP))
    b.communities = list(subtree.filter(level=Level.COMMUNITY))
    b.estates = list(subtree.filter(level=Level.ESTATE))
    b.villages = list(subtree.filter(level=Level.VILLAGE))
    b.cluster = subtree.filter(level=Level.CLUSTER).first()
    b.departments = {d.code: d for d in Department.objects.filter(area=b.county)}
    b.property_companies = list(
        Organisation.objects.filter(kind=OrganisationKind.PROPERTY_COMPANY).order_by("id")
    )
    b.providers = list(Organisation.objects.filter(kind=OrganisationKind.PROVIDER).order_by("id"))
    b.express_company = Organisation.objects.filter(kind=OrganisationKind.EMPLOYER).order_by("id").first()
    b.working_committees = list(PartyOrg.objects.filter(kind=OrgKind.WORKING_COMMITTEE).order_by("path"))
    return b
