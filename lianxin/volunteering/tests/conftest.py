"""The volunteering tests' world: the demo cast on the small world, plus an employed party member living in
the demo community (with an account) and a county unit's party organisation with its head."""

import pytest

from lianxin.core.scope import under
from lianxin.party.models import Field, Membership, MembershipKind, OrgKind, PartyOrg
from lianxin.people.models import Person, User


@pytest.fixture
def community(world):
    return world.communities[0]


@pytest.fixture
def member_user(community):
    """A full party member whose home branch is in the community and who lives there, given an account."""
    membership = (
        Membership.objects.current()
        .filter(under("area_path", community.path), is_home=True, kind=MembershipKind.FULL)
        .exclude(person__user__isnull=False)
        .exclude(person__posts__isnull=False)
        .select_related("person")
        .order_by("id")
        .first()
    )
    return User.objects.create(username="employed_member", person=membership.person)


@pytest.fixture
def unit_org(world):
    """中共巨川县住建局支部委员会: a county body's branch with one member, its head."""
    county_committee = PartyOrg.objects.filter(kind=OrgKind.COMMITTEE, depth=1).order_by("path").first()
    org = PartyOrg.objects.add_child(
        county_committee,
        {
            "kind": OrgKind.BRANCH,
            "name": "中共巨川县住建局支部委员会",
            "area": world.county,
            "area_path": world.county.path,
            "field": Field.ORGAN,
        },
    )
    head = Person.objects.create(name="高建华", area=world.county, area_path=world.county.path)
    Membership.objects.create(person=head, org=org, org_path=org.path, area_path=head.area_path)
    org.head = head
    return org
