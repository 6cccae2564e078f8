"""POST /api/v1/cases/batch: up to 500 reports in one transaction, each answered on its own, and taken in
exactly as the same reports sent one by one (cases, events, roll-ups, audit records, notifications)."""

from collections import Counter

import pytest
from django.forms.models import model_to_dict
from django.test import Client

from lianxin.audit.models import AuditRecord
from lianxin.cases.models import Case, CaseEvent, CaseRollup
from lianxin.notifications.models import Outbox
from lianxin.tokens.services import token_create
from tests.api.helpers import assert_chinese, assert_error
from tests.cases_world import category

pytestmark = pytest.mark.django_db

BATCH = "/api/v1/cases/batch"


def _client(user) -> Client:
    _token, secret = token_create(actor=user, name="tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def _bodies(places) -> list[dict]:
    return [
        {"category": category("cleaning").pk, "area": places.estate.pk, "description": "东门垃圾桶满了"},
        {
            "category": category("stair_light").pk,
            "area": places.building.pk,
            "description": "三单元楼道灯坏了",
        },
        {
            "category": category("cleaning").pk,
            "area": places.estate.pk,
            "description": "车棚旁堆着旧家具",
            "urgency": "urgent",
            "contact_name": "王阿姨",
            "contact_phone": "13900001111",
        },
    ]


def _case_rows(ids) -> list[dict]:
    return [
        {k: v for k, v in model_to_dict(case).items() if k not in ("id", "number")}
        for case in Case.objects.filter(pk__in=ids).order_by("pk")
    ]


def _event_rows(ids) -> list[dict]:
    return [
        {k: v for k, v in model_to_dict(event).items() if k not in ("id", "case", "idempotency_key")}
        for event in CaseEvent.objects.filter(case_id__in=ids).order_by("case_id", "seq")
    ]


def _last_audit() -> int:
    return AuditRecord.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _audit_rows(after: int, upto: int | None = None) -> list[dict]:
    keep = ("actor_id", "actor_name", "action", "object_type", "changes", "detail")
    records = AuditRecord.objects.filter(pk__gt=after).order_by("pk")
    if upto is not None:
        records = records.filter(pk__lte=upto)
    # The event ids the record names are the only difference: each names its own case's events.
    return [
        {k: getattr(record, k) for k in keep}
        | {"detail": {**record.detail, "events": len(record.detail["events"])}}
        for record in records
    ]


def _outbox_rows(ids) -> list[tuple]:
    return [
        (o.verb, o.sender_id, o.targets, o.url.replace(str(o.case_id), "#"))
        for o in Outbox.objects.filter(case_id__in=ids).order_by("pk")
    ]


def _rollups() -> Counter:
    totals = Counter()
    for row in CaseRollup.objects.values():
        key = (row["area_path"], row["day"], row["category_id"], row["kind"])
        for name, value in row.items():
            if isinstance(value, int) and name not in ("id", "category_id"):
                totals[(*key, name)] += value
    return totals


def test_a_batch_takes_in_its_reports_exactly_as_one_by_one(cast, places, clock):
    client = _client(cast.grid_worker)
    bodies = _bodies(places)

    audit_before, rollups_before = (
        AuditRecord.objects.order_by("-pk").values_list("pk", flat=True).first(),
        _rollups(),
    )
    single = []
    for i, body in enumerate(bodies):
        response = client.post(
            "/api/v1/cases/", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY=f"one-{i}"
        )
        assert response.status_code == 201, response.content
        single.append(response.json()["id"])
    audit_single, rollups_single = (
        AuditRecord.objects.order_by("-pk").values_list("pk", flat=True).first(),
        _rollups(),
    )

    response = client.post(
        BATCH,
        {"items": [{**body, "idempotency_key": f"batch-{i}"} for i, body in enumerate(bodies)]},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="the-batch",
    )

    assert response.status_code == 200, response.content
    answer = response.json()
    assert (answer["created"], answer["replayed"], answer["refused"]) == (3, 0, 0)
    batch = [item["case"]["id"] for item in answer["items"]]
    assert [item["status"] for item in answer["items"]] == [201, 201, 201]
    assert [item["index"] for item in answer["items"]] == [0, 1, 2]
    assert _case_rows(batch) == _case_rows(single)
    assert _event_rows(batch) == _event_rows(single)
    assert len(_event_rows(batch)) >= 6  # each report and its dispatch
    assert _audit_rows(audit_single) == _audit_rows(audit_before, audit_single)
    assert len(_audit_rows(audit_single)) == len(bodies)
    assert _outbox_rows(batch) == _outbox_rows(single)
    grown_single = _rollups() - rollups_single
    assert grown_single == rollups_single - rollups_before
    assert sum(v for k, v in grown_single.items() if k[-1] == "reported") > 0
    # Each item's answer is the case as the single report's answer shows it (without the trail).
    detail = client.get(f"/api/v1/cases/{batch[2]}").json()
    shown = answer["items"][2]["case"]
    assert shown == {k: v for k, v in detail.items() if k in shown}
    assert shown["contact_phone_masked"] != "13900001111"


def test_a_bad_item_is_refused_with_its_reason_and_the_others_are_kept(cast, places, clock):
    client = _client(cast.grid_worker)
    good, other = _bodies(places)[:2]
    items = [
        {**good, "idempotency_key": "a"},
        {**good, "area": places.other_community_estate.pk, "idempotency_key": "b"},
        {**good, "category": 999999, "idempotency_key": "c"},
        {**good, "description": "   ", "idempotency_key": "d"},
        {**other, "idempotency_key": "a"},
        {**other, "idempotency_key": "e"},
    ]
    before = Case.objects.count()

    response = client.post(BATCH, {"items": items}, content_type="application/json")

    assert response.status_code == 200, response.content
    answer = response.json()
    statuses = [item["status"] for item in answer["items"]]
    assert statuses == [201, 400, 400, 400, 400, 201]
    assert (answer["created"], answer["refused"]) == (2, 4)
    assert Case.objects.count() == before + 2
    for item in answer["items"][1:5]:
        assert item["case"] is None
        assert_chinese(item["error"]["message"])
    assert [item["error"]["field"] for item in answer["items"][1:5]] == [
        "area",
        "category",
        "description",
        "idempotency_key",
    ]

    # Sent again (a retry after a lost answer): the same cases, none made twice.
    again = client.post(BATCH, {"items": items}, content_type="application/json").json()
    assert [item["status"] for item in again["items"]] == [200, 400, 400, 400, 400, 200]
    assert [item["case"]["id"] for item in again["items"] if item["case"]] == [
        item["case"]["id"] for item in answer["items"] if item["case"]
    ]
    assert Case.objects.count() == before + 2


def test_more_than_500_items_or_none_are_refused_whole(cast, places, clock):
    client = _client(cast.grid_worker)
    body = _bodies(places)[0]
    before = Case.objects.count()

    too_many = client.post(
        BATCH,
        {"items": [{**body, "idempotency_key": f"k{i}"} for i in range(501)]},
        content_type="application/json",
    )
    error = assert_error(too_many, 400, "invalid")
    assert_chinese(error["message"])
    assert "500" in error["message"]
    assert_error(client.post(BATCH, {"items": []}, content_type="application/json"), 400, "invalid")
    assert Case.objects.count() == before


def test_a_resident_reports_one_case_at_a_time(cast, places, clock):
    client = _client(cast.resident)
    body = {**_bodies(places)[1], "idempotency_key": "r1"}

    error = assert_error(
        client.post(BATCH, {"items": [body]}, content_type="application/json"), 403, "forbidden"
    )
    assert_chinese(error["message"])
    assert not Case.objects.filter(reporter=cast.resident.person, description=body["description"]).exists()
