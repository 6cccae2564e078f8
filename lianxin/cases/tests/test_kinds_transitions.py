"""The kinds registry and the transitions table (issue 20 items 1-2): the special cases of each kind read
one registry, another app changes a kind from its ready(), and the case page and
``GET /api/v1/cases/{case_id}`` offer exactly the steps of ``transitions.allowed_steps``."""

import pytest
from django.apps import AppConfig

from lianxin.cases import services
from lianxin.cases.figures import RESIDENT_KINDS
from lianxin.cases.kinds import (
    ISSUER,
    NO_RATING,
    RESIDENTS,
    issued_kinds,
    kind_spec,
    kinds,
    kinds_registry,
    kinds_restore,
    resident_kinds,
)
from lianxin.cases.models import Action, Kind, State
from lianxin.cases.transitions import (
    BY_ACTION,
    TABLE,
    TRANSITIONS,
    allowed_steps,
    kind_takes,
    leads_to,
    step_check,
)
from lianxin.core.errors_domain import DomainError
from tests.api.conftest import api_as  # noqa: F401  (the API client fixture)
from tests.cases_world import category


@pytest.fixture
def registry():
    saved = kinds_registry()
    yield
    kinds_restore(saved)


def test_every_kind_and_every_action_has_its_row():
    assert set(kinds()) == set(Kind.values)
    assert {t.action for t in TABLE} == set(Action.values)
    assert len(BY_ACTION) == len(TABLE), "one row per action"


def test_the_registry_holds_the_rules_that_were_spread_over_the_engine():
    assert kind_spec(Kind.SERVICE_ORDER).bans == {Action.WHISTLE}
    assert kind_spec(Kind.MICRO_WISH).bans == {Action.ESCALATE, Action.WHISTLE, Action.RETURN_DISPUTE}
    assert kind_spec(Kind.TASK).bans == {Action.RATE}
    # The registry as the installed apps leave it: provision's ready() opens service orders to residents
    # (居民点单) on both report pages; cases' own default files them by staff only.
    assert set(issued_kinds()) == {Kind.TASK}
    assert kind_spec(Kind.SERVICE_ORDER).filed_by == RESIDENTS
    assert resident_kinds() == [Kind.PROBLEM, Kind.SERVICE_ORDER, Kind.MICRO_WISH, Kind.DISPUTE]
    assert resident_kinds() == RESIDENT_KINDS
    assert kinds(report_page=True) == [Kind.PROBLEM, Kind.SERVICE_ORDER, Kind.MICRO_WISH, Kind.DISPUTE]
    assert kinds(resident_page=True) == [Kind.PROBLEM, Kind.SERVICE_ORDER, Kind.DISPUTE]
    task = kind_spec(Kind.TASK)
    assert task.verified_by == ISSUER and task.verify_closes and task.rating_scale == NO_RATING
    # Mediation is a dispute's own step.
    assert [k for k in kinds() if kind_takes(k, Action.MEDIATE)] == [Kind.DISPUTE]


def test_the_table_says_where_each_step_leads():
    assert TRANSITIONS[(State.REPORTED, Action.ACCEPT)] == {State.ACCEPTED}
    assert leads_to(State.HANDLED, Action.VERIFY_FAIL, State.IN_PROGRESS)
    assert leads_to(State.IN_PROGRESS, Action.SUPERVISE, State.IN_PROGRESS)
    assert not leads_to(State.CLOSED, Action.HANDLE, State.HANDLED)
    assert not leads_to(State.IN_PROGRESS, Action.SUPERVISE, State.CLOSED)


@pytest.mark.django_db
def test_another_app_changes_a_kind_from_its_ready_and_the_engine_follows(registry, cast, places, clock):
    light = services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="3号楼楼道灯坏了"
    )
    assert light.kind == Kind.PROBLEM
    assert "supervise" in allowed_steps(cast.street_secretary, light)

    AppConfig.create("tests.kinds_app").ready()

    assert kind_spec(Kind.PROBLEM).behaviour["kinds_app.badge"] == "registered"
    assert "supervise" not in allowed_steps(cast.street_secretary, light)
    with pytest.raises(DomainError) as refused:
        services.case_supervise(cast.street_secretary, case=light, note="请加快")
    assert refused.value.code == "invalid_state"
    with pytest.raises(DomainError):
        step_check(light, Action.SUPERVISE)


def _page_steps(client, case) -> list[str]:
    return [step["name"] for step in client.get(f"/cases/{case.pk}/").context["steps"]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "username", ["resident", "building_captain", "community_secretary", "street_secretary", "grid_worker"]
)
def test_the_api_returns_the_steps_the_case_page_offers(api_as, client_as, cast, places, clock, username):  # noqa: F811
    light = services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="3号楼楼道灯坏了"
    )
    services.case_take(cast.building_captain, case=light)
    services.case_handle(cast.building_captain, case=light, note="已更换灯泡")
    light.refresh_from_db()

    body = api_as(username).get(f"/api/v1/cases/{light.pk}").json()
    page = _page_steps(client_as(username), light)

    assert body["allowed_steps"] == page == allowed_steps(cast[username], light)
    if username == "community_secretary":
        assert "verify" in body["allowed_steps"]
    if username == "building_captain":
        assert "verify" not in body["allowed_steps"]  # nobody verifies his own work


@pytest.mark.django_db
def test_supervision_is_offered_exactly_where_the_service_takes_it(cast, places, clock):
    """The street secretary works a case in his community's pool (staff over the level), yet supervises
    it, from a level above: the offered steps and the service follow one rule (found by the fuzz test)."""
    from lianxin.cases.models import Case, HandlerType
    from lianxin.cases.permissions import is_current_handler

    light = services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="3号楼楼道灯坏了"
    )
    Case.objects.filter(pk=light.pk).update(
        handler_type=HandlerType.AREA, handler_area_path=places.community.path, state=State.ACCEPTED
    )
    light.refresh_from_db()
    assert is_current_handler(cast.street_secretary, light)

    assert "supervise" in allowed_steps(cast.street_secretary, light)
    services.case_supervise(cast.street_secretary, case=light, note="请本周内办结")
    assert "supervise" not in allowed_steps(cast.community_secretary, light)
    with pytest.raises(DomainError):
        services.case_supervise(cast.community_secretary, case=light, note="请本周内办结")
