"""Yearly facts of areas (P000-54, P001-03, P001-04, P003-30, P004-01): one row per area, fact and year,
written through ``area_fact_record``, the service of the area's facts page, with the same rights check."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.areas.dated_facts import FACT_KEYS, area_fact_record
from lianxin.imports.specs.base import Column, Context, Row, Spec, folded_text


def _fact_lookup() -> dict[str, str]:
    """A fact may be written by its Chinese name or its key."""
    lookup = {}
    for fact in FACT_KEYS.values():
        lookup[folded_text(fact.key)] = fact.key
        lookup[folded_text(str(fact.label))] = fact.key
    return lookup


def write(row: Row, ctx: Context) -> str:
    area = ctx.area(row, "area_code", required=True)
    fact_name = row.text("fact", required=True)
    key = _fact_lookup().get(folded_text(fact_name)) if fact_name else None
    if fact_name and key is None:
        row.error(
            "fact",
            _("“%(value)s” is not one of: %(choices)s")
            % {"value": fact_name, "choices": "、".join(str(f.label) for f in FACT_KEYS.values())},
        )
    year = row.integer("year", required=True, minimum=1949, maximum=2100)
    value = row.text("value", required=True, max_length=1000)
    source = row.text("source", max_length=200)
    row.check()
    fact, changed = area_fact_record(ctx.actor, area=area, key=key, year=year, value=value, source=source)
    summary = {"area": area.name, "fact": fact.label, "year": year, "value": fact.value_display}
    if not changed:
        return _("%(area)s %(fact)s %(year)s: %(value)s, already recorded") % summary
    return _("%(area)s %(fact)s %(year)s: %(value)s") % summary


SPEC = Spec(
    kind="area_facts",
    label=gettext_lazy("Yearly facts of areas"),
    columns=(
        Column(
            "area_code",
            gettext_lazy("Area code"),
            required=True,
            text=True,
            width=22,
            example="379901000000",
            help=gettext_lazy("The county, or an area in it, whose facts you record."),
        ),
        Column(
            "fact",
            gettext_lazy("Fact"),
            required=True,
            width=26,
            example=FACT_KEYS["planned_urban_area"].label,
            choices=lambda: [str(f.label) for f in FACT_KEYS.values()],
        ),
        Column("year", gettext_lazy("Year"), required=True, example="2024", width=8),
        Column(
            "value",
            gettext_lazy("Value"),
            required=True,
            text=True,
            example="57",
            width=20,
            help=gettext_lazy(
                "A number in the fact's unit (亿元, 平方公里, 人, %), a date as 2021-07-01, or text."
            ),
        ),
        Column("source", gettext_lazy("Source"), example="县政府工作报告", width=24),
    ),
    write=write,
    field_columns={"value": "value", "year": "year", "key": "fact", "": "area_code"},
    notes=(
        gettext_lazy(
            "A value for a fact and year already recorded replaces it; the old value is kept as superseded."
        ),
    ),
)
