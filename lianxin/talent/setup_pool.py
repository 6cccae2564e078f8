"""What the pool part registers from AppConfig.ready(): the talents' capabilities, audit, the roll-up figure
``talent.returns``, the import kind ``talents`` and the pages in the navigation."""

from dataclasses import replace

from django.utils.translation import gettext_lazy as _


def returns_compute(*, area_path, day_from, day_to, dims=None):
    from django.db.models import Count

    from lianxin.core.paths import under
    from lianxin.rollups.registry import Total
    from lianxin.talent.models import TalentReturn

    rows = TalentReturn.objects.filter(
        under("area_path", area_path), returned_on__gte=day_from, returned_on__lte=day_to
    )
    if dims:
        rows = rows.filter(kind=dims["kind"]) if set(dims) == {"kind"} else rows.none()
    n = rows.aggregate(n=Count("id"))["n"] or 0
    from decimal import Decimal

    return Total(value=Decimal(n), count=n)


def returns_source():
    from lianxin.rollups.registry import Contribution
    from lianxin.talent.models import TalentReturn

    for path, day, kind in TalentReturn.objects.values_list("area_path", "returned_on", "kind").iterator():
        yield Contribution(path, day, 1, {"kind": kind})


def sees_talents(user) -> bool:
    from lianxin.core.rights import may
    from lianxin.talent.services.pool import VIEW_TALENTS

    return bool(getattr(user, "is_authenticated", False)) and may(user, VIEW_TALENTS)


def sees_my_village(user) -> bool:
    """Asked on every page by the menu: the roles first (no query), the village posts in force only for a
    holder of a returnee's or first secretary's role."""
    from lianxin.core.context import user_context
    from lianxin.rural.permissions import FIRST_SECRETARY, RETURNEE_ROLES
    from lianxin.talent.selectors.pool import my_villages

    if not getattr(user, "is_authenticated", False):
        return False
    context = user_context(user)
    if not context.roles & (RETURNEE_ROLES | {FIRST_SECRETARY}):
        return False
    return bool(context.memo("talent.my_villages", lambda: my_villages(user)))


def ready() -> None:
    from lianxin.audit.registry import audit_register
    from lianxin.core.navigation import NavItem, nav_register
    from lianxin.core.rights import capability_register
    from lianxin.core.scope import VIEW
    from lianxin.people.roles import Role
    from lianxin.rollups.registry import Figure, figure_register
    from lianxin.talent import models
    from lianxin.talent.services.pool import KEEP_TALENTS, RETURNS_FIGURE, VIEW_TALENTS

    # Talents: village and township secretaries (and deputies), the organisation department (county_admin).
    keepers = {Role.SECRETARY, Role.DEPUTY_SECRETARY, Role.ORG_ADMIN}
    capability_register(VIEW_TALENTS, roles=keepers, label=_("read the talent pool"), action=VIEW)
    capability_register(KEEP_TALENTS, roles=keepers, label=_("keep the talent pool and returns"))

    audit_register(models.TalentProfile, redact=("mobile", "mobile_index"), repr=False)
    for model in (
        models.TalentChannel,
        models.TalentVisit,
        models.TalentNeed,
        models.Matching,
        models.MatchContact,
        models.OutreachEvent,
        models.Invitation,
        models.TalentReturn,
        models.FollowUp,
        models.ClusterEngagement,
    ):
        audit_register(model)

    figure_register(
        Figure(
            key=RETURNS_FIGURE,
            label=_("talent returns"),
            unit=_("persons"),
            compute=returns_compute,
            source=returns_source,
        )
    )

    from lianxin.talent.import_pool import register as imports_register

    imports_register()

    items = [
        (
            NavItem("talent_pool", _("Talent pool"), "talent:talents", "work", "users", order=180),
            sees_talents,
        ),
        (
            NavItem("talent_returns", _("Talent returns"), "talent:returns", "work", "list", order=181),
            sees_talents,
        ),
        (
            NavItem("talent_my_village", _("My village"), "talent:my_village", "work", "flag", order=182),
            sees_my_village,
        ),
    ]
    for item, visible in items:
        nav_register(replace(item, visible=visible))
