"""Who may do what in the provision app. Scope (what rows a user reaches) stays in the querysets
(``selectors``); these say what a user may do with what he reaches."""

from lianxin.areas.models import Area, Level
from lianxin.cases import permissions as case_permissions
from lianxin.people.roles import ADMIN_ROLES, Role
from lianxin.people.selectors import user_posts_now


def _roles(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    return {post.role for post in user_posts_now(user=user)}


def _county_paths() -> list[str]:
    return list(Area.objects.filter(level=Level.COUNTY).values_list("path", flat=True))


def may_edit_catalogue(user) -> bool:
    """The catalogue is the county's (县级服务清单, P000-24): its staff keep it."""
    if not user.is_authenticated:
        return False
    return any(case_permissions.is_staff_over(user, path) for path in _county_paths())


def has_post(user) -> bool:
    """A post on the platform's work (the three administrators keep the system, not its services)."""
    return bool(_roles(user) - ADMIN_ROLES)


def sees_catalogue(user) -> bool:
    """The staff page of the catalogue: anyone who works on the platform (residents order from it)."""
    return has_post(user)


def is_provider_staff(user) -> bool:
    return Role.PROVIDER_STAFF in _roles(user)


def is_staff(user) -> bool:
    return bool(_roles(user) & case_permissions.STAFF_ROLES)


def sees_providers(user) -> bool:
    """The providers page: the staff who vet listings, and providers' staff for their own."""
    return user.is_authenticated and (is_staff(user) or is_provider_staff(user))


def may_vet(user, listing) -> bool:
    """Approve, suspend, resume: the staff of the level the provider is based at, or above it."""
    return case_permissions.is_staff_over(user, listing.area_path)


def works_at(user, place) -> bool:
    """A current post on the place (Post.place): its station or centre staff."""
    return user.is_authenticated and any(post.place_id == place.pk for post in user_posts_now(user=user))


def keeps_place(user, place) -> bool:
    """The staff of the level over the place open its windows and keep their roster."""
    return user.is_authenticated and case_permissions.is_staff_over(user, place.area_path)


def works_window(user, window) -> bool:
    return works_at(user, window.place) or keeps_place(user, window.place)


def sees_windows(user) -> bool:
    """The windows page: station and centre staff, and the staff over them."""
    return user.is_authenticated and (is_staff(user) or any(p.place_id for p in user_posts_now(user=user)))
