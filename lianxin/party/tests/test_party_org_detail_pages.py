"""A party organisation's page: secretary, facts, anchored area, member households, members masked."""

import pytest

from lianxin.party.models import MemberHousehold, Membership, OrgKind, PartyOrg

pytestmark = pytest.mark.django_db


def test_the_working_committee_page_names_its_secretary_and_links_its_street(client_as, cast, world):
    wc = world.working_committees[0]
    html = client_as("street_secretary").get(f"/party/{wc.pk}/").content.decode()

    secretary = html.split('data-testid="secretary"')[1].split("</dd>")[0]
    assert cast.street_secretary.person.name in secretary
    assert f'href="/areas/{world.streets[0].pk}/"' in html


def test_an_organisation_without_a_secretary_post_says_so(client_as, world):
    branch = PartyOrg.objects.get(area=world.estates[0], kind=OrgKind.BRANCH)
    html = client_as("grid_worker").get(f"/party/{branch.pk}/").content.decode()

    secretary = html.split('data-testid="secretary"')[1].split("</dd>")[0]
    assert "<a " not in secretary
    assert 'class="muted"' in secretary


def test_the_members_list_shows_numbers_masked_only(client_as, world):
    branch = PartyOrg.objects.get(area=world.estates[0], kind=OrgKind.BRANCH)
    html = client_as("grid_worker").get(f"/party/{branch.pk}/").content.decode()

    held = Membership.objects.current().filter(org=branch).select_related("person")
    assert held
    for membership in held:
        assert membership.person.name in html
        if membership.person.mobile:
            assert membership.person.mobile_masked in html
            assert membership.person.mobile not in html


def test_a_group_page_lists_its_member_households(client_as, world):
    group = PartyOrg.objects.filter(
        kind=OrgKind.GROUP, path__startswith=world.working_committees[0].path
    ).first()
    html = client_as("street_secretary").get(f"/party/{group.pk}/").content.decode()

    table = html.split('data-testid="member-households"')[1].split("</table>")[0]
    for mh in MemberHousehold.objects.filter(group=group):
        assert mh.household.address in table


def test_the_page_shows_field_and_founding_date(client_as, world):
    branch = PartyOrg.objects.get(area=world.estates[0], kind=OrgKind.BRANCH)
    html = client_as("grid_worker").get(f"/party/{branch.pk}/").content.decode()

    facts = html.split('data-testid="org-facts"')[1].split("</dl>")[0]
    assert str(branch.get_field_display()) in facts
    assert branch.founded_on.strftime("%Y-%m-%d") in facts


@pytest.mark.parametrize(
    "username, opens",
    [
        ("county_admin", {"county", "wc", "other_wc", "branch"}),
        ("street_secretary", {"wc", "branch"}),
        ("grid_worker", {"branch"}),
        ("resident", set()),
        ("sysadmin", set()),
    ],
)
def test_each_role_opens_the_organisations_of_its_scope_and_gets_404_elsewhere(
    client_as, world, username, opens
):
    orgs = {
        "county": PartyOrg.objects.get(depth=1),
        "wc": world.working_committees[0],
        "other_wc": world.working_committees[1],
        "branch": PartyOrg.objects.get(area=world.estates[0], kind=OrgKind.BRANCH),
    }
    client = client_as(username)
    for key, org in orgs.items():
        status = client.get(f"/party/{org.pk}/").status_code
        assert status == (200 if key in opens else 404), (username, key, status)


def test_bad_organisation_ids_give_404_not_500(client_as):
    client = client_as("county_admin")

    assert client.get("/party/999999/").status_code == 404
    assert client.get("/party/abc/").status_code == 404


def test_crumbs_name_the_committees_above_the_branch_but_link_only_those_in_scope(client_as, world):
    branch = PartyOrg.objects.get(area=world.estates[0], kind=OrgKind.BRANCH)
    html = client_as("grid_worker").get(f"/party/{branch.pk}/").content.decode()

    start = html.index('class="crumbs"')
    crumbs = html[start : html.index("</nav>", start)]
    assert world.working_committees[0].name in crumbs
    assert f'href="/party/{world.working_committees[0].pk}/"' not in crumbs
