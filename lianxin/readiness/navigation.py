"""The readiness pages in the navigation: plans and drills for community and street staff, 我的动员 for those
a mobilisation calls."""

from django.utils.translation import gettext_lazy as _

from lianxin.core.navigation import NavItem, nav_register


def _staff(user) -> bool:
    from lianxin.volunteering.permissions import is_staff

    return user.is_authenticated and is_staff(user)


def _called(user) -> bool:
    # Anyone a mobilisation may call (a person); the page has an empty state for who was never called.
    # No query here: the menu asks it on every page.
    return bool(user.is_authenticated and user.person_id)


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


def mine_panel(*, user) -> dict | None:
    """The mobilisations still waiting for the user's answer (the last seven days), on his workbench."""
    if not user.is_authenticated or not user.person_id:
        return None
    from datetime import timedelta

    from django.utils import timezone

    from lianxin.readiness.selectors import mine

    since = timezone.now() - timedelta(days=7)
    waiting = [r for r, answer in mine(user=user) if answer is None and r.mobilisation.launched_at >= since]
    return {"waiting": waiting[:5], "count": len(waiting)} if waiting else None


def workbench_register() -> None:
    from lianxin.core.workbench import WorkbenchPanel, workbench_panel_register

    workbench_panel_register(
        WorkbenchPanel(
            "readiness_mine", "readiness/_workbench_mine.html", mine_panel, order=54, region="grid"
        )
    )
