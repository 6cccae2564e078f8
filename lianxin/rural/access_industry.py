"""The industry part's routes in the authorization matrix (lianxin.core.access): projects, parks and belts,
brands, the chains' links and the training bases; pages and API."""

from lianxin.core.access import ALL_ROLES, Rule, everyone, holding

_TESTS = "lianxin/rural/tests/test_industry_api.py (JSON body)"
# The menu's roles (views.industry.INDUSTRY_ROLES): the organisation department, secretaries, joint
# committee leaders and task-force heads open the lists (each sees his scope's rows, or none).
_READERS = holding(
    "org_admin", "secretary", "deputy_secretary", "joint_committee_leader", "task_force_head",
    "seconded_secretary", "seconded_director", "first_secretary",
)  # fmt: skip


def _missing(*names: str):
    return lambda w: {name: 999999 for name in names}


def _post(*names: str) -> Rule:
    return Rule(scoped=ALL_ROLES, kwargs=_missing(*names), method="POST")


ACCESS: dict = {
    # Pages (views/industry.py).
    "rural/projects/": Rule(allowed=_READERS),
    "rural/projects/<int:pk>/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk")),
    "rural/parks/": Rule(allowed=_READERS),
    "rural/parks/<int:pk>/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk")),
    "rural/brands/": Rule(allowed=_READERS),
    "rural/brands/<int:pk>/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk")),
    "rural/brands/clusters/<int:pk>/": _post("pk"),
    "rural/chains/": Rule(allowed=_READERS),
    "rural/chains/<int:pk>/links/": _post("pk"),
    "rural/training-bases/": Rule(allowed=_READERS),
    # API: lists answer each user what his scope holds (an empty list with zero counts otherwise).
    "api/v1/projects/": everyone(),
    "api/v1/projects/<project_id>": Rule(scoped=ALL_ROLES, kwargs=_missing("project_id")),
    "api/v1/projects/<project_id>/update": Rule(skip=_TESTS),
    "api/v1/projects/<project_id>/beneficiaries": Rule(skip=_TESTS),
    "api/v1/parks/": everyone(),
    "api/v1/parks/<park_id>": Rule(scoped=ALL_ROLES, kwargs=_missing("park_id")),
    "api/v1/brands/": everyone(),
    "api/v1/brands/<brand_id>": Rule(scoped=ALL_ROLES, kwargs=_missing("brand_id")),
    "api/v1/brands/clusters/<cluster_id>": Rule(skip=_TESTS),
    "api/v1/chain-links/": everyone(),
    "api/v1/chain-links/<chain_id>": Rule(skip=_TESTS),
    "api/v1/training-bases/": everyone(),
}
