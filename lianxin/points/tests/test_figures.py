"""Points awarded in the generic roll-up: by area and day, awards in, reversals out, spending apart."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from lianxin.points.services import points_award, points_reverse, reward_redeem
from lianxin.rollups.models import FigureRollup
from lianxin.rollups.selectors import rollup_sum
from lianxin.rollups.testing import assert_rollup_matches

pytestmark = pytest.mark.django_db

KEY = "points.awarded"


def test_awards_and_reversals_roll_up_by_area_and_source(resident, cast, shop):
    person = resident.person
    assert person.area_path, "the demo resident lives in an estate"
    wish = points_award(None, person=person, amount=20, key="wish:1", reason="书包", source_kind="wish")
    points_award(None, person=person, amount=40, key="project:1", reason="楼道", source_kind="project")
    volunteer = cast.volunteer.person
    points_award(
        None, person=volunteer, amount=25, key="hours:1", reason="敬老", source_kind="activity_hours"
    )
    points_reverse(None, entry=wish, reason="更正")
    reward_redeem(resident, reward=shop.rice)
    assert_rollup_matches(KEY)

    today = timezone.localdate()
    county = person.area_path[:4]
    total = rollup_sum(key=KEY, area_path=county, day_from=today, day_to=today)
    expected_count = 3 - 1 if volunteer.area_path else 2 - 1
    expected_value = 40 + (25 if volunteer.area_path else 0)
    assert (total.value, total.count) == (Decimal(expected_value), expected_count)
    wishes = rollup_sum(
        key=KEY, area_path=person.area_path, day_from=today, day_to=today, dims={"source": "wish"}
    )
    assert (wishes.value, wishes.count) == (Decimal(0), 0)

    # The rebuild from the entries gives the same rows.
    before = sorted(FigureRollup.objects.filter(key=KEY).values_list("area_path", "dims", "value", "count"))
    call_command("figure_rollups_rebuild", "--key", KEY)
    after = sorted(FigureRollup.objects.filter(key=KEY).values_list("area_path", "dims", "value", "count"))
    assert [r for r in after if r[2] or r[3]] == [r for r in before if r[2] or r[3]]
    assert_rollup_matches(KEY)
