"""Households: one row per household, on a unit, building, village or grid the user may change."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.areas.models import HOUSEHOLD_LEVELS, Household, HouseholdTag
from lianxin.imports.specs.base import Column, Context, Row, Spec

MAX_HOUSEHOLD_SIZE = 30


def write(row: Row, ctx: Context) -> str:
    area = ctx.area(row, "area_code", required=True)
    if area is not None and area.level not in HOUSEHOLD_LEVELS:
        row.error(
            "area_code",
            _("households are recorded on a unit, building, village or grid; %(code)s is a %(level)s")
            % {"code": area.code, "level": area.get_level_display()},
        )
    address = row.text("address", required=True, max_length=200)
    size = row.integer("size", default=1, minimum=1, maximum=MAX_HOUSEHOLD_SIZE)
    tags = ctx.tags(
        row, "tags", HouseholdTag, _("no household tag is called %(names)s; the tags are: %(known)s")
    )
    note = row.text("note")
    row.check()
    if Household.objects.filter(area=area, address=address).exists():
        row.error("address", _("the area already has a household at %(address)s") % {"address": address})
        row.check()
    household = Household(area=area, area_path=area.path, address=address, size=size, note=note)
    household.save()
    household.tags.set(tags)
    return _("New household %(address)s in %(area)s") % {"address": address, "area": area.name}


SPEC = Spec(
    kind="households",
    label=gettext_lazy("Households"),
    columns=(
        Column(
            "area_code",
            gettext_lazy("Area code"),
            required=True,
            text=True,
            width=22,
            example="379901001001-E001-B01-U1",
            help=gettext_lazy("The code of the unit, building, village or grid the household belongs to."),
        ),
        Column(
            "address", gettext_lazy("Address"), required=True, width=30, example="幸福里小区1号楼1单元101室"
        ),
        Column(
            "size",
            gettext_lazy("Household size"),
            example="3",
            help=gettext_lazy("Number of people in the household; 1 when left empty."),
        ),
        Column(
            "tags",
            gettext_lazy("Household tags"),
            example="",
            choices=lambda: list(HouseholdTag.objects.values_list("name", flat=True)),
            help=gettext_lazy("Names of household tags, separated by 、 or commas."),
            width=20,
        ),
        Column("note", gettext_lazy("Note"), width=24),
    ),
    write=write,
)
