"""The land part's routes in the authorization matrix (lianxin.core.access): collective income, its import,
land; the API's collective-incomes, income-tiers, land-contracts and land-figures. Who records income and
land holds ``collective_income.record`` / ``land.record`` (village and township secretaries, the seconded
and first secretaries, the county's organisation department); the per-capita income is the county's."""

from lianxin.core.access import ALL_ROLES, Rule, capable

_INCOME = capable("collective_income.record")
_LAND = capable("land.record")
_PER_CAPITA = capable("rural_per_capita.record")
_TESTS = "lianxin/rural/tests/test_land_api.py (JSON body)"


def _missing(*names: str):
    return lambda w: {name: 999999 for name in names}


ACCESS: dict = {
    # Pages (views/land.py).
    "rural/income/": Rule(allowed=_INCOME),
    "rural/income/<int:pk>/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk")),
    "rural/income/import/": Rule(allowed=_INCOME),
    "rural/income/per-capita/": Rule(method="POST", allowed=_PER_CAPITA),
    "rural/land/": Rule(allowed=_LAND),
    "rural/land/farmland/": Rule(method="POST", allowed=_LAND),
    "rural/land/contracts/": Rule(method="POST", allowed=_LAND),
    "rural/land/contracts/<int:pk>/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk")),
    "rural/land/consolidations/": Rule(method="POST", allowed=_LAND),
    # API (api/land_routers.py).
    "api/v1/collective-incomes/": Rule(allowed=_INCOME),
    "api/v1/collective-incomes/import": Rule(skip="lianxin/rural/tests/test_land_api.py (a file upload)"),
    "api/v1/collective-incomes/<income_id>": Rule(scoped=ALL_ROLES, kwargs=_missing("income_id")),
    "api/v1/income-tiers/": Rule(allowed=_INCOME),
    "api/v1/land-contracts/": Rule(allowed=_LAND),
    "api/v1/land-figures/": Rule(allowed=_LAND),
    "api/v1/land-figures/farmland": Rule(skip=_TESTS),
    "api/v1/land-figures/consolidations": Rule(skip=_TESTS),
}
