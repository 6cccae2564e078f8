"""Nothing personal in the logs: a structlog processor that masks mobile and ID numbers wherever they
appear in a log event (a search URL, an exception message, a library's own line), before it is written."""

import re

from lianxin.core.masking import mask_id_number, mask_mobile

_ID_NUMBER = re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])")
_MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")


def scrub_text(text: str) -> str:
    text = _ID_NUMBER.sub(lambda m: mask_id_number(m.group(0)), text)
    return _MOBILE.sub(lambda m: mask_mobile(m.group(0)), text)


def _scrub(value):
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, dict):
        return {k: _scrub(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_scrub(v) for v in value)
    return value


def scrub_personal_numbers(logger, method_name, event_dict):
    return {key: _scrub(value) for key, value in event_dict.items()}
