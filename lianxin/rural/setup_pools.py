"""What the pools part registers from AppConfig.ready(): its capabilities (funds and commitments:
county_admin; the cluster's cadres and activities: the township secretary and the joint committee leader),
audit of every pool record, navigation and the workbench panel "资金池"."""


def ready() -> None:
    from django.utils.translation import gettext_lazy as _

    from lianxin.audit.registry import audit_register
    from lianxin.core.rights import capability_register
    from lianxin.people.roles import Role
    from lianxin.rural import models
    from lianxin.rural.permissions import JOINT_COMMITTEE_LEADER
    from lianxin.rural.services.pools import FUND_MANAGE, POOLS_MANAGE

    capability_register(
        FUND_MANAGE, roles={Role.ORG_ADMIN}, label=_("keep the fund pools and funding commitments")
    )
    capability_register(
        POOLS_MANAGE,
        roles={Role.ORG_ADMIN, Role.SECRETARY, Role.DEPUTY_SECRETARY, JOINT_COMMITTEE_LEADER},
        label=_("deploy a cluster's cadres and hold its joint activities"),
    )
    for model in (
        models.Fund,
        models.FundEntry,
        models.FundCommitment,
        models.Tranche,
        models.CadreDeployment,
        models.ClusterActivity,
        models.ClusterAttendance,
    ):
        audit_register(model, repr=model is not models.ClusterAttendance)
