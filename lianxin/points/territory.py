"""The points tables on the figures page, its workbook, the territory-figures API and the dashboard's
服务与志愿 panel (``rollups.tables``): points awarded in the period by source (what ``points.awarded`` in
the roll-up sums: awards less their reversals, at the place the person lived when paid), points spent on
rewards and refunded, and the balances held today by the people of the area."""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, OuterRef, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.paths import under
from lianxin.points.models import EntryKind, PointsAccount, PointsEntry
from lianxin.rollups.tables import (
    SERVICES,
    Row,
    TerritoryTable,
    paths_q,
    scope_paths,
    territory_table_register,
)

# What paid the points, in the words of the apps that pay (PointsEntry.source_kind).
SOURCE_LABELS = {
    "micro_wish": _("micro-wishes fulfilled"),
    "wish": _("micro-wishes fulfilled"),
    "service_project": _("service projects accepted"),
    "project": _("service projects accepted"),
    "activity_hours": _("activity hours"),
    "service_order": _("service orders"),
}


def _period(since: date | None, until: date | None) -> tuple[date, date]:
    today = timezone.localdate()
    return since or date(today.year, 1, 1), until or today


def _entries(user, root, since, until):
    since, until = _period(since, until)
    start = timezone.make_aware(datetime.combine(since, time.min))
    end = timezone.make_aware(datetime.combine(until + timedelta(days=1), time.min))
    return PointsEntry.objects.filter(
        paths_q("area_path", scope_paths(user, root)), created_at__gte=start, created_at__lt=end
    ), f"{since.isoformat()}—{until.isoformat()}"


def points_awarded(*, user, root=None, since=None, until=None) -> list[Row]:
    """Points awarded in the period by source, reversals taken off (the roll-up's ``points.awarded``)."""
    entries, span = _entries(user, root, since, until)
    awards = entries.filter(kind__in=[EntryKind.AWARD, EntryKind.REVERSAL])
    by_source = (
        awards.order_by()
        .values("source_kind")
        .annotate(points=Sum("amount"), awards=Count("pk"), people=Count("account", distinct=True))
        .order_by("source_kind")
    )
    rows = [
        Row(
            str(SOURCE_LABELS.get(r["source_kind"], r["source_kind"] or _("other"))),
            r["points"] or 0,
            _("%(n)d entries, %(people)d people") % {"n": r["awards"], "people": r["people"]},
        )
        for r in by_source
    ]
    total = awards.aggregate(points=Sum("amount"))["points"] or 0
    rows.append(Row(_("points awarded in all"), total, span))
    return rows


def points_spent(*, user, root=None, since=None, until=None) -> list[Row]:
    """Points spent on rewards in the period and those refunded (codes that expired unused)."""
    entries, span = _entries(user, root, since, until)
    redeemed = entries.filter(kind=EntryKind.REDEEM).aggregate(points=Sum("amount"), n=Count("pk"))
    refunded = entries.filter(kind=EntryKind.REFUND).aggregate(points=Sum("amount"), n=Count("pk"))
    return [
        Row(_("points redeemed"), -(redeemed["points"] or 0), _("%(n)d redemptions") % {"n": redeemed["n"]}),
        Row(_("points refunded"), refunded["points"] or 0, _("%(n)d refunds") % {"n": refunded["n"]}),
        Row(_("period"), span),
    ]


def points_balances(*, user, root=None, since=None, until=None) -> list[Row]:
    """Today's balances of the people living under the area the user may see: accounts, points held."""
    from lianxin.people.models import Person

    people = Person.objects.restrict(user)
    if root is not None:
        people = people.filter(under("area_path", root.path))
    last = PointsEntry.objects.filter(account=OuterRef("pk")).order_by("-seq").values("balance_after")[:1]
    balances = list(
        PointsAccount.objects.filter(person__in=people.values("pk"))
        .annotate(balance=Subquery(last))
        .values_list("balance", flat=True)
    )
    held = [b or 0 for b in balances]
    return [
        Row(_("points accounts"), len(held)),
        Row(_("points held"), sum(held), _("%(n)d accounts hold points") % {"n": sum(1 for b in held if b)}),
    ]


def register() -> None:
    for key, title, compute, order in (
        ("points.awarded", _("Points awarded by source"), points_awarded, 600),
        ("points.spent", _("Points redeemed and refunded"), points_spent, 605),
        ("points.balances", _("Points balances"), points_balances, 610),
    ):
        territory_table_register(TerritoryTable(key, title, compute, order, SERVICES))
