"""我的诉求: the resident's own cases with where each stands, never another's."""

import pytest

from lianxin.cases import services
from lianxin.cases.tests.pages import stair_light, text
from tests.cases_world import category

pytestmark = pytest.mark.django_db


def test_my_cases_lists_what_i_reported_with_its_state(client_as, cast, places, clock):
    case = stair_light(cast, places)
    html = text(client_as("resident").get("/cases/mine/"))

    assert case.title in html and case.number in html
    assert "已派单" in html


def test_my_cases_does_not_list_a_neighbours_report(client_as, cast, places, clock):
    other = services.case_report(
        cast.grid_worker, category=category("cleaning"), area=places.estate, description="巡查发现垃圾"
    )
    html = text(client_as("resident").get("/cases/mine/"))

    assert other.number not in html
    assert "您还没有上报过诉求" in html  # the empty state, with the way to report
    assert 'href="/cases/report/"' in html
