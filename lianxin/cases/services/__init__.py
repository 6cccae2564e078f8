"""The case loop's actions. Views and API endpoints call these and nothing else to change a case."""

from lianxin.cases.intake import intake_check
from lianxin.cases.services.intake import case_report
from lianxin.cases.services.photos import photo_upload
from lianxin.cases.services.steps import (
    case_accept,
    case_claim,
    case_claim_withdraw,
    case_comment,
    case_dispatch,
    case_escalate,
    case_extend_decide,
    case_extend_request,
    case_handle,
    case_mediate,
    case_merge,
    case_rate,
    case_reject,
    case_reopen,
    case_respond,
    case_return,
    case_return_decide,
    case_return_dispute,
    case_supervise,
    case_take,
    case_verify,
    case_whistle,
)
from lianxin.cases.services.timers import cases_auto_rate, cases_mark_overdue
from lianxin.cases.services.visits import care_visit_record, visit_record

__all__ = [
    "case_accept",
    "case_claim",
    "case_claim_withdraw",
    "case_comment",
    "case_dispatch",
    "case_escalate",
    "case_extend_decide",
    "case_extend_request",
    "case_handle",
    "case_mediate",
    "case_merge",
    "case_rate",
    "case_reject",
    "case_reopen",
    "case_report",
    "case_respond",
    "case_return",
    "case_return_decide",
    "case_return_dispute",
    "case_supervise",
    "case_take",
    "case_verify",
    "case_whistle",
    "cases_auto_rate",
    "cases_mark_overdue",
    "intake_check",
    "photo_upload",
    "care_visit_record",
    "visit_record",
]
