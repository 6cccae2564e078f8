"""Nothing personal and no credential in the logs: a structlog processor applied to every log event (ours,
django-structlog's request lines, any library's), before it is written.

- Query strings: every value is masked (``q=***``) except those of a short list of parameters that carry
  codes, ids, dates and page numbers, and only when the value looks like one; a credential (``api_key``,
  ``token``, ``password``, ``secret``, ``code`` …) is masked always. So ``q=孙桂兰`` and ``api_key=…`` never
  reach a log, while ``page=3`` and ``area=12`` stay readable.
- Exception messages are withheld (a case title, a name, a database's "Key (…)=(…)" detail): the type, the
  files and lines, and the request id stay, which is what an operator needs to find the fault.
- Mobile and ID numbers are masked wherever they still appear (a path, a library's own line).
"""

import re

from lianxin.core.masking import mask_id_number, mask_mobile

_ID_NUMBER = re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])")
_MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")


MASK = "***"
# Parameters whose values are codes, ids, states, dates or page numbers: readable in the log when they look
# like one. Everything else in a query string is free text or worse, and is masked.
READABLE_PARAMETERS = frozenset(
    {
        "page", "limit", "cursor", "order", "sort", "format", "tab",
        "area", "category", "state", "status", "kind", "level", "role", "field", "by", "figure",
        "period", "day", "start", "end", "year", "month", "week", "overdue", "unread",
        "service_code", "service_request_id", "start_date", "end_date",
    }
)  # fmt: skip
_CREDENTIAL = re.compile(r"key|token|passw|pwd|secret|signature|jurisdiction|^code$|^otp", re.IGNORECASE)
_READABLE_VALUE = re.compile(r"^[A-Za-z0-9_.:-]{0,64}$")
_QUERY_PAIR = re.compile(r"(?P<lead>[?&])(?P<key>[^=&\s#\"'?]+)=(?P<value>[^&\s#\"']*)")


def _query_value_mask(match: re.Match) -> str:
    key, value = match.group("key"), match.group("value")
    readable = (
        key.lower() in READABLE_PARAMETERS and not _CREDENTIAL.search(key) and _READABLE_VALUE.match(value)
    )
    return f"{match.group('lead')}{key}={value if readable else MASK}"


_TRACEBACK_HEADERS = (
    "Traceback (most recent call last):",
    "The above exception was the direct cause of the following exception:",
    "During handling of the above exception, another exception occurred:",
)
_EXCEPTION_TYPE = re.compile(r"^([A-Za-z_][\w.]*)(?::|$)")


def exception_messages_withhold(text: str) -> str:
    """A formatted traceback with each exception's message withheld; frames and types kept.

    In a traceback the frames are indented; a line that is not, and is not a header, is an exception's
    "Type: message" line or the continuation of its message.
    """
    lines, in_message = [], False
    for line in text.splitlines():
        if not line.strip() or line.startswith((" ", "\t")) or line in _TRACEBACK_HEADERS:
            lines.append(line)
            in_message = False
        elif not in_message:
            kind = _EXCEPTION_TYPE.match(line)
            lines.append(f"{kind.group(1)}: [message withheld]" if kind else "[message withheld]")
            in_message = True
    return "\n".join(lines)


def scrub_text(text: str) -> str:
    if "=" in text:
        text = _QUERY_PAIR.sub(_query_value_mask, text)
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
    """The processor (after format_exc_info, which has turned an exception into the "exception" text)."""
    scrubbed = {key: _scrub(value) for key, value in event_dict.items()}
    if isinstance(scrubbed.get("exception"), str):
        scrubbed["exception"] = exception_messages_withhold(scrubbed["exception"])
    return scrubbed
