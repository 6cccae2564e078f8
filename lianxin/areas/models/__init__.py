"""The areas app's models, one module per concept; importing them here registers them with Django and lets
the rest of the code import every model from ``lianxin.areas.models``."""

from lianxin.areas.models.areas import (
    ALLOWED_CHILDREN,
    HOUSEHOLD_LEVELS,
    STATISTICAL_LEVELS,
    Area,
    AreaManager,
    AreaPathMixin,
    AreaQuerySet,
    EstateType,
    Level,
    PropertyMode,
)
from lianxin.areas.models.facts import AreaFact
from lianxin.areas.models.households import Household, HouseholdTag
from lianxin.areas.models.places import (
    Place,
    PlaceActivity,
    PlaceActivityKind,
    PlaceAmenity,
    PlaceDesignation,
    PlaceFunction,
    PlaceHours,
    PlaceStatus,
)
from lianxin.areas.models.restructuring import Restructuring, RestructuringKind

__all__ = [
    "ALLOWED_CHILDREN",
    "HOUSEHOLD_LEVELS",
    "STATISTICAL_LEVELS",
    "Area",
    "AreaFact",
    "AreaManager",
    "AreaPathMixin",
    "AreaQuerySet",
    "EstateType",
    "Household",
    "HouseholdTag",
    "Level",
    "Place",
    "PlaceActivity",
    "PlaceActivityKind",
    "PlaceAmenity",
    "PlaceDesignation",
    "PlaceFunction",
    "PlaceHours",
    "PlaceStatus",
    "PropertyMode",
    "Restructuring",
    "RestructuringKind",
]
