"""``row_insert`` writes what ``save()`` would: every column, converted as the field converts it."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from lianxin.audit.models import AuditRecord
from lianxin.cases.models import Case
from lianxin.core.inserts import row_insert
from lianxin.notifications.models import Outbox
from tests.cases_world import category

pytestmark = pytest.mark.django_db


def _raw(model, pk, column):
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {connection.ops.quote_name(column)} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_a_case_row_reads_back_as_saved(cast, places):
    due = timezone.now() + timedelta(hours=5)
    case = Case(
        category=category("water_leak"),
        area=places.building,
        area_path=places.building.path,
        reporter=cast.resident.person,
        title="楼上漏水",
        description="楼上管道漏水，墙面渗水",
        contact_phone="13912345678",
        lat=Decimal("30.123456"),
        lng=Decimal("120.654321"),
        extra={"楼层": 3, "tags": ["漏水"]},
        response_due=due,
    )
    row_insert(case)

    assert case.pk is not None and not case._state.adding
    again = Case.objects.get(pk=case.pk)
    assert again.title == "楼上漏水" and again.reporter_id == cast.resident.person_id
    assert again.contact_phone == "13912345678"
    assert again.lat == Decimal("30.123456") and again.lng == Decimal("120.654321")
    assert again.extra == {"楼层": 3, "tags": ["漏水"]}
    assert again.response_due == due and again.handle_due is None
    assert again.state == "reported" and again.extension_days == 0 and again.whistled is False
    # The phone is stored encrypted, as the field's own save would store it.
    assert "13912345678" not in _raw(Case, case.pk, "contact_phone")


def test_the_next_row_gets_the_next_key_and_a_saved_row_is_refused():
    first = row_insert(Outbox(verb="x", title="一", targets={"persons": [1]}))
    second = row_insert(Outbox(verb="x", title="二", targets={}))

    assert second.pk > first.pk
    assert Outbox.objects.get(pk=first.pk).targets == {"persons": [1]}
    with pytest.raises(ValueError, match="new rows"):
        row_insert(first)


def test_a_naive_datetime_takes_the_fields_own_conversion():
    naive = timezone.now().replace(tzinfo=None)
    with pytest.warns(RuntimeWarning, match="naive datetime"):
        record = row_insert(
            AuditRecord(at=naive, action="create", object_type="t", object_id="1", prev_hash="0", hash="h1")
        )
    assert AuditRecord.objects.get(pk=record.pk).at is not None


def test_a_hot_statement_raises_djangos_errors_and_is_seen_when_queries_are_watched(cast, places):
    from django.db import IntegrityError, transaction
    from django.test.utils import CaptureQueriesContext

    from lianxin.cases.models import CaseEvent
    from lianxin.core.inserts import direct_to_driver, hot_execute

    case = row_insert(
        Case(category=category("water_leak"), area=places.building, area_path=places.building.path, title="t")
    )
    row_insert(CaseEvent(case=case, seq=1, action="report"))
    # Unwatched, on SQLite, the statements below take the driver's own cursor.
    assert direct_to_driver(connection) == (connection.vendor == "sqlite")
    # The same step number twice: the driver's error arrives as Django's, which idempotency catches.
    with pytest.raises(IntegrityError), transaction.atomic():
        row_insert(CaseEvent(case=case, seq=1, action="report"))

    with CaptureQueriesContext(connection) as watched:
        row_insert(CaseEvent(case=case, seq=2, action="comment"))
        assert hot_execute(
            "SELECT COUNT(*) FROM cases_caseevent WHERE case_id = %s", [case.pk], fetch="one"
        ) == (2,)
    assert [q["sql"] for q in watched.captured_queries if "cases_caseevent" in q["sql"]][:1]
    assert len([q for q in watched.captured_queries if "cases_caseevent" in q["sql"]]) == 2
