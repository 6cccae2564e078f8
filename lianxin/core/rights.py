"""One rights table: what each role may do, and one helper that checks it with the object's scope.

A capability ("case.dispatch", "party_org.edit", "place.record_activity" …) is granted to roles. Apps
register the capabilities they check, and the roles they grant, from their ``AppConfig.ready()``; an app
that brings a new role grants it existing capabilities the same way (``capability_grant``), without editing
the app that registered them. The core imports no app: roles are plain strings here, and a user's posts come
from the per-request user context (``lianxin.core.context``).

``may(user, "party_org.edit", obj)`` is true when one of the user's current posts has a role granted the
capability and that post's own scope reaches ``obj`` (``VIEW`` or ``CHANGE``, as the capability says): a
secretary of one community and a grid worker of another may edit the first community's organisation, not
the second's. ``require`` raises ``DomainError(code="forbidden")`` with a Chinese reason instead.

See docs/rights.md for the table, the recipes and why this is not the ``rules`` package.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from lianxin.core.context import Held, user_context
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, VIEW, Grants, grants_q


@dataclass(frozen=True)
class Capability:
    name: str  # "<noun>.<verb>", the noun usually the app's object: "case.dispatch"
    label: "str | Promise"  # what it lets one do, as a verb phrase ("dispatch cases"): the refusal names it
    roles: frozenset[str]
    # The scope a post's grants must give over an object checked with ``may(user, name, obj)``: CHANGE for
    # what alters the object, VIEW for what only reads or adds beside it.
    action: str = CHANGE


_capabilities: dict[str, Capability] = {}
# Roles granted to a capability whose app has not registered it yet (ready() runs in INSTALLED_APPS order).
_pending: dict[str, set[str]] = {}


def capability_register(
    name: str, *, roles: Iterable[str], label: "str | Promise", action: str = CHANGE
) -> Capability:
    """Register a capability with the roles granted it. Registering a name again replaces it, keeping the
    roles other apps granted to it meanwhile."""
    if action not in (VIEW, CHANGE):
        raise ValueError(f"capability {name!r}: unknown action {action!r}")
    if "." not in name:
        raise ValueError(f"capability {name!r}: write it as '<noun>.<verb>'")
    granted = frozenset(str(role) for role in roles) | _pending.pop(name, set())
    capability = Capability(name=name, label=label, roles=granted, action=action)
    _capabilities[name] = capability
    return capability


def capability_grant(name: str, *, roles: Iterable[str]) -> None:
    """Grant an existing (or not yet registered) capability to more roles: how an app adds a role to what
    another app checks, without editing it."""
    added = {str(role) for role in roles}
    current = _capabilities.get(name)
    if current is None:
        _pending.setdefault(name, set()).update(added)
        return
    _capabilities[name] = Capability(
        name=name, label=current.label, roles=current.roles | added, action=current.action
    )


def capability(name: str) -> Capability:
    try:
        return _capabilities[name]
    except KeyError:
        raise ImproperlyConfigured(f"No capability {name!r} is registered (capability_register).") from None


def capabilities() -> list[Capability]:
    """The whole table, by name."""
    return [_capabilities[name] for name in sorted(_capabilities)]


def capabilities_unregistered() -> list[str]:
    """Capabilities roles were granted to that no app registered (a misspelt name): a test holds it empty."""
    return sorted(_pending)


def roles_with(name: str) -> frozenset[str]:
    return capability(name).roles


def held_with(user, name: str) -> list[Held]:
    """The user's current posts whose role has the capability."""
    roles = roles_with(name)
    return [held for held in user_context(user).held if held.role in roles]


def paths_with(user, name: str) -> list[str]:
    """The areas the user's posts with the capability work over (posts over no area left out)."""
    return [held.area_path for held in held_with(user, name) if held.area_path]


def may(user, name: str, obj=None, *, at: str | None = None) -> bool:
    """Whether the user may do ``name``: anywhere (no ``obj``, no ``at``), to ``obj`` (a scoped model
    instance: the posts with the capability must reach it), or at the area path ``at`` (a post with the
    capability works over that area or one above it)."""
    if not getattr(user, "is_authenticated", False):
        return False
    held = held_with(user, name)
    if not held:
        return False
    if at is not None:
        return bool(at) and any(h.area_path and at.startswith(h.area_path) for h in held)
    if obj is None:
        return True
    return _reaches(held, obj, capability(name).action)


def require(user, name: str, obj=None, *, at: str | None = None, message: str | None = None) -> None:
    """``may``, or a ``DomainError(code="forbidden")`` naming what the user's posts do not allow."""
    if not may(user, name, obj, at=at):
        raise DomainError(message or refusal(name), code="forbidden")


def refusal(name: str) -> str:
    return _("Your post does not allow this: %(what)s.") % {"what": capability(name).label}


def _reaches(held: list[Held], obj, action: str) -> bool:
    model = type(obj)
    if not hasattr(model, "scope"):
        raise TypeError(f"{model.__name__} declares no scope: may() cannot tell whose it is")
    grants = Grants()
    for h in held:
        grants.merge(h.grants)
    condition = grants_q(model, grants, action)
    if condition is None:
        return False
    return model._default_manager.filter(condition, pk=obj.pk).exists()
