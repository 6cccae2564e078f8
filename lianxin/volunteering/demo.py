"""The demo county's volunteering (issue 21's demo): registrations (孙桂兰 pending, 徐晓燕 approved), a
co-building agreement of 梧桐里社区 with the county housing bureau and its staff member sent down as a
cadre, a unit registration where the world has a unit's organisation with members, three teams, a
call-out with answers, and a pairing with a visit. Written through the services, as the
demo's accounts would on the pages. Idempotent: once there are teams, a rerun adds nothing. Called by
``load_demo``."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lianxin.areas.models import Area, Household, HouseholdTag, Level, Place
from lianxin.core.scope import under
from lianxin.party.models import Field, Membership, OrgKind, PartyOrg
from lianxin.people.models import User
from lianxin.volunteering import services
from lianxin.volunteering.models import VolunteerTeam
from lianxin.volunteering.services.common import community_party_org

# The unit types a unit's party organisation is read from (its field), for the demo's unit registration.
# The housing bureau's branch (lianxin.demo.service_accounts.UNIT_ORG; a domain app may not import the demo).
UNIT_ORG = "中共巨川县住建局支部委员会"
UNIT_FIELDS = {Field.ORGAN: "organ", Field.SOE: "soe", Field.SCHOOL: "school", Field.TWO_NEW: "private"}


def unit_with_head():
    """A unit's party organisation of the world with a current member to head it, or None: the demo adds no
    organisation or membership of its own (load_demo leaves the world's organisations as they are)."""
    orgs = PartyOrg.objects.filter(field__in=UNIT_FIELDS).exclude(kind=OrgKind.COMMITTEE, depth=1)
    for org in orgs.order_by("path"):
        member = Membership.objects.current().filter(org=org, kind="full").select_related("person").first()
        if member is not None:
            return org, member.person
    return None, None


def _needy_household(community):
    """A household of the community tagged as in need and not yet paired (tagged here if none is)."""
    households = Household.objects.filter(under("area_path", community.path)).order_by("id")
    needy = households.filter(tags__code__in=settings.LIANXIN_PAIRING_TAGS).first()
    if needy is None:
        needy = households.first()
        needy.tags.add(HouseholdTag.objects.get(code=settings.LIANXIN_PAIRING_TAGS[0]))
    return needy


def courier_base(community):
    """The couriers' team is based at the community's rest station (暖心驿站) when it has one, else at a
    place of the community (its 党群服务中心 …), else nowhere."""
    places = Place.objects.filter(under("area_path", community.path)).order_by("id")
    return places.filter(name__contains="驿站").first() or places.first()


@transaction.atomic
def volunteering_demo_ensure() -> dict:
    if VolunteerTeam.objects.exists():
        return {}
    users = {u.username: u for u in User.objects.filter(is_demo=True).select_related("person")}
    needed = ("county_admin", "community_secretary", "volunteer", "resident", "building_captain", "courier")
    if any(name not in users for name in needed):
        return {}
    secretary, admin = users["community_secretary"], users["county_admin"]
    community = Area.objects.get(pk=secretary.person.area_id)
    if community.level != Level.COMMUNITY:
        return {}
    committee = community_party_org(community)

    # 双报到: the volunteer's registration approved (her post is kept), the resident's waiting.
    approved = services.volunteer_register(users["volunteer"], kind="resident", skills="理发、陪聊")
    services.volunteer_registration_approve(secretary, registration=approved)
    services.volunteer_register(users["resident"], kind="resident", skills="包饺子")
    unit, head = unit_with_head()
    if unit is not None:
        registration = services.unit_register(
            secretary, unit_org=unit, unit_type=UNIT_FIELDS[unit.field], community=community, head=head
        )
        services.unit_registration_approve(secretary, registration=registration)
    services.agreement_create(
        secretary,
        party_org=committee,
        unit_name="巨川县住建局",
        # The bureau's branch (the demo's unit_contact keeps it) reads the agreement on his 共建协议 page.
        unit_org=PartyOrg.objects.filter(name=UNIT_ORG, field=Field.ORGAN).order_by("path").first(),
        unit_type="organ",
        signed_on=timezone.localdate() - timedelta(days=90),
        content="老旧小区改造、物业管理政策宣讲",
    )
    # The housing bureau's demo staff member (黄海涛) sent down to the community's committee as a cadre.
    if "dept_staff" in users:
        services.sent_down_add(admin, person=users["dept_staff"].person, party_org=committee, kind="cadre")

    # Teams: a vanguard team led by the community committee, the couriers' 红驹先锋, the elderly's 夕阳红.
    vanguard = services.team_create(
        secretary, name=f"{community.name}党员先锋队", kind="vanguard", area=community, leading_org=committee
    )
    couriers = services.team_create(
        secretary,
        name="红驹先锋志愿服务队",
        kind="courier",
        area=community,
        sector="express",
        base=courier_base(community),
    )
    services.team_create(secretary, name="夕阳红志愿服务队", kind="elderly", area=community)
    for who, role in (("volunteer", "leader"), ("building_captain", "member"), ("resident", "member")):
        services.team_member_add(secretary, team=vanguard, person=users[who].person, role=role)
    services.team_member_add(secretary, team=couriers, person=users["courier"].person, role="leader")
    services.team_member_add(secretary, team=couriers, person=users["volunteer"].person)

    # A call-out of the vanguard team, two of its three members answered.
    callout = services.callout_create(
        secretary,
        team=vanguard,
        kind="emergency",
        title="暴雨应急排涝",
        starts_at=timezone.now() + timedelta(hours=3),
        place=f"{community.name}党群服务中心",
        needed=3,
        details="带好雨具，到岗后听从网格员安排。",
    )
    services.callout_answer(users["volunteer"], callout=callout, answer="on_duty")
    services.callout_answer(users["building_captain"], callout=callout, answer="standby", note="晚到半小时")

    # 1+N帮1: the building captain and the volunteer pair with a household in need; one visit so far.
    pairing = services.pairing_create(
        secretary,
        household=_needy_household(community),
        captain=users["building_captain"].person,
        volunteers=[users["volunteer"].person],
    )
    services.pairing_visit_log(users["volunteer"], pairing=pairing, note="送米面油，陪老人聊天")
    return {"registrations": 2, "teams": 3, "callouts": 1, "pairings": 1}
