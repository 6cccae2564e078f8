"""The dashboard's overdue list: the cases past their response limit and those past their handling limit,
the same cases as the queue's overdue filter, the longest overdue first."""

from datetime import timedelta

from lianxin.cases import services
from lianxin.cases.selectors import CaseFilters, case_list
from lianxin.dashboard.selectors import overdue_cases
from tests.cases_world import category


def test_the_list_holds_both_kinds_of_overdue_case_longest_first(cast, places, clock):
    unanswered = services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="楼道灯不亮"
    )
    taken = services.case_report(
        cast.resident, category=category("elevator"), area=places.estate, description="电梯停在半层"
    )
    taken = services.case_take(cast.property_staff, case=taken)
    clock.set(max(unanswered.response_due, taken.handle_due) + timedelta(minutes=1))
    fresh = services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="又一盏灯"
    )

    listed = overdue_cases(user=cast.community_secretary, area=places.community)

    assert [c.pk for c in listed] == sorted(
        [unanswered.pk, taken.pk],
        key=lambda pk: unanswered.response_due if pk == unanswered.pk else taken.handle_due,
    )
    assert fresh.pk not in {c.pk for c in listed}
    queue = case_list(user=cast.community_secretary, filters=CaseFilters(area=places.community, overdue=True))
    assert set(queue.values_list("pk", flat=True)) == {c.pk for c in listed}


def test_the_list_is_scoped_and_capped(cast, places, clock):
    cases = [
        services.case_report(
            cast.resident, category=category("stair_light"), area=places.building, description=f"灯{i}"
        )
        for i in range(4)
    ]
    elsewhere = services.case_report(
        cast.resident, category=category("stair_light"), area=places.other_community_estate, description="灯"
    )
    clock.set(max(c.response_due for c in [*cases, elsewhere]) + timedelta(minutes=1))

    assert len(overdue_cases(user=cast.community_secretary, area=places.community, limit=3)) == 3
    assert overdue_cases(user=cast.community_secretary, area=places.other_community_estate) == []
    assert elsewhere.pk in {
        c.pk for c in overdue_cases(user=cast.county_admin, area=places.other_community_estate)
    }
