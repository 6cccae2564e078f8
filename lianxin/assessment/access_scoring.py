"""The scoring part's routes in the authorization matrix.

The lists open to the staff who mark (``assessment.mark``: secretaries, the organisation department …) and
the reviewers; results and fees also to a property company's staff (his company's rows, read only). Single
objects are asked for with an id nobody holds: 404 for everyone. The API lists answer everyone with what
his posts reach.
"""

from lianxin.core.access import ANYONE, Rule, capable, everyone, holding

_TESTS = "lianxin/assessment/tests/test_scoring_api.py (JSON body)"
_MARKERS = capable("assessment.mark") | holding("reviewer")
_READERS = _MARKERS | holding("property_staff")
_RESULT_READERS = _READERS | holding("building_captain", "department_staff")


def _missing(*names: str):
    return lambda w: {name: 999999 for name in names}


def _scoped(*names: str, **kwargs) -> Rule:
    return Rule(scoped=ANYONE, kwargs=_missing(*names), **kwargs)


ACCESS: dict = {
    "assessment/schemes/": Rule(allowed=_MARKERS),
    "assessment/schemes/<int:pk>/": _scoped("pk"),
    "assessment/schemes/<int:pk>/export/": _scoped("pk"),
    "assessment/results/": Rule(allowed=_RESULT_READERS),
    "assessment/results/export/": Rule(allowed=_RESULT_READERS),
    "assessment/fees/": Rule(allowed=_READERS),
    "assessment/fees/export/": Rule(allowed=_READERS),
    "assessment/five-haves/": Rule(allowed=_MARKERS),
    "assessment/five-haves/export/": Rule(allowed=_MARKERS),
    "assessment/reviews/": Rule(allowed=_MARKERS),
    "assessment/reviews/<int:pk>/": _scoped("pk"),
    "assessment/reviews/<int:pk>/export/": _scoped("pk"),
    "assessment/secretaries/<int:pk>/": _scoped("pk"),
    "assessment/units/<int:pk>/": _scoped("pk"),
    # Every signed-in user: a household's resident sees the surveys open to it, others an empty page.
    # Households answer the survey; among the demo accounts only the resident has one.
    "assessment/survey/": Rule(allowed=frozenset({"resident", "villager"})),
    "api/v1/schemes/": everyone(),
    "api/v1/schemes/functions": everyone(),
    "api/v1/schemes/<scheme_id>": _scoped("scheme_id"),
    "api/v1/schemes/<scheme_id>/marks": Rule(skip=_TESTS),
    "api/v1/schemes/<scheme_id>/answers": Rule(skip=_TESTS),
    "api/v1/results/": everyone(),
    "api/v1/fee-records/": everyone(),
    "api/v1/five-haves/": everyone(),
    "api/v1/review-sessions/": everyone(),
    "api/v1/review-sessions/<session_id>": _scoped("session_id"),
    "api/v1/review-sessions/<session_id>/scores": Rule(skip=_TESTS),
    "api/v1/secretary-files/<person_id>": _scoped("person_id", data={"year": 2026}),
}
