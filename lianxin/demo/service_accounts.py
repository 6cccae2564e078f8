"""What issue 21's three demo accounts stand on, and their posts (in the world, so tests read the same posts):

- ``shop_staff``: a post on 惠邻超市, the partner shop where rewards are handed over (核销);
- ``unit_contact``: a post on 中共巨川县住建局支部委员会, the county housing bureau's party branch (a unit's
  party organisation, headed by its secretary 高建华): its members' service and points, its agreements;
- ``enterprise_contact``: a unit contact's post on 巨川燃化公司, a member enterprise of the coal-chemical
  chain alliance (made by ``chains``): its demands, offers and deals on the alliance's lists.

All three read only and see no resident (their roles' rules). Idempotent: what exists is found again, and an
account that holds a post already keeps it as it is.
"""

from datetime import date

from lianxin.areas.models import Area, Level
from lianxin.core.scope import under
from lianxin.party.models import Field, Membership, MembershipKind, OrgKind, PartyOrg
from lianxin.people.models import Organisation, OrganisationKind, Person, Post, User

SHOP = "惠邻超市"
UNIT_ORG = "中共巨川县住建局支部委员会"
UNIT_HEAD = "高建华"
ENTERPRISE = "巨川燃化公司"
SINCE = date(2024, 3, 1)


def shop_ensure(county: Area) -> Organisation:
    """惠邻超市, in the first community (the demo's points add its rewards)."""
    shop = Organisation.objects.filter(kind=OrganisationKind.PARTNER_SHOP, name=SHOP).order_by("id").first()
    if shop is None:
        community = (
            Area.objects.filter(under("path", county.path), level=Level.COMMUNITY).order_by("path").first()
        )
        where = community or county
        shop = Organisation.objects.create(
            kind=OrganisationKind.PARTNER_SHOP, name=SHOP, area=where, area_path=where.path
        )
    return shop


def unit_org_ensure(county: Area) -> PartyOrg | None:
    """The housing bureau's party branch under the county committee, with its secretary as a member."""
    org = PartyOrg.objects.filter(name=UNIT_ORG, field=Field.ORGAN).order_by("path").first()
    if org is not None:
        return org
    committee = PartyOrg.objects.filter(kind=OrgKind.COMMITTEE, area=county, depth=1).first()
    if committee is None:
        return None
    org = PartyOrg.objects.add_child(
        committee,
        {
            "kind": OrgKind.BRANCH,
            "name": UNIT_ORG,
            "area": county,
            "area_path": county.path,
            "field": Field.ORGAN,
            "founded_on": date(1985, 7, 1),
            "office_place": "巨川县住建局办公楼三层",
        },
    )
    head = Person(name=UNIT_HEAD)
    head.set_area(county)
    head.save()
    Membership.objects.create(
        person=head,
        org=org,
        org_path=org.path,
        area_path=head.area_path,
        kind=MembershipKind.FULL,
        start_date=date(2005, 7, 1),
    )
    return org


def _post(person: Person, role: str, *, organisation=None, party_org=None) -> Post:
    if party_org is not None:
        return Post(
            person=person,
            role=role,
            party_org=party_org,
            party_org_path=party_org.path,
            area_path=party_org.area_path,
            start_date=SINCE,
        )
    return Post(
        person=person,
        role=role,
        organisation=organisation,
        area_path=organisation.area_path,
        start_date=SINCE,
    )


def service_accounts_place(county: Area) -> None:
    """The shop, the unit's organisation and the three accounts' posts (for accounts holding none yet)."""
    from lianxin.points.shops import SHOP_STAFF
    from lianxin.volunteering.permissions import UNIT_CONTACT

    shop = shop_ensure(county)
    unit = unit_org_ensure(county)
    enterprise = Organisation.objects.filter(name=ENTERPRISE).order_by("id").first()
    plan = {
        "shop_staff": (SHOP_STAFF, {"organisation": shop}),
        "unit_contact": (UNIT_CONTACT, {"party_org": unit}) if unit else None,
        "enterprise_contact": (UNIT_CONTACT, {"organisation": enterprise}) if enterprise else None,
    }
    users = User.objects.filter(username__in=plan, person__isnull=False).select_related("person")
    posts = []
    for user in users:
        if plan[user.username] is None or Post.objects.filter(person=user.person).exists():
            continue
        role, on = plan[user.username]
        posts.append(_post(user.person, role, **on))
    Post.objects.bulk_create(posts)
