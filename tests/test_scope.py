"""Data scope, role by role, on the small world: what each post opens and what it must not."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from lianxin.areas.models import Area, Household, Level
from lianxin.core.scope import CHANGE, VIEW, get_for_user, under
from lianxin.party.models import Membership, PartyOrg
from lianxin.people.models import Department, Person, Post
from lianxin.people.selectors import user_caches_clear

pytestmark = pytest.mark.django_db


def _areas(user, action=VIEW):
    return Area.objects.restrict(user, action)


def test_the_county_admin_sees_the_whole_county(cast, world):
    areas = _areas(cast.county_admin)

    assert areas.filter(level=Level.ESTATE).count() == Area.objects.filter(level=Level.ESTATE).count()
    assert Household.objects.restrict(cast.county_admin).count() == Household.objects.count()
    assert not areas.filter(pk=world.city.pk).exists()  # the city above is not his


def test_a_street_secretary_sees_his_street_and_not_the_other(cast, world):
    mine, other = world.streets
    households = Household.objects.restrict(cast.street_secretary)

    assert households.count() == Household.objects.filter(under("area_path", mine.path)).count() > 0
    assert not households.filter(under("area_path", other.path)).exists()
    assert not _areas(cast.street_secretary).filter(pk=other.pk).exists()
    assert not Person.objects.restrict(cast.street_secretary).filter(under("area_path", other.path)).exists()


def test_a_grid_worker_sees_only_his_estate(cast, world):
    estate = world.estates[0]
    areas = _areas(cast.grid_worker)

    assert set(areas.values_list("level", flat=True)) == {Level.ESTATE, Level.BUILDING, Level.UNIT}
    assert all(a.path.startswith(estate.path) for a in areas)
    assert not Household.objects.restrict(cast.grid_worker).exclude(under("area_path", estate.path)).exists()
    assert not areas.filter(pk=world.estates[1].pk).exists()


def test_a_building_captain_sees_only_his_building(cast):
    building = cast.building_captain.person.posts.get().area
    households = Household.objects.restrict(cast.building_captain)

    assert households.count() == Household.objects.filter(under("area_path", building.path)).count() > 0
    assert not households.exclude(under("area_path", building.path)).exists()


def test_a_resident_sees_only_his_own_household_and_person(cast):
    person = cast.resident.person

    assert list(Household.objects.restrict(cast.resident)) == [person.household]
    assert list(Person.objects.restrict(cast.resident)) == [person]
    assert not _areas(cast.resident).exists()
    assert not Post.objects.restrict(cast.resident).exists()


def test_the_three_administrators_see_no_residents(cast):
    for admin in (cast.sysadmin, cast.secadmin, cast.auditor):
        assert not Person.objects.restrict(admin).exclude(pk=admin.person_id).exists()
        assert not Household.objects.restrict(admin).exists()
        assert not _areas(admin).exists()


def test_department_staff_see_their_department_and_the_estates_of_companies_it_manages(cast, world):
    zhujian = world.departments["zhujian"]

    assert list(Department.objects.restrict(cast.dept_staff)) == [zhujian]
    managed = Area.objects.filter(services__company__managing_department=zhujian)
    assert managed.exists()
    assert set(_areas(cast.dept_staff).filter(level=Level.ESTATE)) == set(managed)
    # read only: managing a company does not make its estates his to change
    assert not _areas(cast.dept_staff, CHANGE).exists()


def test_property_staff_see_the_estates_their_company_serves(cast, world):
    company = cast.property_staff.person.posts.get().organisation
    served = set(Area.objects.filter(services__company=company))

    assert world.estates[0] in served
    assert set(_areas(cast.property_staff).filter(level=Level.ESTATE)) == served
    assert (
        not _areas(cast.property_staff)
        .filter(level=Level.ESTATE)
        .exclude(pk__in=[a.pk for a in served])
        .exists()
    )


def test_a_courier_sees_his_community_but_may_change_nothing(cast, world):
    community = world.communities[0]

    assert _areas(cast.courier).filter(pk=community.pk).exists()
    assert not _areas(cast.courier, CHANGE).exists()
    assert not Household.objects.restrict(cast.courier, CHANGE).exists()


@pytest.mark.parametrize("role", ["courier", "volunteer", "property_staff", "dept_staff", "provider_staff"])
def test_posts_that_do_not_serve_residents_one_by_one_cannot_browse_them(cast, role):
    user = cast[role]

    assert not Person.objects.restrict(user).exclude(pk=user.person_id).exists()
    assert not Household.objects.restrict(user).exclude(residents=user.person).exists()
    assert not Membership.objects.restrict(user).exists()


def test_the_street_secretary_sees_the_party_organisations_of_his_street(cast, world):
    orgs = PartyOrg.objects.restrict(cast.street_secretary)
    mine, other = world.streets

    assert orgs.filter(area=mine).exists()
    assert not orgs.filter(under("area_path", other.path)).exists()
    assert Membership.objects.restrict(cast.street_secretary).exists()
    assert (
        not Membership.objects.restrict(cast.street_secretary).filter(under("area_path", other.path)).exists()
    )


def test_get_for_user_answers_404_outside_scope_and_403_for_a_read_only_post(cast, world):
    other_estate = world.estates[-1]

    with pytest.raises(Http404):
        get_for_user(Area, cast.grid_worker, other_estate.pk)
    assert get_for_user(Area, cast.courier, world.communities[0].pk) == world.communities[0]
    with pytest.raises(PermissionDenied):
        get_for_user(Area, cast.courier, world.communities[0].pk, CHANGE)
    with pytest.raises(Http404):
        get_for_user(Area, cast.grid_worker, "not-a-number")


def test_an_ended_post_opens_nothing(cast, world):
    post = cast.grid_worker.person.posts.get()
    post.end_date = post.start_date
    post.save()
    user_caches_clear(cast.grid_worker)

    assert (
        not Household.objects.restrict(cast.grid_worker).exclude(residents=cast.grid_worker.person).exists()
    )


def test_anonymous_and_inactive_users_see_nothing(cast):
    from django.contrib.auth.models import AnonymousUser

    assert not Area.objects.restrict(AnonymousUser()).exists()
    cast.county_admin.is_active = False
    assert not Area.objects.restrict(cast.county_admin).exists()


def test_path_granted_answers_as_the_areas_a_user_may_open(cast):
    """The report's place check and the cases API take whether a place is the caller's from his grants
    (``path_granted``) instead of a query: for every role of the cast, over every area of the world, the
    same answer as ``Area.objects.restrict``, for reading and for changing."""
    from django.contrib.auth.models import AnonymousUser

    from lianxin.core.scope import path_granted

    areas = list(Area.objects.values_list("pk", "path"))
    for user in [*cast, AnonymousUser()]:
        for action in (VIEW, CHANGE):
            opened = set(Area.objects.restrict(user, action).values_list("pk", flat=True))
            decided = {pk for pk, path in areas if path_granted(user, path, action)}
            assert decided == opened, (getattr(user, "username", "anonymous"), action)
    cast.county_admin.is_active = False
    assert not any(path_granted(cast.county_admin, path) for _pk, path in areas)
