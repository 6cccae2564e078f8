"""Areas: new nodes of the territorial tree, each under an existing node or one made by an earlier row."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.areas.models import Level
from lianxin.areas.services import area_create
from lianxin.imports.specs.base import Column, Context, Row, Spec, choice_labels

# The top of the tree is set up once, by hand; imports add beneath it.
_EXCLUDED_LEVELS = (Level.CITY,)


def write(row: Row, ctx: Context) -> str:
    parent = ctx.area(row, "parent_code", required=True)
    level = row.choice("level", Level, required=True, exclude=_EXCLUDED_LEVELS)
    name = row.text("name", required=True, max_length=100)
    code = row.text("code", max_length=40)
    short_name = row.text("short_name", max_length=50)
    lat = row.decimal("lat", minimum=-90, maximum=90)
    lng = row.decimal("lng", minimum=-180, maximum=180)
    row.check()
    area = area_create(
        actor=ctx.actor,
        parent=parent,
        level=level,
        name=name,
        code=code,
        short_name=short_name,
        lat=lat,
        lng=lng,
    )
    return _("New %(level)s %(name)s, code %(code)s, under %(parent)s") % {
        "level": Level(level).label,
        "name": area.name,
        "code": area.code,
        "parent": parent.name,
    }


SPEC = Spec(
    kind="areas",
    label=gettext_lazy("Areas"),
    columns=(
        Column(
            "parent_code",
            gettext_lazy("Parent area code"),
            required=True,
            text=True,
            width=22,
            example="379901001001",
            help=gettext_lazy(
                "The code of an existing area you may change, or a code given in an earlier row of this file."
            ),
        ),
        Column(
            "level",
            gettext_lazy("Level"),
            required=True,
            example=Level.ESTATE.label,
            choices=lambda: choice_labels(Level, exclude=_EXCLUDED_LEVELS),
            help=gettext_lazy(
                "Must fit under the parent: an estate under a community, a building under an estate …"
            ),
        ),
        Column("name", gettext_lazy("Area name"), required=True, example="幸福里小区", width=20),
        Column(
            "code",
            gettext_lazy("Code"),
            text=True,
            width=22,
            help=gettext_lazy(
                "Streets, townships, communities and villages: the 12-digit statistical code. Leave empty to "
                "number the area after its parent's code."
            ),
        ),
        Column("short_name", gettext_lazy("Short name"), example="幸福里"),
        Column(
            "lat",
            gettext_lazy("Latitude"),
            example="35.233500",
            help=gettext_lazy("Decimal degrees, e.g. 35.233500."),
        ),
        Column(
            "lng",
            gettext_lazy("Longitude"),
            example="115.441200",
            help=gettext_lazy("Decimal degrees, e.g. 115.441200."),
        ),
    ),
    write=write,
    field_columns={"level": "level", "name": "name", "code": "code", "parent": "parent_code"},
    notes=(
        gettext_lazy(
            "A row may use as parent an area created by an earlier row, when that row gives its code."
        ),
    ),
)
