"""Writes to the service catalogue. Each is one transaction; the item's audit record (audit_register) is
written in it."""

import re

from django.db import transaction
from django.utils.translation import gettext as _

from lianxin.core.errors_domain import DomainError
from lianxin.provision import permissions
from lianxin.provision.models import Mechanism, ServiceItem, TargetGroup

MAX_MATERIALS = 20
MAX_MATERIAL_LENGTH = 50
MAX_POINTS_PRICE = 100_000
# Materials typed on one line: separated by 、，, ; or new lines.
_SEPARATORS = re.compile(r"[、，,;；\n\r]+")


def materials_parse(text: str) -> list[str]:
    """The materials named in a line of text, in order, each once."""
    seen: list[str] = []
    for part in _SEPARATORS.split(text or ""):
        name = part.strip()
        if name and name not in seen:
            seen.append(name)
    return seen


def _clean_materials(materials) -> list[str]:
    if not isinstance(materials, list) or not all(isinstance(m, str) for m in materials):
        raise DomainError(_("List the materials as texts."), field="materials")
    cleaned: list[str] = []
    for name in (m.strip() for m in materials):
        if not name:
            continue
        if len(name) > MAX_MATERIAL_LENGTH:
            raise DomainError(
                _("A material's name has at most %(n)d characters.") % {"n": MAX_MATERIAL_LENGTH},
                field="materials",
            )
        if name in cleaned:
            raise DomainError(_("“%(name)s” is listed twice.") % {"name": name}, field="materials")
        cleaned.append(name)
    if len(cleaned) > MAX_MATERIALS:
        raise DomainError(
            _("An item needs at most %(n)d materials.") % {"n": MAX_MATERIALS}, field="materials"
        )
    return cleaned


def _clean_groups(groups) -> list[str]:
    if not isinstance(groups, list) or not all(isinstance(g, str) for g in groups):
        raise DomainError(_("Choose the target groups from the list."), field="target_groups")
    unknown = [g for g in groups if g not in TargetGroup.values]
    if unknown:
        raise DomainError(
            _("There is no target group “%(code)s”.") % {"code": unknown[0]}, field="target_groups"
        )
    return [g for g in TargetGroup.values if g in groups]


def service_item_update(
    actor,
    *,
    item: ServiceItem,
    mechanism: str | None = None,
    target_groups: list[str] | None = None,
    materials: list[str] | None = None,
    points_price: int | None = None,
    at_cluster_centres: bool | None = None,
    at_community_centres: bool | None = None,
) -> ServiceItem:
    """Change what the catalogue says of an item; what is not given stays as it is."""
    if not permissions.may_edit_catalogue(actor):
        raise DomainError(_("Only the county's staff keep the service catalogue."), code="forbidden")
    if mechanism is not None:
        if mechanism not in Mechanism.values:
            raise DomainError(_("Choose one of the five mechanisms."), field="mechanism")
        item.mechanism = mechanism
    if target_groups is not None:
        item.target_groups = _clean_groups(target_groups)
    if materials is not None:
        item.materials = _clean_materials(materials)
    if points_price is not None:
        if isinstance(points_price, bool) or not isinstance(points_price, int):
            raise DomainError(_("The price in points is a whole number."), field="points_price")
        if not 0 <= points_price <= MAX_POINTS_PRICE:
            raise DomainError(
                _("The price in points lies between 0 and %(n)d.") % {"n": MAX_POINTS_PRICE},
                field="points_price",
            )
        item.points_price = points_price
    if at_cluster_centres is not None:
        item.at_cluster_centres = bool(at_cluster_centres)
    if at_community_centres is not None:
        item.at_community_centres = bool(at_community_centres)
    with transaction.atomic():
        item.save()
    return item
