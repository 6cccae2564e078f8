"""The coops part's routes in the authorization matrix (lianxin.core.access): the cooperatives' pages and
API, the evaluation rounds and awards, the standards, the township company's stakes, the conversions."""

from lianxin.core.access import ALL_ROLES, Rule, capable, everyone

_TESTS = "lianxin/rural/tests/test_coops_*.py (JSON body)"
# Whoever holds one of the coops part's capabilities opens the cooperatives' pages (views.coops
# sees_cooperatives); the evaluation pages: the organisation department and the departments' staff.
_COOPS = (
    capable("rural.coop_keep")
    | capable("rural.coop_evidence")
    | capable("rural.coop_month")
    | capable("rural.coop_score")
    | capable("rural.coop_award")
)
_EVALUATIONS = capable("rural.coop_award") | capable("rural.coop_score")


def _missing(*names: str):
    return lambda w: {name: 999999 for name in names}


def _post(*names: str) -> Rule:
    return Rule(scoped=ALL_ROLES, kwargs=_missing(*names), method="POST")


def _scoped(*names: str) -> Rule:
    return Rule(scoped=ALL_ROLES, kwargs=_missing(*names))


ACCESS: dict = {
    # Pages (views/coops.py).
    "rural/cooperatives/": Rule(allowed=_COOPS),
    "rural/cooperatives/<int:pk>/": _scoped("pk"),
    "rural/cooperatives/<int:pk>/status/": _post("pk"),
    "rural/cooperatives/<int:pk>/evidence/": _post("pk"),
    "rural/cooperatives/<int:pk>/months/": _post("pk"),
    "rural/cooperatives/<int:pk>/rewards/": _post("pk"),
    "rural/awards/": Rule(allowed=_EVALUATIONS),
    "rural/evaluations/<int:pk>/": _scoped("pk"),
    "rural/evaluations/<int:pk>/score/": _post("pk"),
    "rural/evaluations/<int:pk>/award/": _post("pk"),
    "rural/cooperative-standards/": Rule(allowed=_COOPS),
    "rural/company-stakes/": Rule(allowed=_COOPS),
    "rural/conversions/": Rule(allowed=_COOPS),
    "rural/conversions/<int:pk>/": _scoped("pk"),
    # API: lists answer each user what his scope holds (an empty list with zero counts otherwise).
    "api/v1/cooperatives/": everyone(),
    "api/v1/cooperatives/<cooperative_id>": _scoped("cooperative_id"),
    "api/v1/cooperatives/<cooperative_id>/status": Rule(skip=_TESTS),
    "api/v1/cooperatives/<cooperative_id>/evidence": Rule(skip=_TESTS),
    "api/v1/cooperatives/<cooperative_id>/months": Rule(skip=_TESTS),
    "api/v1/cooperatives/<cooperative_id>/rewards": Rule(skip=_TESTS),
    "api/v1/evaluations/": everyone(),
    "api/v1/evaluations/<evaluation_id>": _scoped("evaluation_id"),
    "api/v1/evaluations/<evaluation_id>/scores": Rule(skip=_TESTS),
    "api/v1/evaluations/<evaluation_id>/awards": Rule(skip=_TESTS),
}
