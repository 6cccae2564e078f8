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
    for route, rule in _admin_rules().items():
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


def _app_index_route() -> str:
    """The admin's app-index route, whose pattern lists every app with a registered model."""
    for route, _pattern in routes():
        if route.startswith("admin/^(?P<app_label>"):
            return route
    return "admin/^(?P<app_label>)/$"


def _admin_rules() -> dict[str, Rule]:
    """The configuration site's routes, expected from the role permission table (ROLE_PERMISSIONS)."""
    from django.contrib import admin

    from lianxin.security.permissions import ROLE_PERMISSIONS

    def holders(*perms) -> frozenset[str]:
        by_role = {"sysadmin": "system_admin", "secadmin": "security_admin", "auditor": "audit_admin"}
        return frozenset(u for u, role in by_role.items() if any(p in ROLE_PERMISSIONS[role] for p in perms))

    site = frozenset({"sysadmin", "secadmin"})
    rules = {
        "admin/": Rule(allowed=site),
        "admin/login/": Rule(anonymous=LOGIN),  # signed in: 403; anonymous: sent to the one sign-in page
        "admin/logout/": Rule(skip="POST only; signing out is covered by people/tests/test_login.py"),
        "admin/password_change/": Rule(allowed=site),
        "admin/password_change/done/": Rule(allowed=site),
        # No model offers autocomplete fields: refused for everyone.
        "admin/autocomplete/": Rule(
            data={"app_label": "people", "model_name": "post", "field_name": "person"}
        ),
        "admin/jsi18n/": Rule(allowed=site),
        "admin/r/<path:content_type_id>/<path:object_id>/": Rule(
            scoped=site, kwargs=lambda w: {"content_type_id": 0, "object_id": 0}
        ),
        _app_index_route(): Rule(
            allowed=holders("people.view_user", "people.view_post"), path="admin/people/"
        ),
        "admin/(?P<url>.*)$": Rule(scoped=site, path="admin/nothing-here/"),
    }
    for model in admin.site._registry:
        label = f"{model._meta.app_label}.{model._meta.model_name}"
        base = f"admin/{model._meta.app_label}/{model._meta.model_name}/"
        view = holders(f"{label.split('.')[0]}.view_{model._meta.model_name}",
                       f"{label.split('.')[0]}.change_{model._meta.model_name}")  # fmt: skip
        app, name = label.split(".")

        def sample(w, model=model):
            return {"object_id": model._base_manager.order_by("pk").values_list("pk", flat=True).first() or 0}

        rules[base] = Rule(allowed=view)
        rules[f"{base}add/"] = Rule(allowed=holders(f"{app}.add_{name}"))
        rules[f"{base}<path:object_id>/history/"] = Rule(allowed=view, kwargs=sample)
        rules[f"{base}<path:object_id>/delete/"] = Rule(
            allowed=holders(f"{app}.delete_{name}"), kwargs=sample
        )
        rules[f"{base}<path:object_id>/change/"] = Rule(allowed=view, kwargs=sample)
        rules[f"{base}<path:object_id>/"] = Rule(allowed=site, kwargs=sample)  # redirects to change/
    # treebeard's tree admin for categories: its move, children and catalogue views.
    category = holders("cases.change_category")
    rules["admin/cases/category/move/"] = Rule(allowed=category, method="POST")
    # treebeard's JavaScript catalogue: its translated strings only, served to anyone like any static file.
    rules["admin/cases/category/jsi18n/"] = everyone(anonymous=PUBLIC)
    rules["admin/cases/category/children/<str:parent_id>/"] = Rule(
        allowed=category, kwargs=lambda w: {"parent_id": 1}
    )
    rules["admin/people/user/<id>/password/"] = Rule(
        allowed=holders("people.change_user"), kwargs=lambda w: {"id": w.cast.resident.pk}
    )
    return rules


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
