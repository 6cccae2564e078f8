"""The pools part's routes in the authorization matrix (lianxin.core.access).

The pools pages open to the county admin (the funds' keeper: ``rural_fund.manage``) and to a township
secretary over a cluster (the small world's 南湖镇 secretary, the joint committee leader): who else holds a
secretary's post (a street's, a community's, a village's) sees no cluster, so the pages are 403 for him.
The API answers every user the rows his scope holds (none: an empty list); a record outside it is 404."""

from lianxin.core.access import ALL_ROLES, Rule, everyone, named

_TESTS = "lianxin/rural/tests/test_pools_api.py (JSON body)"
_SEES = named("county_admin", "township_secretary")


def _missing(*names: str):
    return lambda w: {name: 999999 for name in names}


ACCESS: dict = {
    "rural/pools/": Rule(allowed=_SEES),
    "rural/pools/funds.xlsx": Rule(allowed=_SEES),
    "rural/pools/funds/<int:pk>/": Rule(scoped=_SEES, kwargs=_missing("pk")),
    "rural/pools/funds/<int:pk>/entries.xlsx": Rule(scoped=_SEES, kwargs=_missing("pk")),
    "rural/pools/commitments/": Rule(allowed=_SEES),
    "rural/pools/commitments.xlsx": Rule(allowed=_SEES),
    "rural/pools/commitments/<int:pk>/": Rule(scoped=_SEES, kwargs=_missing("pk")),
    "rural/pools/clusters/<int:pk>/": Rule(scoped=_SEES, kwargs=_missing("pk")),
    "rural/pools/clusters/<int:pk>/cadres.xlsx": Rule(scoped=_SEES, kwargs=_missing("pk")),
    "rural/pools/schemes/<int:pk>/": Rule(scoped=_SEES, kwargs=_missing("pk")),
    "rural/pools/activities/<int:pk>/": Rule(scoped=_SEES, kwargs=_missing("pk")),
    "api/v1/funds/": everyone(),
    "api/v1/funds/<fund_id>": Rule(scoped=ALL_ROLES, kwargs=_missing("fund_id")),
    "api/v1/funds/<fund_id>/entries": Rule(scoped=ALL_ROLES, kwargs=_missing("fund_id")),
    "api/v1/funds/<fund_id>/inflows": Rule(skip=_TESTS),
    "api/v1/funds/<fund_id>/allocations": Rule(skip=_TESTS),
    "api/v1/fund-commitments/": everyone(),
    "api/v1/fund-commitments/<commitment_id>": Rule(scoped=ALL_ROLES, kwargs=_missing("commitment_id")),
    "api/v1/fund-commitments/<commitment_id>/tranches/<tranche_id>/pay": Rule(skip=_TESTS),
    "api/v1/cadre-deployments/": everyone(),
    "api/v1/cadre-deployments/counts": everyone(),
    "api/v1/cluster-activities/": everyone(),
    "api/v1/cluster-activities/<activity_id>": Rule(scoped=ALL_ROLES, kwargs=_missing("activity_id")),
    "api/v1/cluster-activities/<activity_id>/attendance": Rule(skip=_TESTS),
    "api/v1/cluster-assessments/": everyone(),
    "api/v1/cluster-assessments/<scheme_id>": Rule(scoped=ALL_ROLES, kwargs=_missing("scheme_id")),
    "api/v1/cluster-assessments/<scheme_id>/scores": Rule(skip=_TESTS),
}
