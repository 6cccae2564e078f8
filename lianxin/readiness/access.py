"""The authorization matrix of the readiness pages and API (lianxin.core.access)."""

from lianxin.core.access import ALL_ROLES, PUBLIC, Rule, everyone

# Community staff (volunteering.permissions.is_staff: secretaries, committee members, community workers,
# the organisation department) among the demo accounts.
_STAFF = frozenset(
    {"county_admin", "street_secretary", "community_secretary", "township_secretary", "village_secretary"}
)


def _missing(*names: str):
    return lambda w: {name: 999999 for name in names}


ACCESS = {
    "readiness/plans/": Rule(allowed=_STAFF),
    "readiness/plans/export.xlsx": Rule(allowed=_STAFF),
    "readiness/plans/<int:pk>/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk")),
    "readiness/roster/": Rule(allowed=_STAFF),
    "readiness/mobilisations/": Rule(allowed=_STAFF),
    "readiness/mobilisations/<int:pk>/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk")),
    "readiness/mobilisations/<int:pk>/export.xlsx": Rule(scoped=ALL_ROLES, kwargs=_missing("pk")),
    "readiness/mobilisations/<int:pk>/answer/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk"), method="POST"),
    # Everyone with a person has the list (an empty state until a mobilisation calls him).
    "readiness/mine/": everyone(),
    # The signed link answers without signing in; an unknown token is 404 for everyone.
    "readiness/r/<str:token>/": Rule(
        scoped=ALL_ROLES, kwargs=lambda w: {"token": "x" * 24}, anonymous=PUBLIC
    ),
    "api/v1/emergency-plans/": everyone(),
    "api/v1/emergency-plans/<plan_id>": Rule(scoped=ALL_ROLES, kwargs=_missing("plan_id")),
    "api/v1/mobilisations/": everyone(),
    "api/v1/mobilisations/<mobilisation_id>": Rule(scoped=ALL_ROLES, kwargs=_missing("mobilisation_id")),
    "api/v1/mobilisations/<mobilisation_id>/answers": Rule(
        scoped=ALL_ROLES, kwargs=_missing("mobilisation_id")
    ),
    # POST only, with a JSON body the matrix does not send: lianxin/readiness/tests/test_scenario.py answers
    # by the link without signing in (201, then 409), and an unknown token is 404.
    "api/v1/acks/<token>": Rule(
        skip="lianxin/readiness/tests/test_scenario.py (JSON body)", anonymous=PUBLIC
    ),
}
