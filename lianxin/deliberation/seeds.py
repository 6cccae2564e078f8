"""The meeting kinds of the practices (seeded by migration 0002 and again, idempotently, by the demo).

Each: (code, name, level, required parties, intake channel, RRULE ("" = LIANXIN_MEETING_DEFAULT_RRULE),
rota, forum, practice ids)."""

FOUR = ["branch", "owners_committee", "property_company", "resident_rep"]
THREE = ["branch", "property_company", "resident_rep"]

KINDS = [
    ("residents_talk", "居民说事", "estate", [], "talk", "FREQ=MONTHLY", False, False, "P003-08"),
    ("chat_talk", "拉呱说事", "estate", [], "talk", "FREQ=MONTHLY", False, False, "P003-08"),
    (
        "evening_talk",
        "乡村夜话",
        "village",
        [],
        "evening_talk",
        "FREQ=MONTHLY",
        False,
        False,
        "P000-30, P002-38",
    ),
    ("dumpling_banquet", "饺子宴", "village", [], "evening_talk", "", False, False, "P002-38"),
    ("four_party", "四方联动", "estate", FOUR, "", "", False, False, "P001-36, P004-11"),
    ("three_party", "三方会议", "estate", THREE, "", "", False, False, "P003-06"),
    (
        "joint_meeting",
        "联席会",
        "estate",
        ["community", "property_company", "owners_committee"],
        "",
        "",
        False,
        False,
        "P000-42",
    ),
    ("hearing", "恳谈会", "estate", [], "", "", False, False, "P000-42"),
    ("mediation", "调解会", "estate", [], "", "", False, False, "P000-42"),
    ("round_table", "圆桌议事会", "estate", [], "talk", "", False, False, "P001-37"),
    ("owners_hearing", "业主恳谈会", "estate", [], "talk", "", False, False, "P001-37"),
    ("street_joint", "街道党建联席会", "street", ["unit"], "", "", False, False, "P001-59"),
    ("community_council", "社区党建共建联合会", "community", ["unit"], "", "", False, False, "P001-59"),
    (
        "estate_round_table",
        "小区物业圆桌议事会",
        "estate",
        ["branch", "property_company"],
        "",
        "",
        False,
        False,
        "P001-59",
    ),
    ("city_joint", "城市党建联席会议", "county", [], "", "", False, False, "P001-07"),
    ("grid_hall", "网格治理议事厅", "grid", [], "talk", "", False, False, "P002-63"),
    (
        "deputies_studio",
        "两代表一委员工作室",
        "community",
        ["deputy"],
        "talk",
        "FREQ=WEEKLY",
        True,
        False,
        "P002-62",
    ),
    ("secretaries_forum", "社区书记论坛", "street", [], "", "", False, True, "P004-36"),
    ("alliance_joint", "联席会议", "alliance", ["unit"], "", "", False, False, "P003-36"),
    ("alliance_exchange", "交流合作会", "alliance", ["unit"], "", "", False, False, "P003-36"),
    ("bank_enterprise", "银企对接会", "alliance", ["unit"], "", "", False, False, "P003-36"),
    ("site_visit", "现场观摩会", "alliance", ["unit"], "", "", False, False, "P003-36"),
]


def meeting_kinds_ensure(model=None) -> int:
    """Create the kinds not there yet (by code); returns how many were made. Kinds changed by hand stay."""
    if model is None:
        from lianxin.deliberation.models import MeetingKind as model
    have = set(model.objects.values_list("code", flat=True))
    made = [
        model(
            code=code,
            name=name,
            level=level,
            parties=parties,
            channel=channel,
            rrule=rrule,
            has_rota=rota,
            is_forum=forum,
            source=source,
            order=n * 10,
        )
        for n, (code, name, level, parties, channel, rrule, rota, forum, source) in enumerate(KINDS, start=1)
        if code not in have
    ]
    model.objects.bulk_create(made)
    return len(made)
