"""The case's state machine as one table (issue 20): for every action, the states it is taken from, the
states it may lead to, the capability its actor needs and the user step (page form, API endpoint) that
writes it. The kinds that ban an action come from the kinds registry (``cases/kinds.py``).

``step_check`` is the services' state and kind check; ``allowed_steps`` is what a user may do to a case now,
read by the case page (its forms) and ``GET /api/v1/cases/{case_id}`` (``allowed_steps``). The engine
(``engine.case_apply``) picks among a row's targets by the event's data; ``tests/test_case_fuzz.py`` holds
every event it writes to this table.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils.translation import gettext as _

from lianxin.cases import clock, permissions
from lianxin.cases.claims import may_claim, may_withdraw
from lianxin.cases.kinds import COMMUNITY, ISSUER, NO_RATING, REPORTER, kind_spec
from lianxin.cases.models import Action, Case, HandlerType, HandlingLevel, State, Verifier
from lianxin.cases.models.cases import CLAIMABLE_STATES
from lianxin.cases.models.enums import OPEN_STATES, WORKING_STATES
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, grants_for
from lianxin.people.roles import Role

SAME = "="  # a target meaning "the state does not change"
ALL_STATES = frozenset(State.values)
_OPEN = frozenset(OPEN_STATES)
_WORKING = frozenset(WORKING_STATES)
_INTAKE = frozenset({State.REPORTED, State.ACCEPTED, State.DISPATCHED})


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset
    targets: frozenset  # SAME: the state stays
    capability: str  # who may take it (see allowed_steps); "platform" for the platform's own events
    step: str = ""  # the user step writing it (page form and API endpoint), "" for follow-on events


TABLE = [
    # A new case is written reported; its first event says so.
    Transition(Action.REPORT, frozenset({State.REPORTED}), frozenset({State.REPORTED}), "filer"),
    Transition(
        Action.ACCEPT, frozenset({State.REPORTED}), frozenset({State.ACCEPTED}), "dispatcher", "accept"
    ),
    Transition(
        Action.REJECT,
        frozenset({State.REPORTED, State.ACCEPTED}),
        frozenset({State.REJECTED}),
        "dispatcher",
        "reject",
    ),
    Transition(Action.DISPATCH, _INTAKE, frozenset({State.DISPATCHED}), "dispatcher", "dispatch"),
    Transition(Action.TAKE, _INTAKE, frozenset({State.IN_PROGRESS}), "handler", "take"),
    Transition(
        Action.RETURN,
        frozenset({State.DISPATCHED, State.IN_PROGRESS}),
        frozenset({State.ACCEPTED}),
        "handler",
        "return",
    ),
    Transition(
        Action.RETURN_DISPUTE, frozenset({State.ACCEPTED}), frozenset({SAME}), "dispatcher", "return_dispute"
    ),
    Transition(
        Action.RETURN_DECIDE,
        _OPEN,
        frozenset({SAME, State.DISPATCHED}),
        "level_above_dispatcher",
        "return_decide",
    ),
    Transition(
        Action.ESCALATE,
        _WORKING | {State.REPORTED},
        frozenset({State.ACCEPTED, State.DISPATCHED}),
        "handler_or_dispatcher",
        "escalate",
    ),
    Transition(
        Action.WHISTLE, _WORKING | {State.REPORTED}, frozenset({State.DISPATCHED}), "street", "whistle"
    ),
    Transition(Action.RESPOND, _OPEN, frozenset({SAME, State.IN_PROGRESS}), "summoned", "respond"),
    Transition(Action.MEDIATE, frozenset({State.IN_PROGRESS}), frozenset({SAME}), "handler", "mediate"),
    Transition(
        Action.HANDLE, frozenset({State.IN_PROGRESS}), frozenset({State.HANDLED}), "handler", "handle"
    ),
    Transition(Action.VERIFY, frozenset({State.HANDLED}), frozenset({State.VERIFIED}), "verifier", "verify"),
    Transition(
        Action.VERIFY_FAIL, frozenset({State.HANDLED}), frozenset({State.IN_PROGRESS}), "verifier", "verify"
    ),
    Transition(
        Action.RATE,
        frozenset({State.HANDLED, State.VERIFIED}),
        frozenset({SAME, State.IN_PROGRESS}),
        "reporter",
        "rate",
    ),
    Transition(
        Action.CLOSE, frozenset({State.HANDLED, State.VERIFIED}), frozenset({State.CLOSED}), "platform"
    ),
    Transition(
        Action.REOPEN,
        frozenset({State.CLOSED}),
        frozenset({State.IN_PROGRESS}),
        "reporter_or_dispatcher",
        "reopen",
    ),
    Transition(Action.MERGE, _OPEN, frozenset({State.MERGED}), "dispatcher", "merge"),
    Transition(Action.MERGED_IN, _OPEN, frozenset({SAME}), "platform"),
    Transition(Action.SUPERVISE, _OPEN, frozenset({SAME}), "supervisor", "supervise"),
    Transition(Action.EXTEND_REQUEST, _WORKING, frozenset({SAME}), "handler", "extend_request"),
    Transition(Action.EXTEND_APPROVE, ALL_STATES, frozenset({SAME}), "dispatcher", "extend_decide"),
    Transition(Action.EXTEND_REFUSE, ALL_STATES, frozenset({SAME}), "dispatcher", "extend_decide"),
    Transition(Action.OVERDUE, _OPEN, frozenset({SAME}), "platform"),
    Transition(Action.COMMENT, ALL_STATES, frozenset({SAME}), "viewer", "comment"),
    # Claims are taken and withdrawn before work starts (cases/claims.py says who may).
    Transition(Action.CLAIM, CLAIMABLE_STATES, frozenset({SAME}), "claimant", "claim"),
    Transition(Action.CLAIM_WITHDRAW, CLAIMABLE_STATES, frozenset({SAME}), "claimant", "claim_withdraw"),
]
BY_ACTION = {t.action: t for t in TABLE}
# (state, action) → the states it may lead to.
TRANSITIONS = {(state, t.action): t.targets for t in TABLE for state in t.sources}
# Actions only the kinds naming them in ``extra_steps`` take.
OPT_IN = frozenset({Action.MEDIATE})


def leads_to(from_state: str, action: str, to_state: str) -> bool:
    """Whether the table allows this move (the fuzz test's check of every event)."""
    targets = TRANSITIONS.get((from_state, action))
    if targets is None:
        return False
    return to_state in targets or (SAME in targets and to_state == from_state)


def kind_takes(kind: str, action: str) -> bool:
    spec = kind_spec(kind)
    if action in OPT_IN:
        return action in spec.extra_steps
    return action not in spec.bans


def step_check(case: Case, action: str) -> None:
    """Refuse (``DomainError``) an action the case's kind bans or its state does not allow."""
    if not kind_takes(case.kind, action):
        raise DomainError(
            _("A %(kind)s does not take the step “%(step)s”.")
            % {"kind": case.get_kind_display(), "step": Action(action).label},
            code="invalid_state",
        )
    if case.state not in BY_ACTION[action].sources:
        state_error(case, action)


def state_error(case: Case, action: str):
    raise DomainError(
        _("A case that is %(state)s cannot take the step “%(step)s”.")
        % {"state": case.get_state_display(), "step": Action(action).label},
        code="invalid_state",
    )


def _open(case: Case, action: str) -> bool:
    return case.state in BY_ACTION[action].sources and kind_takes(case.kind, action)


# -- kind rules the steps share ------------------------------------------------------------------------


def reporter_verifies(case: Case) -> bool:
    """The reporter's rating is the only check (no verification by the community)."""
    verified_by = kind_spec(case.kind).verified_by
    return verified_by == REPORTER or (
        verified_by == COMMUNITY and case.category.verifier == Verifier.REPORTER
    )


def may_verify(actor, case: Case) -> bool:
    if reporter_verifies(case):
        return False
    if actor.person_id and actor.person_id == case.handler_person_id:
        return False  # nobody verifies his own work
    if kind_spec(case.kind).verified_by == ISSUER and case.issuer_path:
        # 验收: the one who issued the task, or the staff of the level he issued it from.
        is_issuer = bool(actor.person_id and actor.person_id == case.reporter_id)
        return is_issuer or permissions.is_staff_at(actor, case.issuer_path)
    community = permissions.level_area_path(case, HandlingLevel.COMMUNITY) or case.area_path
    if permissions.is_staff_over(actor, community):
        return True
    estate = permissions.level_area_path(case, HandlingLevel.ESTATE)
    return bool(estate) and Role.GRID_WORKER in permissions.roles_over(actor, estate)


def awaits_rating(case: Case) -> bool:
    if case.state == State.VERIFIED:
        return True
    return case.state == State.HANDLED and case.category.verifier == Verifier.REPORTER


def can_take(user, case: Case) -> bool:
    """Whether the user may take the case now (the queue's 接单 button): the take step's rule."""
    return step_allowed(user, case, "take")


# -- what a user may do now ----------------------------------------------------------------------------


def _reporter_has_account(case: Case) -> bool:
    return case.reporter_id is not None and hasattr(case.reporter, "user")


def _decides_returns(user, case: Case) -> bool:
    dispatcher = case.dispatcher_area
    parent = type(dispatcher).objects.get_parent(dispatcher) if dispatcher else None
    return parent is not None and permissions.is_staff_over(user, parent.path)


def _street_staff(user, case: Case) -> bool:
    # Staff over the street are staff over the case's place: whoever is not needs no look-up of the street.
    if not permissions.is_staff_over(user, case.area_path):
        return False
    street = permissions.level_area_path(case, HandlingLevel.STREET)
    return bool(street) and permissions.is_staff_over(user, street)


def _within_reopen_window(case: Case) -> bool:
    return bool(case.closed_at) and clock.now() <= case.closed_at + timedelta(
        days=settings.LIANXIN_REOPEN_DAYS
    )


def has_level_above(case: Case) -> bool:
    """Whether escalating leads anywhere: the service refuses a case at the top of its category's chain, and
    a devolved matter, which the street handles and never sends higher (P001-19)."""
    from lianxin.cases.routing import level_of, next_target

    level = case.handling_level or level_of(case.area)
    return next_target(category=case.category, case_area=case.area, above=level) is not None


# -- one rule per user step: the service refuses with it, allowed_steps offers with it ------------------
#
# Each rule raises the service's DomainError (a Chinese reason, "forbidden" or "invalid_state") when this
# user may not take the step on this case now, beyond the table's state and kind; the step service calls
# ``step_require`` and ``allowed_steps`` asks ``step_allowed``, so what a page or the API offers and what the
# service takes cannot drift apart. Conditions on the step's own input (the case to merge into, a claimant,
# the days asked for) stay in the service.


def _dispatcher(user, case: Case) -> None:
    permissions.require(permissions.is_dispatcher(user, case))


def _handler(user, case: Case) -> None:
    permissions.require(permissions.is_current_handler(user, case))


def _invalid(message) -> None:
    raise DomainError(message, code="invalid_state")


def _take(user, case: Case) -> None:
    _handler(user, case)
    if case.whistled:
        _invalid(_("A whistled case is taken by the lead department's report."))


def summoned_pending(user, case: Case) -> list:
    """The current, unanswered summons of a whistled case to the user's departments."""
    departments = grants_for(user).department_ids[CHANGE]
    return [
        a
        for a in case.assignments.filter(is_current=True, responded_at__isnull=True)
        if a.department_id in departments
    ]


def _respond(user, case: Case) -> None:
    if not case.whistled:
        _invalid(_("This case has not been whistled."))
    if not summoned_pending(user, case):
        raise DomainError(
            _("Your department is not summoned to this case, or has reported already."), code="forbidden"
        )


def _handle(user, case: Case) -> None:
    _handler(user, case)
    if case.whistled and case.assignments.filter(is_current=True, responded_at__isnull=True).exists():
        _invalid(_("Every summoned department must report before the case is handled."))


def _verify(user, case: Case) -> None:
    permissions.require(
        may_verify(user, case),
        _("The level that issued the task accepts its result, not the one who handled it.")
        if kind_spec(case.kind).verify_closes
        else _("The community verifies this case, not the one who handled it."),
    )


def _is_reporter(user, case: Case) -> bool:
    return bool(user.person_id and user.person_id == case.reporter_id)


def rates_on_callback(user, case: Case) -> bool:
    """Staff record the answer of a reporter without an account, called back (回访)."""
    return (
        not _is_reporter(user, case)
        and permissions.is_dispatcher(user, case)
        and not _reporter_has_account(case)
    )


def _rate(user, case: Case) -> None:
    if kind_spec(case.kind).rating_scale == NO_RATING:
        _invalid(_("A task is accepted by whoever issued it, not rated."))
    if not awaits_rating(case):
        state_error(case, Action.RATE)
    permissions.require(
        _is_reporter(user, case) or rates_on_callback(user, case),
        _("Only the person who raised the case rates it."),
    )


def _extend_decide(user, case: Case) -> None:
    if not case.extension_pending:
        _invalid(_("No extension request is waiting for a decision."))
    permissions.require(
        permissions.is_dispatcher(user, case) and not permissions.is_current_handler(user, case),
        _("The level that dispatched the case decides its extension."),
    )


def _return_decide(user, case: Case) -> None:
    if not case.return_disputed:
        _invalid(_("There is no disputed return to decide."))
    permissions.require(
        _decides_returns(user, case), _("A disputed return is decided by the level above the dispatcher.")
    )


def _return_dispute(user, case: Case) -> None:
    if not case.return_pending or case.return_disputed:
        _invalid(_("There is no open return to dispute."))
    _dispatcher(user, case)


def _return(user, case: Case) -> None:
    _handler(user, case)
    if case.handler_type == HandlerType.AREA or case.dispatcher_area_id is None:
        _invalid(_("This case was not dispatched to you, so it cannot be returned."))
    if case.return_locked:
        _invalid(_("The level above decided that this case is yours: it cannot be returned again."))
    if case.return_due and clock.now() > case.return_due:
        _invalid(_("The time for returning this case has passed. Escalate it or ask for help."))


def escalation_check(case: Case) -> None:
    """Refuse escalating where it leads nowhere: a devolved matter (the street handles it, P001-19) or the
    top of the category's chain."""
    if not has_level_above(case):
        if case.category.devolved_matter_id:
            _invalid(_("A devolved matter is handled by the street; it goes no higher."))
        _invalid(_("This case is at the top level already."))


def _escalate(user, case: Case) -> None:
    permissions.require(permissions.is_current_handler(user, case) or permissions.is_dispatcher(user, case))
    escalation_check(case)


def _extend_request(user, case: Case) -> None:
    _handler(user, case)
    if case.extension_pending:
        _invalid(_("An extension request is already waiting for a decision."))
    if case.extension_days:
        _invalid(_("A case can be extended only once."))


def _whistle(user, case: Case) -> None:
    permissions.require(
        _street_staff(user, case), _("The street (or township) of the place whistles for departments.")
    )


def _supervise(user, case: Case) -> None:
    permissions.require(
        permissions.may_supervise(user, case), _("Supervision comes from a level above the handler.")
    )


def _reopen(user, case: Case) -> None:
    if _is_reporter(user, case):
        if not _within_reopen_window(case):
            _invalid(
                _("A case can be reopened within %(n)s days of its closing. Report it again as a new case.")
                % {"n": settings.LIANXIN_REOPEN_DAYS}
            )
    else:
        _dispatcher(user, case)


def _comment(user, case: Case) -> None:
    from lianxin.core.rights import may

    # Notes on the trail are the working posts'; a reporter speaks through rating and reopening.
    permissions.require(may(user, "case.handle"), _("Notes on the trail are for those who work on cases."))


def _claim(user, case: Case) -> None:
    if not may_claim(user, case):
        raise DomainError(_("You cannot claim this case now."), code="forbidden")


def _claim_withdraw(user, case: Case) -> None:
    if not may_withdraw(user, case):
        _invalid(_("There is no claim of yours on this case to withdraw."))


@dataclass(frozen=True)
class StepRule:
    name: str  # the user step: page form, API endpoint
    action: str  # the table's row whose states and kinds it follows
    check: object  # (user, case) -> None, raising DomainError


# In the order of the case page.
STEP_RULES = {
    r.name: r
    for r in [
        StepRule("accept", Action.ACCEPT, _dispatcher),
        StepRule("dispatch", Action.DISPATCH, _dispatcher),
        StepRule("take", Action.TAKE, _take),
        StepRule("respond", Action.RESPOND, _respond),
        StepRule("mediate", Action.MEDIATE, _handler),
        StepRule("handle", Action.HANDLE, _handle),
        StepRule("verify", Action.VERIFY, _verify),
        StepRule("rate", Action.RATE, _rate),
        StepRule("extend_decide", Action.EXTEND_APPROVE, _extend_decide),
        StepRule("return_decide", Action.RETURN_DECIDE, _return_decide),
        StepRule("return_dispute", Action.RETURN_DISPUTE, _return_dispute),
        StepRule("return", Action.RETURN, _return),
        StepRule("escalate", Action.ESCALATE, _escalate),
        StepRule("extend_request", Action.EXTEND_REQUEST, _extend_request),
        StepRule("whistle", Action.WHISTLE, _whistle),
        StepRule("reject", Action.REJECT, _dispatcher),
        StepRule("merge", Action.MERGE, _dispatcher),
        StepRule("supervise", Action.SUPERVISE, _supervise),
        StepRule("reopen", Action.REOPEN, _reopen),
        StepRule("claim", Action.CLAIM, _claim),
        StepRule("claim_withdraw", Action.CLAIM_WITHDRAW, _claim_withdraw),
        StepRule("comment", Action.COMMENT, _comment),
    ]
}


def step_require(user, case: Case, name: str) -> None:
    """Refuse (``DomainError``) the user step ``name`` on this case now: the table's kind and state, then
    the step's rule. What the services call."""
    rule = STEP_RULES[name]
    step_check(case, rule.action)
    rule.check(user, case)


def step_allowed(user, case: Case, name: str) -> bool:
    """Whether ``step_require`` would let the user take the step now."""
    rule = STEP_RULES[name]
    if not _open(case, rule.action):
        return False
    try:
        rule.check(user, case)
    except DomainError:
        return False
    return True


def allowed_steps(user, case: Case) -> list[str]:
    """The steps this user may take on this case now, in the order of the case page: exactly those whose
    ``step_require`` would pass (the same rules the services refuse with)."""
    if not user.is_authenticated:
        return []
    return [name for name in STEP_RULES if step_allowed(user, case, name)]


__all__ = [
    "BY_ACTION",
    "TABLE",
    "TRANSITIONS",
    "allowed_steps",
    "awaits_rating",
    "can_take",
    "leads_to",
    "may_verify",
    "step_allowed",
    "step_check",
    "step_require",
]
