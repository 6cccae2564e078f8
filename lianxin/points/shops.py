"""Partner shops and their staff: who may confirm a shop's redemption codes.

A partner shop is a ``people.Organisation`` of kind ``partner_shop``; its staff hold a post of role
``shop_staff`` on it. The role's rights beyond that (none: shop staff see no residents) are the people
app's rule for the role."""

from django.utils import timezone

PARTNER_SHOP = "partner_shop"
SHOP_STAFF = "shop_staff"


def shop_ids(user) -> set[int]:
    """The partner shops whose codes this user confirms (his current shop staff posts), cached per request."""
    cached = getattr(user, "_lianxin_shop_ids", None)
    if cached is not None:
        return cached
    ids: set[int] = set()
    if getattr(user, "is_authenticated", False) and user.person_id:
        from lianxin.people.models import Post

        ids = set(
            Post.objects.current(timezone.localdate())
            .filter(person_id=user.person_id, role=SHOP_STAFF, organisation__kind=PARTNER_SHOP)
            .values_list("organisation_id", flat=True)
        )
    user._lianxin_shop_ids = ids
    return ids


def is_shop_staff(user) -> bool:
    return bool(shop_ids(user))
