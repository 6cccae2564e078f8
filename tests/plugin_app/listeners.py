"""A step listener for one kind (disputes), as a mediation or service app would register it.

It keeps what it saw in memory, and only while a test records: every other test of the suite takes its
steps as if the app were not there (no query, no row).
"""

from contextlib import contextmanager

from django.db import transaction

from lianxin.cases.listeners import step_listener_register
from lianxin.cases.models import Kind
from lianxin.core.errors_domain import DomainError

NAME = "plugin_app.dispute_seen"
# Between the roll-up (10) and the notices (900).
ORDER = 500

_state = {"seen": None, "refuse": None}


@contextmanager
def recording(*, refuse: str | None = None):
    """Record what the listener sees while the block runs; with ``refuse`` (a step), refuse that step."""
    seen: list[dict] = []
    _state.update(seen=seen, refuse=refuse)
    try:
        yield seen
    finally:
        _state.update(seen=None, refuse=None)


def dispute_seen(*, case, event) -> None:
    seen = _state["seen"]
    if seen is None:
        return
    from lianxin.notifications.models import Outbox

    connection = transaction.get_connection()
    seen.append(
        {
            "case": case.pk,
            "event": event.pk,
            "action": event.action,
            "state": case.state,
            "in_transaction": connection.in_atomic_block,
            # The step's notices come after this listener: none is written yet for this event.
            "outbox_before": Outbox.objects.filter(case_id=case.pk).count(),
        }
    )
    if _state["refuse"] == event.action:
        raise DomainError("plugin_app refuses this step", code="invalid")


def register() -> None:
    step_listener_register(dispute_seen, kinds=[Kind.DISPUTE], order=ORDER, name=NAME)
