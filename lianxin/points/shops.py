"""Partner shops and their staff: who may confirm a shop's redemption codes.

A partner shop is a ``people.Organisation`` of kind ``partner_shop``; its staff hold a post of role
``shop_staff`` on it (registered by this app, ``apps.py``). Confirming codes is the capability
``redemption.confirm`` of the rights table, granted to shop staff: another role granted it confirms the
codes of the partner shop its post is on."""

from django.utils.translation import gettext_lazy as _

from lianxin.people.models import OrganisationKind

PARTNER_SHOP = OrganisationKind.PARTNER_SHOP
SHOP_STAFF = "shop_staff"
CONFIRM = "redemption.confirm"


def register() -> None:
    """Called from PointsConfig.ready(): the role and its capability."""
    from lianxin.core.rights import capability_register
    from lianxin.core.scope import VIEW
    from lianxin.people.roles import RoleRule, role_register

    # Shop staff hand over rewards; like other outside posts they see no resident one by one (issue 21).
    outsider = RoleRule(writes=False, sees_full_numbers=False, sees_residents=False)
    role_register(SHOP_STAFF, _("shop staff"), rule=outsider)
    capability_register(
        CONFIRM, roles={SHOP_STAFF}, label=_("confirm redemption codes at a partner shop"), action=VIEW
    )


def shop_ids(user) -> set[int]:
    """The partner shops whose codes this user confirms: the shops his posts with the capability are on
    (once per request)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    from lianxin.core.context import user_context

    return user_context(user).memo("points.shop_ids", lambda: _shop_ids(user))


def _shop_ids(user) -> set[int]:
    from lianxin.core.rights import held_with
    from lianxin.people.models import Organisation

    on = {held.post.organisation_id for held in held_with(user, CONFIRM) if held.post is not None}
    on.discard(None)
    if not on:
        return set()
    return set(Organisation.objects.filter(pk__in=on, kind=PARTNER_SHOP).values_list("pk", flat=True))


def is_shop_staff(user) -> bool:
    return bool(shop_ids(user))
