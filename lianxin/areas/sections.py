"""Sections other apps add to an area's page (``/areas/<pk>/``), without editing the areas app.

An app registers, from its ``AppConfig.ready()``, ``area_section_register(render, name=…)`` with
``render(*, user, area) -> str``: the section's HTML (rendered by the app from its own template, already
restricted to what the user may see), or "" when it has nothing for this area. The page shows them in the
order registered, after the area's key items.
"""

from collections.abc import Callable

from django.utils.safestring import mark_safe

_sections: dict[str, Callable] = {}


def area_section_register(render: Callable, *, name: str) -> None:
    _sections[name] = render


def area_sections(*, user, area) -> list[str]:
    """The registered sections' HTML for this user and area, empty ones left out."""
    rendered = (render(user=user, area=area) for render in _sections.values())
    return [mark_safe(html) for html in rendered if html]  # noqa: S308 - each app renders its own template  # nosec B308 B703
