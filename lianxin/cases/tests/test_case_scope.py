"""For every role, which cases it sees and which it must not (pages and API read the same selector)."""

from lianxin.cases import services
from lianxin.cases.models import Case
from lianxin.cases.selectors import case_list
from lianxin.party.models import PartyOrg
from lianxin.people.models import Person, Post, User
from lianxin.people.roles import Role
from tests.cases_world import category


def test_every_role_sees_what_its_posts_cover_and_nothing_else(cast, places, clock, world):
    mine = services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="灯坏"
    )
    other = services.case_report(
        cast.county_admin,
        category=category("road_damage"),
        area=places.other_community_estate,
        description="别的街道的路坏了",
        channel="patrol",
    )
    sees = {user.username: set(case_list(user=user).values_list("pk", flat=True)) for user in cast}

    assert sees["resident"] == {mine.pk}
    assert mine.pk in sees["building_captain"] and other.pk not in sees["building_captain"]
    assert mine.pk in sees["grid_worker"] and other.pk not in sees["grid_worker"]
    assert mine.pk in sees["community_secretary"] and other.pk not in sees["community_secretary"]
    assert mine.pk in sees["street_secretary"] and other.pk not in sees["street_secretary"]
    assert {mine.pk, other.pk} <= sees["county_admin"]
    for outsider in (
        "courier",
        "volunteer",
        "provider_staff",
        "sysadmin",
        "secadmin",
        "auditor",
        "dept_staff",
    ):
        assert mine.pk not in sees[outsider], outsider
    assert mine.pk not in sees["property_staff"]  # a captain's case, not the company's


def test_the_express_sector_committee_follows_every_courier_case(cast, places, clock):
    case = services.case_report(
        cast.courier, category=category("courier"), area=places.community, description="休息点没热水"
    )
    committee = PartyOrg.objects.get(sector="express", kind="sector_committee")
    person = Person.objects.create(name="快递行业党委书记")
    Post.objects.create(
        person=person, role=Role.SECRETARY, party_org=committee, party_org_path=committee.path
    )
    secretary = User.objects.create(username="express_secretary", person=person)
    other = services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="灯坏"
    )

    seen = set(case_list(user=secretary).values_list("pk", flat=True))
    assert case.pk in seen and other.pk not in seen
    assert case.pk in set(case_list(user=cast.courier).values_list("pk", flat=True))


def test_the_first_receiver_keeps_the_case_on_his_list_after_dispatch(cast, places, clock, world):
    from lianxin.cases.selectors import CaseFilters
    from tests.cases_world import department

    case = services.case_report(
        cast.community_secretary,
        category=category("road_damage"),
        area=places.community,
        description="热线转来：路灯杆倾斜",
        channel="hotline",
        contact_name="张先生",
        contact_phone="13900001111",
    )
    services.case_accept(cast.community_secretary, case=case)
    services.case_dispatch(
        cast.community_secretary, case=case, department=department("zhujian", world.county)
    )
    first = case_list(user=cast.community_secretary, filters=CaseFilters(handler="first"))
    assert list(first.values_list("pk", flat=True)) == [case.pk]
    case.refresh_from_db()
    assert case.contact_phone == "13900001111"


def test_a_list_by_area_is_the_scope_within_that_area_for_every_role(cast, places, clock, world):
    """Under an area his grant covers, the list leaves the scope's other ways in out of its query
    (``case_list``): for every role and every area, the cases listed are exactly those of his scope that lie
    under the area, no more (an area he does not cover keeps the whole scope test) and no fewer."""
    from lianxin.areas.models import Area
    from lianxin.cases.selectors import CaseFilters
    from lianxin.core.paths import under

    services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="灯坏"
    )
    services.case_report(
        cast.county_admin,
        category=category("road_damage"),
        area=places.other_community_estate,
        description="别的街道的路坏了",
        channel="patrol",
    )
    services.case_report(
        cast.grid_worker,
        category=category("cleaning"),
        area=places.estate,
        description="垃圾",
        channel="patrol",
    )
    areas = list(Area.objects.filter(depth__lte=places.building.depth))
    for user in cast:
        scope = Case.objects.restrict(user)
        for area in areas:
            listed = set(case_list(user=user, filters=CaseFilters(area=area)).values_list("pk", flat=True))
            expected = set(scope.filter(under("area_path", area.path)).values_list("pk", flat=True))
            assert listed == expected, (user.username, area.name)
    assert Case.objects.count() == 3


def test_a_case_number_with_a_non_ascii_digit_is_no_number():
    """Open311's fuzzing sent "³" (a digit to str.isdigit, not to int): it is no case number, not a 500."""
    assert Case.pk_from_number("\u00b3\x1d") is None
    assert Case.pk_from_number("20261202-\u00b3") is None
    assert Case.pk_from_number("20261202-0000123") == 123
