"""The pool part's routes in the authorization matrix (lianxin.core.access): the talent pages and API read
through ``talent.view_talents`` (village and township secretaries, county_admin); a missing record is a 404
to them and a 403 to everyone else; the seconded secretary's village page answers a village post in force
and refuses everyone else (its menu item is hidden from them)."""

from lianxin.core.access import Rule, capable

_SEES = capable("talent.view_talents")
_TESTS = "lianxin/talent/tests/test_pool_api.py (JSON body)"


def _missing(*names: str):
    return lambda w: {name: 999999 for name in names}


def _one(name: str, method: str = "GET") -> Rule:
    return Rule(scoped=_SEES, kwargs=_missing(name), method=method)


ACCESS: dict = {
    # Pages (views/pool.py).
    "talent/": Rule(allowed=_SEES),
    "talent/<int:pk>/": _one("pk"),
    "talent/<int:pk>/visit/": _one("pk", "POST"),
    "talent/<int:pk>/return/": _one("pk", "POST"),
    "talent/channels/": Rule(allowed=_SEES),
    "talent/needs/": Rule(allowed=_SEES),
    "talent/needs/<int:pk>/": _one("pk"),
    "talent/needs/<int:pk>/contact/": _one("pk", "POST"),
    "talent/events/": Rule(allowed=_SEES),
    "talent/events/<int:pk>/": _one("pk"),
    "talent/events/<int:pk>/invite/": _one("pk", "POST"),
    "talent/events/<int:pk>/attendance/": _one("pk", "POST"),
    "talent/returns/": Rule(allowed=_SEES),
    "talent/returns/<int:pk>/": _one("pk"),
    "talent/returns/<int:pk>/follow-up/": _one("pk", "POST"),
    "talent/returns/<int:pk>/post/": _one("pk", "POST"),
    "talent/follow-ups-due/": Rule(allowed=_SEES),
    "talent/engagements/": Rule(allowed=_SEES),
    # Only a returnee's or first secretary's village post in force opens it (郭晓东 at 刘堂村).
    "talent/my-village/": Rule(allowed=frozenset({"seconded_secretary"})),
    # API (api/pool_routers.py).
    "api/v1/talents/": Rule(allowed=_SEES),
    "api/v1/talents/<talent_id>": _one("talent_id"),
    "api/v1/talents/<talent_id>/visits": Rule(skip=_TESTS),
    "api/v1/talent-needs/": Rule(allowed=_SEES),
    "api/v1/talent-needs/<need_id>": _one("need_id"),
    "api/v1/talent-needs/<need_id>/contacts": Rule(skip=_TESTS),
    "api/v1/talent-returns/": Rule(allowed=_SEES),
    "api/v1/talent-returns/<return_id>": _one("return_id"),
    "api/v1/talent-returns/<return_id>/follow-ups": _one("return_id"),
    "api/v1/talent-returns/<return_id>/posts": Rule(skip=_TESTS),
    "api/v1/outreach-events/": Rule(allowed=_SEES),
    "api/v1/outreach-events/<event_id>": _one("event_id"),
    "api/v1/outreach-events/<event_id>/invitations": Rule(skip=_TESTS),
    "api/v1/outreach-events/<event_id>/attendance": Rule(skip=_TESTS),
}
