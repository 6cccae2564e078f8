from lianxin.cases.models.cases import Case, CaseAssignment
from lianxin.cases.models.categories import CalendarDay, Category, DevolvedMatter
from lianxin.cases.models.claims import CaseClaim
from lianxin.cases.models.enums import (
    Action,
    AssignmentRole,
    Channel,
    DisputeOutcome,
    DutyRole,
    HandlerType,
    HandlingLevel,
    Kind,
    Rating,
    ReporterGroup,
    RequestType,
    State,
    Urgency,
    Verifier,
)
from lianxin.cases.models.events import CaseEvent, ImmutableEventError
from lianxin.cases.models.photos import CasePhoto
from lianxin.cases.models.rollups import CaseRollup
from lianxin.cases.models.visits import HOUSEHOLD_VISIT_KINDS, Visit, VisitKind

__all__ = [
    "Action",
    "AssignmentRole",
    "CalendarDay",
    "Case",
    "CaseAssignment",
    "CaseClaim",
    "CaseEvent",
    "CasePhoto",
    "CaseRollup",
    "Category",
    "Channel",
    "DevolvedMatter",
    "DisputeOutcome",
    "DutyRole",
    "HandlerType",
    "HandlingLevel",
    "ImmutableEventError",
    "Kind",
    "Rating",
    "ReporterGroup",
    "RequestType",
    "State",
    "Urgency",
    "Verifier",
    "HOUSEHOLD_VISIT_KINDS",
    "Visit",
    "VisitKind",
]
