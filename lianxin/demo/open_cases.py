"""Open cases waiting for the demo's workers, so that each of them finds a to-do list on first sign-in.

The generated history (``cases_generate``) is mostly closed: a place holds a few cases of four months, and
the demo building captain's or grid worker's own place rarely has one still open. These are reported
through the real service, at each worker's own place, in a category the routing sends to him; the routing
decides, nothing is assigned by hand. Keys make a rerun add nothing.
"""

from lianxin.areas.models import Area
from lianxin.cases.models import Category, Channel, Kind
from lianxin.cases.routing import first_target
from lianxin.cases.services import case_report
from lianxin.core.paths import under
from lianxin.people.models import Post, User
from lianxin.people.roles import Role

PER_WORKER = 2
DESCRIPTIONS = {
    "stair_light": "楼道灯坏了，晚上看不见台阶",
    "water_leak": "楼上管道漏水，墙面渗水",
    "elevator": "电梯经常停在半层",
}
DEFAULT_DESCRIPTION = "居民反映的问题，请尽快处理"


def _place_of(user: User, role: str) -> Area | None:
    post = Post.objects.current().filter(person_id=user.person_id, role=role).select_related("area").first()
    return post.area if post and post.area_id else None


def _reaches(target, user: User, organisation_id=None) -> bool:
    if target.person is not None:
        return target.person.pk == user.person_id
    if target.organisation is not None:
        return target.organisation.pk == organisation_id
    return False


def _categories():
    leaves = Category.objects.filter(is_active=True, is_public=True, numchild=0, kind=Kind.PROBLEM)
    return list(leaves.order_by("path"))


def demo_open_cases_load() -> int:
    """Report PER_WORKER open cases for the building captain, the grid worker and the property company's
    staff, taken in on the hotline; returns how many reports were made (a rerun replays them)."""
    # The county's hotline desk takes the calls in (a staff channel): the organisation department's admin.
    desk = User.objects.filter(username="county_admin").first()
    if desk is None:
        return 0
    workers = [
        ("building_captain", Role.BUILDING_CAPTAIN),
        ("grid_worker", Role.GRID_WORKER),
        ("property_staff", Role.PROPERTY_STAFF),
    ]
    reported = 0
    categories = _categories()
    for username, role in workers:
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        post = Post.objects.current().filter(person_id=user.person_id, role=role).first()
        organisation_id = post.organisation_id if post else None
        place = _place_of(user, role) or _served_estate(organisation_id)
        building = _first_building(place)
        if building is None:
            continue
        chosen = [
            c
            for c in categories
            if _reaches(first_target(category=c, case_area=building), user, organisation_id)
        ]
        for i, category in enumerate(chosen[:PER_WORKER]):
            case_report(
                desk,
                category=category,
                area=building,
                description=DESCRIPTIONS.get(category.code, DEFAULT_DESCRIPTION),
                channel=Channel.HOTLINE,
                contact_name="来电居民",
                idempotency_key=f"demo-open-{username}-{i}",
            )
            reported += 1
    return reported


def _served_estate(organisation_id) -> Area | None:
    if organisation_id is None:
        return None
    from lianxin.people.models import EstateService

    service = EstateService.objects.filter(company_id=organisation_id).select_related("estate").first()
    return service.estate if service else None


def _first_building(place: Area | None) -> Area | None:
    if place is None:
        return None
    from lianxin.areas.models import Level

    if place.level == Level.BUILDING:
        return place
    return (
        Area.objects.filter(under("path", place.path), level=Level.BUILDING, retired_on__isnull=True)
        .order_by("path")
        .first()
    )
