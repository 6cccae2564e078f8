"""The step listeners' registry: who runs on which step and kind, in what order, inside the step's
transaction; the project's own roll-up and notices are listeners like any other app's."""

import pytest
from django.db import transaction

from lianxin.cases import services
from lianxin.cases.listeners import (
    step_listener,
    step_listener_register,
    step_listener_unregister,
    step_listeners,
)
from lianxin.cases.models import Action, Case, CaseEvent, Kind
from lianxin.notifications.models import Outbox
from tests.cases_world import category

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered():
    """Register listeners for one test; they are gone after it."""
    names = []

    def register(func, **options):
        options.setdefault("name", f"test.{func.__name__}.{len(names)}")
        names.append(options["name"])
        return step_listener_register(func, **options)

    yield register
    for name in names:
        step_listener_unregister(name)


def _stair_light(cast, places):
    return services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="楼道灯坏了"
    )


def test_a_misspelt_step_or_kind_is_refused_when_registered():
    with pytest.raises(ValueError, match="unknown step"):
        step_listener_register(print, steps=["hanlde"], name="test.typo")
    with pytest.raises(ValueError, match="unknown kind"):
        step_listener_register(print, kinds=["wish"], name="test.typo")
    with pytest.raises(ValueError, match="none given"):
        step_listener_register(print, steps=[], name="test.typo")
    assert "test.typo" not in [listener.name for listener in step_listeners()]


def test_the_projects_own_listeners_are_registered_by_their_apps():
    names = [listener.name for listener in step_listeners(Action.DISPATCH, Kind.PROBLEM)]
    assert names[0] == "cases.rollup" and names[-1] == "notifications.case_sent"
    # A step nobody is told of has the roll-up alone (and the test app's listener for disputes).
    assert [listener.name for listener in step_listeners(Action.ACCEPT, Kind.PROBLEM)] == ["cases.rollup"]


def test_listeners_run_by_order_then_name_whatever_the_order_they_were_registered_in(
    registered, cast, places, clock
):
    calls = []
    registered(lambda **kw: calls.append("late"), order=950, name="test.z_late")
    registered(lambda **kw: calls.append("b"), order=50, name="test.b")
    registered(lambda **kw: calls.append("a"), order=50, name="test.a")
    registered(lambda **kw: calls.append("handle only"), steps=Action.HANDLE, name="test.handle")

    names = [listener.name for listener in step_listeners(Action.TAKE, Kind.PROBLEM)]
    assert names == ["cases.rollup", "test.a", "test.b", "test.z_late"]

    case = _stair_light(cast, places)
    calls.clear()
    services.case_take(cast.building_captain, case=case)
    assert calls == ["a", "b", "late"]
    calls.clear()
    services.case_handle(cast.building_captain, case=case, note="已更换灯泡")
    assert calls == ["a", "b", "handle only", "late"]


def test_registering_the_same_name_again_replaces_the_listener_and_a_later_registration_runs(
    registered, cast, places, clock
):
    case = _stair_light(cast, places)
    seen = []
    # Registered after steps already ran (the plan of this step and kind was built): it still runs.
    registered(lambda **kw: seen.append("first"), steps=[Action.TAKE], name="test.same")
    registered(lambda **kw: seen.append("second"), steps=[Action.TAKE], name="test.same")
    services.case_take(cast.building_captain, case=case)
    assert seen == ["second"]
    step_listener_unregister("test.same")
    services.case_handle(cast.building_captain, case=case, note="已更换灯泡")
    assert seen == ["second"]


def test_intakes_direct_insert_path_fires_every_first_event_in_the_reports_transaction(
    registered, cast, places, clock
):
    seen = []

    @step_listener(kinds=[Kind.PROBLEM], name="test.decorated")
    def everything(*, case, event):
        seen.append((event.pk, event.action, transaction.get_connection().in_atomic_block))

    try:
        case = _stair_light(cast, places)
    finally:
        step_listener_unregister("test.decorated")
    # The report and the platform's dispatch to the building captain, each once, each already written.
    events = list(CaseEvent.objects.filter(case=case).order_by("seq").values_list("pk", "action"))
    assert [(pk, action) for pk, action, _ in seen] == events
    assert [action for _, action in events][:2] == [Action.REPORT, Action.DISPATCH]
    assert all(atomic for _, _, atomic in seen)


def test_a_listener_that_raises_rolls_the_step_back_with_its_rollup_and_notices(
    registered, cast, places, clock
):
    case = _stair_light(cast, places)
    services.case_take(cast.building_captain, case=case)
    outbox = Outbox.objects.filter(case=case).count()

    def refuse(*, case, event):
        raise RuntimeError("refused by a listener")

    # After the notices: everything before it in the step is undone too.
    registered(refuse, steps=[Action.HANDLE], order=1000)
    with pytest.raises(RuntimeError, match="refused by a listener"):
        services.case_handle(cast.building_captain, case=case, note="已更换灯泡")

    again = Case.objects.get(pk=case.pk)
    assert again.state == "in_progress"
    assert not CaseEvent.objects.filter(case=case, action=Action.HANDLE).exists()
    assert Outbox.objects.filter(case=case).count() == outbox
