"""The configurable dictionaries' default entries. Migrations load them into a new database; the world
builder makes sure they exist too (a flushed test database has none)."""

HOUSEHOLD_TAGS = [
    ("lone_elderly", "独居老人"),
    ("empty_nest", "空巢老人"),
    ("subsistence", "低保户"),
    ("disability", "残疾人家庭"),
    ("left_behind_child", "留守儿童"),
    ("veteran", "退役军人家庭"),
]

PERSON_TAGS = [
    ("courier", "快递从业人员"),
    ("rider", "外卖骑手"),
    ("landless", "失地居民"),
    ("veteran", "退役军人"),
    ("reserve_cadre", "后备干部"),
    ("returnee", "返乡人才"),
]

PLACE_DESIGNATIONS = [
    ("service_centre", "党群服务中心", False),
    ("service_station", "党群服务站", False),
    ("business_centre", "商圈党群服务中心", False),
    ("rest_warm", "暖心驿站", True),
    ("rest_red_sail", "红帆驿站", True),
    ("rest_outdoor", "户外劳动者驿站", True),
    ("education_base", "党性教育基地", False),
    ("ecommerce_centre", "电子商务（公共）服务中心", False),
    ("party_position", "党建综合阵地", False),
    ("cluster_centre", "片区党群服务中心", False),
    ("estate_station", "小区工作站", False),
    ("service_complex", "嵌入式服务综合体", False),
    ("volunteer_station", "志愿服务站", False),
    ("party_school_branch", "党校分校", False),
    # A party-building-for-rural-revitalisation training base (抓党建促乡村振兴实训基地, P002-64; issue 23).
    ("training_base", "抓党建促乡村振兴实训基地", False),
]

# What places are used for (P000-53); their activities are logged by function.
PLACE_FUNCTIONS = [
    ("party_education", "党性教育"),
    ("business_training", "业务培训"),
    ("product_promotion", "产品推介"),
    ("live_streaming", "电商直播"),
    ("government_services", "政务服务"),
    ("convenience_services", "便民服务"),
    ("volunteer_service", "志愿服务"),
    ("culture_sports", "文体活动"),
    # The 1+N+N matrix: a hub, and the N kinds of function of a centre and its stations (P004-27).
    ("hub", "枢纽"),
    ("learning_exchange", "学习交流"),
    ("mutual_aid", "共享互助"),
    ("deliberation", "议事自治"),
    ("leisure", "娱乐休闲"),
]


def ensure() -> None:
    from lianxin.areas.models import HouseholdTag, PlaceDesignation, PlaceFunction
    from lianxin.people.models import PersonTag

    for code, name in HOUSEHOLD_TAGS:
        HouseholdTag.objects.get_or_create(code=code, defaults={"name": name})
    for code, name in PERSON_TAGS:
        PersonTag.objects.get_or_create(code=code, defaults={"name": name})
    for code, name, rest in PLACE_DESIGNATIONS:
        PlaceDesignation.objects.get_or_create(code=code, defaults={"name": name, "is_rest_station": rest})
    for code, name in PLACE_FUNCTIONS:
        PlaceFunction.objects.get_or_create(code=code, defaults={"name": name})
