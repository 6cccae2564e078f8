"""The clock's steps: time limits passed, and unrated cases rated automatically. Run by Huey.

Each case is claimed under a row lock and checked again before its event is written, so two consumers
running the same job at once act once on each case.
"""

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from lianxin.cases import clock
from lianxin.cases.models import Action, Case, CaseAssignment, Rating, State, Verifier
from lianxin.cases.models.enums import OPEN_STATES, WORKING_STATES
from lianxin.cases.selectors import handling_overdue_q, response_overdue_q
from lianxin.cases.services.events import event_record
from lianxin.core.errors_domain import DomainError

BATCH = 500


def _locked(pk: int) -> Case | None:
    qs = Case.objects.select_related("category", "area")
    if connection.features.has_select_for_update_skip_locked:
        # Only the case row (a joined category or area row locked by one consumer must not make the other
        # skip every case that shares it).
        qs = qs.select_for_update(skip_locked=True, of=("self",))
    return qs.filter(pk=pk).first()


def cases_mark_overdue(*, now=None) -> dict:
    """Flag cases whose response or handling limit has passed (one event each), tell their handler and
    the level above, and escalate those whose category says so."""
    from lianxin.cases.services.steps import escalation_apply

    now = now or clock.now()
    counts = {"response": 0, "handle": 0, "whistle": 0, "escalated": 0}
    late_response = Case.objects.filter(response_overdue_q(now), response_overdue=False).values_list(
        "pk", flat=True
    )[:BATCH]
    for pk in list(late_response):
        with transaction.atomic():
            case = _locked(pk)
            if case is None or case.response_overdue or case.responded_at or case.state not in OPEN_STATES:
                continue
            event_record(
                case=case,
                actor=None,
                action=Action.OVERDUE,
                data={"which": "response"},
                is_public=False,
                note=_("The response limit has passed."),
                at=now,
            )
            counts["response"] += 1
    late_handling = Case.objects.filter(
        handling_overdue_q(now), handled_at__isnull=True, handle_overdue=False
    ).values_list("pk", flat=True)[:BATCH]
    for pk in list(late_handling):
        with transaction.atomic():
            case = _locked(pk)
            if case is None or case.handle_overdue or case.state not in WORKING_STATES:
                continue
            event_record(
                case=case,
                actor=None,
                action=Action.OVERDUE,
                data={"which": "handle"},
                is_public=False,
                note=_("The handling limit has passed."),
                at=now,
            )
            counts["handle"] += 1
            if case.category.escalate_when_overdue:
                try:
                    escalation_apply(
                        case, actor=None, note=_("Escalated automatically: the handling limit has passed.")
                    )
                    counts["escalated"] += 1
                except DomainError:
                    pass  # at the top already: the flag and the notices stand
    late_whistles = (
        CaseAssignment.objects.filter(is_current=True, responded_at__isnull=True, respond_due__lt=now)
        .values_list("case_id", flat=True)
        .distinct()[:BATCH]
    )
    for pk in list(late_whistles):
        with transaction.atomic():
            case = _locked(pk)
            if case is None or case.events.filter(action=Action.OVERDUE, data__which="whistle").exists():
                continue
            event_record(
                case=case,
                actor=None,
                action=Action.OVERDUE,
                data={"which": "whistle"},
                is_public=False,
                note=_("A summoned department has not reported in time."),
                at=now,
            )
            counts["whistle"] += 1
    return counts


def cases_auto_rate(*, now=None) -> int:
    """Rate and close the cases whose reporter has not rated them within the category's period; the
    rating is marked automatic and the figures count such ratings apart."""
    from lianxin.cases.services.steps import rating_apply

    now = now or clock.now()
    due = (
        Case.objects.filter(rating_due__lt=now)
        .filter(Q(state=State.VERIFIED) | Q(state=State.HANDLED, category__verifier=Verifier.REPORTER))
        .values_list("pk", flat=True)[:BATCH]
    )
    rated = 0
    for pk in list(due):
        with transaction.atomic():
            case = _locked(pk)
            if case is None or case.rating_due is None or case.rating_due >= now:
                continue
            if case.state not in (State.VERIFIED, State.HANDLED):
                continue
            rating_apply(
                case,
                actor=None,
                rating=settings.LIANXIN_AUTO_RATING or Rating.SATISFIED,
                note=_("Rated automatically: the reporter did not rate in time."),
                auto=True,
            )
            rated += 1
    return rated
