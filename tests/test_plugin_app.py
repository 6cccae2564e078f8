"""A new app plugs a step listener into the cases engine without a line of ``cases/``: ``tests/plugin_app``
(installed by ``tests/settings.py`` only) registers a listener for disputes from its ``ready()``. It runs on
every step of a dispute, reports included, inside the step's transaction, after the roll-up and before the
notices; raising refuses the step, which leaves nothing behind."""

import pytest
from django.apps import apps

from lianxin.cases import services
from lianxin.cases.listeners import step_listeners
from lianxin.cases.models import Action, Case, CaseEvent, CaseRollup, Kind, State
from lianxin.core.errors_domain import DomainError
from lianxin.notifications.models import Outbox
from tests.cases_world import category
from tests.plugin_app.listeners import NAME, recording

pytestmark = pytest.mark.django_db


def _dispute(cast, places):
    return services.case_report(
        cast.resident, category=category("neighbour_dispute"), area=places.estate, description="楼上噪音扰民"
    )


def test_the_plugin_is_installed_and_its_listener_runs_between_the_rollup_and_the_notices():
    assert apps.is_installed("tests.plugin_app")
    names = [listener.name for listener in step_listeners(Action.HANDLE, Kind.DISPUTE)]
    assert names == ["cases.rollup", NAME, "notifications.case_handled"]
    # Its kind only.
    assert NAME not in [listener.name for listener in step_listeners(Action.HANDLE, Kind.PROBLEM)]


def test_the_listener_sees_every_step_of_a_dispute_in_the_steps_transaction(cast, places, clock):
    with recording() as seen:
        case = _dispute(cast, places)
        services.case_report(
            cast.resident, category=category("stair_light"), area=places.building, description="楼道灯坏了"
        )
        services.case_take(cast.grid_worker, case=case)
        services.case_handle(cast.grid_worker, case=case, note="双方签订协议", outcome="mediated")

    events = list(CaseEvent.objects.filter(case=case).order_by("seq"))
    # Every event of the dispute, the report's own included (intake's direct insert path), and nothing of
    # the stair light, a problem.
    assert [s["event"] for s in seen] == [e.pk for e in events]
    assert [s["action"] for s in seen][-2:] == [Action.TAKE, Action.HANDLE]
    assert seen[0]["action"] == Action.REPORT and all(s["case"] == case.pk for s in seen)
    assert all(s["in_transaction"] for s in seen)
    # It sees the case as the step left it, and the step's notice is written after it.
    assert seen[-1]["state"] == State.HANDLED
    assert Outbox.objects.filter(case=case).count() == seen[-1]["outbox_before"] + 1
    assert Outbox.objects.filter(case=case).latest("pk").verb == "case_handled"


def test_a_listener_that_raises_refuses_the_step_and_nothing_of_it_remains(cast, places, clock):
    case = _dispute(cast, places)
    case.refresh_from_db()
    state, events, outbox = case.state, case.event_count, Outbox.objects.filter(case=case).count()
    rollup = list(CaseRollup.objects.order_by("pk").values())

    with recording(refuse=Action.TAKE) as seen, pytest.raises(DomainError, match="plugin_app refuses"):
        services.case_take(cast.grid_worker, case=case)

    assert [s["action"] for s in seen] == [Action.TAKE]
    again = Case.objects.get(pk=case.pk)
    assert again.state == state and again.event_count == events
    assert not CaseEvent.objects.filter(case=case, action=Action.TAKE).exists()
    assert Outbox.objects.filter(case=case).count() == outbox
    assert list(CaseRollup.objects.order_by("pk").values()) == rollup
    # Not refused, the same step moves the case and its figures (the roll-up ran, and was rolled back).
    services.case_take(cast.grid_worker, case=case)
    assert Case.objects.get(pk=case.pk).state == State.IN_PROGRESS
    assert list(CaseRollup.objects.order_by("pk").values()) != rollup


def test_a_refused_report_writes_no_case(cast, places, clock):
    count = Case.objects.count()
    with recording(refuse=Action.REPORT), pytest.raises(DomainError):
        _dispute(cast, places)
    assert Case.objects.count() == count
