"""What the reserves part registers from AppConfig.ready(): its capability (``reserve.keep``), audit of its
records and its pages in the navigation (reserves, candidates, selections, programmes)."""

from dataclasses import replace

from django.utils.translation import gettext_lazy as _


def keeps_reserves(user) -> bool:
    from lianxin.talent.services.reserves import keeper

    return bool(getattr(user, "is_authenticated", False)) and keeper(user)


def ready() -> None:
    from lianxin.audit.registry import audit_register
    from lianxin.core.navigation import NavItem, nav_register
    from lianxin.core.rights import capability_register
    from lianxin.people.roles import Role
    from lianxin.talent import models
    from lianxin.talent.services.reserves import KEEP

    # Community, street, village and township secretaries (and deputies), the organisation department.
    capability_register(
        KEEP,
        roles={Role.SECRETARY, Role.DEPUTY_SECRETARY, Role.ORG_ADMIN},
        label=_("keep reserves, secretary candidates and talent programmes"),
    )
    for model in (
        models.Reserve,
        models.Candidate,
        models.Gate,
        models.Selection,
        models.Programme,
        models.ProgrammeMember,
        models.ProgrammeSession,
    ):
        audit_register(model)

    items = [
        NavItem("talent_reserves", _("Reserve pool"), "talent:reserves", "work", "users", order=183),
        NavItem(
            "talent_candidates",
            _("Secretary candidates"),
            "talent:candidates",
            "work",
            "clipboard",
            order=184,
        ),
        NavItem("talent_selections", _("Talents selected"), "talent:selections", "work", "list", order=185),
        NavItem("talent_programmes", _("Talent programmes"), "talent:programmes", "work", "list", order=186),
    ]
    for item in items:
        nav_register(replace(item, visible=keeps_reserves))
