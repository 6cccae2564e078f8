"""The volunteering pages in the shell's navigation: 志愿者报到 for everyone with a person (residents on
their phones), the vetting lists for community staff and for those who keep a unit's party organisation."""

from dataclasses import replace

from django.utils.translation import gettext_lazy as _

from lianxin.core.navigation import NavItem, nav_register
from lianxin.volunteering.permissions import has_person, is_staff


def _keeps_units(user) -> bool:
    from lianxin.volunteering.views.registrations import keeps_units

    return keeps_units(user)


def _sees_teams(user) -> bool:
    from lianxin.volunteering.views.teams import sees_teams

    return sees_teams(user)


def _is_called(user) -> bool:
    from lianxin.volunteering.views.callouts import is_called

    return is_called(user)


def _in_a_pairing(user) -> bool:
    from lianxin.volunteering.views.pairings import in_a_pairing

    return in_a_pairing(user)


def register() -> None:
    """Called from VolunteeringConfig.ready()."""
    items = [
        NavItem("volunteer_register", _("Volunteer registration"), "volunteering:register", "work", "users"),
        NavItem(
            "volunteer_vetting", _("Volunteer registrations"), "volunteering:vetting", "work", "clipboard"
        ),
        NavItem("unit_registrations", _("Unit registrations"), "volunteering:units", "work", "clipboard"),
        NavItem("volunteer_teams", _("Volunteer teams"), "volunteering:teams", "work", "users"),
        NavItem("callouts", _("Call-outs"), "volunteering:callouts", "work", "bell"),
        NavItem("callouts_mine", _("My call-outs"), "volunteering:callouts_mine", "work", "bell"),
        NavItem("pairings", _("Pairings"), "volunteering:pairings", "work", "home"),
        NavItem("service_projects", _("Service projects"), "volunteering:projects", "work", "list"),
        NavItem("co_building", _("Co-building agreements"), "volunteering:agreements", "work", "clipboard"),
        NavItem("sent_down", _("People sent down"), "volunteering:sent_down", "work", "users"),
    ]
    visible = {
        "volunteer_register": has_person,
        "volunteer_vetting": is_staff,
        "unit_registrations": _keeps_units,
        "volunteer_teams": _sees_teams,
        "callouts": is_staff,
        "callouts_mine": _is_called,
        "pairings": _in_a_pairing,
        "service_projects": is_staff,
        "co_building": _keeps_units,
        "sent_down": is_staff,
    }
    items = [replace(item, order=60 + n, visible=visible[item.key]) for n, item in enumerate(items)]
    for item in items:
        nav_register(item)
