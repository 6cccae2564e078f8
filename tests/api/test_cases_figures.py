"""GET /api/v1/figures/: the dashboard's figures for an area the caller's posts open, and a 404 for one
they do not."""

import pytest

from lianxin.cases import services
from lianxin.cases.models import Rating
from tests.api.helpers import assert_error
from tests.cases_world import category

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_light(cast, places, clock):
    case = services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="楼道灯坏了"
    )
    services.case_take(cast.building_captain, case=case)
    services.case_handle(cast.building_captain, case=case, note="已更换")
    services.case_verify(cast.community_secretary, case=case, passed=True)
    services.case_rate(cast.resident, case=case, rating=Rating.SATISFIED)
    return case


def test_the_figures_of_an_area_for_a_month(api_as, places, closed_light):
    body = api_as("community_secretary").get(
        "/api/v1/figures/", {"area": places.community.pk, "period": "month", "day": "2026-11-30"}
    )

    assert body.status_code == 200, body.content
    data = body.json()
    assert data["period"] == {
        "kind": "month",
        "start": "2026-11-01",
        "end": "2026-11-30",
        "label": "2026-11",
        "caption": "2026年11月，与2026年10月比；本期尚未结束，诉求办理时间短于上期，变化仅供参考",
    }
    assert data["counts"]["reported"] == 1 and data["counts"]["closed"] == 1
    assert data["figures"]["resolution_rate"] == 1.0
    assert data["figures"]["in_building_rate"] == 1.0
    assert data["splits"] == []


def test_without_a_period_the_figures_are_the_last_30_whole_days(api_as, places, closed_light, clock):
    from datetime import datetime

    from tests.cases_world import SHANGHAI

    clock.set(datetime(2026, 12, 7, 10, 0, tzinfo=SHANGHAI))
    data = api_as("community_secretary").get("/api/v1/figures/", {"area": places.community.pk}).json()

    assert data["period"] == {
        "kind": "last30",
        "start": "2026-11-07",
        "end": "2026-12-06",
        "label": "2026-11-07—2026-12-06",
        "caption": "近30天（11月7日—12月6日），与前30天比",
    }
    assert data["counts"]["reported"] == 1


def test_the_figures_split_by_category(api_as, places, closed_light):
    data = (
        api_as("street_secretary")
        .get("/api/v1/figures/", {"area": places.street.pk, "day": "2026-11-30", "by": "category"})
        .json()
    )

    assert [s["counts"]["reported"] for s in data["splits"]] == [1]
    assert data["counts"]["reported"] == 1


def test_an_area_outside_the_callers_posts_is_a_404(api_as, places):
    assert_error(
        api_as("grid_worker").get("/api/v1/figures/", {"area": places.other_community_estate.pk}),
        404,
        "not_found",
    )


def test_a_custom_period_needs_its_end(api_as, places):
    response = api_as("county_admin").get("/api/v1/figures/", {"period": "custom", "day": "2026-11-30"})

    assert set(assert_error(response, 400, "invalid")["fields"]) == {"end"}
