"""Every read of the volunteering app, restricted to the user in its queryset (``restrict``): the pages and
the API call the same functions."""

from lianxin.volunteering.selectors.callouts import (
    callout_answers,
    callout_counts,
    callout_recipients,
    callouts_for,
    callouts_mine,
)
from lianxin.volunteering.selectors.pairings import (
    agreement_figures,
    agreements_for,
    needy_households,
    pairing_visits,
    pairings_for,
    sent_down_figures,
    sent_down_for,
    unpaired_by_area,
    unpaired_households,
)
from lianxin.volunteering.selectors.registrations import (
    pending_count,
    registrations_for,
    registrations_mine,
    service_records,
    unit_registrations_for,
)
from lianxin.volunteering.selectors.teams import team_figures, team_members, teams_for

__all__ = [
    "agreement_figures",
    "agreements_for",
    "needy_households",
    "pairing_visits",
    "pairings_for",
    "sent_down_figures",
    "sent_down_for",
    "unpaired_by_area",
    "unpaired_households",
    "callout_answers",
    "callout_counts",
    "callout_recipients",
    "callouts_for",
    "callouts_mine",
    "pending_count",
    "registrations_for",
    "registrations_mine",
    "service_records",
    "team_figures",
    "team_members",
    "teams_for",
    "unit_registrations_for",
]
