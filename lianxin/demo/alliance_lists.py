"""The demo alliance's lists (P003-38–40): 巨川燃化公司's demand 防腐喷涂 500套, still 待对接, and
巨川焦化科技's offer that the lists page suggests for it, filed through the services by the organisation
department's account, which leads the county's alliance. Idempotent: nothing is filed twice."""

from lianxin.party.models import AllianceMember, AllianceOffer, OrgKind, PartyOrg
from lianxin.party.services.alliance_lists import demand_file, offer_file
from lianxin.people.models import User

DEMANDING, OFFERING = "巨川燃化公司", "巨川焦化科技"


def alliance_lists_ensure() -> None:
    alliance = PartyOrg.objects.filter(kind=OrgKind.CHAIN_ALLIANCE).order_by("path").first()
    lead = User.objects.filter(username="county_admin").first()
    if alliance is None or lead is None or AllianceOffer.objects.filter(alliance=alliance).exists():
        return
    members = {
        m.enterprise.name: m.enterprise
        for m in AllianceMember.objects.filter(
            alliance=alliance, enterprise__name__in=[DEMANDING, OFFERING]
        ).select_related("enterprise")
    }
    if len(members) < 2:
        return
    offer_file(
        lead,
        alliance=alliance,
        organisation=members[OFFERING],
        title="防腐喷涂加工",
        description="自有喷涂生产线，可承接化工设备、管道防腐喷涂",
    )
    demand_file(
        lead,
        alliance=alliance,
        organisation=members[DEMANDING],
        title="防腐喷涂",
        quantity="500套",
        description="储罐、管件外壁防腐喷涂，交货期紧",
    )
