"""One intake rule for pages, API and Open311 (issue 18; lianxin/cases/intake.py): which kinds and categories
a user may file and where. Residents report in their own community, workers where their posts reach, an
external system inside its key's area; tasks come from staff of the level, a resident filing one gets a 403
with a Chinese reason; internal categories are for workers and staff."""

import pytest
from django.test import Client

from lianxin.cases.models import Case, Category, HandlingLevel, Kind
from lianxin.open311.services import key_issue, system_create
from lianxin.tokens.services import token_create
from tests.api.helpers import assert_chinese, assert_error
from tests.cases_world import category

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_as(cast):
    def client_for(username: str) -> Client:
        _token, secret = token_create(actor=cast[username], name="tests")
        return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    return client_for


def _report(client, **body):
    return client.post("/api/v1/cases/", body, content_type="application/json")


def _task_category(**values) -> Category:
    return Category.add_root(
        code="key_task",
        name="重点任务交办",
        kind=Kind.TASK,
        first_level=HandlingLevel.COMMUNITY,
        is_public=True,
        **values,
    )


def test_a_resident_reports_in_his_own_community_and_nowhere_else(client_as, places, clock):
    client = client_as("resident")

    near = _report(client, category=category("cleaning").pk, area=places.other_estate.pk, description="垃圾")
    far = _report(
        client, category=category("cleaning").pk, area=places.other_community_estate.pk, description="路过"
    )

    assert near.status_code == 201, near.content
    error = assert_error(far, 400, "invalid")
    assert set(error["fields"]) == {"area"}
    assert_chinese(error["message"])
    assert Case.objects.count() == 1


def test_a_grid_worker_reports_where_his_post_reaches_not_across_the_county(api_as, places, clock):
    client = api_as("grid_worker")

    home = _report(client, category=category("cleaning").pk, area=places.estate.pk, description="垃圾")
    far = _report(
        client, category=category("cleaning").pk, area=places.other_community_estate.pk, description="别处"
    )

    assert home.status_code == 201, home.content
    assert set(assert_error(far, 400, "invalid")["fields"]) == {"area"}


def test_a_resident_filing_a_task_gets_403_and_staff_issue_it(client_as, api_as, places, clock):
    task = _task_category()

    refused = _report(client_as("resident"), category=task.pk, area=places.building.pk, description="交办")
    error = assert_error(refused, 403, "forbidden")
    assert set(error["fields"]) == {"category"}
    assert_chinese(error["message"])
    assert_error(
        _report(api_as("grid_worker"), category=task.pk, area=places.estate.pk, description="交办"),
        403,
        "forbidden",
    )
    issued = _report(
        api_as("community_secretary"), category=task.pk, area=places.community.pk, description="交办任务"
    )
    assert issued.status_code == 201, issued.content
    assert Case.objects.get().kind == Kind.TASK


def test_internal_categories_are_for_workers_and_staff(client_as, api_as, places, clock):
    internal = category("cleaning")
    Category.objects.filter(pk=internal.pk).update(is_public=False)

    refused = _report(client_as("resident"), category=internal.pk, area=places.building.pk, description="脏")
    assert_chinese(assert_error(refused, 403, "forbidden")["message"])
    accepted = _report(api_as("grid_worker"), category=internal.pk, area=places.estate.pk, description="脏")
    assert accepted.status_code == 201, accepted.content


def test_open311_files_only_public_non_task_services_inside_its_key(places, clock):
    system = system_create(name="12345热线", code="hotline-12345", area=places.street)
    _key, secret = key_issue(system=system)
    task = _task_category()
    client = Client()

    refused = client.post(
        "/open311/v2/requests.json",
        {
            "api_key": secret,
            "service_code": task.code,
            "address_id": places.estate.code,
            "description": "任务",
        },
    )
    accepted = client.post(
        "/open311/v2/requests.json",
        {
            "api_key": secret,
            "service_code": "cleaning",
            "address_id": places.estate.code,
            "description": "脏",
        },
    )

    assert 400 <= refused.status_code < 500, refused.content
    assert_chinese(refused.content.decode())
    assert accepted.status_code == 201, accepted.content
    assert Case.objects.filter(kind=Kind.TASK).count() == 0


def test_the_report_page_applies_the_same_rule(client_as, places, clock, monkeypatch):
    """The page's form offers only allowed categories and places; what it sends still passes the guard."""
    from lianxin.cases import intake
    from lianxin.cases.tests.pages import key

    seen = []
    original = intake.intake_check

    def spy(user, **kwargs):
        seen.append(kwargs["area"].pk)
        return original(user, **kwargs)

    monkeypatch.setattr("lianxin.cases.views.report.intake_check", spy)
    response = client_as("resident").post(
        "/cases/report/",
        {
            "category": category("stair_light").pk,
            "area": places.building.pk,
            "description": "楼道灯坏了",
            "request_type": "help",
            "urgency": "normal",
            "idempotency_key": key(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert seen == [places.building.pk]


def test_a_resident_cannot_file_as_a_walk_in_at_a_station(client_as, places, clock):
    # 到站 is the station staff's channel (provision windows): a resident's own report through it is refused.
    client = client_as("resident")
    refused = _report(
        client,
        category=category("cleaning").pk,
        area=places.estate.pk,
        description="自称到站",
        channel="walk_in",
    )
    error = assert_error(refused, 403, "forbidden")
    assert_chinese(error["message"])
    assert Case.objects.count() == 0
