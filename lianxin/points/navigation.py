"""The points pages in the shell's navigation: every person has points (积分); partner shop staff have
the 核销 page (a phone tab: it is what they open the platform for)."""

from django.utils.translation import gettext_lazy as _

from lianxin.core.navigation import NavItem, nav_register
from lianxin.points.shops import is_shop_staff


def _has_person(user) -> bool:
    return bool(user.person_id)


def register() -> None:
    items = [
        NavItem("points_home", _("Points"), "points:home", "work", "flag", False, 35, _has_person),
        NavItem(
            "points_shop",
            _("Confirm redemptions"),
            "points:shop",
            "work",
            icon="clipboard",
            tab=True,
            order=12,
            visible=is_shop_staff,
        ),
    ]
    for item in items:
        nav_register(item)
