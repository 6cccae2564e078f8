"""Working-hours arithmetic: time limits count working hours on working days only.

A working day is Monday to Friday unless the calendar (``CalendarDay``) says otherwise: public holidays are
days off, and the weekends made working days (调休) are working days. Working periods come from
``settings.LIANXIN_WORKING_PERIODS`` (default 09:00–12:00 and 13:00–18:00, eight hours).
"""

import time
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

_CACHE_SECONDS = 60
_calendar: dict = {"loaded_at": 0.0, "days": {}}


_parsed: dict = {}


def _periods() -> list[tuple[timedelta, timedelta]]:
    key = tuple(tuple(p) for p in settings.LIANXIN_WORKING_PERIODS)
    if key in _parsed:
        return _parsed[key]
    result = []
    for start, end in key:
        sh, sm = (int(x) for x in start.split(":"))
        eh, em = (int(x) for x in end.split(":"))
        result.append((timedelta(hours=sh, minutes=sm), timedelta(hours=eh, minutes=em)))
    _parsed[key] = result
    return result


def day_hours() -> float:
    return sum((end - start).total_seconds() for start, end in _periods()) / 3600


def days_to_hours(days) -> float:
    return float(Decimal(str(days))) * day_hours()


def calendar_clear() -> None:
    _calendar["loaded_at"] = 0.0


def _exceptions() -> dict[date, bool]:
    # Read once a minute per process: a holiday entered in the admin is honoured within a minute everywhere.
    if time.monotonic() - _calendar["loaded_at"] > _CACHE_SECONDS:
        from lianxin.cases.models import CalendarDay

        _calendar["days"] = dict(CalendarDay.objects.values_list("date", "is_working_day"))
        _calendar["loaded_at"] = time.monotonic()
    return _calendar["days"]


def is_working_day(day: date) -> bool:
    exceptions = _exceptions()
    if day in exceptions:
        return exceptions[day]
    return day.weekday() < 5


def _midnight(moment: datetime) -> datetime:
    local = timezone.localtime(moment)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def working_add(start: datetime, hours) -> datetime:
    """The moment ``hours`` working hours after ``start``."""
    remaining = timedelta(hours=float(hours))
    if remaining <= timedelta(0):
        return start
    periods = _periods()
    day_start = _midnight(start)
    cursor = timezone.localtime(start)
    for _ in range(3660):  # ten years of days: a limit no configuration reaches
        if is_working_day(day_start.date()):
            for begin, end in periods:
                # Wall-clock arithmetic within the day; Asia/Shanghai has no DST.
                period_start = day_start + begin
                period_end = day_start + end
                if cursor >= period_end:
                    continue
                from_moment = max(cursor, period_start)
                available = period_end - from_moment
                if remaining <= available:
                    return from_moment + remaining
                remaining -= available
                cursor = period_end
        day_start = day_start + timedelta(days=1)
        cursor = max(cursor, day_start)
    raise ValueError("working time limit out of range")


def working_hours_between(start: datetime, end: datetime) -> float:
    """Working hours from ``start`` to ``end`` (negative when ``end`` comes first)."""
    if end < start:
        return -working_hours_between(end, start)
    periods = _periods()
    total = timedelta(0)
    day_start = _midnight(start)
    start_local, end_local = timezone.localtime(start), timezone.localtime(end)
    while day_start <= end_local:
        if is_working_day(day_start.date()):
            for begin, finish in periods:
                a = max(start_local, day_start + begin)
                b = min(end_local, day_start + finish)
                if b > a:
                    total += b - a
        day_start = day_start + timedelta(days=1)
    return total.total_seconds() / 3600
