"""Returns with a reason inside their window, disputed returns decided above (退单审定), extensions."""

from datetime import timedelta

import pytest

from lianxin.cases import services
from lianxin.cases.models import Action, HandlerType, State
from lianxin.core.errors_domain import DomainError
from tests.cases_world import category


@pytest.fixture
def dispatched(cast, places, clock):
    return services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="楼道灯不亮"
    )


def test_a_return_needs_a_reason_and_goes_back_to_the_dispatching_community(cast, places, dispatched):
    with pytest.raises(DomainError) as refused:
        services.case_return(cast.building_captain, case=dispatched, reason=" ")
    assert refused.value.field == "reason"

    case = services.case_return(cast.building_captain, case=dispatched, reason="这是隔壁楼的灯")
    assert case.state == State.ACCEPTED and case.return_pending
    assert case.handler_type == HandlerType.AREA and case.handler_area == places.community
    assert case.return_count == 1


def test_a_return_is_refused_after_its_window(cast, dispatched, clock):
    clock.set(dispatched.return_due + timedelta(minutes=1))
    with pytest.raises(DomainError) as refused:
        services.case_return(cast.building_captain, case=dispatched, reason="不归我管")
    assert refused.value.code == "invalid_state"


def test_a_disputed_return_is_decided_by_the_street_and_cannot_bounce_again(cast, dispatched):
    case = services.case_return(cast.building_captain, case=dispatched, reason="不归我管")
    with pytest.raises(DomainError):
        services.case_return_decide(cast.community_secretary, case=case, upheld=False)  # nothing disputed yet
    services.case_return_dispute(cast.community_secretary, case=case, note="楼道灯属于楼长职责")
    with pytest.raises(DomainError) as refused:
        services.case_return_decide(cast.community_secretary, case=case, upheld=False)
    assert refused.value.code == "forbidden"  # the dispatcher does not judge his own dispute

    case = services.case_return_decide(cast.street_secretary, case=case, upheld=False, note="仍由楼长办理")
    assert case.state == State.DISPATCHED
    assert case.handler_person == cast.building_captain.person
    assert case.return_locked
    with pytest.raises(DomainError):
        services.case_return(cast.building_captain, case=case, reason="还是不归我管")


def test_an_upheld_return_leaves_the_case_with_the_dispatcher_to_send_elsewhere(cast, places, dispatched):
    case = services.case_return(cast.building_captain, case=dispatched, reason="是物业的设备")
    services.case_return_dispute(cast.community_secretary, case=case, note="应由楼长先处理")
    case = services.case_return_decide(cast.street_secretary, case=case, upheld=True)
    assert case.state == State.ACCEPTED and not case.return_disputed
    company = cast.property_staff.person.posts.get().organisation
    case = services.case_dispatch(cast.community_secretary, case=case, organisation=company)
    assert case.handler_organisation == company and not case.return_pending


def test_an_extension_is_asked_once_decided_by_the_dispatcher_and_moves_the_deadline(cast, dispatched):
    services.case_take(cast.building_captain, case=dispatched)
    with pytest.raises(DomainError):
        services.case_extend_request(cast.building_captain, case=dispatched, days=30, reason="等配件")
    case = services.case_extend_request(cast.building_captain, case=dispatched, days=3, reason="等配件")
    assert case.extension_pending
    with pytest.raises(DomainError):
        services.case_extend_decide(cast.building_captain, case=case, approve=True)
    due = case.handle_due
    case = services.case_extend_decide(cast.community_secretary, case=case, approve=True)
    assert case.handle_due > due and not case.extension_pending
    assert case.extension_days == 3
    with pytest.raises(DomainError):
        services.case_extend_request(cast.building_captain, case=case, days=1, reason="还要再等")
    assert case.events.filter(action=Action.EXTEND_APPROVE).count() == 1
