"""Paying for a service in points (服务换服务, P002-61): ordering an item whose ``points_price`` is above 0
spends that many points of the person the order is for, in the report's own transaction; an order the
platform never serves gives them back.

- Payment: a step listener on the report of a service order placed by a resident or for one (reporter
  group resident: his own report, or a worker's on his behalf, such as a walk-in at a window). The entry is
  a spend on the points ledger (kind redeem, ``-points_price``) keyed ``order:<case id>``; without enough
  points the listener raises 409 积分不足 and the report rolls back whole: no case, no event, no entry.
- Refund: a step listener on the two steps that end an order unserved, 不予受理 (``reject``, reported or
  accepted → rejected) and 合并 (``merge``, the order repeats another → merged). A closed order was
  handled (``close`` only follows a handled or verified case) and keeps its payment. The refund (kind refund,
  ``+points_price``) is keyed ``order-refund:<case id>``: one per order.

The points app's ``points_spend`` and ``points_refund`` write the entries: the account row is locked, the
chain stays whole, the balance never goes below 0 and each key is written once per account.
"""

from django.utils.translation import gettext as _

from lianxin.cases.models import ReporterGroup
from lianxin.core.errors_domain import DomainError
from lianxin.points.models import EntryKind, PointsEntry
from lianxin.points.services import points_refund, points_spend
from lianxin.provision.matching import service_item_of

SOURCE = "service_order"


def order_key(case) -> str:
    return f"order:{case.pk}"


def refund_key(case) -> str:
    return f"order-refund:{case.pk}"


def order_pay(*, case, event) -> None:
    """Spend the item's price from the points of the person the order is for (its reporter)."""
    if case.reporter_group != ReporterGroup.RESIDENT:
        # A worker's or a level's own order (代居民点单 without naming the resident, a patrol's finding) is
        # the level's to give: nobody's points pay for it.
        return
    item = service_item_of(case.category)
    if item is None or not item.points_price:
        return
    if case.reporter is None:
        raise DomainError(
            _("This service is paid in points: order it for the person who pays them."), field="on_behalf_of"
        )
    points_spend(
        event.actor,
        person=case.reporter,
        amount=item.points_price,
        key=order_key(case),
        reason=item.name,
        source_kind=SOURCE,
        source_id=case.pk,
    )


def order_paid(case) -> PointsEntry | None:
    return (
        PointsEntry.objects.filter(key=order_key(case), source_kind=SOURCE, kind=EntryKind.REDEEM)
        .select_related("account__person")
        .first()
    )


def order_refund(*, case, event) -> None:
    """Give back what an order unserved was paid."""
    paid = order_paid(case)
    if paid is None:
        return
    points_refund(event.actor, entry=paid, key=refund_key(case))


def register() -> None:
    from lianxin.cases.listeners import step_listener_register
    from lianxin.cases.models import Action, Kind

    # Before the notices (900): a refused payment refuses the report, and nobody hears of it.
    step_listener_register(
        order_pay, steps=[Action.REPORT], kinds=[Kind.SERVICE_ORDER], name="provision.order_pay"
    )
    step_listener_register(
        order_refund,
        steps=[Action.REJECT, Action.MERGE],
        kinds=[Kind.SERVICE_ORDER],
        name="provision.order_refund",
    )
