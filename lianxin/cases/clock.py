"""The one clock of the case loop, so that tests and the generator can set the time steps happen at."""

from django.utils import timezone

_fixed = None


def now():
    return _fixed if _fixed is not None else timezone.now()


def set_now(moment) -> None:
    """Fix the clock (tests, the demo and benchmark generators); ``None`` lets it run again."""
    global _fixed
    _fixed = moment
