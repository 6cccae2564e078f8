"""The case row from its events: one reducer, used when a step is taken and when a case is rebuilt.

``case_apply(case, event, assignments)`` moves a case one event forward. It reads only the event (its
fields and ``data``), never the configuration, so replaying a case's events gives the same row however
categories or limits have changed since. ``case_rebuild`` replays a case from scratch; the services call
``event_record`` to write a step, which applies the event to the locked row in the same transaction.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.utils.dateparse import parse_datetime

from lianxin.cases.models import (
    Action,
    AssignmentRole,
    Case,
    CaseAssignment,
    CaseClaim,
    CaseEvent,
    HandlerType,
    Rating,
    State,
)
from lianxin.core.inserts import row_insert

# The fields the reducer owns: reset before a rebuild, compared by the rebuild check.
DERIVED_FIELDS = [
    "state",
    "handler_type",
    "handler_person_id",
    "handler_department_id",
    "handler_organisation_id",
    "handler_party_org_id",
    "handler_area_id",
    "handler_area_path",
    "handling_level",
    "highest_level",
    "dispatcher_area_id",
    "first_receiver_id",
    "reporter_role",
    "reported_at",
    "responded_at",
    "dispatched_at",
    "handled_at",
    "closed_at",
    "response_due",
    "handle_due",
    "handle_due_fixed",
    "return_due",
    "extension_days",
    "extension_pending",
    "response_overdue",
    "handle_overdue",
    "handled_late",
    "whistled",
    "return_pending",
    "return_disputed",
    "return_locked",
    "reopen_count",
    "return_count",
    "escalation_count",
    "supervise_count",
    "verified_by_id",
    "rating",
    "rating_note",
    "rating_auto",
    "rating_stars",
    "rated_at",
    "rating_due",
    "outcome",
    "merged_into_id",
    "claim_capacity",
    "claim_count",
    "issuer_path",
    "public_note",
    "event_count",
    "last_event_at",
]

_DEFAULTS = {
    "state": State.REPORTED,
    "handler_type": "",
    "handler_area_path": "",
    "extension_days": Decimal("0"),
    "extension_pending": False,
    "handle_due_fixed": False,
    "response_overdue": False,
    "handle_overdue": False,
    "handled_late": False,
    "whistled": False,
    "return_pending": False,
    "return_disputed": False,
    "return_locked": False,
    "reopen_count": 0,
    "return_count": 0,
    "escalation_count": 0,
    "supervise_count": 0,
    "rating": "",
    "rating_note": "",
    "rating_auto": False,
    "outcome": "",
    "public_note": "",
    "reporter_role": "",
    "claim_count": 0,
    "issuer_path": "",
    "event_count": 0,
}


def _when(value) -> datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value
    return parse_datetime(value)


@dataclass
class Assignments:
    """The case's assignment rows while events are applied: existing ones and those the events add."""

    rows: list = field(default_factory=list)
    dirty: set = field(default_factory=set)

    def current(self):
        return [a for a in self.rows if a.is_current]

    def end_current(self, roles=None) -> None:
        for a in self.rows:
            if a.is_current and (roles is None or a.role in roles):
                a.is_current = False
                self.dirty.add(id(a))

    def add(self, case, *, role, at, respond_due=None, **target) -> CaseAssignment:
        a = CaseAssignment(case=case, role=role, sent_at=at, respond_due=respond_due, **target)
        self.rows.append(a)
        self.dirty.add(id(a))
        return a

    def touch(self, a) -> None:
        self.dirty.add(id(a))

    def save(self) -> None:
        new = [a for a in self.rows if a.pk is None]
        changed = [a for a in self.rows if a.pk is not None and id(a) in self.dirty]
        for a in new:
            a.case_id = a.case.pk
            row_insert(a)
        for a in changed:
            a.save(update_fields=["is_current", "responded_at", "response_note"])
        self.dirty.clear()


def _set_handler(case: Case, event: CaseEvent) -> None:
    case.handler_person_id = event.target_person_id
    case.handler_department_id = event.target_department_id
    case.handler_organisation_id = event.target_organisation_id
    case.handler_party_org_id = event.target_party_org_id
    case.handler_area_id = event.target_area_id
    case.handler_area_path = event.data.get("target_area_path", "") if event.target_area_id else ""
    if event.target_person_id:
        case.handler_type = HandlerType.PERSON
    elif event.target_department_id:
        case.handler_type = HandlerType.DEPARTMENT
    elif event.target_organisation_id:
        case.handler_type = HandlerType.ORGANISATION
    elif event.target_party_org_id:
        case.handler_type = HandlerType.PARTY_ORG
    elif event.target_area_id:
        case.handler_type = HandlerType.AREA
    else:
        case.handler_type = ""
    if event.target_level:
        case.handling_level = event.target_level
        case.highest_level = max(case.highest_level or 0, event.target_level)


def _assign_handler(case: Case, event: CaseEvent, assignments: Assignments) -> None:
    assignments.end_current()
    if (
        event.target_person_id
        or event.target_department_id
        or event.target_organisation_id
        or event.target_party_org_id
    ):
        assignments.add(
            case,
            role=AssignmentRole.HANDLER,
            at=event.at,
            person_id=event.target_person_id,
            department_id=event.target_department_id,
            organisation_id=event.target_organisation_id,
            party_org_id=event.target_party_org_id,
            area_id=event.target_area_id,
        )


def _first_receiver(case: Case, event: CaseEvent) -> None:
    if case.first_receiver_id is None and event.actor_person_id and event.data.get("staff"):
        case.first_receiver_id = event.actor_person_id


def _responded(case: Case, event: CaseEvent) -> None:
    if case.responded_at is None:
        case.responded_at = event.at


def _reopened(case: Case, event: CaseEvent) -> None:
    case.state = State.IN_PROGRESS
    case.reopen_count += 1
    case.handled_at = None
    case.closed_at = None
    case.rating_due = None
    case.handle_overdue = False
    case.handle_due = _when(event.data.get("handle_due")) or case.handle_due
    case.handle_due_fixed = bool(event.data.get("due_fixed"))


def _due_given(case: Case, data: dict) -> None:
    """A deadline set for this case at intake or dispatch (``due_fixed``) replaces the category's."""
    if data.get("handle_due"):
        case.handle_due = _when(data["handle_due"])
    if data.get("due_fixed"):
        case.handle_due_fixed = True


def case_apply(case: Case, event: CaseEvent, assignments: Assignments) -> None:
    """Move ``case`` one event forward (the only writer of the derived fields)."""
    action, data = event.action, event.data
    if action == Action.REPORT:
        case.state = State.REPORTED
        case.reported_at = event.at
        case.reporter_role = data.get("reporter_role", "")
        case.response_due = _when(data.get("response_due"))
        _set_handler(case, event)
        _first_receiver(case, event)
        _due_given(case, data)
        case.claim_capacity = data.get("claim_capacity")
        case.issuer_path = data.get("issuer_path", "")
    elif action == Action.ACCEPT:
        case.state = State.ACCEPTED
        _responded(case, event)
        _first_receiver(case, event)
        _set_handler(case, event)
        case.handle_due = _when(data.get("handle_due")) or case.handle_due
    elif action == Action.REJECT:
        case.state = State.REJECTED
        _responded(case, event)
        _first_receiver(case, event)
        assignments.end_current()
    elif action == Action.DISPATCH:
        case.state = State.DISPATCHED
        _set_handler(case, event)
        _assign_handler(case, event, assignments)
        _first_receiver(case, event)
        if data.get("staff"):
            _responded(case, event)
        if case.dispatched_at is None:
            case.dispatched_at = event.at
        _due_given(case, data)
        case.return_due = _when(data.get("return_due"))
        case.dispatcher_area_id = data.get("dispatcher_area") or case.dispatcher_area_id
        case.return_pending = False
        case.return_disputed = False
        if data.get("return_locked"):
            case.return_locked = True
    elif action == Action.TAKE:
        case.state = State.IN_PROGRESS
        _responded(case, event)
        _first_receiver(case, event)
        if event.target_person_id or event.target_area_id:
            _set_handler(case, event)
        for a in assignments.current():
            if a.responded_at is None:
                a.responded_at = event.at
                assignments.touch(a)
        case.handle_due = _when(data.get("handle_due")) or case.handle_due
    elif action == Action.RETURN:
        case.state = State.ACCEPTED
        case.return_count += 1
        case.return_pending = True
        _set_handler(case, event)
        assignments.end_current()
    elif action == Action.RETURN_DISPUTE:
        case.return_disputed = True
    elif action == Action.RETURN_DECIDE:
        case.return_disputed = False
        if not data.get("upheld"):
            # The return was wrong: the case goes back to the one who returned it, for good.
            case.state = State.DISPATCHED
            case.return_pending = False
            case.return_locked = True
            _set_handler(case, event)
            _assign_handler(case, event, assignments)
    elif action == Action.ESCALATE:
        case.escalation_count += 1
        case.state = State.DISPATCHED if data.get("dispatched") else State.ACCEPTED
        _set_handler(case, event)
        _assign_handler(case, event, assignments)
        case.dispatcher_area_id = data.get("dispatcher_area") or case.dispatcher_area_id
        case.return_pending = False
        if data.get("return_due"):
            case.return_due = _when(data["return_due"])
    elif action == Action.WHISTLE:
        case.whistled = True
        case.state = State.DISPATCHED
        _set_handler(case, event)
        assignments.end_current()
        respond_due = _when(data.get("respond_due"))
        assignments.add(
            case,
            role=AssignmentRole.LEAD,
            at=event.at,
            department_id=event.target_department_id,
            respond_due=respond_due,
        )
        for department_id in data.get("assists", []):
            assignments.add(
                case,
                role=AssignmentRole.ASSIST,
                at=event.at,
                department_id=department_id,
                respond_due=respond_due,
            )
        case.dispatcher_area_id = data.get("dispatcher_area") or case.dispatcher_area_id
        case.return_pending = False
    elif action == Action.RESPOND:
        for a in assignments.current():
            if a.department_id == data.get("department") and a.responded_at is None:
                a.responded_at = event.at
                a.response_note = event.note[:500]
                assignments.touch(a)
                if a.role == AssignmentRole.LEAD:
                    case.state = State.IN_PROGRESS
                    _responded(case, event)
    elif action == Action.HANDLE:
        case.state = State.HANDLED
        case.handled_at = event.at
        if case.handle_due and event.at > case.handle_due:
            case.handled_late = True
        case.outcome = data.get("outcome", case.outcome)
        case.rating_due = _when(data.get("rating_due"))
    elif action == Action.VERIFY:
        case.state = State.VERIFIED
        case.verified_by_id = event.actor_person_id
        case.rating_due = _when(data.get("rating_due")) or case.rating_due
    elif action == Action.VERIFY_FAIL:
        _reopened(case, event)
    elif action == Action.RATE:
        case.rating = data.get("rating", "")
        case.rating_note = event.note[:500]
        case.rating_auto = bool(data.get("auto"))
        case.rating_stars = data.get("stars")
        case.rated_at = event.at
        if case.rating == Rating.UNSATISFIED:
            _reopened(case, event)
    elif action == Action.CLOSE:
        case.state = State.CLOSED
        case.closed_at = event.at
        case.rating_due = None
        assignments.end_current()
    elif action == Action.REOPEN:
        _reopened(case, event)
        case.rating = ""
        case.rating_note = ""
        case.rating_auto = False
        case.rating_stars = None
        case.rated_at = None
    elif action == Action.MERGE:
        case.state = State.MERGED
        case.merged_into_id = data.get("into")
        assignments.end_current()
    elif action == Action.SUPERVISE:
        case.supervise_count += 1
    elif action == Action.EXTEND_REQUEST:
        case.extension_pending = True
    elif action == Action.EXTEND_APPROVE:
        case.extension_pending = False
        case.extension_days = Decimal(str(case.extension_days)) + Decimal(str(data.get("days", 0)))
        case.handle_due = _when(data.get("handle_due")) or case.handle_due
        case.handle_overdue = False
    elif action == Action.EXTEND_REFUSE:
        case.extension_pending = False
    elif action == Action.CLAIM:
        case.claim_count += 1
    elif action == Action.CLAIM_WITHDRAW:
        case.claim_count -= 1
    elif action == Action.OVERDUE:
        if data.get("which") == "response":
            case.response_overdue = True
        elif data.get("which") == "handle":
            case.handle_overdue = True
    # MEDIATE, MERGED_IN and COMMENT leave the state as it is.
    if event.is_public and event.note and action not in (Action.RATE,):
        case.public_note = event.note[:500]
    case.event_count += 1
    case.last_event_at = event.at


def case_reset(case: Case) -> None:
    for name in DERIVED_FIELDS:
        setattr(case, name, _DEFAULTS.get(name))


def case_rebuild(case: Case, *, save: bool = False) -> Case:
    """Replay the case's events from a blank row. With ``save``, write the row and its assignments."""
    rebuilt = (
        Case.objects.get(pk=case.pk)
        if save
        else Case(**{f.attname: getattr(case, f.attname) for f in Case._meta.concrete_fields})
    )
    case_reset(rebuilt)
    assignments = Assignments()
    for event in CaseEvent.objects.filter(case_id=case.pk).select_related("target_area").order_by("seq"):
        if event.target_area_id:
            # An event keeps the path its target had then; after a restructuring (areas.services.area_move)
            # the case follows the area, so a replay reads the area's path today.
            event.data["target_area_path"] = event.target_area.path
        case_apply(rebuilt, event, assignments)
    if save:
        CaseAssignment.objects.filter(case_id=case.pk).delete()
        for a in assignments.rows:
            a.pk = None
            a.case_id = case.pk
        assignments.save()
        rebuilt.save(
            update_fields=[n.removesuffix("_id") if n.endswith("_id") else n for n in DERIVED_FIELDS]
        )
        claims_restore(rebuilt)
    rebuilt._rebuilt_assignments = assignments.rows
    return rebuilt


@dataclass
class ReplayedClaim:
    person_id: int | None
    organisation_id: int | None
    claimed_at: datetime
    event_id: int
    withdrawn_at: datetime | None = None
    withdraw_event_id: int | None = None


def claims_replay(events) -> list[ReplayedClaim]:
    """The claims a case's events make: each CLAIM opens one for its claimant, each CLAIM_WITHDRAW closes
    that claimant's live one (the rows ``case_claim`` and ``case_claim_withdraw`` write)."""
    claims: list[ReplayedClaim] = []
    for event in events:
        if event.action not in (Action.CLAIM, Action.CLAIM_WITHDRAW):
            continue
        claimant = event.data.get("claimant", {})
        person, organisation = claimant.get("person"), claimant.get("organisation")
        if event.action == Action.CLAIM:
            claims.append(ReplayedClaim(person, organisation, event.at, event.pk))
            continue
        for claim in claims:
            if (claim.person_id, claim.organisation_id) == (
                person,
                organisation,
            ) and claim.withdrawn_at is None:
                claim.withdrawn_at, claim.withdraw_event_id = event.at, event.pk
    return claims


def _claim_key(c) -> tuple:
    return (
        c.person_id or 0,
        c.organisation_id or 0,
        c.claimed_at.isoformat(),
        c.event_id,
        c.withdrawn_at.isoformat() if c.withdrawn_at else "",
        c.withdraw_event_id or 0,
    )


def claims_restore(case: Case) -> None:
    """Write the case's claim rows as its events make them (``cases_rebuild`` without ``--check``)."""
    CaseClaim.objects.filter(case_id=case.pk).delete()
    events = CaseEvent.objects.filter(case_id=case.pk).order_by("seq")
    CaseClaim.objects.bulk_create(
        CaseClaim(case_id=case.pk, **vars(claim)) for claim in claims_replay(events)
    )


def _assignment_key(a: CaseAssignment) -> tuple:
    return (
        a.role,
        a.person_id or 0,
        a.department_id or 0,
        a.organisation_id or 0,
        a.party_org_id or 0,
        a.is_current,
        a.responded_at.isoformat() if a.responded_at else "",
        a.sent_at.isoformat(),
    )


def case_differences(case: Case) -> dict:
    """Fields where the stored row differs from a replay of its events (empty when they agree)."""
    rebuilt = case_rebuild(case)
    differences = {}
    for name in DERIVED_FIELDS:
        stored, replayed = getattr(case, name), getattr(rebuilt, name)
        if isinstance(stored, Decimal) or isinstance(replayed, Decimal):
            stored, replayed = Decimal(str(stored or 0)), Decimal(str(replayed or 0))
        if stored != replayed:
            differences[name] = (stored, replayed)
    stored_assignments = sorted(_assignment_key(a) for a in CaseAssignment.objects.filter(case_id=case.pk))
    replayed_assignments = sorted(_assignment_key(a) for a in rebuilt._rebuilt_assignments)
    if stored_assignments != replayed_assignments:
        differences["assignments"] = (stored_assignments, replayed_assignments)
    stored_claims = sorted(_claim_key(c) for c in CaseClaim.objects.filter(case_id=case.pk))
    replayed_claims = sorted(
        _claim_key(c) for c in claims_replay(CaseEvent.objects.filter(case_id=case.pk).order_by("seq"))
    )
    if stored_claims != replayed_claims:
        differences["claims"] = (stored_claims, replayed_claims)
    return differences
