"""Django's zh_Hans formats, except the first date input format.

A widget renders a date with the first input format, and Django's zh_Hans one is ``2026/12/03``: an
``<input type="date">`` accepts only ``2026-12-03`` and shows a stored or proposed date as blank. ISO first
fixes every date field at once; the other formats are still accepted on input.
"""

from django.conf.locale.zh_Hans.formats import *  # noqa: F403
from django.conf.locale.zh_Hans.formats import DATE_INPUT_FORMATS as _DJANGO_DATE_INPUT_FORMATS

DATE_INPUT_FORMATS = ["%Y-%m-%d", *(f for f in _DJANGO_DATE_INPUT_FORMATS if f != "%Y-%m-%d")]
