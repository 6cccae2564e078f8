"""Every write of the volunteering app: ``<noun>_<verb>(actor, *, …)``, each in one transaction with its
audit records (the models are audit-registered)."""

from lianxin.volunteering.services.registrations import (
    unit_register,
    unit_registration_approve,
    unit_registration_refuse,
    volunteer_register,
    volunteer_registration_approve,
    volunteer_registration_refuse,
)

__all__ = [
    "unit_register",
    "unit_registration_approve",
    "unit_registration_refuse",
    "volunteer_register",
    "volunteer_registration_approve",
    "volunteer_registration_refuse",
]
