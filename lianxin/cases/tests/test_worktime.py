"""Working-hours arithmetic: weekends, lunch, evenings, holidays and weekends made working days."""

from datetime import date, datetime

import pytest

from lianxin.cases import worktime
from lianxin.cases.models import CalendarDay
from tests.cases_world import SHANGHAI

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_calendar():
    worktime.calendar_clear()
    yield
    worktime.calendar_clear()


def at(*args):
    return datetime(*args, tzinfo=SHANGHAI)


def test_one_working_hour_from_friday_afternoon_ends_on_monday_morning():
    assert worktime.working_add(at(2026, 12, 4, 17, 30), 1) == at(2026, 12, 7, 9, 30)


def test_lunch_and_the_evening_do_not_count():
    assert worktime.working_add(at(2026, 11, 30, 11, 30), 1) == at(2026, 11, 30, 13, 30)
    assert worktime.working_add(at(2026, 11, 30, 20, 0), 2) == at(2026, 12, 1, 11, 0)


def test_five_working_days_from_monday_morning_end_on_the_next_monday_morning():
    assert worktime.working_add(at(2026, 11, 30, 10, 0), worktime.days_to_hours(5)) == at(2026, 12, 7, 10, 0)


def test_a_holiday_is_skipped_and_a_weekend_made_working_day_counts():
    CalendarDay.objects.create(date=date(2026, 12, 1), name="假日")
    CalendarDay.objects.create(date=date(2026, 12, 5), is_working_day=True, name="调休上班")
    worktime.calendar_clear()

    assert worktime.working_add(at(2026, 11, 30, 17, 0), 2) == at(2026, 12, 2, 10, 0)
    assert worktime.is_working_day(date(2026, 12, 5))
    assert worktime.working_add(at(2026, 12, 4, 17, 0), 2) == at(2026, 12, 5, 10, 0)


def test_hours_between_two_moments_count_working_time_only():
    assert worktime.working_hours_between(at(2026, 12, 4, 17, 0), at(2026, 12, 7, 10, 0)) == 2
    assert worktime.working_hours_between(at(2026, 12, 7, 10, 0), at(2026, 12, 4, 17, 0)) == -2
    assert worktime.working_hours_between(at(2026, 12, 5, 10, 0), at(2026, 12, 6, 10, 0)) == 0


def test_the_working_periods_come_from_the_settings(settings):
    settings.LIANXIN_WORKING_PERIODS = [("08:00", "12:00"), ("14:00", "17:00")]
    assert worktime.day_hours() == 7
    assert worktime.working_add(at(2026, 11, 30, 11, 0), 2) == at(2026, 11, 30, 15, 0)
