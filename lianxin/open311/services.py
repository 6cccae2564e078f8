"""External systems, their keys, and a GeoReport POST turned into a case.

A POST enters the loop through ``case_report`` like any report, as the system's service account, with the
system's channel and reporter group; the key's area bounds where it may be placed.
"""

import math
import secrets
from dataclasses import dataclass, field

import structlog
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Level
from lianxin.cases import services as case_services
from lianxin.cases.models import Case, Category
from lianxin.cases.selectors import category_tree
from lianxin.core.errors_domain import DomainError
from lianxin.core.geo import distance_m
from lianxin.core.scope import under
from lianxin.open311.models import KEY_PREFIX_LENGTH, ApiKey, ExternalSystem, Open311Request, key_hash
from lianxin.people.models import Person

logger = structlog.get_logger(__name__)

KEY_MARKER = "o311_"
# Levels a position is matched to: the grid a case belongs to.
MATCHED_LEVELS = (Level.ESTATE, Level.GRID, Level.VILLAGE)
# One degree of latitude, in metres: the box a nearest-area search looks in first.
METRES_PER_DEGREE = 111_320


def system_account_attach(*, system: ExternalSystem) -> ExternalSystem:
    """Give a new external system its service account: an account that cannot sign in on the pages and a
    person with no post (the reporter of its cases, so that it reads back exactly what it reported)."""
    if system.account_id:
        return system
    person = Person.objects.create(name=system.name[:50], note=_("Service account of an external system"))
    account = get_user_model()(username=f"system-{system.code}"[:150], person=person, is_active=True)
    account.set_unusable_password()
    account.save()
    system.account = account
    return system


@transaction.atomic
def system_create(*, name: str, code: str, area: Area, **options) -> ExternalSystem:
    system = ExternalSystem(name=name, code=code, area=area, **options)
    system_account_attach(system=system)
    system.full_clean()
    system.save()
    logger.info("external_system_created", system=system.code)
    return system


@transaction.atomic
def key_issue(*, system: ExternalSystem, name: str = "") -> tuple[ApiKey, str]:
    """A new key for ``system`` and its secret, returned here once and stored only as a hash."""
    secret = KEY_MARKER + secrets.token_urlsafe(30)
    key = ApiKey.objects.create(
        system=system,
        name=(name or system.name)[:100],
        prefix=secret[:KEY_PREFIX_LENGTH],
        key_hash=key_hash(secret),
    )
    logger.info("open311_key_issued", system=system.code, key_id=key.pk)
    return key, secret


def key_revoke(*, key: ApiKey) -> ApiKey:
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        logger.info("open311_key_revoked", key_id=key.pk)
    return key


def key_authenticate(*, secret: str, ip: str | None = None) -> ApiKey | None:
    """The active key behind ``secret`` (its system and account loaded), or None."""
    if not secret or len(secret) > 200:
        return None
    key = (
        ApiKey.objects.active()
        .select_related("system__area", "system__account__person")
        .filter(key_hash=key_hash(secret))
        .first()
    )
    if key is None or not key.system.account.is_active:
        return None
    now = timezone.now()
    if key.last_used_at is None or (now - key.last_used_at).total_seconds() >= 60 or key.last_used_ip != ip:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now, last_used_ip=ip)
    return key


# -- placing a request ---------------------------------------------------------------------------------------


def area_nearest(*, within: Area, lat: float, lng: float, radius_m: float) -> Area:
    """The estate, grid or village under ``within`` whose position is nearest (lat, lng), if one lies within
    ``radius_m``; else ``within`` itself."""
    box = radius_m / METRES_PER_DEGREE
    wide = box / max(math.cos(math.radians(lat)), 0.01)
    candidates = (
        Area.objects.live()
        .filter(under("path", within.path), level__in=MATCHED_LEVELS)
        .filter(lat__gte=lat - box, lat__lte=lat + box, lng__gte=lng - wide, lng__lte=lng + wide)
        .only("id", "path", "lat", "lng", "name", "level", "depth", "retired_on", "short_name", "code")
    )
    best, best_distance = None, radius_m
    for area in candidates:
        distance = distance_m(lat, lng, float(area.lat), float(area.lng))
        if distance <= best_distance:
            best, best_distance = area, distance
    if best is None:
        return within
    return Area.objects.get(pk=best.pk)


@dataclass
class RequestInput:
    """A GeoReport POST, as the view read it (strings as sent)."""

    service_code: str = ""
    lat: str = ""
    lng: str = ""
    address_string: str = ""
    address_id: str = ""
    description: str = ""
    first_name: str = ""
    last_name: str = ""
    phone: str = ""
    device_id: str = ""
    account_id: str = ""
    external_id: str = ""
    attributes: dict = field(default_factory=dict)
    media_urls: list[str] = field(default_factory=list)
    uploads: list = field(default_factory=list)


@dataclass
class Refusal:
    """Why a request cannot be taken: one (status, field, message) per problem, all of them at once."""

    errors: list[tuple[int, str, str]] = field(default_factory=list)

    def add(self, status: int, name: str, message: str) -> None:
        self.errors.append((status, name, str(message)))

    @property
    def status(self) -> int:
        return max(status for status, _name, _message in self.errors)


class RequestRefused(Exception):
    def __init__(self, refusal: Refusal):
        super().__init__("refused")
        self.refusal = refusal


def _contact_name(first: str, last: str) -> str:
    first, last = first.strip(), last.strip()
    # Chinese names are family name first and unspaced: 张 + 伟 → 张伟.
    if any("\u4e00" <= ch <= "\u9fff" for ch in first + last):
        return f"{last}{first}"
    return f"{first} {last}".strip()


def _position(data: RequestInput, refusal: Refusal) -> tuple[float, float] | None:
    if not data.lat and not data.lng:
        return None
    if not data.lat or not data.lng:
        refusal.add(400, "lat" if not data.lat else "long", _("Send both lat and long."))
        return None
    try:
        lat, lng = float(data.lat), float(data.lng)
    except ValueError:
        refusal.add(400, "lat", _("lat and long must be numbers."))
        return None
    if not (-90 <= lat <= 90 and -180 <= lng <= 180) or math.isnan(lat) or math.isnan(lng):
        refusal.add(400, "lat", _("lat and long are outside the valid range."))
        return None
    return lat, lng


def request_place(*, system: ExternalSystem, data: RequestInput, refusal: Refusal, radius_m: float):
    """(area, lat, lng) of a request: the area named by ``address_id`` (an area's code), else the area
    nearest the position, else the key's own area; always inside the key's area."""
    position = _position(data, refusal)
    if data.address_id:
        area = Area.objects.live().filter(under("path", system.area.path), code=data.address_id).first()
        if area is None:
            refusal.add(400, "address_id", _("No place with this address_id lies in the area of your key."))
            return None
        return area, position
    if position is not None:
        return area_nearest(within=system.area, lat=position[0], lng=position[1], radius_m=radius_m), position
    if data.address_string:
        return system.area, None
    if not any(name in ("lat", "long") for _status, name, _message in refusal.errors):
        refusal.add(400, "lat", _("Send a location: lat and long, address_string or address_id."))
    return None


def service_get(code: str) -> Category | None:
    """The category a service code names, if it is offered to external systems."""
    if not code:
        return None
    return category_tree(public_only=True).filter(code=code).first()


def _attributes_check(category: Category, attributes: dict, refusal: Refusal) -> dict:
    """Each attribute checked on its own, so that every wrong one is named; unknown codes are ignored."""
    from lianxin.cases.services.intake import extra_clean

    cleaned = {}
    for spec in category.extra_fields or []:
        try:
            cleaned.update(extra_clean(Category(extra_fields=[spec]), attributes))
        except DomainError as error:
            refusal.add(400, f"attribute[{spec['code']}]", error.message)
    return cleaned


def request_submit(
    *, system: ExternalSystem, data: RequestInput, radius_m: float, idempotency_key: str = ""
) -> Open311Request:
    """Turn a GeoReport POST into a case reported by the system's account. Every problem with the input is
    collected and raised together (``RequestRefused``); nothing is written then."""
    refusal = Refusal()
    if not data.service_code:
        refusal.add(400, "service_code", _("service_code is required."))
    category = service_get(data.service_code)
    if data.service_code and category is None:
        refusal.add(404, "service_code", _("There is no service with this service_code."))
    placed = request_place(system=system, data=data, refusal=refusal, radius_m=radius_m)
    extra = _attributes_check(category, data.attributes, refusal) if category else {}
    description = data.description.strip() or (category.name if category else "")
    for url in data.media_urls:
        if len(url) > 500 or not url.lower().startswith(("http://", "https://")):
            refusal.add(400, "media_url", _("media_url must be an http or https address."))
            break
    photos = []
    if not refusal.errors:
        for upload in data.uploads:
            try:
                photos.append(case_services.photo_upload(system.account, upload=upload))
            except DomainError as error:
                # Named by its form field (photo1), as every other error is; else by its file name.
                name = getattr(upload, "field_name", "") or getattr(upload, "name", "") or "media"
                refusal.add(400, name, error.message)
    if refusal.errors:
        raise RequestRefused(refusal)
    area, position = placed
    try:
        with transaction.atomic():
            case_services.intake_check(system.account, category=category, area=area, system=system)
            case = case_services.case_report(
                system.account,
                category=category,
                area=area,
                description=description,
                channel=system.channel,
                reporter_group=system.reporter_group,
                lat=position[0] if position else None,
                lng=position[1] if position else None,
                address=data.address_string,
                photos=photos,
                contact_name=_contact_name(data.first_name, data.last_name),
                contact_phone=data.phone.strip()[:20],
                extra=extra,
                external_system=system.code,
                external_id=data.external_id,
                device_id=data.device_id,
                idempotency_key=idempotency_key,
            )
            request, _created = Open311Request.objects.get_or_create(
                case=case,
                defaults={
                    "system": system,
                    "token": secrets.token_hex(16),
                    "media_urls": data.media_urls[:10],
                    "account_id": data.account_id[:100],
                },
            )
    except DomainError as error:
        refusal.add(404 if error.code == "not_found" else 400, error.field or "request", error.message)
        raise RequestRefused(refusal) from None
    return request


def request_for_case(case: Case) -> Open311Request | None:
    return Open311Request.objects.filter(case=case).first()
