"""The small gaps of the territory rows: level counts (P001-01), coverage sections (P001-18, P001-31,
P001-43, P002-48), secretaries only from members (P001-23), figures (P001-25, P001-57), mobile members
(P002-13)."""

import pytest

from lianxin.areas.models import Area, Level, Place
from lianxin.core.errors_domain import DomainError
from lianxin.party.coverage.report import coverage_report
from lianxin.party.figures.organisation import territory_figures
from lianxin.party.models import Membership, OrgKind, PartyOrg
from lianxin.people.models import Person, Post
from lianxin.people.posts import post_holder_check
from lianxin.people.roles import Role

pytestmark = pytest.mark.django_db


def test_an_area_shows_how_many_areas_of_each_level_lie_under_it(client_as, world):
    street = world.streets[0]
    communities = Area.objects.filter(path__startswith=street.path, level=Level.COMMUNITY).count()
    estates = Area.objects.filter(path__startswith=street.path, level=Level.ESTATE).count()
    client = client_as("street_secretary")
    html = client.get(f"/areas/{street.pk}/").content.decode()
    assert f'<span data-level="community">社区 {communities}</span>' in html
    assert f'<span data-level="estate">小区（网格） {estates}</span>' in html
    levels = {row["level"]: row["count"] for row in client.get(f"/api/v1/areas/{street.pk}/levels").json()}
    assert levels["community"] == communities and levels["estate"] == estates and "street" not in levels


def test_coverage_lists_estates_without_branch_committees_without_part_timers_and_hub_gaps(cast, world):
    sections = {s.key: s for s in coverage_report(user=cast.county_admin)}
    branchless = {line.target.pk for line in sections["estate_no_branch"].lines}
    with_branch = set(PartyOrg.objects.filter(kind=OrgKind.BRANCH).values_list("area_id", flat=True))
    assert branchless and not branchless & with_branch
    committees = PartyOrg.objects.filter(kind=OrgKind.COMMITTEE, area__level=Level.COMMUNITY)
    committee = committees.first()
    before = {line.target.pk for line in sections["committee_part_time"].lines}
    Post.objects.create(
        person=Person.objects.create(name="兼职委员"),
        role=Role.PART_TIME_COMMITTEE_MEMBER,
        party_org=committee,
        area_path=committee.area_path,
        party_org_path=committee.path,
    )
    again = {s.key: s for s in coverage_report(user=cast.county_admin)}
    after = {line.target.pk for line in again["committee_part_time"].lines}
    assert committee.pk in before and committee.pk not in after
    hub = Place.objects.filter(area__level=Level.STREET).first()
    assert hub.pk in {line.target.pk for line in sections["hub_part_time"].lines}
    Post.objects.create(
        person=Person.objects.create(name="阵地人员"),
        role=Role.PLACE_STAFF,
        place=hub,
        area_path=hub.area_path,
    )
    duties = {s.key: s for s in coverage_report(user=cast.county_admin)}["post_duties"]
    assert any(line.target == "阵地人员" for line in duties.lines)


def test_only_party_members_may_be_secretaries(world):
    outsider = Person.objects.create(name="群众甲")
    with pytest.raises(DomainError) as error:
        post_holder_check(person=outsider, role=Role.SECRETARY)
    assert "党员" in error.value.message
    member = Membership.objects.current().filter(kind="full").first().person
    post_holder_check(person=member, role=Role.SECRETARY)  # no error
    post_holder_check(person=outsider, role=Role.GRID_WORKER)  # any role but a secretary's


def test_figures_count_workers_by_appointment_year_and_owners_committees(cast, world):
    from django.utils import translation

    with translation.override("en"):
        tables = {str(title): rows for title, rows in territory_figures(user=cast.county_admin)}
    years = tables["Community workers and grid workers by appointment year"]
    workers = Post.objects.current().filter(role__in=[Role.COMMUNITY_WORKER, Role.GRID_WORKER]).count()
    assert sum(row.value for row in years) == workers
    assert tables["Owners' committees"], "the small world has owners' committees"


def test_mobile_members_are_listed_with_place_of_work_and_masked_mobile(client_as, cast, world):
    membership = Membership.objects.current().filter(area_path__startswith=world.estates[0].path).first()
    Membership.objects.filter(pk=membership.pk).update(is_mobile=True)
    membership.refresh_from_db()
    membership.work_place = "江苏省苏州市"
    membership.save()
    person = membership.person
    person.set_mobile("13912345678")
    person.save()
    html = client_as("community_secretary").get("/coverage/mobile-members/").content.decode()
    rows = html[html.index('data-testid="mobile-members"') :]
    assert person.name in rows and "江苏省苏州市" in rows and "139****5678" in rows
    assert "13912345678" not in rows
    assert person.name not in client_as("courier").get("/coverage/mobile-members/").content.decode()


def test_party_organisations_are_filtered_by_field_over_the_api(client_as, world):
    client = client_as("county_admin")
    items = client.get("/api/v1/party-orgs/?field=community&limit=200").json()["items"]
    assert items and all(item["field"] == "community" for item in items)
    expected = PartyOrg.objects.filter(field="community").count()
    assert len(items) == min(expected, 200)
    bad = client.get("/api/v1/party-orgs/?field=nonsense")
    assert bad.status_code == 400 and "nonsense" in bad.json()["error"]["message"]


def test_the_mobile_members_list_has_its_count_its_export_and_its_api_with_the_same_members(
    client_as, cast, world
):
    """P002-13, issue 19: the list shows its count, and its Excel export and the API hold the same members."""
    import io

    import openpyxl

    marked = list(
        Membership.objects.current().filter(area_path__startswith=world.estates[0].path).order_by("id")[:2]
    )
    Membership.objects.filter(pk__in=[m.pk for m in marked]).update(is_mobile=True, work_place="江苏省苏州市")
    client = client_as("community_secretary")
    html = client.get("/coverage/mobile-members/").content.decode()
    assert 'data-testid="mobile-members-count">2<' in html
    assert "?format=xlsx" in html
    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/coverage/mobile-members/?format=xlsx").content))
    rows = list(sheet.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert sorted(r[0] for r in rows) == sorted(m.person.name for m in marked)
    assert all(r[1] == "江苏省苏州市" and "****" in r[2] for r in rows)
    body = client.get("/api/v1/memberships/mobile").json()
    assert body["count"] == 2
    assert sorted(i["person_name"] for i in body["items"]) == sorted(m.person.name for m in marked)
    assert all("****" in i["mobile_masked"] for i in body["items"])
    # Outside the estate's scope the same call lists nobody.
    assert client_as("courier").get("/api/v1/memberships/mobile").json()["count"] == 0
