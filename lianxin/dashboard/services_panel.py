"""The dashboard's 服务与志愿 (services and volunteering) panel, fed by the two registries the apps plug into,
so a new app's figures appear here without a line of the dashboard changed:

- the generic roll-up (``rollups.registry``): every declared figure's total for the area and the period —
  service orders (and per mechanism), walk-ins, material notices, points awarded, alliance deal value,
  volunteer hours … — read from the roll-up rows (one indexed sum each);
- the territory tables of the services group (``rollups.tables``, group ``services``), the same tables as
  /coverage/figures/ and GET /api/v1/territory-figures/, for the area and the period.

The tables count within what the user may see; the whole panel is kept in the cache for
``LIANXIN_DASHBOARD_CACHE_SECONDS`` per user, area, period and language, as the dashboard's figures are."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language

from lianxin.core.caching import cached_computed


@dataclass(frozen=True)
class FigureLine:
    key: str
    label: str
    value: str
    unit: str
    count: int
    parts: tuple = ()  # (label, count) for a figure with a known breakdown


def _mechanisms(area, period) -> tuple:
    from lianxin.provision.figures import ORDERS
    from lianxin.provision.models import Mechanism
    from lianxin.rollups.selectors import rollup_sum

    return tuple(
        (
            str(label),
            rollup_sum(
                key=ORDERS,
                area_path=area.path,
                day_from=period.start,
                day_to=period.end,
                dims={"mechanism": code},
            ).count,
        )
        for code, label in Mechanism.choices
    )


def rollup_lines(*, area, period) -> list[FigureLine]:
    """Every registered roll-up figure's total for the area's subtree over the period."""
    from lianxin.rollups.registry import figures_all
    from lianxin.rollups.selectors import rollup_sum

    lines = []
    for figure in figures_all():
        total = rollup_sum(key=figure.key, area_path=area.path, day_from=period.start, day_to=period.end)
        parts = _mechanisms(area, period) if figure.key == "provision.service_orders" else ()
        lines.append(
            FigureLine(
                figure.key,
                str(figure.label),
                f"{total.value:.{figure.places}f}",
                str(figure.unit),
                total.count,
                parts,
            )
        )
    return lines


def services_panel(*, user, area, period) -> dict:
    from lianxin.rollups.tables import SERVICES, territory_tables_compute

    def compute():
        tables = territory_tables_compute(
            user=user, root=area, since=period.start, until=period.end, group=SERVICES
        )
        return {
            "figures": rollup_lines(area=area, period=period),
            "tables": [
                (str(title), [(str(r.label), str(r.value), str(r.note)) for r in rows])
                for title, rows in tables
            ],
            "computed_at": timezone.now(),
        }

    key = (
        f"lianxin:services-panel:{user.pk}:{area.pk}:{area.path}:{period.start}:{period.end}:{get_language()}"
    )
    return cached_computed(key, settings.LIANXIN_DASHBOARD_CACHE_SECONDS, compute)
