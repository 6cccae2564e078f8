"""The authorization matrix: for every page and API endpoint, what each demo role gets.

Each app declares its routes in ``lianxin/<app>/access.py`` as ``ACCESS = {route: Rule(...)}``, keyed by
the route as the URL conf spells it ("areas/<int:pk>/", "api/v1/persons/<person_id>"). The test
``tests/test_authorization_matrix.py`` walks the URL conf: a route without an entry fails it, and every
entry is requested as every demo role (and anonymously) and the outcome compared:

- ALLOWED: the view answered (2xx, a redirect elsewhere than a sign-in page, or a 400 for the empty form
  the matrix sends to a POST);
- SCOPED: 404, the sample object lies outside that role's posts (the API and pages answer 404, never 403,
  for what a user may not know exists);
- FORBIDDEN: 403 (or the admin site's redirect to its own sign-in).

Roles not named in ``allowed`` or ``scoped`` are expected FORBIDDEN. ``kwargs(w)`` gives the route's
parameters from ``w`` (``w.world`` is the small world's landmarks, ``w.cast`` the demo accounts).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ALL_ROLES = frozenset(
    {
        "county_admin", "street_secretary", "community_secretary", "grid_worker", "building_captain",
        "liaison", "courier", "dept_staff", "property_staff", "provider_staff", "volunteer", "resident",
        "sysadmin", "secadmin", "auditor",
    }
)  # fmt: skip
ADMINS = frozenset({"sysadmin", "secadmin", "auditor"})
STAFF = ALL_ROLES - {"resident"}

ALLOWED, FORBIDDEN, SCOPED = "allowed", "forbidden", "scoped"
LOGIN, PUBLIC = "login", "public"


@dataclass(frozen=True)
class Rule:
    allowed: frozenset[str] = frozenset()
    scoped: frozenset[str] = frozenset()
    kwargs: Callable | None = None
    method: str = "GET"
    data: dict = field(default_factory=dict)
    anonymous: str = LOGIN  # LOGIN: sent to sign in (401 for the API); PUBLIC: answers without sign-in
    # Not requested by the matrix (a sign-out would end the session the matrix runs in): say which test
    # covers it instead.
    skip: str = ""
    path: str = ""  # the concrete path, for routes written as regular expressions

    def expected(self, role: str) -> str:
        if role in self.allowed:
            return ALLOWED
        if role in self.scoped:
            return SCOPED
        return FORBIDDEN


def everyone(**kwargs) -> Rule:
    return Rule(allowed=ALL_ROLES, **kwargs)


def tables() -> dict[str, Rule]:
    """Every app's ACCESS table, merged (an app's module ``lianxin.<app>.access``)."""
    import importlib

    from django.apps import apps

    merged: dict[str, Rule] = {}
    computed: dict[str, Rule] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("lianxin."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.access")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.access":
                raise
            continue
        for route, rule in getattr(module, "ACCESS", {}).items():
            if route in merged:
                raise ValueError(f"route {route!r} declared twice")
            merged[route] = rule
        # Rules only known once the URL conf is built (the admin site's, from the models registered in it),
        # computed by the app that owns them; an ACCESS entry for the same route wins.
        if hasattr(module, "access_computed"):
            computed.update(module.access_computed())
    for route, rule in computed.items():
        merged.setdefault(route, rule)
    return merged


def routes():
    """(route, pattern) for every URL pattern, routes spelled as in the URL conf."""
    from django.urls import URLResolver, get_resolver

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern), pattern

    return list(walk(get_resolver().url_patterns))


ACCESS = {
    "": everyone(),
    "healthz": everyone(anonymous=PUBLIC),
    # No folder has registered access yet: every stored file is 404 until an app says who may see it.
    "media/<path:name>": Rule(scoped=ALL_ROLES, kwargs=lambda w: {"name": f"cases/2026/01/{'0' * 32}.jpg"}),
    # The API's own pages (lianxin/api.py): the schema and docs are public, as is the index.
    "api/v1/openapi.json": everyone(anonymous=PUBLIC),
    "api/v1/docs": everyone(anonymous=PUBLIC),
    "api/v1/": everyone(anonymous=PUBLIC),
    "api/v1/docs/assets/<str:name>": everyone(anonymous=PUBLIC, kwargs=lambda w: {"name": "swagger-ui.css"}),
    "api/v1/^.*$": Rule(scoped=ALL_ROLES, anonymous=PUBLIC, path="api/v1/nothing-here"),
}
