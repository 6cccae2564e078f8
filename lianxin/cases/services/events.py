"""Writing a step: lock the case, check, write the event, apply it to the row, all in one transaction.

Every step takes an idempotency key from the client: the same key from the same user gives back the step
it made the first time (one case, one event), and a key reused for another step is refused.
"""

from functools import wraps

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lianxin.cases import clock
from lianxin.cases.engine import Assignments, case_apply
from lianxin.cases.figures import counts_snapshot
from lianxin.cases.listeners import case_changed
from lianxin.cases.models import Action, Case, CaseEvent, CasePhoto
from lianxin.cases.routing import Target
from lianxin.core.errors_domain import DomainError
from lianxin.core.inserts import hot_execute, row_insert

# Steps whose reducer reads or writes the case's assignments.
ASSIGNMENT_ACTIONS = {
    Action.REJECT,
    Action.DISPATCH,
    Action.TAKE,
    Action.RETURN,
    Action.RETURN_DECIDE,
    Action.ESCALATE,
    Action.WHISTLE,
    Action.RESPOND,
    Action.CLOSE,
    Action.MERGE,
}
MAX_KEY_LENGTH = 100


def key_clean(key) -> str:
    key = (key or "").strip()
    if len(key) > MAX_KEY_LENGTH:
        raise DomainError(
            _("The idempotency key is longer than %(n)s characters.") % {"n": MAX_KEY_LENGTH},
            code="invalid",
            field="idempotency_key",
        )
    return key


_REPLAY_SQL = (
    "SELECT id, action, case_id FROM cases_caseevent WHERE actor_id = %s AND idempotency_key = %s LIMIT 1"
)


def replayed_event(actor, key: str, action: str, case: Case | None = None) -> CaseEvent | None:
    """The event this user already made with this key, if any (checked to be the same step)."""
    if not key or actor is None or not getattr(actor, "pk", None):
        return None
    # Every report and step asks this: one indexed probe of the unique (actor, key) index, without the ORM's
    # query building, which costs more than the probe itself.
    row = hot_execute(_REPLAY_SQL, [actor.pk, key], fetch="one")
    if row is None:
        return None
    event = CaseEvent(id=row[0], action=row[1], case_id=row[2])
    if event.action != action or (case is not None and event.case_id != case.pk):
        raise DomainError(
            _("This idempotency key was already used for another request. Use a new key for a new request."),
            code="idempotency_conflict",
        )
    return event


def idempotent(action: str):
    """Wrap a step service ``fn(actor, *, case, idempotency_key, ...) -> Case``: a repeated key returns the
    case as the first call left it, a race between two identical calls ends with one event."""

    def decorator(fn):
        @wraps(fn)
        def wrapper(actor, *, case, idempotency_key="", **kwargs):
            key = key_clean(idempotency_key)
            if replayed_event(actor, key, action, case):
                return Case.objects.get(pk=case.pk)
            if not key:
                return fn(actor, case=case, idempotency_key=key, **kwargs)
            try:
                with transaction.atomic():
                    # Two identical calls can both pass the check above; the second then waits for the case
                    # lock while the first writes. Once it holds the lock the first one's event is visible,
                    # and it answers with it instead of checking the step against the state the first
                    # one left (which would refuse it). The step's own lock is the same row, already held.
                    case_lock(case)
                    if replayed_event(actor, key, action, case):
                        return Case.objects.get(pk=case.pk)
                    return fn(actor, case=case, idempotency_key=key, **kwargs)
            except IntegrityError:
                if replayed_event(actor, key, action, case):
                    return Case.objects.get(pk=case.pk)
                raise

        return wrapper

    return decorator


def case_lock(case: Case) -> Case:
    """The case row, locked for the rest of the transaction (a no-op lock on SQLite, whose IMMEDIATE
    transactions already serialise writers)."""
    # of=("self",): lock the case row only, not the category and area rows joined to it, which every
    # other case of that category or place shares (PostgreSQL locks every joined row otherwise).
    return Case.objects.select_for_update(of=("self",)).select_related("category", "area").get(pk=case.pk)


def _event_build(
    *,
    case: Case,
    actor,
    action: str,
    note: str = "",
    data: dict | None = None,
    target: Target | None = None,
    is_public: bool = True,
    key: str = "",
    at=None,
    seq: int,
) -> CaseEvent:
    data = dict(data or {})
    event = CaseEvent(
        seq=seq,
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_person_id=getattr(actor, "person_id", None),
        at=at or clock.now(),
        from_state=case.state,
        note=note,
        is_public=is_public,
        idempotency_key=key or None,
    )
    if target is not None:
        for name, value in target.event_fields().items():
            setattr(event, name, value)
        data["target_area_path"] = target.area.path
    event.data = data
    return event


def event_record(*, case: Case, photos=(), **spec) -> CaseEvent:
    """Write one event and apply it to the (locked) case row. Callers hold ``transaction.atomic()``.

    ``spec``: actor, action, note, data, target, is_public, key, at (see ``_event_build``)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("event_record runs inside the step's transaction")
    event = _event_build(case=case, seq=case.event_count + 1, **spec)
    event.case = case
    action = spec["action"]
    assignments = (
        Assignments(rows=list(case.assignments.all())) if action in ASSIGNMENT_ACTIONS else Assignments()
    )
    # The figures' roll-up (a step listener) adds what this event changes in the case's counts.
    event.counts_before = counts_snapshot(case)
    case_apply(case, event, assignments)
    event.to_state = case.state
    event.save()
    assignments.save()
    if photos:
        CasePhoto.objects.filter(pk__in=[p.pk for p in photos]).update(case=case, event=event)
    case.save()
    _audit(case, [event])
    case_changed(case=case, event=event)
    return event


def events_record_new(*, case: Case, steps: list[dict], photos=()) -> list[CaseEvent]:
    """Write a new case with its first events: all applied in memory, then one insert for the case and one
    for its events (intake's hot path). ``photos`` attach to the first event."""
    if not transaction.get_connection().in_atomic_block or case.pk is not None:
        raise RuntimeError("events_record_new writes a new case inside the report's transaction")
    assignments = Assignments()
    events = []
    for spec in steps:
        event = _event_build(case=case, seq=len(events) + 1, **spec)
        case_apply(case, event, assignments)
        event.to_state = case.state
        events.append(event)
    # A new case writes a handful of rows: each through one prepared INSERT (core/inserts.py), which is
    # most of what intake's speed comes to.
    row_insert(case)
    for event in events:
        event.case = case
        row_insert(event)
    for a in assignments.rows:
        a.case = case
    assignments.save()
    if photos:
        CasePhoto.objects.filter(pk__in=[p.pk for p in photos]).update(case=case, event=events[0])
    _audit(case, events)
    # The roll-up counts the new case once, with its first event; the others add nothing to it.
    final = counts_snapshot(case)
    for event in events[1:]:
        event.counts_before = final
    for event in events:
        case_changed(case=case, event=event)
    return events


def _audit(case: Case, events) -> None:
    """One audit record per step written (a report and the platform's dispatch are one): the trail says
    what changed, the audit chain adds who asked from where, tamper-evidently."""
    from lianxin.audit.models import Action as AuditAction
    from lianxin.audit.services import audit_record

    first = events[0]
    audit_record(
        action=AuditAction.CREATE if first.action == Action.REPORT else AuditAction.UPDATE,
        actor=first.actor,
        object_type="cases.case",
        object_id=str(case.pk),
        object_repr=case.number,
        changes={"state": [events[0].from_state, events[-1].to_state]},
        detail={"steps": [e.action for e in events], "events": [e.pk for e in events]},
    )


def photos_own(actor, photos) -> list[CasePhoto]:
    """The photos a step attaches: uploaded by this user and not yet attached to anything."""
    photos = list(photos or [])
    if not photos:
        return []
    from django.conf import settings

    if len(photos) > settings.LIANXIN_PHOTOS_PER_STEP:
        raise DomainError(
            _("Attach at most %(n)s photos to one step.") % {"n": settings.LIANXIN_PHOTOS_PER_STEP},
            field="photos",
        )
    ids = [p.pk if isinstance(p, CasePhoto) else int(p) for p in photos]
    owned = list(CasePhoto.objects.filter(pk__in=ids, uploaded_by=actor, event__isnull=True))
    if len(owned) != len(set(ids)):
        raise DomainError(
            _("A photo was not found among the photos you uploaded, or it is already attached."),
            field="photos",
        )
    return owned
