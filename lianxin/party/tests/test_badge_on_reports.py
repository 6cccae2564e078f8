"""The 党员 badge beside a reporter who opted in (亮身份, P004-32), on the case page staff read."""

import pytest

from lianxin.cases.tests.pages import stair_light, text
from lianxin.people.models import Person
from tests.cases_world import places  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def test_the_case_page_shows_the_badge_of_a_reporter_who_opted_in(client_as, cast, places, clock):  # noqa: F811
    case = stair_light(cast, places)
    html = text(client_as("building_captain").get(f"/cases/{case.pk}/"))
    assert 'data-testid="reporter-party-badge"' not in html
    Person.objects.filter(pk=cast.resident.person_id).update(shows_party_badge=True)
    html = text(client_as("building_captain").get(f"/cases/{case.pk}/"))
    assert 'data-testid="reporter-party-badge"' in html
