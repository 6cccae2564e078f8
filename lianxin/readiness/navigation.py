"""The readiness pages in the navigation: plans and drills for community and street staff, 我的动员 for those
a mobilisation calls."""

from django.utils.translation import gettext_lazy as _

from lianxin.core.navigation import NavItem, nav_register


def _staff(user) -> bool:
    from lianxin.volunteering.permissions import is_staff

    return user.is_authenticated and is_staff(user)


def _called(user) -> bool:
    from lianxin.readiness.selectors import is_called

    return is_called(user)


def register() -> None:
    nav_register(
        NavItem(
            "emergency_plans",
            _("Emergency plans"),
            "readiness:plans",
            "work",
            "clipboard",
            order=80,
            visible=_staff,
        )
    )
    nav_register(
        NavItem(
            "mobilisations", _("Mobilisations and drills"), "readiness:mobilisations", "work", "bell", order=81,  # noqa: E501
            visible=_staff,
        )
    )  # fmt: skip
    nav_register(
        NavItem(
            "mobilisations_mine",
            _("My mobilisations"),
            "readiness:mine",
            "work",
            "bell",
            order=82,
            visible=_called,
        )
    )
