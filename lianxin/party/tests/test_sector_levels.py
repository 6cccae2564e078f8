"""Sector committees held by sector and level (P003-14), instructors scoped to their branches and counted
per sector (P003-18), organ party organisations with an admin scoped to them (P003-46)."""

from datetime import date

import pytest

from lianxin.areas.models import Area
from lianxin.core.errors_domain import DomainError
from lianxin.party.figures.organisation import instructors_per_sector
from lianxin.party.models import Field, OrgKind, PartyOrg, Sector
from lianxin.party.services.tree import party_org_create
from lianxin.people.models import Person, Post, User
from lianxin.people.roles import Role

pytestmark = pytest.mark.django_db


def _user_with_post(username, role, **scope):
    person = Person.objects.create(name=username)
    user = User.objects.create_user(username=username, password="x-Password-123", person=person)
    target = scope.get("area") or (scope["party_org"].area if scope.get("party_org") else None)
    Post.objects.create(
        person=person,
        role=role,
        area_path=target.path if target else "",
        party_org_path=scope["party_org"].path if scope.get("party_org") else "",
        start_date=date(2024, 1, 1),
        **scope,
    )
    return user


def test_a_county_sector_committee_sits_beneath_the_city_one_and_never_under_a_street(world):
    city_admin = _user_with_post("city_admin", Role.ORG_ADMIN, area=world.city)
    city = party_org_create(
        actor=city_admin,
        parent=None,
        kind=OrgKind.SECTOR_COMMITTEE,
        name="鲁西市快递行业党委",
        area=world.city,
        sector=Sector.EXPRESS,
        field=Field.SECTOR,
        founded_on=date(2022, 7, 1),
    )
    county = party_org_create(
        actor=city_admin,
        parent=city,
        kind=OrgKind.SECTOR_COMMITTEE,
        name="巨川县快递行业党委（二）",
        area=world.county,
        sector=Sector.EXPRESS,
        founded_on=date(2022, 9, 1),
    )
    assert county.path.startswith(city.path) and city.founded_on == date(2022, 7, 1)
    with pytest.raises(DomainError):
        party_org_create(
            actor=city_admin,
            parent=city,
            kind=OrgKind.SECTOR_COMMITTEE,
            name="街道行业党委",
            area=world.streets[0],
        )


def test_an_instructor_sees_the_branches_he_is_sent_to_and_is_counted_per_sector(cast, world, client_as):
    mobile = PartyOrg.objects.get(kind=OrgKind.MOBILE_BRANCH, name="快递小哥流动党支部")
    food = PartyOrg.objects.get(kind=OrgKind.SECTOR_COMMITTEE, sector=Sector.FOOD_DELIVERY)
    instructor = _user_with_post("instructor_a", Role.INSTRUCTOR, party_org=mobile)
    assert list(PartyOrg.objects.restrict(instructor)) == [mobile]
    assert not Area.objects.restrict(instructor).exists()  # not the county around the branch
    assert not PartyOrg.objects.restrict(instructor).filter(pk=food.pk).exists()
    # A second post over another branch of the same sector: still one instructor for express.
    other = PartyOrg.objects.add_child(
        PartyOrg.objects.get(kind=OrgKind.SECTOR_COMMITTEE, sector=Sector.EXPRESS),
        {
            "kind": OrgKind.BRANCH,
            "name": "快递企业联合党支部",
            "area": world.county,
            "area_path": world.county.path,
        },
    )
    Post.objects.create(
        person=instructor.person,
        role=Role.INSTRUCTOR,
        party_org=other,
        party_org_path=other.path,
        area_path=world.county.path,
        start_date=date(2024, 1, 1),
    )
    _user_with_post("instructor_b", Role.INSTRUCTOR, party_org=food)
    rows = {str(r.label): r.value for r in instructors_per_sector(user=cast.county_admin)}
    assert rows[str(Sector.EXPRESS.label)] == 1
    assert rows[str(Sector.FOOD_DELIVERY.label)] == 1
    assert rows["党建指导员总数"] == 2


def test_organ_party_organisations_have_their_own_admin(cast, world):
    organs = PartyOrg.objects.add_root(
        {"kind": OrgKind.WORKING_COMMITTEE, "name": "市委市直机关工委", "field": Field.ORGAN}
    )
    branch = PartyOrg.objects.add_child(
        PartyOrg.objects.get(pk=organs.pk),
        {"kind": OrgKind.BRANCH, "name": "市住建局机关党支部", "field": Field.ORGAN},
    )
    admin = _user_with_post("organ_admin", Role.ORG_ADMIN, party_org=organs)
    seen = set(PartyOrg.objects.restrict(admin, "change").values_list("pk", flat=True))
    assert seen == {organs.pk, branch.pk}
    assert not Area.objects.restrict(admin).exists()
    assert not PartyOrg.objects.restrict(cast.street_secretary).filter(pk=branch.pk).exists()


def test_counties_missing_a_sector_committee_are_reported_on_the_page_and_in_the_api(cast, world, client_as):
    from lianxin.party.figures.organisation import sector_committee_gaps

    assert {str(r.label): str(r.value) for r in sector_committee_gaps(user=cast.county_admin)} == {
        world.county.name: "齐全"
    }
    PartyOrg.objects.filter(kind=OrgKind.SECTOR_COMMITTEE, sector=Sector.LIVE_ECOMMERCE).delete()
    tables = client_as("county_admin").get("/api/v1/territory-figures/").json()
    sectors = next(t for t in tables if t["title"] == "各市、县行业党委")
    assert sectors["rows"] == [{"label": world.county.name, "value": "直播电商", "note": "", "url": ""}]
    assert client_as("resident").get("/api/v1/territory-figures/").status_code == 200
