"""The volunteering app's models, one module per concept, all importable from here."""

from lianxin.volunteering.models.activities import (
    ActivityDetail,
    Course,
    ProjectSource,
    SignInVia,
    SignUp,
    SignUpGroup,
    SourceKind,
    Trainer,
)
from lianxin.volunteering.models.callouts import Answer, Callout, CalloutAnswer, CalloutKind
from lianxin.volunteering.models.pairings import (
    CoBuildingAgreement,
    Pairing,
    PairingVisit,
    SentDownKind,
    SentDownStaff,
)
from lianxin.volunteering.models.registrations import (
    RegistrantKind,
    RegistrationStatus,
    UnitRegistration,
    UnitType,
    VolunteerRegistration,
)
from lianxin.volunteering.models.teams import MemberRole, TeamKind, TeamMember, VolunteerTeam

AUDITED = (
    VolunteerRegistration,
    UnitRegistration,
    VolunteerTeam,
    TeamMember,
    Callout,
    CalloutAnswer,
    Pairing,
    PairingVisit,
    CoBuildingAgreement,
    SentDownStaff,
    ActivityDetail,
    SignUp,
    Trainer,
    Course,
    ProjectSource,
)

__all__ = [
    "ActivityDetail",
    "Course",
    "ProjectSource",
    "SignInVia",
    "SignUp",
    "SignUpGroup",
    "SourceKind",
    "Trainer",
    "CoBuildingAgreement",
    "Pairing",
    "PairingVisit",
    "SentDownKind",
    "SentDownStaff",
    "Answer",
    "Callout",
    "CalloutAnswer",
    "CalloutKind",
    "MemberRole",
    "TeamKind",
    "TeamMember",
    "VolunteerTeam",
    "AUDITED",
    "RegistrantKind",
    "RegistrationStatus",
    "UnitRegistration",
    "UnitType",
    "VolunteerRegistration",
]
