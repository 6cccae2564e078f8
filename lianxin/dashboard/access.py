from lianxin.core.access import ALL_ROLES, Rule, everyone

# The dashboard follows the scope of cases: posts that see an area's residents have one (their outermost
# areas); everyone else is answered 404, as for an area they may not see.
_DASHBOARD = frozenset(
    {"county_admin", "street_secretary", "community_secretary", "grid_worker", "building_captain", "liaison"}
    | {"township_secretary", "village_secretary", "seconded_secretary"}
)


def _page() -> Rule:
    return Rule(allowed=_DASHBOARD, scoped=ALL_ROLES - _DASHBOARD)


ACCESS = {
    "dashboard/": _page(),
    "dashboard/screen/": _page(),
    "dashboard/data/": _page(),
    "dashboard/panels/organisation/": _page(),
    "dashboard/panels/practices/": _page(),
    "dashboard/panels/services/": _page(),
    "dashboard/practices.xlsx": _page(),
    "api/v1/practice-figures/": _page(),
    "api/v1/figures/": _page(),
    "dashboard/table/": _page(),
    "dashboard/cases.xlsx": _page(),
    "dashboard/bulletins/": _page(),
    "dashboard/bulletins/<int:pk>/download/": Rule(scoped=ALL_ROLES, kwargs=lambda w: {"pk": 999999}),
    # The bulletins of the caller's dashboard areas (none for the other posts: an empty list, each one 404).
    "api/v1/bulletins/": everyone(),
    "api/v1/bulletins/<bulletin_id>": Rule(scoped=ALL_ROLES, kwargs=lambda w: {"bulletin_id": 999999}),
}
