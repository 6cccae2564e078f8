"""Changes to the territorial tree. Each keeps every record placed under a node attached to it."""

from django.apps import apps
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Length, Substr
from django.utils.translation import gettext as _

from lianxin.areas.models import ALLOWED_CHILDREN, STATISTICAL_LEVELS, Area, Level
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import under

# Every copy of an area path kept on another table, as (app_label.Model, field). A new app that stores
# area paths adds itself here so moves keep its rows under the right subtree.
AREA_PATH_COPIES = [
    ("areas.Household", "area_path"),
    ("areas.Place", "area_path"),
    ("areas.PlaceActivity", "area_path"),
    ("areas.Restructuring", "area_path"),
    ("people.Person", "area_path"),
    ("people.Department", "area_path"),
    ("people.Organisation", "area_path"),
    ("people.Post", "area_path"),
    ("party.PartyOrg", "area_path"),
    ("party.Membership", "area_path"),
    ("party.MemberHousehold", "area_path"),
    ("party.LiaisonLink", "area_path"),
    ("cases.Case", "area_path"),
    ("cases.Case", "handler_area_path"),
    ("cases.Visit", "area_path"),
    ("dashboard.Bulletin", "area_path"),
    ("party.IndustryChain", "area_path"),
    ("party.MemberPost", "area_path"),
    ("party.SecretaryStudio", "area_path"),
    ("party.StudioMentee", "area_path"),
    ("people.StaffCategoryChange", "area_path"),
]

# Digits each statistical level adds to the 12-digit code: 省市(4) 县(2) 乡(3) 村(3).
_CODE_SLOTS = {
    Level.COUNTY: (4, 6),
    Level.STREET: (6, 9),
    Level.TOWNSHIP: (6, 9),
    Level.COMMUNITY: (9, 12),
    Level.VILLAGE: (9, 12),
}
_SUFFIX_LETTER = {
    Level.CLUSTER: "C",
    Level.ESTATE: "E",
    Level.GRID: "G",
    Level.BUILDING: "B",
    Level.UNIT: "U",
}


def _check_level(parent: Area | None, level: str) -> None:
    if level not in Level.values:
        raise DomainError(_("Choose a level."), code="invalid", field="level")
    allowed = ALLOWED_CHILDREN[parent.level if parent else None]
    if level not in allowed:
        where = parent.get_level_display() if parent else _("the top of the tree")
        raise DomainError(
            _("A %(level)s cannot be placed under %(where)s.")
            % {"level": Level(level).label, "where": where},
            code="level_not_allowed",
            field="level",
        )


def area_code_next(*, parent: Area, level: str) -> str:
    """The next free code under ``parent``: statistical levels fill their digits of the 12-digit code,
    the others extend the parent's code (…-E012, …-B03, …-U2)."""
    base = parent.code
    siblings = set(
        Area.objects.filter(under("path", parent.path), depth=parent.depth + 1).values_list("code", flat=True)
    )
    if level in _CODE_SLOTS and len(base) == 12 and base.isdigit():
        start, end = _CODE_SLOTS[level]
        width = end - start
        for number in range(1, 10**width):
            code = base[:start] + str(number).zfill(width) + "0" * (12 - end)
            if code not in siblings and not Area.objects.filter(code=code).exists():
                return code
    letter = _SUFFIX_LETTER.get(level, "N")
    width = 3 if level in (Level.ESTATE, Level.GRID, Level.CLUSTER) else 2
    number = 1
    while True:
        code = f"{base}-{letter}{str(number).zfill(width)}"
        if code not in siblings and not Area.objects.filter(code=code).exists():
            return code
        number += 1


@transaction.atomic
def area_create(*, actor, parent: Area | None, level: str, name: str, code: str = "", **fields) -> Area:
    """Add a node under ``parent`` (or a root). Refuses a level that may not sit there and a taken code."""
    _check_level(parent, level)
    if not name.strip():
        raise DomainError(_("Enter a name."), code="required", field="name")
    if code and Area.objects.filter(code=code).exists():
        raise DomainError(
            _("The code %(code)s is already used.") % {"code": code}, code="duplicate", field="code"
        )
    if not code:
        if parent is None:
            raise DomainError(_("A top-level area needs a code."), code="required", field="code")
        code = area_code_next(parent=parent, level=level)
    if level in STATISTICAL_LEVELS and not (len(code) == 12 and code.isdigit()):
        raise DomainError(
            _("A %(level)s needs a 12-digit statistical code.") % {"level": Level(level).label},
            code="bad_code",
            field="code",
        )
    values = {"level": level, "name": name.strip(), "code": code, **fields}
    if parent is None:
        return Area.objects.add_root(values)
    return Area.objects.add_child(Area.objects.get(pk=parent.pk), values)


@transaction.atomic
def area_rename(*, actor, area: Area, name: str, short_name: str | None = None) -> Area:
    if not name.strip():
        raise DomainError(_("Enter a name."), code="required", field="name")
    area.name = name.strip()
    if short_name is not None:
        area.short_name = short_name.strip()
    area.save(update_fields=["name", "short_name"])
    return area


@transaction.atomic
def area_move(*, actor, area: Area, new_parent: Area) -> Area:
    """Move a node (with its subtree) under another parent. Households, people, posts, organisations and
    every other record placed under it follow it: their path copies are rewritten in the same transaction."""
    area = Area.objects.get(pk=area.pk)
    new_parent = Area.objects.get(pk=new_parent.pk)
    _check_level(new_parent, area.level)
    if new_parent.path.startswith(area.path):
        raise DomainError(_("An area cannot be moved under itself."), code="cycle", field="parent")
    old_path = area.path
    Area.objects.move(area, new_parent, "last-child")
    area.refresh_from_db()
    area_paths_rewrite(old_prefix=old_path, new_prefix=area.path)
    # The figures' roll-up counts cases under every ancestor: the old and the new ones now differ.
    from lianxin.cases.figures import rollups_rebuild

    rollups_rebuild()
    return area


def area_paths_rewrite(*, old_prefix: str, new_prefix: str) -> None:
    if old_prefix == new_prefix:
        return
    for label, field in AREA_PATH_COPIES:
        model = apps.get_model(label)
        model._base_manager.filter(under(field, old_prefix)).update(
            **{field: Concat(Value(new_prefix), Substr(F(field), len(old_prefix) + 1, Length(F(field))))}
        )


def cluster_size_warning(*, cluster: Area) -> str:
    """A cluster should group 3 to 5 villages (P000-01); the warning, or an empty string."""
    villages = Area.objects.filter(
        under("path", cluster.path), level=Level.VILLAGE, retired_on__isnull=True
    ).count()
    if villages < 3 or villages > 5:
        return _("This cluster has %(count)d villages; a demonstration cluster groups 3 to 5.") % {
            "count": villages
        }
    return ""


AREA_EDITABLE = (
    "name", "short_name", "lat", "lng", "boundary_note", "official_population", "planned_households",
    "facilities", "brand", "estate_type", "property_mode", "is_mature",
)  # fmt: skip


@transaction.atomic
def area_update(*, actor, area: Area, **fields) -> Area:
    """An area's own facts. Code, level and place in the tree change only by moving or restructuring.
    Each fact has its owners (``estate_facts.area_facts_check``): a page, the API or an import that
    changes it goes through here and meets the same check."""
    from lianxin.areas.estate_facts import area_facts_check

    area_facts_check(actor=actor, area=area, fields=[f for f in fields if f in AREA_EDITABLE])
    if "name" in fields and not (fields["name"] or "").strip():
        raise DomainError(_("Enter a name."), code="required", field="name")
    if (fields.get("lat") is None) != (fields.get("lng") is None) and ("lat" in fields or "lng" in fields):
        raise DomainError(_("Enter both latitude and longitude, or neither."), field="lat")
    area = Area.objects.get(pk=area.pk)
    changed = []
    for name, value in fields.items():
        if name not in AREA_EDITABLE:
            continue
        setattr(area, name, value.strip() if isinstance(value, str) else value)
        changed.append(name)
    area.save(update_fields=changed)
    return area
