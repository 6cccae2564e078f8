"""The default category tree and devolved matters, seeded from the source reports (see docs/cases.md).

Each category: (code, name, options, children). Options set the first handling level, the taker at the
estate or building level, the grid duty role, the county department, the sector and the limits; whatever
is not given takes the defaults of common provincial 12345 rules.
"""

# Levels as in lianxin.cases.models.HandlingLevel.
BUILDING, ESTATE, COMMUNITY, STREET = 20, 30, 40, 50

DEVOLVED_MATTERS = [
    # (name, legal basis, flow, street office code)
    (
        "违法建设查处",
        "《山东省城乡规划条例》赋权街道",
        "街道综合执法办公室立案 → 现场核查 → 责令改正 → 逾期拆除 → 结案归档",
        "zhifa_office",
    ),
    (
        "占道经营与市容管理",
        "赋予街道的市容管理处罚事项",
        "街道综合执法办公室受理 → 劝导整改 → 依法处罚 → 回访结案",
        "zhifa_office",
    ),
]

CATEGORIES = [
    (
        "environment",
        "环境卫生",
        # 物业、环境、停车 are settled in the building first, by its captain (P004-14); the children keep
        # their own takers (the property company, P003-10).
        {"first_level": BUILDING, "to_captain": True},
        [
            ("cleaning", "卫生保洁", {"first_level": ESTATE, "to_property_company": True}, []),
            ("greening", "绿化养护", {"first_level": ESTATE, "to_property_company": True}, []),
            (
                "garbage",
                "垃圾清运",
                {"first_level": ESTATE, "to_property_company": True, "department_code": "zhifa"},
                [],
            ),
        ],
    ),
    (
        "property",
        "物业管理",
        {"first_level": BUILDING, "to_captain": True, "department_code": "zhujian"},
        [
            (
                "stair_light",
                "楼道照明",
                {"first_level": BUILDING, "to_captain": True, "handling_days": 2},
                [],
            ),
            (
                "water_leak",
                "管道漏水",
                {
                    "first_level": BUILDING,
                    "to_captain": True,
                    "to_property_company": True,
                    "handling_days": 3,
                },
                [],
            ),
            (
                "elevator",
                "电梯故障",
                {
                    "first_level": ESTATE,
                    "to_property_company": True,
                    "handling_days": 1,
                    "escalate_when_overdue": True,
                },
                [],
            ),
            (
                "property_service",
                "物业服务",
                {"first_level": BUILDING, "to_captain": True, "to_property_company": True},
                [],
            ),
        ],
    ),
    ("parking", "停车管理", {"first_level": BUILDING, "to_captain": True}, []),
    (
        "neighbour_dispute",
        "邻里纠纷",
        {"first_level": ESTATE, "kind": "dispute", "duty_role": "mediator", "handling_days": 10},
        [],
    ),
    (
        "property_dispute",
        "物业纠纷",
        {"first_level": ESTATE, "kind": "dispute", "duty_role": "mediator", "handling_days": 10},
        [],
    ),
    (
        "facilities",
        "设施维修",
        {"first_level": ESTATE, "to_property_company": True, "department_code": "zhujian"},
        [
            ("public_facility", "公共设施损坏", {"first_level": ESTATE, "to_property_company": True}, []),
            ("road_damage", "道路破损", {"first_level": COMMUNITY, "department_code": "zhujian"}, []),
        ],
    ),
    (
        "safety",
        "安全隐患",
        {
            "first_level": ESTATE,
            "duty_role": "hazard_checker",
            "department_code": "zhujian",
            "response_hours": 0.5,
        },
        [
            (
                "fire_lane",
                "消防通道堵塞",
                {
                    "first_level": ESTATE,
                    "duty_role": "hazard_checker",
                    "department_code": "zhifa",
                    "response_hours": 0.5,
                    "handling_days": 2,
                },
                [],
            ),
            (
                "gas_safety",
                "燃气安全",
                {
                    "first_level": ESTATE,
                    "duty_role": "hazard_checker",
                    "department_code": "zhujian",
                    "response_hours": 0.5,
                    "handling_days": 1,
                },
                [],
            ),
            (
                "illegal_building",
                "违章搭建",
                {"first_level": ESTATE, "duty_role": "hazard_checker", "devolved": "违法建设查处"},
                [],
            ),
        ],
    ),
    ("city_appearance", "市容秩序", {"first_level": COMMUNITY, "devolved": "占道经营与市容管理"}, []),
    (
        "policy",
        "政策咨询",
        {"first_level": COMMUNITY, "department_code": "renshe", "verifier": "reporter"},
        [],
    ),
    (
        "relief",
        "民生救助",
        {"first_level": COMMUNITY, "department_code": "minzheng"},
        [
            ("subsistence", "低保与临时救助", {"first_level": COMMUNITY, "department_code": "minzheng"}, []),
            ("elderly_care", "养老助残", {"first_level": COMMUNITY, "department_code": "minzheng"}, []),
        ],
    ),
    ("courier", "快递小哥诉求", {"first_level": COMMUNITY, "sector": "express"}, []),
    (
        "returnee",
        "返乡创业服务",
        {"first_level": COMMUNITY, "department_code": "renshe", "response_hours": 0.5},
        [],
    ),
    (
        "enterprise",
        "企业诉求",
        {"first_level": STREET, "department_code": "shijian"},
        [
            ("policy_fulfilment", "政策兑现", {"first_level": STREET, "department_code": "shijian"}, []),
            ("financing", "融资需求", {"first_level": STREET, "department_code": "shijian"}, []),
        ],
    ),
    (
        "public_security",
        "社会治安",
        {"first_level": COMMUNITY, "department_code": "gongan", "response_hours": 0.5},
        [],
    ),
    ("environmental_protection", "生态环境", {"first_level": COMMUNITY, "department_code": "huanbao"}, []),
    ("market", "市场监管", {"first_level": COMMUNITY, "department_code": "shijian"}, []),
]


def categories_ensure() -> None:
    """The default tree, when a database has none (a flushed test database; the migration seeds new ones)."""
    from importlib import import_module

    from django.apps import apps

    import_module("lianxin.cases.migrations.0003_seed_categories").seed(apps, None)
