from lianxin.core.access import ALL_ROLES, Rule, everyone

# Who sees estate 0 of the small world (the grid worker's): its street and community, its grid worker, the
# property company serving it, and the community's courier and volunteer (read only).
_SEE_ESTATE = frozenset(
    {
        "county_admin",
        "street_secretary",
        "community_secretary",
        "grid_worker",
        "courier",
        "volunteer",
        "property_staff",
    }
)


def _estate(w):
    return {"pk": w.world.estates[0].pk}


ACCESS = {
    "areas/": everyone(),
    "areas/<int:pk>/": Rule(allowed=_SEE_ESTATE, scoped=ALL_ROLES - _SEE_ESTATE, kwargs=_estate),
    "areas/<int:pk>/households/": Rule(allowed=_SEE_ESTATE, scoped=ALL_ROLES - _SEE_ESTATE, kwargs=_estate),
    "areas/<int:pk>/posts/": Rule(allowed=_SEE_ESTATE, scoped=ALL_ROLES - _SEE_ESTATE, kwargs=_estate),
    "api/v1/areas/": everyone(),
    "api/v1/areas/by-code/<code>": Rule(
        allowed=_SEE_ESTATE,
        scoped=ALL_ROLES - _SEE_ESTATE,
        kwargs=lambda w: {"code": w.world.estates[0].code},
    ),
    "api/v1/areas/<area_id>": Rule(
        allowed=_SEE_ESTATE,
        scoped=ALL_ROLES - _SEE_ESTATE,
        kwargs=lambda w: {"area_id": w.world.estates[0].pk},
    ),
    "api/v1/areas/<area_id>/children": Rule(
        allowed=_SEE_ESTATE,
        scoped=ALL_ROLES - _SEE_ESTATE,
        kwargs=lambda w: {"area_id": w.world.estates[0].pk},
    ),
    "api/v1/areas/<area_id>/subtree": Rule(
        allowed=_SEE_ESTATE,
        scoped=ALL_ROLES - _SEE_ESTATE,
        kwargs=lambda w: {"area_id": w.world.estates[0].pk},
    ),
    "areas/<int:pk>/new/": Rule(
        allowed=frozenset({"county_admin", "street_secretary", "community_secretary"}),
        scoped=ALL_ROLES - _SEE_ESTATE,
        kwargs=_estate,
    ),
    "areas/<int:pk>/move/": Rule(
        allowed=frozenset({"county_admin", "street_secretary", "community_secretary"}),
        scoped=ALL_ROLES - _SEE_ESTATE,
        kwargs=_estate,
    ),
    "api/v1/areas/<area_id>/move": Rule(skip="JSON POST: lianxin/areas/tests/test_tree_keeping.py"),
    "api/v1/areas/<area_id>/estate": Rule(skip="PATCH only: lianxin/areas/tests/test_estate_facts.py"),
    # An estate's type, property mode and maturity: community staff (and above) who may change it; read-only
    # posts and non-staff writers 403.
    "areas/<int:pk>/estate/": Rule(
        allowed=frozenset({"county_admin", "street_secretary", "community_secretary"}),
        scoped=ALL_ROLES - _SEE_ESTATE,
        kwargs=_estate,
    ),
}
