"""A resident's own service order (居民点单, P001-61, P004-23): the item he picks is reported through the
case engine at his home, where the intake router hands it to the best-matching provider and the payment
listener spends its points (``provision.routing``, ``provision.payment``)."""

from django.utils.translation import gettext as _

from lianxin.cases.intake import intake_check
from lianxin.cases.models import Channel
from lianxin.cases.services import case_report
from lianxin.core.errors_domain import DomainError
from lianxin.provision.models import ServiceItem


def service_order_place(actor, *, item: ServiceItem, note: str = "", area=None, idempotency_key: str = ""):
    """Report an order of ``item`` for the actor at ``area`` (his home when not given), through the same
    intake rule as the report page; the note says what he needs (the item's name when he says nothing)."""
    person = getattr(actor, "person", None)
    area = area or (person.area if person is not None else None)
    if area is None:
        raise DomainError(
            _("Your home is not on record: ask your community to record it, then order."), field="area"
        )
    intake_check(actor, category=item.category, area=area)
    return case_report(
        actor,
        category=item.category,
        area=area,
        description=(note or "").strip() or item.name,
        channel=Channel.H5,
        idempotency_key=idempotency_key,
    )
