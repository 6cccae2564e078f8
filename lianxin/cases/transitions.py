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
from lianxin.cases.kinds import COMMUNITY, ISSUER, REPORTER, kind_spec
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


def can_take(user, case: Case, *, handler: bool | None = None) -> bool:
    """Whether the user may take the case now (the queue's 接单 button)."""
    if not _open(case, Action.TAKE) or case.whistled:
        return False
    return permissions.is_current_handler(user, case) if handler is None else handler


# -- what a user may do now ----------------------------------------------------------------------------


def _summoned(user, case: Case) -> bool:
    departments = grants_for(user).department_ids[CHANGE]
    return any(
        a.department_id in departments
        for a in case.assignments.filter(is_current=True, responded_at__isnull=True)
    )


def _reporter_has_account(case: Case) -> bool:
    return case.reporter_id is not None and hasattr(case.reporter, "user")


def _decides_returns(user, case: Case) -> bool:
    dispatcher = case.dispatcher_area
    parent = type(dispatcher).objects.get_parent(dispatcher) if dispatcher else None
    return parent is not None and permissions.is_staff_over(user, parent.path)


def _street_staff(user, case: Case) -> bool:
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


def allowed_steps(user, case: Case) -> list[str]:
    """The steps this user may take on this case now, in the order of the case page. Each step's state and
    kind come from the table; the rest are the conditions its service checks (comments are offered to the
    handling roles)."""
    from lianxin.cases.views.queries import HANDLER_ROLES, has_role

    dispatcher = permissions.is_dispatcher(user, case)
    handler = permissions.is_current_handler(user, case)
    is_reporter = bool(user.person_id and user.person_id == case.reporter_id)
    shown = []

    def offer(name, action, condition):
        if _open(case, action) and condition():
            shown.append(name)

    offer("accept", Action.ACCEPT, lambda: dispatcher)
    offer("dispatch", Action.DISPATCH, lambda: dispatcher)
    offer("take", Action.TAKE, lambda: can_take(user, case, handler=handler))
    offer("respond", Action.RESPOND, lambda: case.whistled and _summoned(user, case))
    offer("mediate", Action.MEDIATE, lambda: handler)
    offer("handle", Action.HANDLE, lambda: handler)
    offer("verify", Action.VERIFY, lambda: may_verify(user, case))
    offer(
        "rate",
        Action.RATE,
        lambda: awaits_rating(case) and (is_reporter or (dispatcher and not _reporter_has_account(case))),
    )
    offer(
        "extend_decide", Action.EXTEND_APPROVE, lambda: case.extension_pending and dispatcher and not handler
    )
    offer(
        "return_decide", Action.RETURN_DECIDE, lambda: case.return_disputed and _decides_returns(user, case)
    )
    offer(
        "return_dispute",
        Action.RETURN_DISPUTE,
        lambda: case.return_pending and not case.return_disputed and dispatcher,
    )
    offer(
        "return",
        Action.RETURN,
        lambda: (
            handler
            and case.handler_type != HandlerType.AREA
            and case.dispatcher_area_id
            and not case.return_locked
        ),
    )
    offer("escalate", Action.ESCALATE, lambda: (handler or dispatcher) and has_level_above(case))
    offer(
        "extend_request",
        Action.EXTEND_REQUEST,
        lambda: handler and not case.extension_pending and not case.extension_days,
    )
    offer("whistle", Action.WHISTLE, lambda: _street_staff(user, case))
    offer("reject", Action.REJECT, lambda: dispatcher)
    offer("merge", Action.MERGE, lambda: dispatcher)
    offer("supervise", Action.SUPERVISE, lambda: permissions.may_supervise(user, case))
    offer(
        "reopen",
        Action.REOPEN,
        lambda: (is_reporter and _within_reopen_window(case)) or dispatcher,
    )
    offer("claim", Action.CLAIM, lambda: may_claim(user, case))
    offer("claim_withdraw", Action.CLAIM_WITHDRAW, lambda: may_withdraw(user, case))
    offer("comment", Action.COMMENT, lambda: has_role(user, HANDLER_ROLES))
    return shown


__all__ = [
    "BY_ACTION",
    "TABLE",
    "TRANSITIONS",
    "allowed_steps",
    "awaits_rating",
    "can_take",
    "leads_to",
    "may_verify",
    "step_check",
]
