"""A street's three-level organisation (P002-47): working committee → party-building office → party
service centre, and the staff posted at the centre, who work for the whole street (and only for it)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from lianxin.areas.models import Area, Household, Place
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import under
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.party.services.street import (
    committee_office,
    office_centre,
    street_centre_link,
    street_centre_staff_add,
    street_committee,
    street_office_ensure,
)
from lianxin.people.models import Person, Post, User
from lianxin.people.roles import Role, StaffingType

pytestmark = pytest.mark.django_db


def _url(street, action: str = "") -> str:
    return f"/party/streets/{street.pk}/structure/" + (f"{action}/" if action else "")


def _centre(street) -> Place:
    return office_centre(committee_office(street_committee(street)), street)


def _resident(street, *, exclude=()) -> Person:
    """An adult of the street with no account and no post."""
    return (
        Person.objects.filter(under("area_path", street.path), mobile_index__gt="", user__isnull=True)
        .filter(posts__isnull=True)
        .exclude(pk__in=[p.pk for p in exclude])
        .order_by("id")
        .first()
    )


def _user_with_post(username: str, **post) -> User:
    person = Person.objects.create(name=username)
    place = post.get("place")
    Post.objects.create(
        person=person,
        area_path=place.area_path if place else post["party_org"].area_path,
        party_org_path=post["party_org"].path if "party_org" in post else "",
        start_date=timezone.localdate() - timedelta(days=30),
        **post,
    )
    return User.objects.create(username=username, person=person)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _dismantle(street) -> None:
    """Take the demo's structure of the street away, to set it up again from the page."""
    centre = _centre(street)
    Post.objects.filter(place=centre).delete()
    committee_office(street_committee(street)).delete()


# -- the demo ---------------------------------------------------------------------------------------------


def test_each_demo_street_has_its_office_under_the_committee_running_its_centre(world):
    for street in world.streets:
        committee = street_committee(street)
        office = committee_office(committee)
        assert office.kind == OrgKind.OFFICE and office.area == street
        assert PartyOrg.objects.get_parent(office) == committee
        centre = _centre(street)
        assert centre.area == street and centre.designations.filter(code="service_centre").exists()
    staff = Post.objects.current().get(place=_centre(world.streets[0]))
    assert staff.role == Role.PLACE_STAFF and not User.objects.filter(person=staff.person).exists()
    assert not Post.objects.filter(place=_centre(world.streets[1])).exists()


# -- scope: a post at the centre opens the street, and only while it lasts ---------------------------------


def test_a_post_at_the_centre_opens_the_whole_street_and_not_the_other(cast, world):
    street_a, street_b = world.streets[:2]
    person = _resident(street_a)
    post = street_centre_staff_add(
        actor=cast.street_secretary,
        street=street_a,
        person=person,
        role=Role.PLACE_STAFF,
        staffing_type=StaffingType.HIRED_PART_TIME,
        duties="窗口值班",
        start_date=timezone.localdate() - timedelta(days=10),
    )
    assert post.place == _centre(street_a) and post.area_path == street_a.path
    user = User.objects.create(username="centre_staff", person=person)

    areas = Area.objects.restrict(user)
    communities_a = [c for c in world.communities if c.path.startswith(street_a.path)]
    communities_b = [c for c in world.communities if c.path.startswith(street_b.path)]
    assert communities_a and communities_b
    assert set(areas.filter(pk__in=[c.pk for c in communities_a])) == set(communities_a)
    assert not areas.filter(pk__in=[c.pk for c in communities_b]).exists()
    assert not areas.filter(under("path", street_b.path)).exists()
    households = Household.objects.restrict(user)
    assert households.filter(under("area_path", street_a.path)).exists()
    assert not households.filter(under("area_path", street_b.path)).exists()

    Post.objects.filter(pk=post.pk).update(end_date=timezone.localdate() - timedelta(days=1))
    ended = User.objects.get(pk=user.pk)  # a fresh user object: grants are computed once per object
    assert not Area.objects.restrict(ended).filter(pk__in=[c.pk for c in communities_a]).exists()
    own = Household.objects.restrict(ended).filter(under("area_path", street_a.path))
    assert list(own.values_list("pk", flat=True)) == [person.household_id]  # only his own home is left


# -- the page -----------------------------------------------------------------------------------------------


def test_the_page_shows_the_three_levels_and_the_staff_with_masked_numbers(client_as, world):
    street = world.streets[0]
    office = committee_office(street_committee(street))
    staff = Post.objects.current().select_related("person").get(place=_centre(street))
    html = client_as("street_secretary").get(_url(street)).content.decode()
    assert street_committee(street).name in html
    assert office.name in html and _centre(street).name in html
    assert staff.person.name in html and staff.person.mobile_masked in html
    assert staff.person.mobile not in html
    assert 'data-testid="staff-form"' in html
    assert 'data-testid="office-form"' not in html


def test_the_street_secretary_sets_the_structure_up_from_the_page(client_as, world):
    street = world.streets[0]
    centre = _centre(street)
    _dismantle(street)
    client = client_as("street_secretary")
    html = client.get(_url(street)).content.decode()
    assert 'data-testid="office-form"' in html and 'data-testid="centre-form"' not in html

    response = client.post(_url(street, "office"), {"name": "幸福街道党建办公室"})
    assert response.status_code == 302 and response["Location"] == _url(street)
    office = committee_office(street_committee(street))
    assert office.name == "幸福街道党建办公室" and office.area == street

    html = client.get(_url(street)).content.decode()
    assert 'data-testid="centre-form"' in html and 'data-testid="staff-form"' not in html
    response = client.post(_url(street, "centre"), {"place": centre.pk})
    assert response.status_code == 302
    centre.refresh_from_db()
    assert centre.party_org == office

    person = _resident(street)
    response = client.post(
        _url(street, "staff"),
        {"person": person.mobile, "role": Role.COMMUNITY_WORKER, "staffing_type": "hired_full_time"},
    )
    assert response.status_code == 302
    post = Post.objects.current().get(place=centre, person=person)
    assert post.role == Role.COMMUNITY_WORKER and post.is_full_time and post.area_path == street.path
    assert person.name in client.get(_url(street)).content.decode()


def test_the_county_admin_records_a_new_centre_for_the_office(client_as, world):
    street = world.streets[1]
    old = _centre(street)
    response = client_as("county_admin").post(_url(street, "centre"), {"name": "新建党群服务中心"})
    assert response.status_code == 302
    new = _centre(street)
    assert new.name == "新建党群服务中心" and new.pk != old.pk and new.area == street
    old.refresh_from_db()
    assert old.party_org is None  # the office runs one centre


def test_a_second_office_is_refused_in_chinese_with_a_400(client_as, cast, world):
    street = world.streets[0]
    office = committee_office(street_committee(street))
    with pytest.raises(DomainError) as error:
        street_office_ensure(actor=cast.street_secretary, street=street, name="第二个办公室")
    assert error.value.code == "exists" and office.name in error.value.message
    response = client_as("street_secretary").post(_url(street, "office"), {"name": "第二个办公室"})
    assert response.status_code == 400
    assert office.name in response.content.decode()
    assert not PartyOrg.objects.filter(name="第二个办公室").exists()


def test_a_centre_outside_the_street_or_a_role_not_of_the_centre_is_refused(cast, world):
    street_a, street_b = world.streets[:2]
    community_centre = Place.objects.filter(area=world.communities[0]).order_by("id").first()
    for place in (_centre(street_b), community_centre):
        with pytest.raises(DomainError) as error:
            street_centre_link(actor=cast.county_admin, street=street_a, place=place)
        assert error.value.code == "outside"
    assert _centre(street_b).party_org == committee_office(street_committee(street_b))
    with pytest.raises(DomainError) as error:
        street_centre_staff_add(
            actor=cast.county_admin, street=street_a, person=_resident(street_a), role=Role.GRID_WORKER
        )
    assert error.value.field == "role"


def test_the_other_streets_roles_get_404_and_so_do_posts_below_the_street(client_as, world):
    street_a, street_b = world.streets[:2]
    other = _user_with_post("street_b_secretary", role=Role.SECRETARY, party_org=street_committee(street_b))
    client = _client(other)
    assert client.get(_url(street_b)).status_code == 200
    assert client.get(_url(street_a)).status_code == 404
    assert client.post(_url(street_a, "office"), {"name": "x"}).status_code == 404
    assert client_as("community_secretary").get(_url(street_a)).status_code == 404
    assert client_as("street_secretary").get(_url(street_b)).status_code == 404
    # Only streets have the page.
    assert client_as("street_secretary").get(_url(world.communities[0])).status_code == 404


def test_read_only_posts_and_staff_who_are_not_secretaries_may_look_but_not_set_up(world):
    street = world.streets[0]
    centre = _centre(street)
    volunteer = _client(_user_with_post("centre_volunteer", role=Role.VOLUNTEER, place=centre))
    staff = _client(_user_with_post("centre_clerk", role=Role.PLACE_STAFF, place=centre))
    for client in (volunteer, staff):
        html = client.get(_url(street)).content.decode()
        assert centre.name in html and 'data-testid="staff-form"' not in html
        for action, data in (("office", {"name": "x"}), ("centre", {"name": "x"}), ("staff", {})):
            assert client.post(_url(street, action), data).status_code == 403
    assert not Place.objects.filter(name="x").exists()


def test_the_street_and_its_committee_link_to_the_page(client_as, world):
    street = world.streets[0]
    client = client_as("street_secretary")
    assert f'href="{_url(street)}"' in client.get(f"/areas/{street.pk}/").content.decode()
    committee = street_committee(street)
    assert f'href="{_url(street)}"' in client.get(f"/party/{committee.pk}/").content.decode()
    community = world.communities[0]
    assert "/structure/" not in client.get(f"/areas/{community.pk}/").content.decode()


def test_a_street_without_a_committee_says_what_is_missing_and_refuses_the_office(client_as, cast, world):
    county = Area.objects.get(pk=world.county.pk)
    street = Area.objects.add_child(county, {"level": "street", "code": "379901999000", "name": "新设街道"})
    response = client_as("county_admin").get(_url(street))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/party/new/"' in html and 'data-testid="office-form"' not in html
    with pytest.raises(DomainError) as error:
        street_office_ensure(actor=cast.county_admin, street=street, name="新设街道党建办公室")
    assert error.value.code == "missing" and "新设街道" in error.value.message
    response = client_as("county_admin").post(_url(street, "office"), {"name": "新设街道党建办公室"})
    assert response.status_code == 400 and 'data-testid="refusal"' in response.content.decode()


def test_a_staff_post_for_someone_outside_the_scope_is_answered_on_the_form_with_a_400(client_as, world):
    street_a, street_b = world.streets[:2]
    outsider = _resident(street_b)
    response = client_as("street_secretary").post(
        _url(street_a, "staff"), {"person": outsider.mobile, "role": Role.PLACE_STAFF}
    )
    assert response.status_code == 400
    assert 'data-testid="staff-form"' in response.content.decode()
    assert not Post.objects.filter(person=outsider, place=_centre(street_a)).exists()
