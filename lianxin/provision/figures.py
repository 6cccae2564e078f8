"""The provision app's figures in the generic roll-up, by area and day:

- ``provision.service_orders``: service orders placed, by the mechanism of their item
  (``dims={"mechanism": …}``): the reports grouped by the five mechanisms (P004-21);
- ``provision.walk_ins``: walk-ins (到站办事) recorded at windows, under the window's place (a station's
  estate), no dimensions;
- ``provision.material_notices``: material notices, first and second (``dims={"notice": "second"}``: a
  case needed another notice, the failure one-time notification is meant to prevent, P002-44).
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import under
from lianxin.rollups.registry import Contribution, Figure, Total, figure_register

ORDERS = "provision.service_orders"
WALK_INS = "provision.walk_ins"
NOTICES = "provision.material_notices"
FIRST, SECOND = "first", "second"


def notice_dims(seq: int) -> dict:
    return {"notice": SECOND if seq > 1 else FIRST}


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def notices_compute(*, area_path, day_from, day_to, dims=None) -> Total:
    from lianxin.provision.models import MaterialNotice

    rows = MaterialNotice.objects.filter(
        under("area_path", area_path),
        created_at__gte=_day_start(day_from),
        created_at__lt=_day_start(day_to + timedelta(days=1)),
    )
    if dims is not None:
        if set(dims) != {"notice"} or dims["notice"] not in (FIRST, SECOND):
            rows = rows.none()
        elif dims["notice"] == SECOND:
            rows = rows.filter(seq__gt=1)
        else:
            rows = rows.filter(seq=1)
    n = rows.aggregate(n=Count("pk"))["n"]
    return Total(value=Decimal(n), count=n)


def notices_source():
    from lianxin.provision.models import MaterialNotice

    for path, at, seq in MaterialNotice.objects.values_list("area_path", "created_at", "seq").iterator():
        yield Contribution(path, timezone.localdate(at), 1, notice_dims(seq))


def _orders(area_path=None):
    from lianxin.cases.models import Case, Kind

    rows = Case.objects.filter(kind=Kind.SERVICE_ORDER, category__service_item__isnull=False)
    return rows.filter(under("area_path", area_path)) if area_path else rows


def orders_compute(*, area_path, day_from, day_to, dims=None) -> Total:
    rows = _orders(area_path).filter(
        reported_at__gte=_day_start(day_from), reported_at__lt=_day_start(day_to + timedelta(days=1))
    )
    if dims is not None:
        if set(dims) != {"mechanism"}:
            rows = rows.none()
        else:
            rows = rows.filter(category__service_item__mechanism=dims["mechanism"])
    n = rows.aggregate(n=Count("pk"))["n"]
    return Total(value=Decimal(n), count=n)


def orders_source():
    rows = _orders().values_list("area_path", "reported_at", "category__service_item__mechanism")
    for path, at, mechanism in rows.iterator():
        yield Contribution(path, timezone.localdate(at), 1, {"mechanism": mechanism})


def order_placed(*, case, event):
    """Count a new service order under its item's mechanism, in the report's transaction."""
    from lianxin.provision.matching import service_item_of
    from lianxin.rollups.services import rollup_add

    item = service_item_of(case.category)
    if item is None:
        return
    rollup_add(
        key=ORDERS,
        area_path=case.area_path,
        day=timezone.localdate(case.reported_at),
        value=1,
        dims={"mechanism": item.mechanism},
    )


def walk_ins_compute(*, area_path, day_from, day_to, dims=None) -> Total:
    from lianxin.provision.models import WalkIn

    rows = WalkIn.objects.filter(
        under("area_path", area_path),
        at__gte=_day_start(day_from),
        at__lt=_day_start(day_to + timedelta(days=1)),
    )
    if dims:
        rows = rows.none()  # written without dimensions
    n = rows.aggregate(n=Count("pk"))["n"]
    return Total(value=Decimal(n), count=n)


def walk_ins_source():
    from lianxin.provision.models import WalkIn

    for path, at in WalkIn.objects.values_list("area_path", "at").iterator():
        yield Contribution(path, timezone.localdate(at), 1, {})


def register() -> None:
    from lianxin.cases.listeners import step_listener_register
    from lianxin.cases.models import Action, Kind
    from lianxin.provision import territory

    # The tables of the figures page, the API and the dashboard's 服务与志愿 panel (rollups.tables).
    territory.register()

    figure_register(
        Figure(
            key=ORDERS,
            label=_("service orders"),
            unit=_("orders"),
            compute=orders_compute,
            source=orders_source,
        )
    )
    step_listener_register(
        order_placed, steps=[Action.REPORT], kinds=[Kind.SERVICE_ORDER], name="provision.order_placed"
    )
    figure_register(
        Figure(
            key=NOTICES,
            label=_("material notices"),
            unit=_("notices"),
            compute=notices_compute,
            source=notices_source,
        )
    )
    figure_register(
        Figure(
            key=WALK_INS,
            label=_("walk-ins"),
            unit=_("walk-ins"),
            compute=walk_ins_compute,
            source=walk_ins_source,
        )
    )
