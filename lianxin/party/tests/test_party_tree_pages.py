"""The party organisation tree: where each role starts, drill-down, member counts and the five levels."""

import re

import pytest

from lianxin.party.models import MemberHousehold, Membership, MembershipKind, OrgKind, PartyOrg

pytestmark = pytest.mark.django_db

MEMBERS = [MembershipKind.FULL, MembershipKind.PROBATIONARY]


def rows(html: str) -> dict[int, dict[str, int]]:
    table = {}
    for pk, body in re.findall(r'<tr data-org="(\d+)">(.*?)</tr>', html, flags=re.S):
        table[int(pk)] = {m: int(n) for m, n in re.findall(r'data-metric="(\w+)">(\d+)<', body)}
    return table


def levels(html: str) -> dict[str, int]:
    chain = html[html.index('data-testid="party-levels"') :]
    chain = chain[: chain.index("</ol>")]
    return {
        key: int(n) for key, n in re.findall(r'data-level="(\w+)"><span class="stat-value">(\d+)<', chain)
    }


def members(**filters) -> int:
    return Membership.objects.current().filter(is_home=True, kind__in=MEMBERS, **filters).count()


def test_the_county_admin_starts_at_the_county_committee(client_as):
    html = client_as("county_admin").get("/party/").content.decode()

    [root] = PartyOrg.objects.filter(depth=1)
    assert list(rows(html)) == [root.pk]
    assert rows(html)[root.pk]["members_subtree"] == members()


def test_the_street_secretary_starts_at_his_working_committee_and_not_the_others(client_as, world):
    mine, other = world.working_committees
    client = client_as("street_secretary")
    html = client.get("/party/").content.decode()

    assert list(rows(html)) == [mine.pk]
    assert rows(html)[mine.pk]["members_subtree"] == members(org_path__startswith=mine.path)
    assert other.name not in html
    assert client.get(f"/party/?parent={other.pk}").status_code == 404
    assert client.get(f"/party/{other.pk}/").status_code == 404


def test_drilling_down_counts_members_held_at_each_node_and_in_its_subtree(client_as, world):
    wc = world.working_committees[0]
    html = client_as("street_secretary").get(f"/party/?parent={wc.pk}").content.decode()

    children = PartyOrg.objects.filter(path__startswith=wc.path, depth=wc.depth + 1)
    assert set(rows(html)) == {c.pk for c in children}
    for child in children:
        row = rows(html)[child.pk]
        assert row["members_here"] == members(org=child)
        assert row["members_subtree"] == members(org_path__startswith=child.path)
        assert (
            row["member_households"]
            == MemberHousehold.objects.filter(group__path__startswith=child.path).count()
        )


def test_the_five_levels_are_counted_under_the_current_node(client_as, world):
    wc = world.working_committees[0]
    html = client_as("street_secretary").get(f"/party/?parent={wc.pk}").content.decode()

    under = PartyOrg.objects.filter(path__startswith=wc.path)
    assert levels(html) == {
        "working_committees": 1,
        "community_committees": under.filter(kind=OrgKind.COMMITTEE, area__level="community").count(),
        "estate_branches": under.filter(kind=OrgKind.BRANCH, area__level__in=["estate", "grid"]).count(),
        "groups": under.filter(kind=OrgKind.GROUP).count(),
        "member_households": MemberHousehold.objects.filter(group__path__startswith=wc.path).count(),
    }
    assert levels(html)["estate_branches"] > 0


def test_the_grid_worker_sees_his_estates_branch_and_its_groups_only(client_as, world):
    estate = world.estates[0]
    html = client_as("grid_worker").get("/party/").content.decode()

    [branch] = PartyOrg.objects.filter(area=estate, kind=OrgKind.BRANCH)
    assert list(rows(html)) == [branch.pk]
    assert levels(html)["working_committees"] == 0
    assert levels(html)["community_committees"] == 0


def test_a_resident_and_the_system_administrator_see_no_organisation(client_as):
    for username in ("resident", "sysadmin"):
        html = client_as(username).get("/party/").content.decode()

        assert rows(html) == {}
        assert 'class="empty-state"' in html
        assert 'href="/party/"' not in html.split('class="sidenav"')[1].split("</nav>")[0]


def test_an_htmx_drill_down_gets_only_the_tree(client_as, world):
    wc = world.working_committees[0]
    response = client_as("street_secretary").get(f"/party/?parent={wc.pk}", HTTP_HX_REQUEST="true")

    assert response.content.decode().lstrip().startswith('<section class="card" id="party-tree"')
    assert "HX-Request" in response["Vary"]


def test_a_bad_parent_gives_404_not_500(client_as):
    client = client_as("county_admin")

    assert client.get("/party/?parent=abc").status_code == 404
    assert client.get("/party/?parent=999999").status_code == 404
