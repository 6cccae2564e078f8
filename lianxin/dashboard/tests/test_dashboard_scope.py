"""Who sees which dashboard: the street secretary his street, the county admin the county, the grid worker
his estate; couriers, volunteers, residents and the administrators none."""

import pytest

from lianxin.dashboard.selectors import dashboard_roots


@pytest.mark.parametrize(
    ("username", "level"),
    [
        ("county_admin", "county"),
        ("street_secretary", "street"),
        ("community_secretary", "community"),
        ("grid_worker", "estate"),
    ],
)
def test_each_role_sees_the_dashboard_of_its_own_area(client_as, cast, username, level):
    roots = dashboard_roots(user=cast[username])
    assert [r.level for r in roots] == [level]
    response = client_as(username).get("/dashboard/")
    assert response.status_code == 200
    assert roots[0].name in response.content.decode()


@pytest.mark.parametrize(
    "username", ["courier", "volunteer", "resident", "sysadmin", "auditor", "property_staff"]
)
def test_roles_without_cases_of_an_area_have_no_dashboard(client_as, cast, username):
    assert dashboard_roots(user=cast[username]) == []
    assert client_as(username).get("/dashboard/").status_code == 404


def test_a_street_secretary_cannot_open_another_street_or_the_county(client_as, world, places):
    client = client_as("street_secretary")
    other = [s for s in world.streets if s.pk != places.street.pk][0]
    assert client.get(f"/dashboard/?area={other.pk}").status_code == 404
    assert client.get(f"/dashboard/?area={world.county.pk}").status_code == 404
    assert client.get(f"/dashboard/?area={places.community.pk}").status_code == 200
    assert client.get("/dashboard/?area=abc").status_code == 404
    assert client.get(f"/dashboard/table/?area={other.pk}").status_code == 404
    assert client.get(f"/dashboard/cases.xlsx?area={other.pk}").status_code == 404


def test_the_dashboard_shows_the_figures_and_links_to_the_cases_behind_them(client_as, five_cases, world):
    day = five_cases["a"].reported_at.date()
    response = client_as("county_admin").get(f"/dashboard/?area={world.county.pk}&period=week&day={day}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "80.0%" in html  # response rate 4/5
    assert "75.0%" in html  # resolution rate 3/4
    assert (
        f"/cases/?area={world.county.pk}&amp;date_from=2026-11-30&amp;date_to=2026-12-06&amp;figure=one_pass"
        in html
    )
    assert 'id="dashboard-charts"' in html
    assert "<script>" not in html.replace("<script src=", "") or "json" in html  # only json_script data


def test_bad_query_strings_fall_back_instead_of_failing(client_as):
    client = client_as("county_admin")
    for query in ["period=decade", "period=custom&date_from=x", "day=2026-13-45", "kind=nonsense&category=x"]:
        assert client.get(f"/dashboard/?{query}").status_code == 200


def test_the_panels_and_the_big_screen_render(client_as, five_cases, world):
    client = client_as("county_admin")
    q = f"area={world.county.pk}&period=year&day={five_cases['a'].reported_at.date()}"
    practices = client.get(f"/dashboard/panels/practices/?{q}").content.decode()
    assert "P001-64" in practices and "P004-41" in practices
    assert "尚未" in practices or "not yet measured" in practices  # service circles: not yet measured
    organisation = client.get(f"/dashboard/panels/organisation/?{q}")
    assert organisation.status_code == 200
    screen = client.get(f"/dashboard/screen/?{q}")
    assert screen.status_code == 200 and b"data-refresh-url" in screen.content
    data = client.get(f"/dashboard/data/?{q}").json()
    assert data["reported"] == 5
    assert {c["key"] for c in data["cards"]} >= {"response_rate", "one_pass_rate", "in_building_rate"}
