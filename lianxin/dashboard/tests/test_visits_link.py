"""The dashboard's visits figures (P000-31) open the staff's visits list with the same number. Here, not
beside the list's tests: the dashboard is an adapter above the cases app, which never imports it."""

from datetime import timedelta

import pytest

from lianxin.cases.figures import period_of
from lianxin.cases.tests.pages import text
from lianxin.cases.tests.test_visit_list import logged, today  # noqa: F401 - the visits fixture
from lianxin.dashboard.practices import household_visits

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("logged")
def test_the_dashboards_visits_figure_opens_the_list_with_the_same_number(client_as, places):
    period = period_of("custom", today() - timedelta(days=7), today())
    visits, coverage = household_visits(area=places.estate, period=period)
    client = client_as("community_secretary")
    response = client.get(visits.list_url)

    assert visits.list_url == coverage.list_url
    assert response.context["page"].paginator.count == visits.value == 6
    assert visits.note in text(response) and coverage.note in text(response)
