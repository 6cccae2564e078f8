"""One per-request user context: what is computed from a user's current posts, once per user object.

Scope (the grants), the rights table (the roles and the area each post works over), the top bar (the post
labels) and any app's own per-request figures (``memo``) all read the same posts, fetched once. The context
is kept on the user object, which Django builds anew for every request, so it lives exactly one request; a
request that changes the user's posts calls ``user_context_clear(user)``.

Who holds which post is the people app's business: it registers the function that lists a user's posts as
``Held`` records (``context_provider_register``, from its ``AppConfig.ready()``), so the core imports no app.
"""

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import LazyObject, cached_property, empty

from lianxin.core.scope import Grants

_ATTRIBUTE = "_lianxin_context"


@dataclass(frozen=True)
class Held:
    """One current post of the user, as the core sees it."""

    role: str
    # The area the post works over ("" when it works over none: a department's, a company's, an
    # administrator's). ``may(..., at=path)`` asks whether it lies at or above ``path``.
    area_path: str
    grants: Grants  # what this post alone opens (scope)
    label: str = ""  # for the top bar: "网格员 · 幸福里小区"
    post: object = field(default=None, compare=False)  # the providing app's own row


_provider: "Callable[..., list[Held]] | None" = None


def context_provider_register(held_for: "Callable[..., list[Held]]") -> None:
    """Set the one function ``held_for(user=…) -> list[Held]`` that lists a user's current posts."""
    global _provider
    _provider = held_for


class UserContext:
    """What a user's posts give him in this request. Build it with ``user_context(user)``."""

    def __init__(self, user):
        self.user = user
        self._memo: dict = {}

    @cached_property
    def held(self) -> list[Held]:
        if not getattr(self.user, "is_authenticated", False):
            return []
        if _provider is None:
            raise ImproperlyConfigured("No user context provider is registered (people registers it).")
        return list(_provider(user=self.user))

    @cached_property
    def grants(self) -> Grants:
        """The union of what every post opens, plus the user's own rows."""
        grants = Grants(person_id=getattr(self.user, "person_id", None))
        for held in self.held:
            grants.merge(held.grants)
        return grants

    @cached_property
    def roles(self) -> frozenset[str]:
        return frozenset(held.role for held in self.held)

    @property
    def posts(self) -> list:
        """The providing app's post rows, in the provider's order."""
        return [held.post for held in self.held]

    @property
    def post_labels(self) -> list[str]:
        return [held.label for held in self.held]

    def memo(self, key: str, compute: Callable):
        """A value an app computes from the user once per request (``compute()`` on first use), under a key
        it owns ("dashboard.roots")."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]


def _unwrapped(user):
    """The user itself behind ``request.user`` (a lazy object): the context is kept on the one user object
    that the middleware, the views and the templates (``user.opens_configuration``) all reach, not on the
    wrapper, where a property of the user would not find it and the posts would be read again."""
    while isinstance(user, LazyObject):  # django-otp wraps the authentication middleware's lazy user again
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


def user_context(user) -> UserContext:
    """The user's context for this request, built on first use and kept on the user object."""
    user = _unwrapped(user)
    context = user.__dict__.get(_ATTRIBUTE) if hasattr(user, "__dict__") else None
    if context is None:
        context = UserContext(user)
        with contextlib.suppress(AttributeError):  # an object without a __dict__ (no Django user): no cache
            user.__dict__[_ATTRIBUTE] = context
    return context


def user_context_clear(user) -> None:
    """Forget what was computed from the user's posts (after his posts change within one request)."""
    user = _unwrapped(user)
    if hasattr(user, "__dict__"):
        user.__dict__.pop(_ATTRIBUTE, None)
