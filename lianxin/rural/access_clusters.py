"""The clusters part's routes in the authorization matrix (lianxin.core.access)."""

from lianxin.core.access import ALL_ROLES, Rule, capable, everyone, holding

_TESTS = "lianxin/rural/tests/test_clusters_* (JSON body)"
# Every demo account: a missing id answers 404 to whoever may open the page at all.
_ANYONE = ALL_ROLES | {"reviewer"}
_FORMS = capable("rural.cluster_form")
_KEEPS = capable("rural.cluster_keep")


def _missing(*names: str):
    return lambda w: {name: 999999 for name in names}


ACCESS: dict = {
    "rural/": Rule(allowed=_FORMS),
    "rural/clusters.xlsx": Rule(allowed=_FORMS),
    "rural/clusters/new/": Rule(allowed=_FORMS),
    "rural/clusters/<int:pk>/": Rule(scoped=_ANYONE, kwargs=_missing("pk")),
    "rural/committees/": Rule(allowed=_KEEPS),
    "rural/committees/<int:pk>/": Rule(scoped=_ANYONE, kwargs=_missing("pk")),
    "rural/task-force/": Rule(allowed=holding("task_force_head")),
    # A villager (no post) living in a cluster, 王秀芝 of 张庄村, sees its tasks; the menu hides it from
    # everyone else, and the page refuses them.
    "rural/my-cluster/": Rule(allowed=frozenset({"villager"})),
    # The API answers each user the rows his scope holds (none: an empty list).
    "api/v1/rural-clusters/": everyone(),
    "api/v1/rural-clusters/gaps/": everyone(),
    "api/v1/rural-clusters/upgrades/": everyone(),
    "api/v1/rural-clusters/<cluster_id>": Rule(scoped=_ANYONE, kwargs=_missing("cluster_id")),
    "api/v1/joint-committees/": everyone(),
    "api/v1/joint-committees/<committee_id>": Rule(scoped=_ANYONE, kwargs=_missing("committee_id")),
    "api/v1/joint-committees/<committee_id>/heads": Rule(skip=_TESTS),
    "api/v1/joint-committees/<committee_id>/tasks": Rule(skip=_TESTS),
    "api/v1/joint-branches/": everyone(),
    "api/v1/joint-branches/<branch_id>": Rule(scoped=_ANYONE, kwargs=_missing("branch_id")),
}
