"""The activity counts API refuses bad input with a 4xx (issue 21 bad input)."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_year_out_of_range_is_refused_not_a_server_error(client_as):
    """schemathesis sent year=108527973458: a 400 with the field named, not a 500."""
    response = client_as("community_secretary").get("/api/v1/activities/figures?year=108527973458")
    assert response.status_code in (400, 422)
