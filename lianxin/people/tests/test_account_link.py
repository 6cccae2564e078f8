"""Linking an account to a person is a business act (issue 18 finding 1): the organisation department or a
secretary over the person links him, on his page; nobody links his own account; 我的数据's view of full
numbers is recorded like any other view of numbers."""

import pytest

from lianxin.core.errors_domain import DomainError
from lianxin.people.accounts import account_link
from lianxin.people.models import Person, PersonalDataView, User

pytestmark = pytest.mark.django_db


def _unlinked_person(world):
    estate = world.estates[0]
    person = Person(name="新住户甲", area=estate, area_path=estate.path)
    person.set_mobile("13911112222")
    person.save()
    return person


def test_the_community_secretary_links_an_account_to_a_resident_of_his_community(client_as, world):
    person = _unlinked_person(world)
    account = User.objects.create(username="new_resident_a")
    client = client_as("community_secretary")
    assert 'data-testid="person-account-link"' in client.get(f"/people/{person.pk}/").content.decode()
    response = client.post(f"/people/{person.pk}/account/", {"username": "new_resident_a"})
    assert response.status_code == 302
    account.refresh_from_db()
    assert account.person_id == person.pk

    from lianxin.audit.models import AuditRecord

    assert AuditRecord.objects.filter(
        action="permission_change", object_type="people.user", object_id=str(account.pk)
    ).exists()


def test_an_account_already_linked_or_an_unknown_name_is_a_400(client_as, cast, world):
    person = _unlinked_person(world)
    client = client_as("community_secretary")
    assert client.post(f"/people/{person.pk}/account/", {"username": "grid_worker"}).status_code == 400
    assert client.post(f"/people/{person.pk}/account/", {"username": "nobody here"}).status_code == 400
    assert not User.objects.filter(person=person).exists()


@pytest.mark.parametrize("username", ["grid_worker", "building_captain", "resident"])
def test_posts_that_do_not_appoint_link_no_account(client_as, cast, world, username):
    person = _unlinked_person(world)
    User.objects.create(username="new_resident_a")
    response = client_as(username).post(f"/people/{person.pk}/account/", {"username": "new_resident_a"})
    assert response.status_code in (403, 404)
    assert User.objects.get(username="new_resident_a").person_id is None


def test_a_person_outside_the_scope_is_not_linked_and_nobody_links_his_own(cast, world):
    outside = Person.objects.create(name="外区住户", area=world.estates[-1], area_path=world.estates[-1].path)
    spare = User.objects.create(username="spare_account")
    with pytest.raises(DomainError):
        account_link(actor=cast.grid_worker, account=spare, person=outside)
    with pytest.raises(DomainError):
        account_link(actor=cast.community_secretary, account=cast.community_secretary, person=outside)
    spare.refresh_from_db()
    assert spare.person_id is None


def test_my_data_records_its_view_of_full_numbers(client_as, cast):
    """我的数据 shows the holder's full mobile and ID number: a view of numbers, recorded like a reveal."""
    before = PersonalDataView.objects.filter(person=cast.resident.person).count()
    response = client_as("resident").get("/accounts/me/data/")
    assert response.status_code == 200
    views = PersonalDataView.objects.filter(person=cast.resident.person, viewer=cast.resident)
    assert views.count() == before + 1  # the demo resident has a mobile, no ID number
    assert views.latest("at").field == "mobile"

    from lianxin.audit.models import AuditRecord

    assert AuditRecord.objects.filter(
        action="personal_data_view", object_type="people.person", object_id=str(cast.resident.person_id)
    ).exists()
