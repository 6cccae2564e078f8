# Every model of the app, imported here: other apps import from lianxin.readiness.models.
from lianxin.readiness.models.mobilisations import (
    Audience,
    Channel,
    Mobilisation,
    MobilisationKind,
    MobilisationRecipient,
)
from lianxin.readiness.models.plans import EmergencyPlan, PlanTeam, PlanTeamMember

# Records people rely on: audited (readiness.apps).
AUDITED = [EmergencyPlan, PlanTeam, PlanTeamMember, Mobilisation]

__all__ = [
    "AUDITED",
    "Audience",
    "Channel",
    "EmergencyPlan",
    "Mobilisation",
    "MobilisationKind",
    "MobilisationRecipient",
    "PlanTeam",
    "PlanTeamMember",
]
