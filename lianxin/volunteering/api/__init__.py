"""The volunteering app's API routers, mounted by lianxin/api.py."""

from lianxin.volunteering.api.activities import router as activities_router
from lianxin.volunteering.api.callouts import router as callouts_router
from lianxin.volunteering.api.pairings import agreements_router, sent_down_router
from lianxin.volunteering.api.pairings import router as pairings_router
from lianxin.volunteering.api.registrations import router as registrations_router
from lianxin.volunteering.api.registrations import units_router as unit_registrations_router
from lianxin.volunteering.api.teams import router as teams_router

__all__ = [
    "activities_router",
    "agreements_router",
    "callouts_router",
    "pairings_router",
    "registrations_router",
    "sent_down_router",
    "teams_router",
    "unit_registrations_router",
]
