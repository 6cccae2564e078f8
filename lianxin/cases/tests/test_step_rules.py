"""One rule per user step (issue 20, clean-up of item 2): the step services refuse with the same rules that
``allowed_steps`` offers with (``transitions.STEP_RULES``), so a page or the API never offers a step the
service then refuses, nor hides one it would take. The cases below are those where the two had drifted."""

import pytest

from lianxin.cases import services
from lianxin.cases.models import State
from lianxin.cases.tests.pages import stair_light
from lianxin.cases.transitions import STEP_RULES, allowed_steps, step_allowed
from lianxin.cases.views.detail import STEPS
from lianxin.core.errors_domain import DomainError
from tests.cases_world import category, department

pytestmark = pytest.mark.django_db


def test_every_step_of_the_page_has_its_rule_and_every_rule_its_page_step():
    assert set(STEPS) == set(STEP_RULES)


def _refused(step, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as refused:
        step(*args, **kwargs)
    return refused.value


def test_a_return_after_its_window_is_neither_offered_nor_taken(cast, places, clock):
    light = stair_light(cast, places)
    assert "return" in allowed_steps(cast.building_captain, light)
    clock.advance(days=10)
    assert not step_allowed(cast.building_captain, light, "return")
    refusal = _refused(services.case_return, cast.building_captain, case=light, reason="派错了")
    assert refusal.code == "invalid_state"


def test_a_whistled_case_is_not_offered_for_handling_before_every_department_reports(
    cast, places, world, clock
):
    case = services.case_report(
        cast.street_secretary,
        category=category("road_damage"),
        area=places.community,
        description="道路塌陷，需多部门",
        channel="hotline",
    )
    zhujian, zhifa = department("zhujian", world.county), department("zhifa", world.county)
    services.case_whistle(cast.street_secretary, case=case, lead=zhujian, assists=[zhifa], note="吹哨")
    services.case_respond(cast.dept_staff, case=case, note="住建报到")
    case.refresh_from_db()
    assert case.state == State.IN_PROGRESS
    assert "handle" not in allowed_steps(cast.dept_staff, case)
    assert _refused(services.case_handle, cast.dept_staff, case=case, note="已处置").code == "invalid_state"


def test_comments_are_the_working_posts_on_the_page_and_in_the_service(cast, places, clock):
    light = stair_light(cast, places)
    assert "comment" in allowed_steps(cast.building_captain, light)
    assert "comment" not in allowed_steps(cast.resident, light)
    assert _refused(services.case_comment, cast.resident, case=light, note="什么时候修？").code == "forbidden"
    services.case_comment(cast.building_captain, case=light, note="已联系电工")


def test_an_extension_once_granted_is_neither_offered_nor_asked_again(cast, places, clock):
    light = stair_light(cast, places)
    services.case_take(cast.building_captain, case=light)
    services.case_extend_request(cast.building_captain, case=light, days=1, reason="等配件")
    services.case_extend_decide(cast.community_secretary, case=light, approve=True)
    light.refresh_from_db()
    clock.advance(hours=1)
    assert "extend_request" not in allowed_steps(cast.building_captain, light)
    refusal = _refused(services.case_extend_request, cast.building_captain, case=light, days=1, reason="再等")
    assert refusal.code == "invalid_state"
