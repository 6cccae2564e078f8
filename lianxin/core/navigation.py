"""The shell's navigation: each app registers the pages it brings, the shell shows what the user may open.

Desktop shows every visible item in the side navigation, grouped by area of work; phones show the items
marked as tabs in the bottom bar, and every visible item in the 更多 drawer beside them (a worker has some
thirty pages: five tabs cannot hold them). Apps register in their AppConfig.ready(), so a new part of the
platform appears in the menu without touching the shell.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

SECTIONS = {
    "work": _("Daily work"),
    "account": _("My account"),
    "system": _("System"),
}


def _everyone(user) -> bool:
    return True


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url_name: str
    section: str
    icon: str = "dot"
    tab: bool = False
    order: int = 100
    visible: Callable = field(default=_everyone)

    def url(self) -> str:
        return reverse(self.url_name)


_registry: dict[str, NavItem] = {}


def nav_register(item: NavItem) -> None:
    if item.section not in SECTIONS:
        raise ValueError(f"unknown navigation section {item.section!r}")
    _registry[item.key] = item


def nav_items() -> dict[str, NavItem]:
    """Every registered menu entry by key, whoever may see it (the menu checks read them all)."""
    return dict(_registry)


def nav_for_user(user, *, current: str = "") -> dict:
    """The sections and tabs this user sees, with the current page marked."""
    items = sorted(
        (item for item in _registry.values() if item.visible(user)), key=lambda i: (i.order, i.key)
    )
    sections = []
    for key, label in SECTIONS.items():
        entries = [_entry(item, current) for item in items if item.section == key]
        if entries:
            sections.append({"key": key, "label": label, "items": entries})
    tabs = [_entry(item, current) for item in items if item.tab]
    # The drawer is marked current when the page shown is one no tab stands for.
    more_active = any(item.url_name == current and not item.tab for item in items)
    return {"sections": sections, "tabs": tabs, "more_active": more_active}


def _entry(item: NavItem, current: str) -> dict:
    return {
        "key": item.key,
        "label": item.label,
        "url": item.url(),
        "icon": item.icon,
        "active": item.url_name == current,
    }
