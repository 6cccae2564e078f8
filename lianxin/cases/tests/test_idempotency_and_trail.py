"""Idempotent steps, the immutable trail, and the case row rebuilt from its events."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from lianxin.cases import services
from lianxin.cases.engine import case_differences
from lianxin.cases.models import Action, Case, CaseEvent, ImmutableEventError, State
from lianxin.core.errors_domain import DomainError
from tests.cases_world import category


def report(cast, places, **kwargs):
    return services.case_report(
        cast.resident,
        category=category("stair_light"),
        area=places.building,
        description="楼道灯不亮",
        **kwargs,
    )


def test_a_step_sent_twice_with_one_key_makes_one_event(cast, places, clock):
    case = report(cast, places)
    services.case_take(cast.building_captain, case=case, idempotency_key="take-1")
    again = services.case_take(cast.building_captain, case=case, idempotency_key="take-1")

    assert again.state == State.IN_PROGRESS
    assert case.events.filter(action=Action.TAKE).count() == 1


def test_a_twin_step_that_looked_before_the_first_wrote_answers_with_the_first_s_event(
    cast, places, clock, monkeypatch
):
    """Two identical steps at once (the page's form sends one key) both look for a replay before either
    writes; the second waits for the case lock while the first writes. Holding the lock, it finds the first
    one's event and answers with the case as the first left it, instead of refusing the step as "invalid
    state" for the state the first one made."""
    from lianxin.cases.services import events as step_events

    case = report(cast, places)
    services.case_take(cast.building_captain, case=case, idempotency_key="take-1")
    first = CaseEvent.objects.get(case=case, action=Action.TAKE)
    before = Case.objects.filter(pk=case.pk).values().get()
    trail = list(case.events.order_by("seq").values_list("pk", flat=True))

    looks = []
    real = step_events.replayed_event

    def looked_too_early(*args, **kwargs):
        looks.append(args)
        return None if len(looks) == 1 else real(*args, **kwargs)

    monkeypatch.setattr(step_events, "replayed_event", looked_too_early)
    again = services.case_take(cast.building_captain, case=case, idempotency_key="take-1")

    assert len(looks) == 2  # the early look saw nothing; the one under the lock found the first's event
    assert real(cast.building_captain, "take-1", Action.TAKE, case).pk == first.pk
    assert again.pk == case.pk and again.state == State.IN_PROGRESS
    assert list(case.events.order_by("seq").values_list("pk", flat=True)) == trail
    assert Case.objects.filter(pk=case.pk).values().get() == before


def test_a_key_used_for_another_step_is_refused(cast, places, clock):
    case = report(cast, places)
    services.case_take(cast.building_captain, case=case, idempotency_key="k")
    with pytest.raises(DomainError) as refused:
        services.case_handle(cast.building_captain, case=case, note="已修好", idempotency_key="k")
    assert refused.value.code == "idempotency_conflict"
    assert not case.events.filter(action=Action.HANDLE).exists()


def test_keys_belong_to_their_user(cast, places, clock):
    first = report(cast, places, idempotency_key="same")
    second = services.case_report(
        cast.building_captain,
        category=category("stair_light"),
        area=places.building,
        description="灯坏了",
        idempotency_key="same",
    )
    assert first.pk != second.pk


def test_events_cannot_be_changed_or_deleted_through_the_application(cast, places, clock):
    event = report(cast, places).events.first()
    event.note = "改写"
    with pytest.raises(ImmutableEventError):
        event.save()
    with pytest.raises(ImmutableEventError):
        CaseEvent.objects.filter(pk=event.pk).update(note="改写")
    with pytest.raises(ImmutableEventError):
        CaseEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(ImmutableEventError):
        event.delete()


def test_the_database_refuses_to_change_an_event(cast, places, clock):
    event = report(cast, places).events.first()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE cases_caseevent SET note = %s WHERE id = %s", ["改写", event.pk])
    assert CaseEvent.objects.get(pk=event.pk).note == event.note


def test_case_events_are_not_in_the_admin():
    from django.contrib import admin

    assert not admin.site.is_registered(CaseEvent)
    assert not admin.site.is_registered(Case)


def test_a_tampered_case_row_is_found_and_rebuilt_from_its_events(cast, places, clock, capsys):
    case = report(cast, places)
    services.case_take(cast.building_captain, case=case)
    Case.objects.filter(pk=case.pk).update(state=State.CLOSED, reopen_count=3)

    with pytest.raises(SystemExit):
        call_command("cases_rebuild", "--check")
    assert "state" in capsys.readouterr().out

    call_command("cases_rebuild")
    case.refresh_from_db()
    assert case.state == State.IN_PROGRESS and case.reopen_count == 0
    assert case_differences(case) == {}
