"""A branch secretary's source (两委成员 / 离退休党员 / 社区工作者) is recorded when he is appointed on the
person page, so secretaries are counted by source at once (P001-23); only party members may hold the post."""

import pytest

from lianxin.core.scope import under
from lianxin.party.figures.organisation import by_source
from lianxin.party.models import Membership, MembershipKind, OrgKind, PartyOrg
from lianxin.people.models import Person, Post
from lianxin.people.roles import PostSource, Role

pytestmark = pytest.mark.django_db


def test_a_secretary_is_appointed_with_his_source_and_counted_by_it(client_as, cast, world):
    branch = PartyOrg.objects.filter(kind=OrgKind.BRANCH, area=world.estates[0]).first()
    member = (
        Membership.objects.current()
        .filter(under("area_path", world.estates[0].path), kind=MembershipKind.FULL, is_home=True)
        .exclude(person__posts__role=Role.SECRETARY)
        .first()
        .person
    )
    before = {r.label: r.value for r in by_source(user=cast.county_admin, role=Role.SECRETARY)}

    response = client_as("county_admin").post(
        f"/people/{member.pk}/posts/new/",
        {"role": "secretary", "party_org": branch.pk, "source": PostSource.RETIRED_MEMBER},
    )

    assert response.status_code == 302
    post = Post.objects.current().get(person=member, role=Role.SECRETARY, party_org=branch)
    assert post.source == PostSource.RETIRED_MEMBER
    after = {r.label: r.value for r in by_source(user=cast.county_admin, role=Role.SECRETARY)}
    label = PostSource.RETIRED_MEMBER.label
    assert after[label] == before.get(label, 0) + 1


def test_a_non_member_is_refused_the_secretary_post(client_as, world):
    branch = PartyOrg.objects.filter(kind=OrgKind.BRANCH, area=world.estates[0]).first()
    estate = world.estates[0]
    outsider = Person.objects.filter(under("area_path", estate.path), memberships__isnull=True).first()
    response = client_as("county_admin").post(
        f"/people/{outsider.pk}/posts/new/",
        {"role": "secretary", "party_org": branch.pk, "source": PostSource.COMMITTEE_MEMBER},
    )
    assert response.status_code == 400
    assert "党员" in response.content.decode()
