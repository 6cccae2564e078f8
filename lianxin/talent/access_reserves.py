"""The reserves part's routes in the authorization matrix (lianxin.core.access): pages and API answer those
who keep reserves (``reserve.keep``: secretaries and deputies, county_admin); a missing record is a 404 to
them and a 403 to everyone else. Writes with a JSON body are covered by the part's API tests."""

from lianxin.core.access import Rule, capable

_KEEP = capable("reserve.keep")
_TESTS = "lianxin/talent/tests/test_reserves_api.py (JSON body)"


def _missing(*names: str):
    return lambda w: {name: 999999 for name in names}


def _one(*names: str, method: str = "GET") -> Rule:
    return Rule(scoped=_KEEP, kwargs=_missing(*names), method=method)


ACCESS: dict = {
    # Pages (views/reserves.py).
    "talent/reserves/": Rule(allowed=_KEEP),
    "talent/reserves/export/": Rule(allowed=_KEEP),
    "talent/reserves/<int:pk>/": _one("pk"),
    "talent/candidates/": Rule(allowed=_KEEP),
    "talent/candidates/<int:pk>/": _one("pk"),
    "talent/selections/": Rule(allowed=_KEEP),
    "talent/programmes/": Rule(allowed=_KEEP),
    "talent/programmes/<int:pk>/": _one("pk"),
    # API (api/reserves_routers.py).
    "api/v1/reserves/": Rule(allowed=_KEEP),
    "api/v1/reserves/selections": Rule(allowed=_KEEP),
    "api/v1/reserves/<reserve_id>": _one("reserve_id"),
    "api/v1/reserves/<reserve_id>/appoint": Rule(skip=_TESTS),
    "api/v1/reserves/<reserve_id>/withdraw": _one("reserve_id", method="POST"),
    "api/v1/candidates/": Rule(allowed=_KEEP),
    "api/v1/candidates/<candidate_id>": _one("candidate_id"),
    "api/v1/candidates/<candidate_id>/gates": Rule(skip=_TESTS),
    "api/v1/candidates/<candidate_id>/appoint": Rule(skip=_TESTS),
    "api/v1/candidates/<candidate_id>/withdraw": _one("candidate_id", method="POST"),
    "api/v1/trainings/": Rule(allowed=_KEEP),
    "api/v1/trainings/<programme_id>": _one("programme_id"),
    "api/v1/trainings/<programme_id>/members": Rule(skip=_TESTS),
    "api/v1/trainings/<programme_id>/sessions": Rule(skip=_TESTS),
    "api/v1/trainings/<programme_id>/sessions/<session_id>/enrolments": Rule(skip=_TESTS),
    "api/v1/trainings/<programme_id>/sessions/<session_id>/attendance": Rule(skip=_TESTS),
}
