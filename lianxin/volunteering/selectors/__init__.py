"""Every read of the volunteering app, restricted to the user in its queryset (``restrict``): the pages and
the API call the same functions."""

from lianxin.volunteering.selectors.registrations import (
    pending_count,
    registrations_for,
    registrations_mine,
    unit_registrations_for,
)
from lianxin.volunteering.selectors.teams import team_figures, team_members, teams_for

__all__ = [
    "pending_count",
    "registrations_for",
    "registrations_mine",
    "team_figures",
    "team_members",
    "teams_for",
    "unit_registrations_for",
]
