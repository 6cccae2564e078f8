"""The volunteering app's models, one module per concept, all importable from here."""

from lianxin.volunteering.models.registrations import (
    RegistrantKind,
    RegistrationStatus,
    UnitRegistration,
    UnitType,
    VolunteerRegistration,
)

AUDITED = (VolunteerRegistration, UnitRegistration)

__all__ = [
    "AUDITED",
    "RegistrantKind",
    "RegistrationStatus",
    "UnitRegistration",
    "UnitType",
    "VolunteerRegistration",
]
