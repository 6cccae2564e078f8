"""The time-limit job: each passed limit flagged once, its handler and superior told, escalation by rule;
unrated cases auto-rated and marked."""

from datetime import timedelta

from lianxin.cases import services
from lianxin.cases.models import Action, HandlingLevel, Rating, State
from lianxin.notifications.models import Notification, Outbox
from lianxin.notifications.services import outbox_deliver
from tests.cases_world import category


def test_a_late_response_is_flagged_once_and_the_handler_told(cast, places, clock):
    case = services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="楼道灯不亮"
    )
    clock.set(case.response_due + timedelta(minutes=1))
    assert services.cases_mark_overdue()["response"] == 1
    assert services.cases_mark_overdue()["response"] == 0
    case.refresh_from_db()
    assert case.response_overdue
    for pk in Outbox.objects.filter(processed_at__isnull=True).values_list("pk", flat=True):
        outbox_deliver(outbox_id=pk)
    assert Notification.objects.filter(recipient=cast.building_captain, verb="case_overdue").count() == 1


def test_a_category_that_says_so_escalates_when_its_handling_limit_passes(cast, places, clock):
    case = services.case_report(
        cast.resident, category=category("elevator"), area=places.estate, description="电梯停在半层"
    )
    services.case_take(cast.property_staff, case=case)
    clock.set(case.handle_due + timedelta(minutes=1))
    counts = services.cases_mark_overdue()
    case.refresh_from_db()
    assert counts["escalated"] == 1
    assert case.handling_level == HandlingLevel.COMMUNITY
    assert case.events.filter(action=Action.ESCALATE, actor__isnull=True).exists()


def test_an_unrated_case_is_rated_automatically_and_marked(cast, places, clock):
    case = services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="楼道灯不亮"
    )
    services.case_take(cast.building_captain, case=case)
    services.case_handle(cast.building_captain, case=case, note="已修好")
    case = services.case_verify(cast.community_secretary, case=case, passed=True)
    assert services.cases_auto_rate() == 0
    clock.set(case.rating_due + timedelta(minutes=1))
    assert services.cases_auto_rate() == 1
    case.refresh_from_db()
    assert case.state == State.CLOSED and case.rating == Rating.SATISFIED and case.rating_auto
    assert services.cases_auto_rate() == 0
