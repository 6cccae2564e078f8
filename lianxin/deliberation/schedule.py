"""When a kind is due: its periods from an iCalendar RRULE (python-dateutil), the schedule's own, else the
kind's, else LIANXIN_MEETING_DEFAULT_RRULE (quarterly). A period runs from one occurrence to the next."""

from datetime import date, datetime, time

from dateutil.rrule import rrulestr
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.core.errors_domain import DomainError


def rule_text(*, schedule=None, kind=None) -> str:
    for text in (getattr(schedule, "rrule", ""), getattr(kind, "rrule", "")):
        if text:
            return text
    if schedule is not None and schedule.kind.rrule:
        return schedule.kind.rrule
    return settings.LIANXIN_MEETING_DEFAULT_RRULE


def rule_check(text: str) -> str:
    """The RRULE as given, or a DomainError naming the field when python-dateutil cannot read it."""
    text = (text or "").strip()
    if not text:
        return ""
    try:
        rrulestr(text, dtstart=datetime(2026, 1, 1))
    except (ValueError, TypeError):
        raise DomainError(
            _("The recurrence is not a valid RRULE (e.g. FREQ=MONTHLY;INTERVAL=3)."), field="rrule"
        ) from None
    return text


def _start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def periods(text: str, *, starts_on: date, until: datetime) -> list[tuple[datetime, datetime]]:
    """The complete periods [occurrence, next occurrence) from ``starts_on`` to ``until``."""
    rule = rrulestr(text, dtstart=_start(starts_on))
    moments = list(rule.between(_start(starts_on), until, inc=True))
    return list(zip(moments, moments[1:], strict=False))


def last_period(text: str, *, starts_on: date, now: datetime) -> tuple[datetime, datetime] | None:
    found = periods(text, starts_on=starts_on, until=now)
    return found[-1] if found else None


def current_period(text: str, *, starts_on: date, now: datetime) -> tuple[datetime, datetime] | None:
    """The period ``now`` falls in (from the last occurrence to the next one)."""
    rule = rrulestr(text, dtstart=_start(starts_on))
    begin = rule.before(now, inc=True)
    end = rule.after(now)
    if begin is None or end is None:
        return None
    return begin, end
