"""Cooperatives' financial summaries through the imports app (kind ``cooperative_finances``, registered from
setup_coops.ready(); P002-76): one row per cooperative and year as exported by the provincial cooperative
finance system (省农民合作社财务管理系统): fixed assets, change in equity, dividends, surplus distributed. The
cooperative is named by its village's code and its name; the same year again replaces the summary."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.imports.specs.base import Column, Context, Row, Spec
from lianxin.rural.models import Cooperative
from lianxin.rural.services.coops import finance_record

KIND = "cooperative_finances"
_MAX = Decimal("999999999999.99")


def write(row: Row, ctx: Context) -> str:
    village = ctx.area(row, "village_code", required=True)
    name = row.text("cooperative", required=True, max_length=100)
    year = row.integer("year", required=True, minimum=2000, maximum=ctx.today.year)
    values = {
        "fixed_assets": row.decimal("fixed_assets", minimum=Decimal(0), maximum=_MAX, places=2),
        "equity_change": row.decimal("equity_change", minimum=-_MAX, maximum=_MAX, places=2),
        "dividends": row.decimal("dividends", minimum=Decimal(0), maximum=_MAX, places=2),
        "surplus_distributed": row.decimal("surplus_distributed", minimum=Decimal(0), maximum=_MAX, places=2),
    }
    for key, value in values.items():
        if value is None and not row.raw(key):
            row.error(key, _("this column is required"))
    row.check()
    coop = (
        Cooperative.objects.filter(village=village, organisation__name=name)
        .select_related("organisation")
        .first()
    )
    if coop is None:
        row.error("cooperative", _("no cooperative of this name is registered at the village"))
        row.check()
    finance_record(ctx.actor, cooperative=coop, year=year, **values)
    return _("%(name)s %(year)s financial summary recorded") % {"name": name, "year": year}


SPEC = Spec(
    kind=KIND,
    label=gettext_lazy("Cooperative financial summaries"),
    columns=(
        Column("village_code", gettext_lazy("Village code"), required=True, text=True, example="", width=16),
        Column(
            "cooperative",
            gettext_lazy("Cooperative"),
            required=True,
            example="金银花种植专业合作社",
            width=24,
        ),
        Column("year", gettext_lazy("Year"), required=True, example="2025", width=8),
        Column("fixed_assets", gettext_lazy("Fixed assets (yuan)"), required=True, example="1200000.00"),
        Column(
            "equity_change",
            gettext_lazy("Change in equity (yuan)"),
            required=True,
            example="85000.00",
            help=gettext_lazy("Negative when the equity fell."),
        ),
        Column("dividends", gettext_lazy("Dividends (yuan)"), required=True, example="42000.00"),
        Column(
            "surplus_distributed",
            gettext_lazy("Surplus distributed (yuan)"),
            required=True,
            example="63000.00",
        ),
    ),
    write=write,
    field_columns={
        "fixed_assets": "fixed_assets",
        "equity_change": "equity_change",
        "dividends": "dividends",
        "surplus_distributed": "surplus_distributed",
        "year": "year",
    },
)


def register() -> None:
    from lianxin.imports.registry import import_spec_register

    import_spec_register(SPEC)
