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

``allowed`` and ``scoped`` name personas (the demo accounts) in one of two ways, combined with ``|``, ``&``
and ``-``:

- by what their posts may do, through the rights table (``lianxin.core.rights``): ``capable("case.dispatch")``
  is every persona holding a role granted that capability, ``holding("secretary")`` every persona holding
  that role. A new role granted a capability is expected right on every route named so, without editing any
  ``access.py``. Use it where the answer follows from the role.
- by name (a frozenset of demo usernames): where the answer follows from where a persona's post lies in the
  small world (who is over estate 0), which the rights table does not say; the names are the test's own
  record of the world, independent of the code it checks.

Personas not in ``allowed`` or ``scoped`` are expected FORBIDDEN. ``kwargs(w)`` gives the route's
parameters from ``w`` (``w.world`` is the small world's landmarks, ``w.cast`` the demo accounts).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ALL_ROLES = frozenset(
    {
        "county_admin", "street_secretary", "community_secretary", "grid_worker", "building_captain",
        "liaison", "courier", "dept_staff", "property_staff", "provider_staff", "volunteer", "resident",
        "sysadmin", "secadmin", "auditor", "shop_staff", "unit_contact", "enterprise_contact",
        "county_leader", "township_secretary", "village_secretary", "taskforce_head", "seconded_secretary",
        "coop_chair", "villager",
    }
)  # fmt: skip
ADMINS = frozenset({"sysadmin", "secadmin", "auditor"})
STAFF = ALL_ROLES - {"resident", "villager"}


@dataclass(frozen=True)
class Persona:
    """Who the matrix requests a route as: a username and the roles his current posts carry."""

    name: str
    roles: frozenset[str] = frozenset()


class Who:
    """A set of personas described by a test on a persona (see the module's docstring)."""

    def __init__(self, test: Callable[[Persona], bool], text: str, capabilities=frozenset()):
        self._test = test
        self.text = text
        # The capabilities the set is described by (the routes a new role granted one must answer right).
        self.capabilities = capabilities

    def __contains__(self, persona: "Persona | str") -> bool:
        if isinstance(persona, str):
            persona = Persona(persona)
        return self._test(persona)

    def __or__(self, other) -> "Who":
        other = who(other)
        return Who(
            lambda p: p in self or p in other,
            f"({self.text} | {other.text})",
            self.capabilities | other.capabilities,
        )

    __ror__ = __or__

    def __and__(self, other) -> "Who":
        other = who(other)
        return Who(
            lambda p: p in self and p in other,
            f"({self.text} & {other.text})",
            self.capabilities | other.capabilities,
        )

    __rand__ = __and__

    def __sub__(self, other) -> "Who":
        other = who(other)
        return Who(
            lambda p: p in self and p not in other,
            f"({self.text} - {other.text})",
            self.capabilities | other.capabilities,
        )

    def __rsub__(self, other) -> "Who":
        return who(other) - self

    def __repr__(self) -> str:
        return f"Who{self.text}"


def who(value) -> Who:
    """A ``Who`` from a ``Who`` or a set of usernames."""
    if isinstance(value, Who):
        return value
    names = frozenset(value)
    return Who(lambda p: p.name in names, "{" + ", ".join(sorted(names)) + "}")


def named(*usernames: str) -> Who:
    return who(usernames)


def capable(name: str) -> Who:
    """Personas holding a role granted the capability ``name`` (read when the matrix runs, after every app
    has registered its grants)."""

    def test(persona: Persona) -> bool:
        from lianxin.core.rights import roles_with

        return bool(persona.roles & roles_with(name))

    return Who(test, f"capable({name})", frozenset({name}))


def holding(*roles: str) -> Who:
    wanted = frozenset(str(role) for role in roles)
    return Who(lambda p: bool(p.roles & wanted), f"holding({', '.join(sorted(wanted))})")


ANYONE = Who(lambda p: True, "anyone")
NOBODY = Who(lambda p: False, "nobody")

ALLOWED, FORBIDDEN, SCOPED = "allowed", "forbidden", "scoped"
LOGIN, PUBLIC = "login", "public"


@dataclass(frozen=True)
class Rule:
    allowed: "Who | frozenset[str]" = frozenset()
    scoped: "Who | frozenset[str]" = frozenset()
    kwargs: Callable | None = None
    method: str = "GET"
    data: dict = field(default_factory=dict)
    anonymous: str = LOGIN  # LOGIN: sent to sign in (401 for the API); PUBLIC: answers without sign-in
    # Not requested by the matrix (a sign-out would end the session the matrix runs in): say which test
    # covers it instead.
    skip: str = ""
    path: str = ""  # the concrete path, for routes written as regular expressions

    def expected(self, persona: "Persona | str") -> str:
        if isinstance(persona, str):
            persona = Persona(persona)
        if persona in who(self.allowed):
            return ALLOWED
        if persona in who(self.scoped):
            return SCOPED
        return FORBIDDEN

    def capabilities(self) -> frozenset[str]:
        """The capabilities the rule names (the routes a new role granted one of them must answer right)."""
        return who(self.allowed).capabilities | who(self.scoped).capabilities


def everyone(**kwargs) -> Rule:
    return Rule(allowed=ANYONE, **kwargs)


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
