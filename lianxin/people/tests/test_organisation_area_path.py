import pytest

from lianxin.areas.models import Area
from lianxin.people.models import Organisation, OrganisationKind, Post
from lianxin.people.roles import Role

pytestmark = pytest.mark.django_db


def test_an_organisation_saved_with_only_its_area_is_in_the_scope_of_that_area(cast):
    community = Post.objects.filter(person=cast.community_secretary.person, role=Role.SECRETARY).first().area
    org = Organisation.objects.create(kind=OrganisationKind.PROVIDER, name="新服务商", area=community)
    assert org.area_path == community.path
    assert Organisation.objects.restrict(cast.community_secretary).filter(pk=org.pk).exists()

    elsewhere = Area.objects.exclude(path__startswith=community.path).filter(depth=community.depth).first()
    org.area = elsewhere
    org.save()
    org.refresh_from_db()
    assert org.area_path == elsewhere.path
    assert not Organisation.objects.restrict(cast.community_secretary).filter(pk=org.pk).exists()

    placed_by_path = Organisation.objects.create(
        kind=OrganisationKind.PROPERTY_COMPANY, name="全县物业", area_path=community.path
    )
    assert Organisation.objects.get(pk=placed_by_path.pk).area_path == community.path
