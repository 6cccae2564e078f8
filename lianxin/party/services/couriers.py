"""Couriers and their one fixed grid worker (P003-27): linking, and the report of grid workers outside
2–3 couriers and couriers with none."""

from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.models import Area
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, under
from lianxin.party.models.couriers import CourierLink
from lianxin.people.models import Person, Post
from lianxin.people.roles import Role

COURIER_TAG = "courier"


def couriers_per_grid_worker() -> tuple[int, int]:
    """P003-27: each grid worker keeps 2–3 couriers (a setting, the seed's numbers by default)."""
    return tuple(getattr(settings, "LIANXIN_COURIERS_PER_GRID_WORKER", (2, 3)))


def _grid_post(grid_worker: Person) -> Post | None:
    return (
        Post.objects.current()
        .filter(person=grid_worker, role=Role.GRID_WORKER, area__isnull=False)
        .select_related("area")
        .order_by("start_date", "id")
        .first()
    )


@transaction.atomic
def courier_link_set(*, actor, courier: Person, grid_worker: Person, group_name: str) -> CourierLink:
    """Link a courier to his one fixed grid worker (replacing an earlier one), with the WeChat group."""
    group_name = (group_name or "").strip()
    if not group_name:
        raise DomainError(_("Enter the name of the WeChat group."), code="required", field="group_name")
    if not courier.tags.filter(code=COURIER_TAG).exists():
        raise DomainError(
            _("%(name)s is not registered as a courier.") % {"name": courier.name},
            code="not_courier",
            field="courier",
        )
    post = _grid_post(grid_worker)
    if post is None:
        raise DomainError(
            _("%(name)s holds no current grid-worker post.") % {"name": grid_worker.name},
            code="not_grid_worker",
            field="grid_worker",
        )
    if not Area.objects.restrict(actor, CHANGE).filter(pk=post.area_id).exists():
        raise DomainError(
            _("You may not change the links of %(area)s.") % {"area": post.area.name}, code="forbidden"
        )
    link = CourierLink.objects.filter(courier=courier).first()
    if link is None:
        return CourierLink.objects.create(
            courier=courier, grid_worker=grid_worker, area=post.area, group_name=group_name
        )
    link.grid_worker = grid_worker
    link.area = post.area
    link.group_name = group_name
    link.since = timezone.localdate()
    link.save()
    return link


def courier_links_list(*, user, root: Area | None = None):
    links = CourierLink.objects.restrict(user).select_related("courier", "grid_worker", "area")
    if root is not None:
        links = links.filter(under("area__path", root.path))
    return links.order_by("area__path", "grid_worker__name", "courier__name")


@dataclass
class GridWorkerLoad:
    grid_worker: Person
    area: Area
    couriers: int


def courier_link_gaps(*, user, root: Area | None = None) -> tuple[list[GridWorkerLoad], list[Person]]:
    """Grid workers in scope with fewer or more couriers than 2–3, and couriers in scope with no grid
    worker."""
    low, high = couriers_per_grid_worker()
    posts = Post.objects.restrict(user).current().filter(role=Role.GRID_WORKER, area__isnull=False)
    if root is not None:
        posts = posts.filter(under("area_path", root.path))
    posts = posts.select_related("person", "area").order_by("area_path", "person__name", "id")
    counts = Counter(CourierLink.objects.values_list("grid_worker_id", flat=True))
    loads, seen = [], set()
    for post in posts:
        if post.person_id in seen:
            continue
        seen.add(post.person_id)
        n = counts.get(post.person_id, 0)
        if not low <= n <= high:
            loads.append(GridWorkerLoad(post.person, post.area, n))
    couriers = Person.objects.restrict(user).filter(tags__code=COURIER_TAG, courier_link__isnull=True)
    if root is not None:
        couriers = couriers.filter(under("area_path", root.path))
    return loads, list(couriers.distinct().order_by("area_path", "name"))


def courier_choices(*, user):
    return Person.objects.restrict(user).filter(tags__code=COURIER_TAG).distinct().order_by("name")


def grid_worker_choices(*, user):
    ids = (
        Post.objects.restrict(user, CHANGE)
        .current()
        .filter(role=Role.GRID_WORKER)
        .values_list("person_id", flat=True)
    )
    return Person.objects.filter(pk__in=list(ids)).order_by("name")
