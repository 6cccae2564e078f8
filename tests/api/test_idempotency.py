"""``Idempotency-Key`` on every write of the API, kept in the database (``lianxin.core.api_idempotency``): a
retried request with the same key does its work once and gets the first answer again, marked
``Idempotent-Replayed: true``; the same key with another request is refused; old answers are deleted by a
periodic task."""

import io
import json
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from PIL import Image

from lianxin.api import api
from lianxin.areas.models import Area, Level, Place, PlaceActivity, PlaceFunction
from lianxin.audit.models import AuditRecord
from lianxin.cases import services
from lianxin.cases.models import Case, CaseEvent, CasePhoto
from lianxin.core.api_idempotency import WRITE_METHODS, answers_clear_expired
from lianxin.core.models import IdempotentAnswer
from lianxin.core.tasks import idempotent_answers_clear
from lianxin.party.models import ChainSegment, OrgKind, PartyOrg
from lianxin.party.services.orgs import party_org_add
from lianxin.tokens.models import ApiToken
from tests.api.helpers import assert_chinese, assert_error
from tests.cases_world import category

pytestmark = pytest.mark.django_db


@dataclass
class Write:
    persona: str
    method: str
    url: str
    body: dict
    other_body: dict
    count: object  # () -> int: the rows the write adds
    multipart: bool = False


def _jpeg(colour="blue") -> io.BytesIO:
    data = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(data, format="JPEG")
    data.seek(0)
    data.name = "photo.jpg"
    return data


def _send(client, write: Write, body: dict, key: str):
    headers = {"HTTP_IDEMPOTENCY_KEY": key}
    if write.multipart:
        return client.post(write.url, {"file": body["file"]()}, **headers)
    send = client.patch if write.method == "PATCH" else client.post
    return send(write.url, json.dumps(body), content_type="application/json", **headers)


def _case_report(world, cast, places):
    return Write(
        "resident",
        "POST",
        "/api/v1/cases/",
        {"category": category("stair_light").pk, "area": places.building.pk, "description": "灯坏了"},
        {"category": category("stair_light").pk, "area": places.building.pk, "description": "门坏了"},
        Case.objects.count,
    )


def _case_step(world, cast, places):
    light = services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="3号楼楼道灯坏了"
    )
    return Write(
        "building_captain",
        "POST",
        f"/api/v1/cases/{light.pk}/take",
        {"note": "马上去看"},
        {"note": "明天去看"},
        CaseEvent.objects.filter(case=light).count,
    )


def _photo(world, cast, places):
    return Write(
        "grid_worker",
        "POST",
        "/api/v1/cases/photos",
        {"file": lambda: _jpeg("blue")},
        {"file": lambda: _jpeg("red")},
        CasePhoto.objects.count,
        multipart=True,
    )


def _place_activity(world, cast, places):
    centre = Place.objects.filter(area=world.communities[0]).order_by("id").first()
    centre.functions.set([PlaceFunction.objects.get(code="party_education")])
    body = {"function": "party_education", "title": "党课", "held_on": "2025-03-01", "participants": 30}
    return Write(
        "community_secretary",
        "POST",
        f"/api/v1/places/{centre.pk}/activities",
        body,
        {**body, "participants": 31},
        PlaceActivity.objects.count,
    )


def _token(world, cast, places):
    return Write(
        "grid_worker",
        "POST",
        "/api/v1/me/tokens",
        {"name": "巡查App"},
        {"name": "另一个"},
        ApiToken.objects.count,
    )


def _party_org(world, cast, places):
    parent = world.working_committees[0].pk
    return Write(
        "county_admin",
        "POST",
        "/api/v1/party-orgs/",
        {"name": "新能源产业链党总支", "kind": "general_branch", "parent_id": parent},
        {"name": "新材料产业链党总支", "kind": "general_branch", "parent_id": parent},
        PartyOrg.objects.count,
    )


def _party_org_change(world, cast, places):
    parent = world.working_committees[0].pk
    body = {"name": "新能源产业链党总支", "kind": "general_branch", "parent_id": parent}
    created = party_org_add(
        actor=cast.county_admin, parent=world.working_committees[0], name=body["name"], kind=body["kind"]
    )
    return Write(
        "county_admin",
        "PATCH",
        f"/api/v1/party-orgs/{created.pk}",
        {**body, "name": "新能源产业链党总支（改）"},
        {**body, "name": "新材料产业链党总支"},
        AuditRecord.objects.count,
    )


def _alliance_segment(world, cast, places):
    alliance = PartyOrg.objects.get(kind=OrgKind.CHAIN_ALLIANCE)
    return Write(
        "county_admin",
        "POST",
        f"/api/v1/alliances/{alliance.pk}/segments",
        {"name": "精细化工", "position": 2},
        {"name": "精细化工", "position": 3},
        ChainSegment.objects.count,
    )


def _area_child(world, cast, places):
    village = Area.objects.filter(level=Level.VILLAGE).exclude(path__startswith=world.cluster.path).first()
    township = Area.objects.get_parent(village)
    return Write(
        "county_admin",
        "POST",
        f"/api/v1/areas/{township.pk}/children",
        {"level": "cluster", "name": "北湖片区"},
        {"level": "cluster", "name": "南湖片区"},
        Area.objects.count,
    )


WRITES = [
    _case_report,
    _case_step,
    _photo,
    _place_activity,
    _token,
    _party_org,
    _party_org_change,
    _alliance_segment,
    _area_child,
]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize("make", WRITES, ids=[make.__name__.strip("_") for make in WRITES])
def test_a_retried_write_with_the_same_key_is_done_once_and_answered_the_same(
    make, api_as, world, cast, places, clock, media
):
    write = make(world, cast, places)
    client = api_as(write.persona)
    before = write.count()

    first = _send(client, write, write.body, "retry-1")
    after_first = write.count()
    again = _send(client, write, write.body, "retry-1")

    assert 200 <= first.status_code < 300, first.content
    assert after_first > before
    assert write.count() == after_first  # the retry wrote nothing
    assert (again.status_code, again.content) == (first.status_code, first.content)
    assert again["Content-Type"] == first["Content-Type"]
    assert again["Idempotent-Replayed"] == "true"
    assert not first.has_header("Idempotent-Replayed")

    other = _send(client, write, write.other_body, "retry-1")
    error = assert_error(other, 409, "idempotency_conflict")
    assert_chinese(error["message"])
    assert write.count() == after_first


def test_every_write_of_the_api_takes_the_key_and_the_schema_says_so():
    writes = [
        operation
        for bound in api._get_bound_routers()
        for view in bound.path_operations.values()
        for operation in view.operations
        if WRITE_METHODS.intersection(operation.methods)
    ]
    assert len(writes) > 30
    assert all(getattr(operation, "_lianxin_idempotent", False) for operation in writes)

    schema = api.get_openapi_schema()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method.upper() in WRITE_METHODS:
                headers = [p["name"] for p in operation.get("parameters", []) if p["in"] == "header"]
                assert headers.count("Idempotency-Key") == 1, (method, path)


def test_the_key_belongs_to_its_account(api_as, cast):
    first = api_as("grid_worker").post(
        "/api/v1/me/tokens", {"name": "巡查App"}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="same"
    )
    other = api_as("resident").post(
        "/api/v1/me/tokens", {"name": "巡查App"}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="same"
    )

    assert first.status_code == other.status_code == 201
    assert first.json()["id"] != other.json()["id"]
    assert set(IdempotentAnswer.objects.values_list("actor", flat=True)) == {
        f"user:{cast.grid_worker.pk}",
        f"user:{cast.resident.pk}",
    }


def test_the_stored_answer_is_encrypted_and_a_refusal_is_not_kept(api_as):
    client = api_as("grid_worker")
    refused = client.post(
        "/api/v1/me/tokens", {"name": "  "}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k"
    )
    assert refused.status_code == 400
    assert not IdempotentAnswer.objects.exists()

    created = client.post(
        "/api/v1/me/tokens", {"name": "改好了"}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k"
    )
    assert created.status_code == 201
    assert created.json()["secret"] in IdempotentAnswer.objects.get().body
    # Read through the model the body is plain; in the table it is sealed (it holds the token's secret).
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM core_idempotentanswer")
        (sealed,) = cursor.fetchone()
    assert created.json()["secret"] not in sealed


def test_a_key_longer_than_100_characters_is_refused(api_as):
    response = api_as("county_admin").post(
        "/api/v1/me/tokens", {"name": "x"}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k" * 101
    )
    assert set(assert_error(response, 422, "invalid")["fields"]) == {"Idempotency-Key"}


def test_a_write_that_fails_leaves_neither_its_rows_nor_its_answer(api_as, world, monkeypatch):
    """One transaction: when the endpoint fails after writing, its rows go with the (unwritten) answer."""
    from lianxin.party.api import manage as api_manage

    real = api_manage.party_org_payloads

    def broken(**kwargs):
        real(**kwargs)
        raise RuntimeError("the answer could not be built")

    monkeypatch.setattr(api_manage, "party_org_payloads", broken)
    before = PartyOrg.objects.count()
    response = api_as("county_admin").post(
        "/api/v1/party-orgs/",
        {"name": "新能源产业链党总支", "kind": "general_branch", "parent_id": world.working_committees[0].pk},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="crash-1",
    )
    assert response.status_code == 500
    assert PartyOrg.objects.count() == before
    assert not IdempotentAnswer.objects.exists()


def test_answers_older_than_the_setting_are_deleted_by_the_periodic_task(api_as, settings):
    settings.API_IDEMPOTENCY_HOURS = 24
    client = api_as("grid_worker")
    for key in ("old", "new"):
        client.post(
            "/api/v1/me/tokens", {"name": key}, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
        )
    IdempotentAnswer.objects.filter(key="old").update(created_at=timezone.now() - timedelta(hours=25))

    assert idempotent_answers_clear.call_local() == 1
    assert list(IdempotentAnswer.objects.values_list("key", flat=True)) == ["new"]
    assert answers_clear_expired(now=timezone.now() + timedelta(hours=25)) == 1


def test_an_expired_key_may_be_used_again(api_as):
    client = api_as("grid_worker")
    first = client.post(
        "/api/v1/me/tokens", {"name": "一号"}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k"
    )
    IdempotentAnswer.objects.update(created_at=timezone.now() - timedelta(hours=25))

    second = client.post(
        "/api/v1/me/tokens", {"name": "二号"}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k"
    )

    assert second.status_code == 201 and second.json()["id"] != first.json()["id"]
    assert not second.has_header("Idempotent-Replayed")
    assert IdempotentAnswer.objects.get().created_at > timezone.now() - timedelta(hours=1)
