"""A first handler and a deadline named outright (issue 20 item 4): at intake (the service, the API's report,
the staff's report page) and at dispatch (the service, the API and the case page). The deadline replaces
the category's for the steps that follow, the rebuild keeps it, and another app can route a new case
(an intake router registered from its ready())."""

from datetime import timedelta

import pytest
from django.utils.dateparse import parse_datetime

from lianxin.cases import services
from lianxin.cases.engine import case_differences
from lianxin.cases.models import Action, Case, HandlerType, State
from lianxin.cases.tests.pages import hotline_case, key, post_step
from lianxin.core.errors_domain import DomainError
from lianxin.people.models import Organisation, OrganisationKind, Person, Post
from lianxin.people.roles import Role
from tests.api.conftest import api_as  # noqa: F401  (the API client fixture)
from tests.api.helpers import assert_error
from tests.cases_world import category, department

pytestmark = pytest.mark.django_db


def _grid_worker(cast) -> Person:
    return cast.grid_worker.person


def test_staff_take_a_case_in_and_send_it_to_a_worker_by_a_deadline_of_their_own(cast, places, clock):
    due = clock.now + timedelta(days=3)
    case = services.case_report(
        cast.community_secretary,
        category=category("road_damage"),
        area=places.estate,
        description="来电反映小区道路塌陷",
        channel="hotline",
        handler={"person": _grid_worker(cast)},
        handle_due=due,
    )

    assert case.state == State.DISPATCHED
    assert case.handler_person == _grid_worker(cast) and case.handle_due == due and case.handle_due_fixed
    dispatch = case.events.get(action=Action.DISPATCH)
    assert dispatch.actor == cast.community_secretary and dispatch.data["due_fixed"] is True
    # Taking it keeps the deadline set for it; the category's would be five working days.
    clock.advance(hours=1)
    services.case_take(cast.grid_worker, case=case)
    case.refresh_from_db()
    assert case.handle_due == due
    assert case_differences(case) == {}


def test_a_deadline_at_a_level_pool_survives_acceptance(cast, places, clock):
    due = clock.now + timedelta(days=1)
    case = services.case_report(
        cast.community_secretary,
        category=category("road_damage"),
        area=places.community,
        description="社区主路破损",
        channel="hotline",
        handle_due=due,
    )
    assert case.handler_type == HandlerType.AREA and case.handle_due == due

    services.case_accept(cast.community_secretary, case=case)
    case.refresh_from_db()
    assert case.state == State.ACCEPTED and case.handle_due == due
    assert case_differences(case) == {}


def test_only_the_staff_of_the_place_name_a_handler_or_a_deadline(cast, places, clock):
    with pytest.raises(DomainError) as refused:
        services.case_report(
            cast.resident,
            category=category("stair_light"),
            area=places.building,
            description="楼道灯坏了",
            handle_due=clock.now + timedelta(days=1),
        )
    assert refused.value.code == "forbidden"
    assert str(refused.value.message) == "只有本级工作人员才能指定承办方、办理时限或认领名额。"


@pytest.mark.parametrize("days", [0, -1])
def test_a_deadline_must_lie_in_the_future(cast, places, clock, days):
    with pytest.raises(DomainError) as refused:
        services.case_report(
            cast.community_secretary,
            category=category("road_damage"),
            area=places.community,
            description="道路破损",
            handle_due=clock.now + timedelta(days=days),
        )
    assert refused.value.field == "handle_due"


def test_a_handler_that_does_not_serve_the_place_is_refused(cast, places, world, clock):
    other_street = [s for s in world.streets if s.pk != places.street.pk][0]
    office = department("zhifa_office", other_street)
    with pytest.raises(DomainError) as refused:
        services.case_report(
            cast.community_secretary,
            category=category("road_damage"),
            area=places.estate,
            description="道路破损",
            handler={"department": office},
        )
    assert refused.value.field == "target"


def test_a_dispatch_sets_a_deadline_and_a_later_dispatch_without_one_keeps_it(cast, places, world, clock):
    case = hotline_case(cast, places)
    due = clock.now + timedelta(days=2)
    services.case_dispatch(
        cast.community_secretary, case=case, department=department("zhujian", world.county), handle_due=due
    )
    case.refresh_from_db()
    assert case.handle_due == due and case.handle_due_fixed

    clock.advance(hours=2)
    secretary = cast.community_secretary.person
    services.case_dispatch(cast.community_secretary, case=case, person=secretary)
    case.refresh_from_db()
    assert case.handler_person == secretary and case.handle_due == due
    assert case_differences(case) == {}


def test_the_api_takes_a_handler_and_a_deadline_at_intake_and_dispatch(api_as, cast, places, world, clock):  # noqa: F811
    secretary = api_as("community_secretary")
    moment = clock.now + timedelta(days=4)
    due = moment.isoformat()
    body = secretary.post(
        "/api/v1/cases/",
        {
            "category": category("road_damage").pk,
            "area": places.estate.pk,
            "description": "来电：小区路面塌陷",
            "channel": "hotline",
            "handler": {"person": _grid_worker(cast).pk},
            "handle_due": due,
        },
        content_type="application/json",
    )
    assert body.status_code == 201, body.content
    assert body.json()["handler_type"] == HandlerType.PERSON
    assert parse_datetime(body.json()["handle_due"]) == moment

    refused = api_as("resident").post(
        "/api/v1/cases/",
        {
            "category": category("stair_light").pk,
            "area": places.building.pk,
            "description": "楼道灯坏了",
            "handle_due": due,
        },
        content_type="application/json",
    )
    assert "工作人员" in assert_error(refused, 403, "forbidden")["message"]

    case = hotline_case(cast, places)
    dispatched = secretary.post(
        f"/api/v1/cases/{case.pk}/dispatch",
        {"department": department("zhujian", world.county).pk, "handle_due": due},
        content_type="application/json",
    )
    assert dispatched.status_code == 200 and parse_datetime(dispatched.json()["handle_due"]) == moment
    past = secretary.post(
        f"/api/v1/cases/{case.pk}/dispatch",
        {"auto": True, "handle_due": (clock.now - timedelta(hours=1)).isoformat()},
        content_type="application/json",
    )
    assert "handle_due" in assert_error(past, 400, "invalid")["fields"]


def test_the_staff_report_page_and_the_dispatch_form_take_a_handler_and_a_deadline(
    client_as, cast, places, world, clock
):
    client = client_as("community_secretary")
    page = client.get("/cases/report/").content.decode()
    worker = f"person:{_grid_worker(cast).pk}"
    assert 'data-testid="report-handler"' in page and worker in page

    response = client.post(
        "/cases/report/",
        {
            "category": category("road_damage").pk,
            "area": places.estate.pk,
            "description": "来电：小区路面塌陷",
            "request_type": "help",
            "urgency": "normal",
            "channel": "hotline",
            "handler": worker,
            "handle_due": (clock.now + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
            "idempotency_key": key(),
        },
    )
    assert response.status_code == 302
    case = Case.objects.order_by("-id").first()
    assert case.handler_person == _grid_worker(cast) and case.handle_due_fixed

    other = hotline_case(cast, places)
    zhujian = department("zhujian", world.county)
    due = (clock.now + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    post_step(client, other, "dispatch", target=f"department:{zhujian.pk}", handle_due=due)
    other.refresh_from_db()
    assert other.handler_department == zhujian and other.handle_due == clock.now + timedelta(days=3)
    # A resident's page has no such fields.
    assert 'data-testid="report-handler"' not in client_as("resident").get("/cases/report/").content.decode()


def test_an_intake_router_of_another_app_chooses_the_first_handler(provision_app, cast, places, clock):
    provider = Organisation.objects.filter(kind=OrganisationKind.PROVIDER).order_by("id").first()
    provision_app.MATCHED["provider"] = provider

    leak = services.case_report(
        cast.resident, category=category("water_leak"), area=places.building, description="楼上漏水"
    )
    assert leak.handler_type == HandlerType.ORGANISATION and leak.handler_organisation == provider
    assert leak.events.get(action=Action.DISPATCH).actor is None  # the platform's dispatch
    # The router answers for water leaks only: the stair light goes to its captain, as the category says.
    light = services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="楼道灯坏了"
    )
    captain = Post.objects.get(person=cast.building_captain.person, role=Role.BUILDING_CAPTAIN).person
    assert light.handler_person == captain
