"""The leaders' panel of the home page: for a secretary, a committee member or the county's organisation
department, the key figures of his area over the dashboard's default period (with their change and
target), how many cases are overdue, what waits on him and on his level, and the way to the queue, the
dashboard, the big screen and the bulletins. Every number opens the cases it counts.

Registered as a workbench panel from DashboardConfig.ready() (lianxin.core.workbench), so the core knows
nothing of the dashboard.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from lianxin.cases.figures import figures_change
from lianxin.cases.selectors import CaseFilters, case_list
from lianxin.core.caching import cached_computed
from lianxin.core.rights import paths_with
from lianxin.dashboard.selectors import Choice, cases_url, choice_from, dashboard_roots, figure_cards

KEY_FIGURES = ["resolution_rate", "on_time_rate", "one_pass_rate", "satisfaction_rate"]
MAX_AREAS = 3  # a leader with posts over more areas finds the others on the dashboard


def _queue_url(**params) -> str:
    return reverse("cases:staff_queue") + "?" + urlencode(params)


def _figures(*, area, choice: Choice):
    """This period's and the previous one's figures of the area, shared by everyone who sees it for the
    dashboard's cache time (the home page is opened far more often than the dashboard)."""
    return cached_computed(
        f"lianxin:leaders:{area.pk}:{area.path}:{choice.query()}",
        settings.LIANXIN_DASHBOARD_CACHE_SECONDS,
        lambda: figures_change(area=area, period=choice.period, **choice.filters()),
    )


def leader_area_summary(*, user, area, choice: Choice) -> dict:
    current, previous = _figures(area=area, choice=choice)
    cards = {c["key"]: c for c in figure_cards(area=area, choice=choice, current=current, previous=previous)}

    def count(**filters) -> int:
        return case_list(user=user, filters=CaseFilters(area=area, **filters)).count()

    waiting = [
        {
            "key": "overdue",
            "label": _("Overdue, still open"),
            "count": count(overdue=True),
            "url": _queue_url(area=area.pk, overdue=1),
            "alarm": True,
        },
        {
            "key": "pool",
            "label": _("Waiting at my level to be taken or sent on"),
            "count": count(handler="pool"),
            "url": _queue_url(area=area.pk, handler="pool", state="open"),
        },
        {
            "key": "extension_pending",
            "label": _("Extensions waiting for a decision"),
            "count": count(extension_pending=True),
            "url": _queue_url(area=area.pk, extension_pending=1),
        },
        {
            "key": "return_disputed",
            "label": _("Returns in dispute"),
            "count": count(return_disputed=True),
            "url": _queue_url(area=area.pk, return_disputed=1),
        },
        {
            "key": "mine",
            "label": _("Sent to me"),
            "count": count(handler="me"),
            "url": _queue_url(area=area.pk, handler="me", state="open"),
        },
    ]
    query = f"area={area.pk}&{choice.query()}"
    return {
        "area": area,
        "reported": current.reported,
        "reported_url": cases_url(area=area, choice=choice, figure="reported"),
        "reported_before": previous.reported,
        "figures": [cards[key] for key in KEY_FIGURES],
        "waiting": waiting,
        "links": [
            (_("Case queue"), _queue_url(area=area.pk, state="open")),
            (_("Dashboard"), f"{reverse('dashboard:index')}?{query}"),
            (_("Big screen"), f"{reverse('dashboard:screen')}?{query}"),
            (_("Figure tables"), f"{reverse('dashboard:table')}?{query}"),
            (_("Weekly bulletins"), f"{reverse('dashboard:bulletins')}?area={area.pk}"),
        ],
    }


def leaders_panel(*, user) -> dict | None:
    """The panel's context for a user who leads at a level (a post over an area with "dashboard.lead") and
    has a dashboard; None for everyone else (workers keep their queue, residents their cases)."""
    if not paths_with(user, "dashboard.lead"):
        return None
    roots = dashboard_roots(user=user)
    if not roots:
        return None
    choice = choice_from({})
    return {
        "caption": choice.caption,
        "areas": [leader_area_summary(user=user, area=area, choice=choice) for area in roots[:MAX_AREAS]],
        "more": len(roots) > MAX_AREAS,
    }
