"""The default service catalogue, from the source reports: one-stop services for the
old and the young (爱心助餐、日间照料、养老托幼、就医就业, P000-45), the ten-odd categories
of the platform (法律咨询、家政服务、健康问诊, P001-62, P004-23), the centre's business
handling with its materials (P002-44, P002-46) and a chain's professional services for
enterprises (税务征缴、卫生保洁、证照办理、安全消防, P000-62).

Each top category (大类) is a root of the service-order category tree; each item a child of it, with its
mechanism (one of five, P004-21), target groups, required materials, price in points and whether every
cluster centre handles it (P002-35). Orders that no provider takes go to the community's queue, so every
category is handled first at the community level.
"""

from importlib import import_module

from lianxin.core.paths import path_depth

COMMUNITY = 40  # cases.HandlingLevel.COMMUNITY

# (code, name, [(code, name, mechanism, target groups, materials, points price, at cluster centres)])
CATALOGUE = [
    (
        "svc_elderly",
        "为老服务",
        [
            ("svc_meal_aid", "爱心助餐", "convenience", ["elderly"], [], 10, False),
            ("svc_day_care", "日间照料", "convenience", ["elderly", "disabled"], [], 0, False),
            ("svc_home_care", "居家养老护理", "convenience", ["elderly", "disabled"], [], 30, False),
            (
                "svc_old_age_allowance",
                "高龄津贴",
                "party_government",
                ["elderly"],
                ["身份证", "户口簿", "银行卡"],
                0,
                True,
            ),
        ],
    ),
    (
        "svc_children",
        "托幼服务",
        [
            ("svc_childcare", "托育看护", "convenience", ["children"], [], 20, False),
            ("svc_children_room", "儿童活动室预约", "public_facilities", ["children"], [], 0, False),
        ],
    ),
    (
        "svc_health",
        "健康服务",
        [
            ("svc_health_consult", "健康问诊", "convenience", ["residents", "elderly"], [], 0, False),
            (
                "svc_family_doctor",
                "家庭医生签约",
                "party_government",
                ["residents", "elderly"],
                ["身份证", "医保卡"],
                0,
                True,
            ),
            ("svc_medical_escort", "就医陪诊", "volunteer", ["elderly", "disabled"], [], 0, False),
        ],
    ),
    (
        "svc_housekeeping",
        "家政维修",
        [
            ("svc_cleaning", "家政保洁", "convenience", ["residents"], [], 50, False),
            ("svc_home_repair", "水电维修", "red_property", ["residents"], [], 30, False),
            ("svc_pipe_clearing", "管道疏通", "red_property", ["residents"], [], 30, False),
        ],
    ),
    (
        "svc_legal",
        "法律服务",
        [("svc_legal_advice", "法律咨询", "party_government", ["residents", "enterprises"], [], 0, False)],
    ),
    (
        "svc_employment",
        "就业服务",
        [
            (
                "svc_job_help",
                "就业帮扶",
                "party_government",
                ["residents", "needy"],
                ["身份证", "就业创业证"],
                0,
                True,
            ),
        ],
    ),
    (
        "svc_affairs",
        "业务办理",
        [
            (
                "svc_residence_proof",
                "居住证明",
                "party_government",
                ["residents"],
                ["身份证", "户口簿", "租房合同或房产证"],
                0,
                True,
            ),
            (
                "svc_subsistence",
                "低保申请",
                "party_government",
                ["needy"],
                ["身份证", "户口簿", "家庭收入证明", "银行卡"],
                0,
                True,
            ),
        ],
    ),
    (
        "svc_party",
        "党员教育管理",
        [
            (
                "svc_party_transfer",
                "党组织关系转接",
                "party_government",
                ["party_members"],
                ["组织关系介绍信", "身份证"],
                0,
                True,
            ),
        ],
    ),
    (
        "svc_facilities",
        "公共设施",
        [("svc_venue_booking", "活动场地预约", "public_facilities", ["residents"], [], 0, False)],
    ),
    (
        "svc_volunteer",
        "志愿服务",
        [("svc_volunteer_visit", "志愿探访", "volunteer", ["elderly", "needy"], [], 0, False)],
    ),
    (
        "svc_enterprise",
        "企业服务",
        [
            (
                "svc_tax",
                "税务征缴",
                "party_government",
                ["enterprises"],
                ["营业执照", "税务登记信息"],
                0,
                False,
            ),
            ("svc_enterprise_cleaning", "企业卫生保洁", "red_property", ["enterprises"], [], 0, False),
            (
                "svc_licences",
                "证照办理",
                "party_government",
                ["enterprises"],
                ["营业执照", "法定代表人身份证"],
                0,
                False,
            ),
            ("svc_fire_safety", "安全消防", "public_facilities", ["enterprises"], [], 0, False),
        ],
    ),
]

# What every community centre's one-stop hall handles (社区党群服务中心“一站式”服务大厅): the matters of
# government and party work a resident brings to his community, and its rooms.
COMMUNITY_CENTRE_ITEMS = (
    "svc_old_age_allowance",
    "svc_family_doctor",
    "svc_legal_advice",
    "svc_job_help",
    "svc_residence_proof",
    "svc_subsistence",
    "svc_party_transfer",
    "svc_venue_booking",
)

# The category tree's path steps, written as the cases' own seeding migration writes them.
_cases_seed = import_module("lianxin.cases.migrations.0003_seed_categories")
ALPHABET, STEPLEN, _step = _cases_seed.ALPHABET, _cases_seed.STEPLEN, _cases_seed._step


def category_next_path(Category, parent) -> str:
    """The path of a new last child of ``parent`` (a new root when None). Written out rather than through
    treebeard because a migration sees historical models, which lack treebeard's methods."""
    prefix, depth = (parent.path, parent.depth + 1) if parent else ("", 1)
    siblings = Category.objects.filter(depth=depth, path__startswith=prefix).order_by("-path")
    last = siblings.values_list("path", flat=True).first()
    index = int(last[-STEPLEN:], len(ALPHABET)) + 1 if last else 1
    return prefix + _step(index)


def _category(Category, parent, code: str, name: str):
    found = Category.objects.filter(code=code).first()
    if found is not None:
        return found, False
    path = category_next_path(Category, parent)
    category = Category.objects.create(
        path=path,
        depth=path_depth(path, STEPLEN),
        numchild=0,
        code=code,
        name=name,
        kind="service_order",
        first_level=COMMUNITY,
    )
    if parent is not None:
        Category.objects.filter(pk=parent.pk).update(numchild=parent.numchild + 1)
        parent.numchild += 1
    return category, True


def catalogue_seed(Category, ServiceItem) -> int:
    """Add the default catalogue's categories and items that are missing (by code); returns how many items
    were added. Works with historical models (the data migration) and the real ones (``catalogue_ensure``)."""
    added = 0
    # The data migration that first seeded the catalogue sees the model before this field was added.
    community = any(f.name == "at_community_centres" for f in ServiceItem._meta.get_fields())
    for top_code, top_name, items in CATALOGUE:
        top, _created = _category(Category, None, top_code, top_name)
        for code, name, mechanism, groups, materials, price, at_centres in items:
            category, _created = _category(Category, top, code, name)
            defaults = {
                "mechanism": mechanism,
                "target_groups": groups,
                "materials": materials,
                "points_price": price,
                "at_cluster_centres": at_centres,
            }
            if community:
                defaults["at_community_centres"] = code in COMMUNITY_CENTRE_ITEMS
            _item, created = ServiceItem.objects.get_or_create(category=category, defaults=defaults)
            added += created
    return added


def catalogue_ensure() -> int:
    """The default catalogue in this database (a flushed test database; the migration seeds new ones)."""
    from lianxin.cases.models import Category
    from lianxin.provision.models import ServiceItem

    return catalogue_seed(Category, ServiceItem)
