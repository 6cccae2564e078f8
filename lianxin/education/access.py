"""The authorization matrix of the education pages and API (lianxin.core.access)."""

from lianxin.core.access import ALL_ROLES, Rule, everyone

# Staff over areas (volunteering.permissions.is_staff) among the demo accounts.
_STAFF = frozenset(
    {"county_admin", "street_secretary", "community_secretary", "township_secretary", "village_secretary"}
)


def _missing(*names: str):
    return lambda w: {name: 999999 for name in names}


ACCESS = {
    "education/": Rule(allowed=_STAFF),
    "education/sessions/": Rule(allowed=_STAFF),
    "education/sessions/export.xlsx": Rule(allowed=_STAFF),
    "education/sessions/<int:pk>/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk")),
    "education/plans/": Rule(allowed=_STAFF),
    "education/classes/<int:pk>/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk")),
    "education/library/": Rule(allowed=_STAFF),
    "education/funds/": Rule(allowed=_STAFF),
    "education/funds/export.xlsx": Rule(allowed=_STAFF),
    "api/v1/education-sessions/": everyone(),
    "api/v1/education-sessions/<session_id>": Rule(scoped=ALL_ROLES, kwargs=_missing("session_id")),
    "api/v1/training-plans/": everyone(),
    "api/v1/training-classes/": everyone(),
    "api/v1/training-classes/<class_id>": Rule(scoped=ALL_ROLES, kwargs=_missing("class_id")),
    "api/v1/training-figures/": everyone(),
}
