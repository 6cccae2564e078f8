"""Each step checks who takes it: nobody verifies his own work, only the reporter rates, supervision and
whistles come from above."""

import pytest

from lianxin.cases import services
from lianxin.cases.models import State
from lianxin.core.errors_domain import DomainError
from tests.cases_world import category, department


@pytest.fixture
def handled(cast, places, clock):
    case = services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="灯坏"
    )
    services.case_take(cast.building_captain, case=case)
    return services.case_handle(cast.building_captain, case=case, note="已修好")


def refused(fn, **kwargs):
    with pytest.raises(DomainError) as error:
        fn(**kwargs)
    return error.value.code


def test_the_handler_does_not_verify_his_own_work(cast, handled):
    assert (
        refused(services.case_verify, actor=cast.building_captain, case=handled, passed=True) == "forbidden"
    )


def test_only_the_reporter_rates(cast, handled):
    services.case_verify(cast.community_secretary, case=handled, passed=True)
    assert (
        refused(services.case_rate, actor=cast.grid_worker, case=handled, rating="satisfied") == "forbidden"
    )
    assert refused(services.case_rate, actor=cast.resident, case=handled, rating="unsatisfied") == "invalid"


def test_a_failed_verification_needs_a_reason_and_sends_the_case_back(cast, handled):
    assert (
        refused(services.case_verify, actor=cast.community_secretary, case=handled, passed=False) == "invalid"
    )
    case = services.case_verify(cast.community_secretary, case=handled, passed=False, note="灯还是不亮")
    assert case.state == State.IN_PROGRESS and case.reopen_count == 1


def test_a_step_out_of_order_is_refused_with_the_state(cast, handled):
    code = refused(services.case_take, actor=cast.building_captain, case=handled)
    assert code == "invalid_state"


def test_supervision_comes_from_above_and_the_whistle_from_the_street(cast, places, clock, world):
    case = services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="灯坏"
    )
    assert (
        refused(services.case_supervise, actor=cast.building_captain, case=case, note="快点") == "forbidden"
    )
    services.case_supervise(cast.street_secretary, case=case, note="请两天内办结")
    case.refresh_from_db()
    assert case.supervise_count == 1
    zhujian = department("zhujian", world.county)
    assert (
        refused(
            services.case_whistle, actor=cast.community_secretary, case=case, lead=zhujian, note="请住建处理"
        )
        == "forbidden"
    )


def test_a_reporter_reopens_a_closed_case_within_the_window(cast, handled, clock):
    services.case_verify(cast.community_secretary, case=handled, passed=True)
    case = services.case_rate(cast.resident, case=handled, rating="satisfied")
    assert case.state == State.CLOSED
    clock.advance(days=16)
    assert refused(services.case_reopen, actor=cast.resident, case=case, reason="又坏了") == "invalid_state"
    clock.advance(days=-10)
    case = services.case_reopen(cast.resident, case=case, reason="又坏了")
    assert case.state == State.IN_PROGRESS and case.rating == "" and case.closed_at is None
