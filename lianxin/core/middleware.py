import json
import re

import structlog
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.core.validators import validate_ipv46_address
from django.http import QueryDict
from django.utils.cache import add_never_cache_headers

from lianxin.core.text import text_clean, text_has_controls


def client_ip(request) -> str | None:
    """The client's address as the sign-in lockout sees it (django-axes/ipware, proxy-aware by setting)."""
    ip = getattr(request, "axes_ip_address", None)
    if not ip:
        from axes.helpers import get_client_ip_address

        ip = get_client_ip_address(request)
    try:
        validate_ipv46_address(ip or "")
    except ValidationError:
        return None
    return ip


class RequestIdHeaderMiddleware:
    """Echo the request id that django-structlog bound for this request in the X-Request-ID header.

    Operators match a user's complaint ("the page said error …") to the log lines of that request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        request_id = structlog.contextvars.get_contextvars().get("request_id")
        if request_id:
            response["X-Request-ID"] = request_id
        return response


class NoStoreMiddleware:
    """Every dynamic answer that does not set its own caching is kept by no browser and no proxy.

    A page shows masked (and, once revealed, full) personal data to whoever is signed in; on a shared desk
    the back button or the browser cache must not show it to the next person, nor a proxy keep it. Answers
    that choose otherwise (a photo, a cached figure) set Cache-Control themselves; static files are served
    by WhiteNoise before this runs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response


def _query_clean(query: QueryDict) -> QueryDict:
    if not any(text_has_controls(k) or any(map(text_has_controls, vs)) for k, vs in query.lists()):
        return query
    clean = QueryDict(mutable=True, encoding=query.encoding)
    for k, vs in query.lists():
        clean.setlist(text_clean(k), [text_clean(v) for v in vs])
    clean._mutable = False
    return clean


def _json_clean(value):
    if isinstance(value, str):
        return text_clean(value)
    if isinstance(value, list):
        return [_json_clean(v) for v in value]
    if isinstance(value, dict):
        return {text_clean(k): _json_clean(v) for k, v in value.items()}
    return value


# What a JSON body carrying a control character must contain: an escape \u00XX, or (invalid JSON, but
# parsers differ) the raw byte. A body without any is passed on untouched, unparsed.
# One scan of the body (a batch of reports is a hundred kilobytes), not one per marker.
_JSON_CONTROL = re.compile(rb"\\u00|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class TextCleanMiddleware:
    """Free text enters without C0 control characters (tab and newlines kept), whatever the entry point:
    query strings, form and multipart fields (pages, the API's forms, Open311) and JSON bodies (the API).

    One resident's title with \\x01 in it would otherwise make every leader's Excel export fail (openpyxl and
    XML refuse it). Cleaning here, once, covers every form and schema, present and future; the exporters
    clean again for text stored before (lianxin.core.text). Form data is cleaned when it is first read, so
    a malformed body still fails where it failed before, with the same answer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = _query_clean(request.GET)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            content_type = request.content_type or ""
            if content_type == "application/json" or content_type.endswith("+json"):
                self._clean_json(request)
            else:
                self._clean_form_when_read(request)
        return self.get_response(request)

    @staticmethod
    def _clean_form_when_read(request):
        load = request._load_post_and_files

        def load_and_clean():
            load()
            request._post = _query_clean(request._post)

        request._load_post_and_files = load_and_clean

    @staticmethod
    def _clean_json(request):
        try:
            body = request.body
        except RequestDataTooBig:
            return  # the view reads it again and answers 413
        if not _JSON_CONTROL.search(body):
            return
        try:
            data = json.loads(body)
        except ValueError:
            return  # the view's own parser answers for it
        request._body = json.dumps(_json_clean(data), ensure_ascii=False).encode()
