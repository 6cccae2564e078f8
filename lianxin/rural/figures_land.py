"""The land part's figures on the generic roll-up (``rural.<key>``, docs/rural/land.md "指标"), yearly:

- ``villages_with_income``: villages with a recorded collective income (1 per village-year, on 1 January);
- ``income_tier_100k`` / ``income_tier_500k``: of them, those at or above the first / second tier of
  ``LIANXIN_INCOME_TIERS`` (cumulative: a village of 600,000 is in both);
- ``collective_income``: the villages' collective income (yuan); ``cooperative_gain``: the increase driven
  by cooperatives (yuan; counted for the villages with one, for the per-village average);
- ``farmland_contracted``: contracted farmland (mu) of the year's records;
- ``land_transferred`` / ``land_trusteeship``: mu of contracts, +mu on the first day and −mu (count −1) the
  day after the last: summed from the beginning to a day, the contracts in force that day;
- ``trusteeship_mu_times``: mu × service links of each trusteeship, once in every year it is in force
  (on its first day in that year).

Every write adds its contributions in its own transaction (services/land.py); ``source`` gives them from the
rows, ``compute`` sums them for one area and a span of days (the tests' ``assert_rollup_matches``).
"""

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from lianxin.core.paths import under
from lianxin.rollups.registry import Contribution, Figure, Total, figure_register

VILLAGES = "rural.villages_with_income"
TIER_KEYS = ("rural.income_tier_100k", "rural.income_tier_500k")
INCOME = "rural.collective_income"
COOP_GAIN = "rural.cooperative_gain"
FARMLAND = "rural.farmland_contracted"
TRANSFERRED = "rural.land_transferred"
TRUSTEESHIP = "rural.land_trusteeship"
MU_TIMES = "rural.trusteeship_mu_times"

INCOME_KEYS = (VILLAGES, *TIER_KEYS, INCOME, COOP_GAIN)
LAND_KEYS = (FARMLAND, TRANSFERRED, TRUSTEESHIP, MU_TIMES)
ALL_KEYS = INCOME_KEYS + LAND_KEYS


def income_tiers() -> list[Decimal]:
    """The two tiers (yuan), from LIANXIN_INCOME_TIERS (100,000 and 500,000 by default)."""
    tiers = [Decimal(v) for v in settings.LIANXIN_INCOME_TIERS][:2]
    return tiers + [Decimal("500000")] * (2 - len(tiers))


def year_day(year: int) -> date:
    return date(year, 1, 1)


def _add(out: dict, key: str, path: str, day: date, value, count: int = 1) -> None:
    v, c = out.get((key, path, day), (0, 0))
    out[(key, path, day)] = (v + value, c + count)


def income_contributions(row) -> dict:
    """{(key, area_path, day): (value, count)} of one CollectiveIncome row."""
    out: dict = {}
    day, path = year_day(row.year), row.area_path
    _add(out, VILLAGES, path, day, 1)
    for key, tier in zip(TIER_KEYS, income_tiers(), strict=True):
        if row.total >= tier:
            _add(out, key, path, day, 1)
    _add(out, INCOME, path, day, row.total)
    if row.cooperative_gain > 0:
        _add(out, COOP_GAIN, path, day, row.cooperative_gain)
    return out


def farmland_contributions(row) -> dict:
    return {(FARMLAND, row.area_path, year_day(row.year)): (row.contracted_mu, 1)}


def contract_contributions(contract) -> dict:
    from lianxin.rural.models import ContractKind

    out: dict = {}
    key = TRANSFERRED if contract.kind == ContractKind.TRANSFER else TRUSTEESHIP
    _add(out, key, contract.area_path, contract.starts_on, contract.mu, 1)
    _add(out, key, contract.area_path, contract.ends_on + timedelta(days=1), -contract.mu, -1)
    if contract.kind == ContractKind.TRUSTEESHIP:
        for year in range(contract.starts_on.year, contract.ends_on.year + 1):
            day = max(contract.starts_on, year_day(year))
            _add(out, MU_TIMES, contract.area_path, day, contract.mu * contract.links, 1)
    return out


def _rows_contributions(key: str, area_path: str | None = None):
    """Every contribution to ``key`` from the rows (under ``area_path`` when given)."""
    from lianxin.rural.models import CollectiveIncome, ContractKind, FarmlandRecord, LandContract

    if key in INCOME_KEYS:
        rows = CollectiveIncome.objects.all()
        build = income_contributions
    elif key == FARMLAND:
        rows = FarmlandRecord.objects.all()
        build = farmland_contributions
    else:
        kind = ContractKind.TRANSFER if key == TRANSFERRED else ContractKind.TRUSTEESHIP
        rows = LandContract.objects.filter(kind=kind)
        build = contract_contributions
    if area_path:
        rows = rows.filter(under("area_path", area_path))
    for row in rows.order_by("pk").iterator(chunk_size=2000):
        for (k, path, day), (value, count) in build(row).items():
            if k == key:
                yield Contribution(area_path=path, day=day, value=value, count=count)


def _source(key: str):
    return lambda: _rows_contributions(key)


def _compute(key: str):
    def compute(*, area_path: str, day_from: date, day_to: date, dims=None) -> Total:
        if dims:  # no dimensions are written
            return Total(Decimal(0), 0)
        value, count = Decimal(0), 0
        for c in _rows_contributions(key, area_path):
            if day_from <= c.day <= day_to:
                value += c.value
                count += c.count
        return Total(value, count)

    return compute


LABELS = {
    VILLAGES: (_("villages with a collective income recorded"), _("villages"), 0),
    TIER_KEYS[0]: (_("villages with a collective income of 100,000 yuan or more"), _("villages"), 0),
    TIER_KEYS[1]: (_("villages with a collective income of 500,000 yuan or more"), _("villages"), 0),
    INCOME: (_("collective income"), _("yuan"), 2),
    COOP_GAIN: (_("increase driven by cooperatives"), _("yuan"), 2),
    FARMLAND: (_("contracted farmland"), _("mu"), 2),
    TRANSFERRED: (_("land transferred (in force)"), _("mu"), 2),
    TRUSTEESHIP: (_("land in trusteeship (in force)"), _("mu"), 2),
    MU_TIMES: (_("trusteeship mu-times"), _("mu-times"), 2),
}


FIGURES = {
    key: Figure(
        key=key,
        label=LABELS[key][0],
        unit=LABELS[key][1],
        places=LABELS[key][2],
        compute=_compute(key),
        source=_source(key),
    )
    for key in ALL_KEYS
}


def register() -> None:
    for figure in FIGURES.values():
        figure_register(figure)


def contributions_sum(contributions) -> dict:
    total: dict = defaultdict(lambda: (0, 0))
    for k, (v, c) in contributions.items():
        v0, c0 = total[k]
        total[k] = (v0 + v, c0 + c)
    return dict(total)
