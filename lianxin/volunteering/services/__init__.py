"""Every write of the volunteering app: ``<noun>_<verb>(actor, *, …)``, each in one transaction with its
audit records (the models are audit-registered)."""

from lianxin.volunteering.services.callouts import callout_answer, callout_create
from lianxin.volunteering.services.pairings import (
    agreement_create,
    pairing_create,
    pairing_end,
    pairing_visit_log,
    sent_down_add,
    sent_down_end,
)
from lianxin.volunteering.services.registrations import (
    unit_head_appoint,
    unit_register,
    unit_registration_approve,
    unit_registration_refuse,
    volunteer_register,
    volunteer_registration_approve,
    volunteer_registration_refuse,
)
from lianxin.volunteering.services.teams import team_create, team_member_add, team_member_end

__all__ = [
    "agreement_create",
    "pairing_create",
    "pairing_end",
    "pairing_visit_log",
    "sent_down_add",
    "sent_down_end",
    "callout_answer",
    "callout_create",
    "team_create",
    "team_member_add",
    "team_member_end",
    "unit_head_appoint",
    "unit_register",
    "unit_registration_approve",
    "unit_registration_refuse",
    "volunteer_register",
    "volunteer_registration_approve",
    "volunteer_registration_refuse",
]
