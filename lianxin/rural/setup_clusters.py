"""What the clusters part registers from AppConfig.ready(): its capabilities, audited models and menus."""

from django.utils.translation import gettext_lazy as _


def sees_overview(user) -> bool:
    from lianxin.core.rights import may
    from lianxin.rural.services.clusters import CLUSTER_FORM

    return bool(getattr(user, "is_authenticated", False)) and may(user, CLUSTER_FORM)


def sees_committees(user) -> bool:
    from lianxin.core.rights import may
    from lianxin.rural.services.clusters import CLUSTER_KEEP

    return bool(getattr(user, "is_authenticated", False)) and may(user, CLUSTER_KEEP)


def heads_task_force(user) -> bool:
    from lianxin.core.context import user_context
    from lianxin.rural.permissions import TASK_FORCE_HEAD

    if not getattr(user, "is_authenticated", False):
        return False
    return any(held.role == TASK_FORCE_HEAD for held in user_context(user).held)


def lives_in_cluster(user) -> bool:
    """我的片区 is offered to villagers (a person with no post) living in a cluster, who see its tasks; the
    page refuses everyone else, as the menu hides it from them."""
    from lianxin.core.context import user_context
    from lianxin.rural.selectors.clusters import my_cluster

    if not getattr(user, "is_authenticated", False) or not user.person_id:
        return False
    context = user_context(user)
    if context.held:
        return False
    return context.memo("rural.my_cluster", lambda: my_cluster(user)) is not None


def ready() -> None:
    from lianxin.audit.registry import audit_register
    from lianxin.core.navigation import NavItem, nav_register
    from lianxin.core.rights import capability_register
    from lianxin.people.roles import Role
    from lianxin.rural import models as m
    from lianxin.rural.permissions import JOINT_COMMITTEE_LEADER, TASK_FORCE_HEAD
    from lianxin.rural.services import clusters as svc

    capability_register(
        svc.CLUSTER_FORM,
        roles=[Role.ORG_ADMIN],
        label=_("form demonstration clusters, their joint committees and task-force heads"),
    )
    capability_register(
        svc.CLUSTER_KEEP,
        roles=[Role.ORG_ADMIN, Role.SECRETARY, JOINT_COMMITTEE_LEADER],
        label=_("keep clusters' grades, mentoring, resources, plans and joint committees"),
    )
    capability_register(
        svc.CLUSTER_TASK_ISSUE,
        roles=[JOINT_COMMITTEE_LEADER, Role.SECRETARY],
        label=_("issue cluster tasks for a joint committee"),
    )
    capability_register(
        svc.RESOURCE_RECORD,
        roles=[Role.ORG_ADMIN, TASK_FORCE_HEAD],
        label=_("record the resources a department brings to a cluster"),
    )
    for model in (
        m.ClusterProfile,
        m.VillageGrade,
        m.MentoringPair,
        m.MentoringActivity,
        m.VillageResource,
        m.ClusterPlan,
        m.DepartmentResource,
        m.JointBranchLink,
        m.ClusterTask,
        m.ClusterTaskParty,
    ):
        audit_register(model)
    nav_register(
        NavItem(
            "rural_overview",
            _("Rural clusters"),
            "rural:overview",
            "work",
            "map",
            order=70,
            visible=sees_overview,
        )
    )
    nav_register(
        NavItem(
            "rural_committees",
            _("Joint committees"),
            "rural:committees",
            "work",
            "users",
            order=71,
            visible=sees_committees,
        )
    )
    nav_register(
        NavItem(
            "rural_task_force",
            _("My task force"),
            "rural:task_force",
            "work",
            "list",
            order=72,
            visible=heads_task_force,
        )
    )
    nav_register(
        NavItem(
            "rural_my_cluster",
            _("My cluster"),
            "rural:my_cluster",
            "work",
            "home",
            order=73,
            visible=lives_in_cluster,
        )
    )
