"""Open311 GeoReport v2 under /open311/v2/, every endpoint in XML and JSON (``services.xml``,
``requests/20261130-0000123.json`` …), and FixMyStreet's ``servicerequestupdates``.

Thin: read the parameters as real clients send them (FixMyStreet's client first: multipart POSTs with photo
files, repeated media_url, comma-joined lists, deviceid, unknown attributes, jurisdiction_id everywhere),
call a service or selector, render. Every refusal is the spec's error body with its status: 403 for a missing
or wrong api_key, 404 for an unknown service, request or token, 400 otherwise, all problems in one body.
"""

import re
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.validators import validate_ipv46_address
from django.http.multipartparser import MultiPartParserError
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from lianxin.cases.services.intake import MAX_DESCRIPTION
from lianxin.core.ratelimit import RateLimited, rate_limit_hit, request_key
from lianxin.core.text import text_clean
from lianxin.core.uploads import image_response
from lianxin.open311 import selectors, services
from lianxin.open311.formats import FORMATS, render, render_errors
from lianxin.open311.models import Open311Request, ServiceType

SPEC_URL = "http://wiki.open311.org/GeoReport_v2"
MAX_LIST_ITEMS = 1000
MOMENT_YEARS = (1970, 2999)
_ATTRIBUTE = re.compile(r"^attribute\[([^\]]+)\](\[\])?$")


class Refused(Exception):
    def __init__(self, status: int, *errors: str):
        super().__init__(status)
        self.status = status
        self.errors = [(status, message) for message in errors]


def _radius() -> float:
    return float(getattr(settings, "OPEN311_MATCH_RADIUS_M", 3000))


def _param(request, name: str) -> str:
    source = request.POST if request.method == "POST" else request.GET
    value = source.get(name)
    if value is None and request.method == "POST":
        value = request.GET.get(name)
    return text_clean(value or "").strip()


def _list_param(request, name: str) -> list[str]:
    """A list as clients send it: comma-joined, repeated, or both."""
    values = []
    for raw in request.GET.getlist(name) + request.GET.getlist(f"{name}[]"):
        values += [part.strip() for part in raw.split(",") if part.strip()]
    return values


def _client_ip(request) -> str | None:
    ip = request.META.get("REMOTE_ADDR") or ""
    try:
        validate_ipv46_address(ip)
    except ValidationError:
        return None
    return ip


def _jurisdiction_check(request) -> None:
    expected = getattr(settings, "OPEN311_JURISDICTION_ID", "")
    given = _param(request, "jurisdiction_id")
    if expected and given and given != expected:
        raise Refused(404, _("jurisdiction_id %(id)s is not served here.") % {"id": given[:100]})


def _key(request, *, required: bool):
    secret = _param(request, "api_key")
    if not secret:
        if required:
            raise Refused(403, _("api_key is required: ask the platform's administrators for a key."))
        return None
    key = services.key_authenticate(secret=secret, ip=_client_ip(request))
    if key is None:
        raise Refused(403, _("Invalid api_key: it is unknown, revoked, or its system is disabled."))
    rate_limit_hit(request, "open311_key", key="key:" + key.key_hash[:32], rate=key.system.rate)
    return key


def _reader(request):
    """Who reads requests: (account, public). With a key, its system's service account, every field. Without
    one, as ``OPEN311_PUBLIC_READS`` says (an unknown value reads as none): a 403, or the public requests
    with their public fields or with every field (account None); counted per address."""
    key = _key(request, required=False)
    if key is not None:
        return key.system.account, False
    mode = getattr(settings, "OPEN311_PUBLIC_READS", selectors.PUBLIC)
    if mode not in (selectors.PUBLIC, selectors.FULL):
        raise Refused(403, _("api_key is required: ask the platform's administrators for a key."))
    address = request_key(request, "ip")
    rate_limit_hit(request, "open311_public", key=address, rate=settings.RATE_LIMITS["open311_public"])
    return None, mode == selectors.PUBLIC


def endpoint(*methods):
    """An Open311 endpoint: checks the method and the jurisdiction, answers every refusal in the spec's error
    format (in the format the address asks for)."""

    def decorator(view):
        @csrf_exempt
        def wrapped(request, fmt: str, **kwargs):
            if fmt not in FORMATS:
                return render_errors("xml", [(404, _("Formats are xml and json."))], status=404)
            allowed = {*methods, "HEAD"} if "GET" in methods else set(methods)
            if request.method not in allowed:
                # The spec answers every error that is neither a key nor a missing resource with 400.
                response = render_errors(fmt, [(400, _("This method is not allowed here."))], status=400)
                response["Allow"] = ", ".join(methods)
                return response
            try:
                _jurisdiction_check(request)
                return view(request, fmt, **kwargs)
            except Refused as refused:
                return render_errors(fmt, refused.errors, status=refused.status)
            except MultiPartParserError:
                message = _("The request body could not be read. Check its Content-Type.")
                return render_errors(fmt, [(400, message)], status=400)
            except RateLimited as limited:
                message = _("Too many requests. Please wait %(seconds)d seconds and try again.") % {
                    "seconds": limited.retry_after
                }
                response = render_errors(fmt, [(429, message)], status=429)
                response["Retry-After"] = str(limited.retry_after)
                return response

        wrapped.__name__ = view.__name__
        wrapped.__doc__ = view.__doc__
        return wrapped

    return decorator


# -- discovery and services ----------------------------------------------------------------------------------


def _default_contact() -> str:
    return _("The system administrator of this Lianxin platform (admin: Open311 and external systems).")


def _key_service() -> str:
    """How to obtain a key, and what can be read without one under this deployment's setting."""
    how = _(
        "Ask the platform's system administrator to register your system (name, code, area) and issue a key; "
        "the key is shown once. Send it as api_key."
    )
    mode = getattr(settings, "OPEN311_PUBLIC_READS", selectors.PUBLIC)
    if mode == selectors.PUBLIC:
        reads = _(
            "Without a key, GET requests, a request and tokens answer with the public fields of public "
            "requests; posting and the full fields of your own requests need the key."
        )
    elif mode == selectors.FULL:
        reads = _(
            "Without a key, GET requests, a request and tokens answer with every field of public requests; "
            "posting needs the key."
        )
    else:
        reads = _("Every call but the services needs the key.")
    return f"{how} {reads}"


@endpoint("GET")
def discovery(request, fmt):
    changed = timezone.localtime().replace(microsecond=0).isoformat()
    return render(
        fmt,
        "discovery",
        {
            "changeset": changed,
            "contact": getattr(settings, "OPEN311_CONTACT", "") or _default_contact(),
            "key_service": getattr(settings, "OPEN311_KEY_SERVICE", "") or _key_service(),
            "endpoints": [
                {
                    "specification": SPEC_URL,
                    "url": request.build_absolute_uri(reverse("open311:root")),
                    "changeset": changed,
                    "type": "production",
                    "formats": ["text/xml", "application/json"],
                }
            ],
        },
    )


@endpoint("GET")
def service_list(request, fmt):
    key = _key(request, required=False)
    service_type = key.system.service_type if key else ServiceType.REALTIME
    return render(
        fmt,
        "services",
        selectors.service_payloads(selectors.services_offered(), service_type=service_type),
    )


@endpoint("GET")
def service_definition(request, fmt, service_code):
    category = services.service_get(service_code)
    if category is None:
        raise Refused(404, _("There is no service with this service_code."))
    return render(fmt, "service_definition", selectors.service_definition(category))


# -- requests ------------------------------------------------------------------------------------------------


def _request_input(request) -> services.RequestInput:
    post = request.POST
    attributes: dict = {}
    for name in post:
        match = _ATTRIBUTE.match(name)
        if not match:
            continue
        values = [text_clean(value) for value in post.getlist(name)]
        code = match.group(1)
        if match.group(2) or len(values) > 1 or code in attributes:
            attributes[code] = [*attributes.get(code, []), *values] if code in attributes else values
        else:
            attributes[code] = values[0] if values else ""
    urls = [text_clean(url).strip() for url in post.getlist("media_url") + post.getlist("media_url[]")]
    media = [url for url in urls if url]
    return services.RequestInput(
        service_code=_param(request, "service_code"),
        lat=_param(request, "lat"),
        lng=_param(request, "long"),
        address_string=_param(request, "address_string")[:200],
        address_id=_param(request, "address_id")[:40],
        # One more than the limit, so that a longer one is refused, not cut short.
        description=text_clean(post.get("description", ""))[: MAX_DESCRIPTION + 1],
        first_name=_param(request, "first_name")[:50],
        last_name=_param(request, "last_name")[:50],
        phone=_param(request, "phone")[:30],
        device_id=(_param(request, "device_id") or _param(request, "deviceid"))[:64],
        account_id=_param(request, "account_id")[:100],
        external_id=_param(request, "service_request_id_ext")[:64],
        attributes=attributes,
        media_urls=media[:10],
        uploads=_uploads(request),
    )


def _uploads(request) -> list:
    """The uploaded files, each knowing its form field (errors name the field; only small in-memory uploads
    carry it from Django)."""
    uploads = []
    for name in request.FILES:
        for upload in request.FILES.getlist(name):
            upload.field_name = name
            uploads.append(upload)
    return uploads


def _request_create(request, fmt):
    key = _key(request, required=True)
    system = key.system
    try:
        created = services.request_submit(
            system=system,
            data=_request_input(request),
            radius_m=_radius(),
            idempotency_key=request.headers.get("Idempotency-Key", "")[:100],
        )
    except services.RequestRefused as refused:
        errors = [(status, f"{name}: {message}") for status, name, message in refused.refusal.errors]
        return render_errors(fmt, errors, status=refused.refusal.status)
    case = created.case
    item = {"service_notice": selectors.service_notice(case), "account_id": created.account_id or None}
    if system.service_type == ServiceType.BATCH:
        item = {"token": created.token, **item}
    else:
        item = {"service_request_id": case.number, **item}
    return render(fmt, "service_requests", [item], status=201)


def _moment(request, name: str) -> datetime | None:
    raw = request.GET.get(name, "").strip()[:40]
    if not raw:
        return None
    try:
        # Django's parsers raise ValueError for a well-formed but impossible value (99:99, February 30,
        # an offset of 99 hours).
        moment = parse_datetime(raw.replace(" ", "+")) if "T" in raw else None
        if moment is None:
            day = parse_date(raw) if len(raw) == 10 else None
            moment = datetime.combine(day, datetime.min.time()) if day else None
    except ValueError:
        moment = None
    if moment is None:
        message = _("%(name)s must be a W3C date and time, e.g. 2026-11-30T00:00:00Z.") % {"name": name}
        raise Refused(400, message)
    # Far years overflow the window's arithmetic and the time zone; no case is reported outside these.
    if not MOMENT_YEARS[0] <= moment.year <= MOMENT_YEARS[1]:
        message = _("%(name)s must lie between the years %(first)s and %(last)s.")
        raise Refused(400, message % {"name": name, "first": MOMENT_YEARS[0], "last": MOMENT_YEARS[1]})
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _window(request, *, default: timedelta) -> tuple[datetime, datetime]:
    start, end = _moment(request, "start_date"), _moment(request, "end_date")
    now = timezone.now()
    if start and end and end < start:
        raise Refused(400, _("end_date is before start_date."))
    if start and end and end - start > selectors.DEFAULT_WINDOW:
        raise Refused(400, _("start_date and end_date may be at most 90 days apart."))
    if start and not end:
        end = min(now, start + selectors.DEFAULT_WINDOW)
    if end and not start:
        start = end - default
    return start or now - default, end or now


def _request_list(request, fmt):
    account, public = _reader(request)
    numbers = _list_param(request, "service_request_id")
    if numbers:
        if len(numbers) > MAX_LIST_ITEMS:
            raise Refused(400, _("Ask for at most 1000 service_request_id at once."))
        cases = selectors.requests_find(account=account, numbers=numbers)
        return render(fmt, "service_requests", selectors.request_payloads(request, cases, public=public))
    codes = _list_param(request, "service_code")[:100]
    categories = []
    if codes:
        categories = list(selectors.services_offered().filter(code__in=codes))
        unknown = sorted(set(codes) - {c.code for c in categories})
        if unknown:
            message = _("There is no service with the service_code %(code)s.")
            raise Refused(404, *[message % {"code": code[:40]} for code in unknown])
    statuses = {s.lower() for s in _list_param(request, "status")}
    if statuses - {"open", "closed"}:
        raise Refused(400, _("status must be open or closed."))
    start, end = _window(request, default=selectors.DEFAULT_WINDOW)
    cases = selectors.requests_find(
        account=account, categories=categories, start=start, end=end, statuses=statuses or None
    )
    return render(fmt, "service_requests", selectors.request_payloads(request, cases, public=public))


@endpoint("GET", "POST")
def requests(request, fmt):
    if request.method == "POST":
        return _request_create(request, fmt)
    return _request_list(request, fmt)


@endpoint("GET")
def request_detail(request, fmt, request_id):
    account, public = _reader(request)
    case = selectors.request_get(account=account, number=request_id)
    if case is None:
        raise Refused(404, _("There is no service request with this id."))
    return render(fmt, "service_requests", selectors.request_payloads(request, [case], public=public))


@endpoint("GET")
def token_detail(request, fmt, token):
    """The request id behind a token. Without a key, any system's token (the spec's GET token needs none: a
    token is an unguessable secret its client holds), under the same setting and per-address limit."""
    account, _public = _reader(request)
    found = Open311Request.objects.filter(token=token[:40]).select_related("case")
    if account is not None:
        found = found.filter(system__account=account)
    found = found.first()
    if found is None:
        raise Refused(404, _("There is no token with this id."))
    return render(fmt, "service_requests", [{"service_request_id": found.case.number, "token": found.token}])


@endpoint("GET")
def request_updates(request, fmt):
    """FixMyStreet's extension: the public steps of the system's cases since a time."""
    key = _key(request, required=True)
    hours = getattr(settings, "OPEN311_UPDATES_DEFAULT_HOURS", 24)
    start, end = _window(request, default=timedelta(hours=hours))
    events = selectors.updates_find(account=key.system.account, start=start, end=end)
    return render(fmt, "service_request_updates", selectors.update_payloads(request, events))


@csrf_exempt
def not_found(request, *args, **kwargs):
    fmt = "json" if request.path.endswith(".json") else "xml"
    return render_errors(fmt, [(404, _("There is no such Open311 address."))], status=404)


def media(request, token: str):
    """A photo of a case, at the signed address given in media_url."""
    photo = selectors.media_photo(token)
    if photo is None:
        return render_errors("xml", [(404, _("This media address is unknown or has expired."))], status=404)
    try:
        handle = default_storage.open(photo.file.name, "rb")
    except FileNotFoundError:
        return render_errors("xml", [(404, _("This media address is unknown or has expired."))], status=404)
    return image_response(handle, content_type=photo.content_type)


def root(request):
    return not_found(request)
