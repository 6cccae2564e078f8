"""The land part's reads (issue 23): collective income and its tiers per year, land figures, the cluster's
per-capita income against the county's. Pages, the API and the Excel exports read these same functions, so
their numbers agree. Figures read the generic roll-up (rural.<key>, figures_land); ``*_direct`` compute
the same from the rows (the benchmark's baseline, the tests)."""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum

from lianxin.areas.models import Area, Level
from lianxin.core.paths import under
from lianxin.core.scope import VIEW, get_for_user, grants_for, outermost
from lianxin.rollups.models import FigureRollup
from lianxin.rollups.registry import figure_get, units_value
from lianxin.rural import figures_land as fig
from lianxin.rural.models import (
    CollectiveIncome,
    CollectiveIncomeCorrection,
    Consolidation,
    ContractKind,
    FarmlandRecord,
    LandContract,
    RuralIncomeFigure,
)

BEGINNING = date(1900, 1, 1)
ZERO = Decimal("0")


def collective_income_total(*, village, year: int) -> Decimal | None:
    """The village's recorded collective income (the five sources' sum) in ``year``; None when not recorded.
    Not restricted to a user: the caller (coops' rewards) has already checked the village is in scope."""
    return CollectiveIncome.objects.filter(area=village, year=year).values_list("total", flat=True).first()


def percent(part, whole, places: str = "0.1") -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


# -- roots ---------------------------------------------------------------------------------------------------


def roots_for(user) -> list[Area]:
    """The outermost areas the user's posts show, highest first."""
    if not getattr(user, "is_authenticated", False):
        return []
    paths = outermost(grants_for(user).area_paths[VIEW])
    return list(Area.objects.filter(path__in=paths).order_by("depth", "path"))


def root_resolve(user, area_id=None) -> Area | None:
    """The area asked for (404 outside the user's scope), else the user's highest area."""
    if area_id:
        return get_for_user(Area, user, area_id)
    roots = roots_for(user)
    return roots[0] if roots else None


def root_choices(user, root: Area | None) -> list[Area]:
    """The areas a page offers to look at: the user's roots, and the counties, townships and clusters
    under the current one."""
    roots = roots_for(user)
    if root is None:
        return roots
    below = Area.objects.filter(
        under("path", root.path),
        level__in=[Level.CITY, Level.COUNTY, Level.TOWNSHIP, Level.CLUSTER],
        retired_on__isnull=True,
    ).order_by("path")[:200]
    seen, out = set(), []
    for a in [*roots, *below]:
        if a.pk not in seen:
            seen.add(a.pk)
            out.append(a)
    return out


# -- collective income ---------------------------------------------------------------------------------------


def incomes_for(*, user, root: Area | None = None, year: int | None = None):
    rows = CollectiveIncome.objects.restrict(user, VIEW).select_related("area")
    if root is not None:
        rows = rows.filter(under("area_path", root.path))
    if year:
        rows = rows.filter(year=year)
    return rows.order_by("-year", "area_path")


def corrections_for(*, user, income: CollectiveIncome):
    return CollectiveIncomeCorrection.objects.restrict(user, VIEW).filter(income=income).order_by("-id")


def latest_year(root: Area | None) -> int:
    rows = CollectiveIncome.objects.all()
    if root is not None:
        rows = rows.filter(under("area_path", root.path))
    found = rows.order_by("-year").values_list("year", flat=True).first()
    return found or date.today().year - 1


@dataclass
class TierYear:
    year: int
    villages: int = 0
    tiers: list = field(default_factory=list)  # [(tier, count, share %, change vs the year before)]
    total: Decimal = ZERO
    cooperative_gain: Decimal = ZERO
    gain_villages: int = 0

    @property
    def gain_average(self) -> Decimal | None:
        if not self.gain_villages:
            return None
        return (self.cooperative_gain / self.gain_villages).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    def tier(self, n: int) -> dict:
        return self.tiers[n]


def _rollup_by_year(paths: list[str], years: list[int]) -> dict:
    """{(path, key, year): (value, count)} of the income figures, one query."""
    rows = (
        FigureRollup.objects.filter(
            key__in=fig.INCOME_KEYS,
            area_path__in=paths,
            day__gte=date(min(years), 1, 1),
            day__lte=date(max(years), 12, 31),
        )
        .values("area_path", "key", "day")
        .annotate(units=Sum("value"), count=Sum("count"))
        .order_by()
    )
    out: dict = {}
    for r in rows:
        k = (r["area_path"], r["key"], r["day"].year)
        v, c = out.get(k, (ZERO, 0))
        out[k] = (v + units_value(figure_get(r["key"]), r["units"]), c + int(r["count"]))
    return out


def _tier_years(sums: dict, path: str, years: list[int]) -> list[TierYear]:
    tiers = fig.income_tiers()
    out = []
    previous: TierYear | None = None
    for year in years:
        ty = TierYear(year=year)
        ty.villages = int(sums.get((path, fig.VILLAGES, year), (ZERO, 0))[0])
        for n, key in enumerate(fig.TIER_KEYS):
            count = int(sums.get((path, key, year), (ZERO, 0))[0])
            # No change against a year with nothing recorded (the first year of the records).
            known = previous is not None and previous.villages > 0
            change = count - previous.tiers[n]["count"] if known else None
            ty.tiers.append(
                {
                    "tier": tiers[n],
                    "count": count,
                    "share": percent(count, ty.villages),
                    "change": change,
                    "before": previous.tiers[n]["count"] if known else None,
                }
            )
        ty.total = sums.get((path, fig.INCOME, year), (ZERO, 0))[0]
        gain, gain_count = sums.get((path, fig.COOP_GAIN, year), (ZERO, 0))
        ty.cooperative_gain, ty.gain_villages = gain, gain_count
        out.append(ty)
        previous = ty
    return out


def income_tiers(*, root: Area, years: list[int]) -> list[TierYear]:
    """Per year (ascending): villages with an income recorded, the count at or above each tier with its
    share and its change against the year before, the total income and the cooperatives' part; from the
    roll-up (one query, whatever the area's size)."""
    years = sorted(years)
    # The year before the first, for the first year's change.
    span = [years[0] - 1, *years]
    rows = _tier_years(_rollup_by_year([root.path], span), root.path, span)
    return rows[1:]


def income_tiers_children(*, root: Area, year: int) -> list[tuple[Area, TierYear]]:
    """The tiers of one year for each area directly under ``root`` (the counties of a city, the townships
    of a county …), one query."""
    children = list(Area.objects.filter(path__startswith=root.path, depth=root.depth + 1).order_by("path"))
    if not children:
        return []
    sums = _rollup_by_year([c.path for c in children], [year - 1, year])
    return [(c, _tier_years(sums, c.path, [year - 1, year])[1]) for c in children]


def income_tiers_direct(*, root: Area, year: int) -> dict:
    """The same year's figures straight from the income rows (the benchmark's baseline and a check)."""
    low, high = fig.income_tiers()
    agg = CollectiveIncome.objects.filter(under("area_path", root.path), year=year).aggregate(
        villages=Count("id"),
        tier_low=Count("id", filter=Q(total__gte=low)),
        tier_high=Count("id", filter=Q(total__gte=high)),
        total=Sum("total"),
        gain=Sum("cooperative_gain"),
    )
    return {
        "villages": agg["villages"],
        "tiers": [agg["tier_low"], agg["tier_high"]],
        "total": agg["total"] or ZERO,
        "cooperative_gain": agg["gain"] or ZERO,
    }


def income_gaps(*, root: Area, year: int) -> dict:
    """Villages under ``root`` without a recorded income for ``year``, and those below the first tier."""
    villages = Area.objects.filter(under("path", root.path), level=Level.VILLAGE, retired_on__isnull=True)
    recorded = CollectiveIncome.objects.filter(under("area_path", root.path), year=year)
    low = fig.income_tiers()[0]
    missing = villages.exclude(pk__in=recorded.values("area_id")).order_by("path")
    below = recorded.filter(total__lt=low).select_related("area").order_by("total")
    return {
        "year": year,
        "villages": villages.count(),
        "missing_count": missing.count(),
        "missing": list(missing[:20]),
        "below_count": below.count(),
        "below": list(below[:20]),
        "tier": low,
    }


# -- per-capita income ---------------------------------------------------------------------------------------


def per_capita_for(*, user, root: Area | None = None):
    rows = RuralIncomeFigure.objects.restrict(user, VIEW).select_related("area")
    if root is not None:
        rows = rows.filter(Q(under("area_path", root.path)) | Q(area_path__in=_ancestors(root)))
    return rows.order_by("-year", "area_path")


def _ancestors(root: Area) -> list[str]:
    from lianxin.core.paths import ancestor_paths

    return ancestor_paths(root.path, include_self=False)


def per_capita_compare(*, root: Area, year: int) -> dict:
    """The clusters' rural per-capita disposable income against their county's in ``year``: the % above
    (P002-24). ``root`` a county, or anything under one (its county is used)."""
    county = root if root.level == Level.COUNTY else None
    if county is None:
        county = (
            Area.objects.filter(level=Level.COUNTY, path__in=_ancestors(root)).first()
            if root.level != Level.CITY
            else None
        )
    counties = (
        [county]
        if county
        else list(Area.objects.filter(under("path", root.path), level=Level.COUNTY).order_by("path")[:50])
    )
    # The latest year recorded up to ``year`` (the statistics office reports a year late).
    recorded = (
        RuralIncomeFigure.objects.filter(area__in=counties, year__lte=year)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    year = recorded or year
    rows = []
    for c in counties:
        county_row = RuralIncomeFigure.objects.filter(area=c, year=year).first()
        clusters = RuralIncomeFigure.objects.filter(
            under("area_path", c.path), area__level=Level.CLUSTER, year=year
        ).select_related("area")
        for cl in clusters.order_by("area_path"):
            if not cl.area_path.startswith(root.path) and not root.path.startswith(c.path):
                continue
            above = None
            if county_row and county_row.per_capita:
                above = percent(cl.per_capita - county_row.per_capita, county_row.per_capita)
            rows.append(
                {
                    "cluster": cl.area,
                    "cluster_value": cl.per_capita,
                    "county": c,
                    "county_value": county_row.per_capita if county_row else None,
                    "above": above,
                }
            )
    return {"year": year, "rows": rows}


# -- land ----------------------------------------------------------------------------------------------------


def contracts_for(*, user, root: Area | None = None, kind: str = "", on: date | None = None):
    rows = LandContract.objects.restrict(user, VIEW).select_related("area")
    if root is not None:
        rows = rows.filter(under("area_path", root.path))
    if kind:
        rows = rows.filter(kind=kind)
    if on is not None:
        rows = rows.filter(starts_on__lte=on, ends_on__gte=on)
    return rows.order_by("-starts_on", "-id")


def farmland_for(*, user, root: Area | None = None, year: int | None = None):
    rows = FarmlandRecord.objects.restrict(user, VIEW).select_related("area")
    if root is not None:
        rows = rows.filter(under("area_path", root.path))
    if year:
        rows = rows.filter(year=year)
    return rows.order_by("-year", "area_path")


def consolidations_for(*, user, root: Area | None = None, year: int | None = None):
    rows = Consolidation.objects.restrict(user, VIEW).select_related("area")
    if root is not None:
        rows = rows.filter(under("area_path", root.path))
    if year:
        rows = rows.filter(year=year)
    return rows.order_by("-year", "-id")


def _sum(key: str, root: Area, day_from: date, day_to: date) -> Decimal:
    units = (
        FigureRollup.objects.filter(
            key=key, area_path=root.path, day__gte=day_from, day__lte=day_to
        ).aggregate(units=Sum("value"))["units"]
        or 0
    )
    return units_value(figure_get(key), units)


def land_figures(*, root: Area, year: int, on: date | None = None) -> dict:
    """The land figures of an area: contracted farmland of the year, transfer and trusteeship in force on
    ``on`` (the year's last day, or today within the current year), the area-weighted transfer rate,
    trusteeship mu-times of the year, and the year's consolidations (gain per 1,000 mu)."""
    if on is None:
        today = date.today()
        on = today if today.year == year else date(year, 12, 31)
    contracted = _sum(fig.FARMLAND, root, date(year, 1, 1), date(year, 12, 31))
    transferred = _sum(fig.TRANSFERRED, root, BEGINNING, on)
    trusteeship = _sum(fig.TRUSTEESHIP, root, BEGINNING, on)
    mu_times = _sum(fig.MU_TIMES, root, date(year, 1, 1), date(year, 12, 31))
    cons = Consolidation.objects.filter(under("area_path", root.path), year=year).aggregate(
        n=Count("id"),
        mu=Sum("mu"),
        before=Sum("planted_before"),
        after=Sum("planted_after"),
        income=Sum("income_gained"),
    )
    cons_mu = cons["mu"] or ZERO
    gain = (cons["after"] or ZERO) - (cons["before"] or ZERO)
    return {
        "year": year,
        "on": on,
        "contracted_mu": contracted,
        "transferred_mu": transferred,
        "transfer_rate": percent(transferred, contracted),
        "trusteeship_mu": trusteeship,
        "trusteeship_mu_times": mu_times,
        "transferred_wan_mu": (transferred / 10000).quantize(Decimal("0.01")),
        "trusteeship_wan_mu": (trusteeship / 10000).quantize(Decimal("0.01")),
        "consolidations": cons["n"],
        "consolidated_mu": cons_mu,
        "planted_gain_mu": gain,
        "consolidation_income": cons["income"] or ZERO,
        "gain_per_thousand_mu": (gain * 1000 / cons_mu).quantize(Decimal("0.01")) if cons_mu else None,
        "income_per_thousand_mu": ((cons["income"] or ZERO) * 1000 / cons_mu).quantize(Decimal("0.01"))
        if cons_mu
        else None,
    }


def land_figures_direct(*, root: Area, year: int, on: date) -> dict:
    """Transfer and trusteeship in force on ``on`` straight from the contracts (a check)."""
    rows = LandContract.objects.filter(under("area_path", root.path), starts_on__lte=on, ends_on__gte=on)
    transferred = rows.filter(kind=ContractKind.TRANSFER).aggregate(s=Sum("mu"))["s"] or ZERO
    trusteeship = rows.filter(kind=ContractKind.TRUSTEESHIP).aggregate(s=Sum("mu"))["s"] or ZERO
    contracted = (
        FarmlandRecord.objects.filter(under("area_path", root.path), year=year).aggregate(
            s=Sum("contracted_mu")
        )["s"]
        or ZERO
    )
    return {"contracted_mu": contracted, "transferred_mu": transferred, "trusteeship_mu": trusteeship}
