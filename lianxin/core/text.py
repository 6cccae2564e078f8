"""Free text as it may be stored: what people type, minus the control characters that break exports.

C0 control characters (U+0000–U+001F) other than tab, line feed and carriage return, and DEL (U+007F), have no
place in a name, title or description. openpyxl refuses them in a cell and XML 1.0 cannot carry them, so one
stored by a resident would make every leader's Excel export and every Open311 answer fail. Text is cleaned
where it enters (pages, API, Open311, imports) and escaped again where it leaves (exports, XML).
"""

import re

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def text_clean(value):
    """The value without C0 controls (tab and newlines kept); other values come back as they are."""
    if isinstance(value, str) and _CONTROLS.search(value):
        return _CONTROLS.sub("", value)
    return value


def text_has_controls(value) -> bool:
    return isinstance(value, str) and _CONTROLS.search(value) is not None
