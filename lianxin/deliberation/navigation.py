"""The deliberation pages in the shell's navigation: 议事协商 for everyone with a person (topics and
public meetings); the meetings list and the rota for staff and workers; missed meetings and the forum for
staff."""

from django.utils.translation import gettext_lazy as _

from lianxin.core.navigation import NavItem, nav_register
from lianxin.deliberation.permissions import is_recorder, is_staff


def _sees_topics(user) -> bool:
    from lianxin.deliberation.views.topics import sees_topics

    return sees_topics(user)


def register() -> None:
    """Called from DeliberationConfig.ready()."""
    for item in [
        NavItem(
            "deliberation_home",
            _("Deliberation"),
            "deliberation:home",
            "work",
            "users",
            order=80,
            visible=_sees_topics,
        ),
        NavItem(
            "deliberation_meetings",
            _("Meetings"),
            "deliberation:meetings",
            "work",
            "clipboard",
            order=81,
            visible=is_recorder,
        ),
        NavItem(
            "deliberation_missed",
            _("Missed meetings"),
            "deliberation:missed",
            "work",
            "bell",
            order=82,
            visible=is_staff,
        ),
        NavItem(
            "deliberation_forums",
            _("Secretaries' forum"),
            "deliberation:forums",
            "work",
            "users",
            order=83,
            visible=is_staff,
        ),
        NavItem(
            "deliberation_rota",
            _("Deputies' studio rota"),
            "deliberation:rota",
            "work",
            "list",
            order=84,
            visible=is_recorder,
        ),
    ]:
        nav_register(item)
