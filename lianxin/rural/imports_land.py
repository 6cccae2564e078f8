"""Collective incomes through the imports app (kind ``collective_incomes``, registered from
setup_land): one row per village
and year — 村编码, 年度, the five sources, 合作社带动, 更正, 原因. Each bad cell is listed with its row
and column (“第4行「其他收入」：不能为负数”): a negative or non-numeric amount, an unknown village, a
village-year repeated in the file, a year already recorded without 更正. A file with any bad row writes
nothing (the imports app's preview; the rural import page and API answer 400)."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.areas.models import Area, Level
from lianxin.core.scope import CHANGE
from lianxin.imports.runner import rows_apply
from lianxin.imports.specs.base import Column, Context, Row, Spec
from lianxin.imports.workbook import rows_read
from lianxin.rural.models import INCOME_SOURCES, CollectiveIncome
from lianxin.rural.services.land import MONEY_MAX, collective_income_record

# The issue names it collective_incomes; ImportBatch.kind holds 16 characters.
KIND = "collective_incomes"
AMOUNT_KEYS = [name for name, _label in INCOME_SOURCES] + ["cooperative_gain"]


def _amount(row: Row, key: str) -> Decimal | None:
    value = row.raw(key).replace(",", "").replace("，", "")
    if not value:
        return Decimal("0.00")
    try:
        amount = Decimal(value)
        if not amount.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        row.error(key, _("“%(value)s” is not a number") % {"value": row.raw(key)})
        return None
    if amount < 0:
        row.error(key, _("must not be negative"))
        return None
    if amount > MONEY_MAX or amount != amount.quantize(Decimal("0.01")):
        row.error(key, _("is not an amount in yuan to the fen"))
        return None
    return amount


def _village(row: Row, ctx: Context):
    """The village of the code, from one look-up of the villages the importer may change (cached for the
    file); an unknown or outside code gets the imports app's own reason."""
    villages = ctx.cached(
        "rural.villages",
        lambda: {
            a.code: a
            for a in Area.objects.restrict(ctx.actor, CHANGE)
            .filter(level=Level.VILLAGE, retired_on__isnull=True)
            .only("pk", "code", "name", "path", "level")
        },
    )
    code = row.raw("village_code")
    if code in villages:
        return villages[code]
    return ctx.area(row, "village_code", required=True)


def _recorded(ctx: Context, village, year: int) -> bool:
    """Whether the village's year was recorded before this file (one query per year of the file; rows of
    the file itself are caught as repeats)."""
    years = ctx.__dict__.setdefault("rural_income_recorded", {})
    if year not in years:
        years[year] = set(CollectiveIncome.objects.filter(year=year).values_list("area_id", flat=True))
    return village.pk in years[year]


def write(row: Row, ctx: Context) -> str:
    village = _village(row, ctx)
    if village is not None and village.level != Level.VILLAGE:
        row.error("village_code", _("%(code)s is not a village") % {"code": village.code})
        village = None
    year = row.integer("year", required=True, minimum=2000, maximum=2100)
    amounts = {key: _amount(row, key) for key in AMOUNT_KEYS}
    correction = row.boolean("correction")
    reason = row.text("reason", max_length=200)
    if village is not None and year is not None:
        seen = ctx.__dict__.setdefault("rural_income_rows", {})
        first = seen.get((village.pk, year))
        if first is not None and first != row.number:
            row.error(
                "village_code",
                _("%(village)s %(year)s is already in row %(row)s of this file")
                % {"village": village.name, "year": year, "row": first},
            )
            village = None  # one reason for a repeated row: the earlier row's year is not "recorded"
        else:
            seen[(village.pk, year)] = row.number
    if village is not None and year is not None:
        recorded = _recorded(ctx, village, year)
        if recorded and not correction:
            row.error(
                "correction",
                _("%(village)s's income for %(year)s is already recorded; write 是 here and give the reason")
                % {"village": village.name, "year": year},
            )
        elif recorded and not reason:
            row.error("reason", _("a correction needs its reason"))
        elif not recorded and correction:
            row.error(
                "correction", _("%(year)s is not recorded yet; there is nothing to correct") % {"year": year}
            )
    row.check()
    income = collective_income_record(
        ctx.actor,
        village=village,
        year=year,
        amounts={key: amounts[key] for key, _label in INCOME_SOURCES},
        cooperative_gain=amounts["cooperative_gain"],
        correction=correction,
        reason=reason,
    )
    return _("%(village)s %(year)s: %(total)s yuan") % {
        "village": village.name,
        "year": year,
        "total": f"{income.total:,.2f}",
    }


SPEC = Spec(
    kind=KIND,
    label=gettext_lazy("Collective incomes"),
    columns=(
        Column("village_code", gettext_lazy("Village code"), required=True, example="", text=True, width=16),
        Column("year", gettext_lazy("Year"), required=True, example="", text=True, width=8),
        Column("operating", gettext_lazy("Operating income"), example="", width=14),
        Column("contracting", gettext_lazy("Contracting and remitted income"), example="", width=16),
        Column("investment", gettext_lazy("Investment income"), example="", width=14),
        Column("subsidy", gettext_lazy("Subsidy income"), example="", width=14),
        Column("other", gettext_lazy("Other income"), example="", width=14),
        Column(
            "cooperative_gain",
            gettext_lazy("Driven by cooperatives"),
            example="",
            help=gettext_lazy("The part of the increase driven by cooperatives (yuan)."),
            width=14,
        ),
        Column(
            "correction",
            gettext_lazy("Correction"),
            example="",
            help=gettext_lazy("是 to change a year already recorded."),
            width=8,
        ),
        Column("reason", gettext_lazy("Reason"), example="", width=24),
    ),
    write=write,
    field_columns={
        "village": "village_code",
        "year": "year",
        "reason": "reason",
        "cooperative_gain": "cooperative_gain",
        **{name: name for name, _label in INCOME_SOURCES},
    },
    notes=(gettext_lazy("Amounts in yuan, to the fen; an empty amount is 0. One row per village and year."),),
)


def register() -> None:
    from lianxin.imports.registry import import_spec_register

    import_spec_register(SPEC)


def incomes_import(actor, *, upload) -> dict:
    """Import a file of collective incomes at once (the rural import page and API): every row checked;
    any bad row and nothing is written. Returns {"written": n, "errors": [...], "sample": [...]}."""
    from lianxin.core.errors_domain import DomainError
    from lianxin.core.rights import require
    from lianxin.rural.services.land import INCOME_RECORD

    require(actor, INCOME_RECORD)
    rows = rows_read(upload, SPEC)
    if not rows:
        raise DomainError(_("The file has no rows."), code="empty")
    with transaction.atomic():
        outcome = rows_apply(spec=SPEC, actor=actor, rows=rows)
        if outcome.errors:
            transaction.set_rollback(True)
    return {
        "written": 0 if outcome.errors else outcome.written,
        "errors": outcome.errors,
        "sample": outcome.sample,
    }
