"""The coverage rules on crafted data in the small world."""

from datetime import date

import pytest

from lianxin.areas.models import Area, Household, Level
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import under
from lianxin.party.coverage.report import coverage_figures, coverage_report
from lianxin.party.models import LiaisonLink, Membership, MembershipKind, OrgKind, PartyOrg
from lianxin.party.services.tree import estate_branch_create, party_org_create
from lianxin.people.models import Person, Post
from lianxin.people.roles import Role

pytestmark = pytest.mark.django_db


def _section(user, key, root=None):
    return next(s for s in coverage_report(user=user, root=root) if s.key == key)


def _estate_without_branch(world):
    return next(e for e in world.estates if not PartyOrg.objects.filter(kind=OrgKind.BRANCH, area=e).exists())


def _committee_of(estate):
    return PartyOrg.objects.get(kind=OrgKind.COMMITTEE, area=Area.objects.get_parent(estate))


def _clear_members(estate):
    Membership.objects.filter(under("area_path", estate.path)).delete()


def _member(estate, org, *, kind=MembershipKind.FULL, is_home=True):
    household = Household.objects.filter(under("area_path", estate.path)).order_by("id").first()
    person = Person(name="党员", household=household)
    person.set_area(household.area)
    person.save()
    return Membership.objects.create(
        person=person,
        org=org,
        org_path=org.path,
        area_path=person.area_path,
        kind=kind,
        is_home=is_home,
        start_date=date(2024, 1, 1),
    )


def test_an_estate_with_three_local_full_members_and_no_branch_should_have_one(cast, world):
    estate = _estate_without_branch(world)
    _clear_members(estate)
    committee = _committee_of(estate)
    for _ in range(3):
        _member(estate, committee)

    lines = _section(cast.county_admin, "estate_branch").lines

    assert [line.target for line in lines if line.target == estate] == [estate]
    assert "3" in next(line.detail for line in lines if line.target == estate)


def test_probationary_dual_registered_and_non_local_members_do_not_count(cast, world):
    estate = _estate_without_branch(world)
    _clear_members(estate)
    committee = _committee_of(estate)
    other_street_org = PartyOrg.objects.filter(kind=OrgKind.COMMITTEE, area=world.communities[-1]).get()
    _member(estate, committee)
    _member(estate, committee)
    _member(estate, committee, kind=MembershipKind.PROBATIONARY)
    _member(estate, committee, is_home=False)  # only dual-registered here
    _member(estate, other_street_org)  # organisational relation held elsewhere

    lines = _section(cast.county_admin, "estate_branch").lines

    assert estate not in [line.target for line in lines]


def test_creating_the_branch_from_the_line_moves_the_members_and_keeps_their_history(cast, world):
    estate = _estate_without_branch(world)
    _clear_members(estate)
    committee = _committee_of(estate)
    old = [_member(estate, committee) for _ in range(3)]

    branch = estate_branch_create(actor=cast.county_admin, estate=estate)

    assert branch.name == f"{estate.name}党支部"
    assert branch.area == estate
    assert PartyOrg.objects.get_parent(branch) == committee
    for membership in old:
        membership.refresh_from_db()
        assert membership.end_date is not None
        assert Membership.objects.current().get(person=membership.person, is_home=True).org == branch
    assert estate not in [line.target for line in _section(cast.county_admin, "estate_branch").lines]
    with pytest.raises(DomainError):
        estate_branch_create(actor=cast.county_admin, estate=estate)


def test_the_coverage_page_creates_the_branch_for_an_estate_in_scope_only(client_as, cast, world):
    estate = _estate_without_branch(world)
    outside = [e for e in world.estates if not e.path.startswith(world.streets[0].path)][0]

    assert client_as("grid_worker").post(f"/coverage/estates/{outside.pk}/branch/").status_code == 404
    response = client_as("county_admin").post(f"/coverage/estates/{estate.pk}/branch/")

    assert response.status_code == 302
    assert PartyOrg.objects.filter(kind=OrgKind.BRANCH, area=estate).exists()


def test_a_building_group_must_lie_in_its_branchs_estate(cast, world):
    branch = PartyOrg.objects.filter(kind=OrgKind.BRANCH, area__level=Level.ESTATE).first()
    foreign = Area.objects.filter(level=Level.BUILDING).exclude(under("path", branch.area.path)).first()

    with pytest.raises(DomainError, match="不在"):
        party_org_create(
            actor=cast.county_admin, parent=branch, kind=OrgKind.GROUP, name="错组", area=foreign
        )


def test_grids_without_a_grid_worker_and_buildings_without_a_captain_are_listed(cast, world):
    estate = world.estates[0]
    assert estate not in [line.target for line in _section(cast.county_admin, "grid_worker").lines]

    Post.objects.filter(role=Role.GRID_WORKER, area=estate).update(
        end_date=date(2024, 1, 1), start_date=date(2023, 1, 1)
    )

    assert estate in [line.target for line in _section(cast.county_admin, "grid_worker").lines]
    building = cast.building_captain.person.posts.get().area
    assert building not in [line.target for line in _section(cast.county_admin, "building_captain").lines]


def test_a_liaison_with_more_than_eleven_households_is_flagged(cast, world):
    liaison = cast.liaison.person
    assert liaison.liaison_links.count() == 11
    assert liaison.name not in [line.target for line in _section(cast.county_admin, "liaison_load").lines]
    spare = Household.objects.filter(area__level=Level.VILLAGE, liaison_link__isnull=True).first()
    LiaisonLink.objects.create(liaison=liaison, household=spare, area_path=spare.area_path)

    lines = _section(cast.county_admin, "liaison_load").lines

    assert [line.detail for line in lines if line.target == liaison.name] == ["12 户"] or any(
        line.target == liaison.name for line in lines
    )


def test_village_households_without_a_liaison_are_counted_per_village(cast, world):
    lines = _section(cast.county_admin, "household_liaison").lines
    unlinked = Household.objects.filter(area__level=Level.VILLAGE, liaison_link__isnull=True).count()

    assert sum(int("".join(ch for ch in line.detail if ch.isdigit())) for line in lines) == unlinked


def test_coverage_follows_scope(cast, world):
    other_street = world.streets[1]

    for section in coverage_report(user=cast.street_secretary):
        for line in section.lines:
            if isinstance(line.target, Area):
                assert not line.target.path.startswith(other_street.path)
    assert coverage_report(user=cast.resident)[0].lines == []


def test_the_estate_coverage_rate_is_estates_with_a_branch_over_all_estates(cast, world):
    figures = coverage_figures(user=cast.county_admin)
    estates = Area.objects.filter(level=Level.ESTATE).count()
    covered = Area.objects.filter(level=Level.ESTATE, party_orgs__kind=OrgKind.BRANCH).distinct().count()

    assert figures.estates == estates
    assert figures.estates_with_branch == covered
    assert figures.estate_coverage_rate == round(100 * covered / estates, 1)
    assert (
        figures.members_in_estate_branches
        == Membership.objects.current()
        .filter(
            is_home=True,
            org__kind__in=[OrgKind.BRANCH, OrgKind.GROUP],
            org__area__level__in=[Level.ESTATE, Level.BUILDING],
        )
        .exclude(kind=MembershipKind.APPLICANT)
        .count()
    )


def test_the_coverage_page_renders_for_the_county_admin(client_as):
    response = client_as("county_admin").get("/coverage/")

    assert response.status_code == 200
    assert "组织覆盖" in response.content.decode()
