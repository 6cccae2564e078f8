from lianxin.core.access import ALL_ROLES, Rule, everyone

# Notices are pushed by workers and staff with a post (lianxin.cases.permissions.is_worker).
_PUSH = frozenset(
    {"county_admin", "street_secretary", "community_secretary", "grid_worker", "building_captain", "liaison"}
)

ACCESS = {
    "inbox/": everyone(),
    "inbox/read/": everyone(method="POST"),
    "inbox/notices/": Rule(allowed=_PUSH),
    "inbox/notices/<int:pk>/": Rule(scoped=ALL_ROLES, kwargs=lambda w: {"pk": 999999}),
}
