"""POST /api/v1/cases/{id}/rate with 1–5 stars: alone they set the level, with a level they must agree (400
in Chinese otherwise); the case reads them back as rating_stars."""

import pytest

from lianxin.cases import services
from lianxin.cases.models import Rating, State
from lianxin.cases.tests.pages import handled_stair_light
from tests.api.helpers import assert_error

pytestmark = pytest.mark.django_db


@pytest.fixture
def verified(cast, places, clock):
    case = handled_stair_light(cast, places)
    services.case_verify(cast.community_secretary, case=case, passed=True)
    return case


def rate(client, case, body):
    return client.post(f"/api/v1/cases/{case.pk}/rate", body, content_type="application/json")


def test_stars_alone_rate_the_case(api_as, verified):
    body = rate(api_as("resident"), verified, {"stars": 3}).json()

    assert (body["state"], body["rating"], body["rating_stars"]) == (State.CLOSED, Rating.BASIC, 3)


def test_stars_and_level_that_disagree_are_refused_in_chinese(api_as, verified):
    error = assert_error(
        rate(api_as("resident"), verified, {"rating": "satisfied", "stars": 1}), 400, "invalid"
    )
    assert "1 颗星表示“不满意”" in error["message"]

    error = assert_error(rate(api_as("resident"), verified, {"stars": 7}), 400, "invalid")
    assert "请给 1 到 5 颗星" in error["message"]


def test_stars_with_their_level_and_a_level_alone_both_work(api_as, cast, places, verified, clock):
    body = rate(api_as("resident"), verified, {"rating": "satisfied", "stars": 5}).json()
    assert (body["rating"], body["rating_stars"]) == (Rating.SATISFIED, 5)

    other = handled_stair_light(cast, places)
    services.case_verify(cast.community_secretary, case=other, passed=True)
    body = rate(api_as("resident"), other, {"rating": "basic"}).json()
    assert (body["rating"], body["rating_stars"]) == (Rating.BASIC, None)


def test_neither_stars_nor_a_level_is_refused(api_as, verified):
    assert_error(rate(api_as("resident"), verified, {}), 400, "invalid")
