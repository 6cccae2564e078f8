from lianxin.core.access import ALL_ROLES, Rule, everyone

# The first street's working committee: its secretary and the county's organisation department see it.
_SEE_COMMITTEE = frozenset({"county_admin", "street_secretary"})
_WRITE_ESTATE = frozenset(
    {"county_admin", "street_secretary", "community_secretary", "grid_worker", "property_staff"}
)


def _committee(w):
    return w.world.working_committees[0].pk


ACCESS = {
    "party/": everyone(),
    "party/<int:pk>/": Rule(
        allowed=_SEE_COMMITTEE, scoped=ALL_ROLES - _SEE_COMMITTEE, kwargs=lambda w: {"pk": _committee(w)}
    ),
    "coverage/": everyone(),
    "coverage/figures/": everyone(),
    "coverage/mobile-members/": everyone(),  # a list: each sees the mobile members of his scope
    # Founding a branch needs write access to the estate: read-only posts over it get 403, others 404.
    "coverage/estates/<int:pk>/branch/": Rule(
        method="POST",
        allowed=_WRITE_ESTATE,
        scoped=ALL_ROLES - _WRITE_ESTATE - {"courier", "volunteer"},
        kwargs=lambda w: {"pk": w.world.estates[0].pk},
    ),
    "api/v1/party-orgs/": everyone(),
    "api/v1/party-orgs/<org_id>": Rule(
        allowed=_SEE_COMMITTEE, scoped=ALL_ROLES - _SEE_COMMITTEE, kwargs=lambda w: {"org_id": _committee(w)}
    ),
    "api/v1/party-orgs/<org_id>/children": Rule(
        allowed=_SEE_COMMITTEE, scoped=ALL_ROLES - _SEE_COMMITTEE, kwargs=lambda w: {"org_id": _committee(w)}
    ),
}
