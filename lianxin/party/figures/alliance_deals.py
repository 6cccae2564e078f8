"""The value of the deals struck in industry-chain alliances (P003-40), in yuan by the alliance's area and
the signing day, in the generic roll-up (``party.alliance_deal_value``). A deal is never changed or
deleted once recorded, so only ``deal_record`` adds to it. The lists' rows are
audit-registered with the rest of the party app's models (audit/registry.py)."""

from decimal import Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import under
from lianxin.party.models import AllianceDeal, AllianceDemand, DemandState
from lianxin.party.services.alliance_lists import DEAL_VALUE
from lianxin.rollups.registry import Contribution, Figure, Total, figure_register
from lianxin.rollups.tables import SERVICES, Row, TerritoryTable, territory_table_register


def deal_value_compute(*, area_path, day_from, day_to, dims=None) -> Total:
    rows = AllianceDeal.objects.filter(
        under("alliance__area_path", area_path), signed_on__gte=day_from, signed_on__lte=day_to
    )
    if dims:
        rows = rows.none()  # the figure has no dimensions
    sums = rows.aggregate(value=Sum("value"), count=Count("id"))
    return Total(value=Decimal(sums["value"] or 0), count=sums["count"] or 0)


def deal_value_source():
    rows = AllianceDeal.objects.exclude(alliance__area_path="").values_list(
        "alliance__area_path", "signed_on", "value"
    )
    for path, day, value in rows.iterator():
        yield Contribution(path, day, value)


def alliance_lists_table(*, user, root=None, since=None, until=None) -> list[Row]:
    """The alliances' lists the user may see under ``root``: demands by state (待对接, 已对接, 已完成), and
    the deals with their value in yuan (P003-38–40), all time: the lists pages' counts (``list_counts``)."""
    demands = AllianceDemand.objects.restrict(user)
    deals = AllianceDeal.objects.restrict(user)
    if root is not None:
        demands = demands.filter(under("alliance__area_path", root.path))
        deals = deals.filter(under("alliance__area_path", root.path))
    by_state = dict(demands.order_by().values_list("state").annotate(n=Count("id")))
    rows = [
        Row(_("demands: %(state)s") % {"state": label}, by_state.get(value, 0))
        for value, label in DemandState.choices
    ]
    sums = deals.aggregate(n=Count("id"), value=Sum("value"))
    rows.append(Row(_("deals"), sums["n"] or 0))
    rows.append(Row(_("deal value (yuan)"), (sums["value"] or Decimal("0")).quantize(Decimal("0.01"))))
    return rows


def register() -> None:
    territory_table_register(
        TerritoryTable(
            "party.alliance_lists",
            _("Alliance lists: demands and deals"),
            alliance_lists_table,
            800,
            SERVICES,
        )
    )
    figure_register(
        Figure(
            key=DEAL_VALUE,
            label=_("alliance deal value"),
            unit=_("yuan"),
            compute=deal_value_compute,
            source=deal_value_source,
            places=2,
        )
    )
