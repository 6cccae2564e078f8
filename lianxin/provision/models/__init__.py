from lianxin.provision.models.catalogue import Mechanism, ServiceItem, TargetGroup
from lianxin.provision.models.notices import MaterialNotice
from lianxin.provision.models.places import (
    WORK_RULE_TITLES,
    FormatKind,
    PlaceFormat,
    PlaceRule,
    RuleKind,
)
from lianxin.provision.models.providers import (
    ListingAction,
    ListingArea,
    ListingEvent,
    ListingState,
    ProviderForm,
    ProviderListing,
)
from lianxin.provision.models.reach import HouseholdReach
from lianxin.provision.models.windows import ServiceWindow, WalkIn, WindowDuty

__all__ = [
    "WORK_RULE_TITLES",
    "FormatKind",
    "PlaceFormat",
    "PlaceRule",
    "RuleKind",
    "HouseholdReach",
    "ListingAction",
    "ListingArea",
    "ListingEvent",
    "ListingState",
    "MaterialNotice",
    "Mechanism",
    "ProviderForm",
    "ProviderListing",
    "ServiceItem",
    "ServiceWindow",
    "TargetGroup",
    "WalkIn",
    "WindowDuty",
]
