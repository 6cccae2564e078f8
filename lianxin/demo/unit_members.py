"""The housing bureau branch's member in the demo community (issue 21, scenario 2's 刘建军), so the demo
unit_contact finds his unit's members' service and points: a member of 中共巨川县住建局支部委员会 living at
和谐家园, who reported to 梧桐里社区 as an employed member (approved: his volunteer post and the non-home
membership), joined its vanguard team, answered its call-out on duty, and earned points for a wish and a
service project. Written through the services; his account is inactive and has no password (nobody signs
in as him). Idempotent: once he has registered, a rerun adds nothing.
"""

from datetime import date

from django.db import transaction

from lianxin.areas.models import Area, Level
from lianxin.core.scope import under
from lianxin.demo.service_accounts import UNIT_ORG
from lianxin.party.models import Field, Membership, MembershipKind, PartyOrg
from lianxin.people.models import Person, User
from lianxin.points.services import points_award
from lianxin.volunteering import services
from lianxin.volunteering.models import Callout, VolunteerRegistration, VolunteerTeam

MEMBER = "刘建军"
USERNAME = "demo_liujianjun"
HOME_ESTATE = "和谐家园"
AWARDS = [
    ("demo:unit-member:wish", 20, "微心愿：帮独居老人修门锁", "wish"),
    ("demo:unit-member:project", 40, "服务项目：楼道杂物清理 2 小时", "project"),
]


@transaction.atomic
def unit_member_demo_ensure() -> int:
    """Returns 1 when the member was added now, else 0."""
    unit = PartyOrg.objects.filter(name=UNIT_ORG, field=Field.ORGAN).order_by("path").first()
    secretary = User.objects.filter(username="community_secretary").select_related("person").first()
    if unit is None or secretary is None or not secretary.person or not secretary.person.area_id:
        return 0
    if VolunteerRegistration.objects.filter(person__name=MEMBER, person__user__username=USERNAME).exists():
        return 0
    community = Area.objects.get(pk=secretary.person.area_id)
    estates = Area.objects.filter(under("path", community.path), level=Level.ESTATE).order_by("path")
    home = estates.filter(name=HOME_ESTATE).first() or estates.first()
    if home is None:
        return 0
    person = Person(name=MEMBER)
    person.set_area(home)
    person.save()
    Membership.objects.create(
        person=person,
        org=unit,
        org_path=unit.path,
        area_path=person.area_path,
        kind=MembershipKind.FULL,
        start_date=date(2012, 7, 1),
    )
    user = User(username=USERNAME, person=person, is_active=False, is_demo=True)
    user.set_unusable_password()
    user.save()
    registration = services.volunteer_register(user, kind="member", skills="水电维修、政策宣讲")
    services.volunteer_registration_approve(secretary, registration=registration)
    team = VolunteerTeam.objects.filter(area=community, kind="vanguard").order_by("id").first()
    if team is not None:
        services.team_member_add(secretary, team=team, person=person)
        callout = Callout.objects.filter(team=team).order_by("id").first()
        if callout is not None:
            services.callout_answer(user, callout=callout, answer="on_duty")
    for key, amount, reason, source in AWARDS:
        points_award(None, person=person, amount=amount, key=key, reason=reason, source_kind=source)
    return 1
