"""The 15-minute service circle and station coverage (issue 21, scenario 4): the stored reach, refreshed
after a place is saved, held equal to a direct computation; the figures by area and over the API."""

from decimal import Decimal

import pytest
from django.conf import settings

from lianxin.areas.models import Area, Household, Place, PlaceDesignation, PlaceStatus
from lianxin.areas.places import place_save
from lianxin.core.errors_domain import DomainError
from lianxin.core.geo import distance_m
from lianxin.core.paths import ancestor_paths, under
from lianxin.provision.models import HouseholdReach
from lianxin.provision.reach import reach_figures, reach_refresh, walk_minutes

pytestmark = pytest.mark.django_db


def _within_directly(area: Area) -> tuple[int, int]:
    """Located households of ``area`` and those within 15 minutes, from the places and positions alone."""
    places = [
        (float(p.lat), float(p.lng))
        for p in Place.objects.filter(in_service_circle=True, status=PlaceStatus.OPEN, lat__isnull=False)
    ]
    points = {a.path: (float(a.lat), float(a.lng)) for a in Area.objects.filter(lat__isnull=False)}
    located = within = 0
    for path in Household.objects.filter(under("area_path", area.path)).values_list("area_path", flat=True):
        point = next((points[p] for p in reversed(ancestor_paths(path)) if p in points), None)
        if point is None or not places:
            continue
        located += 1
        metres = min(distance_m(point[0], point[1], lat, lng) for lat, lng in places)
        within += metres * settings.LIANXIN_WALK_DETOUR / settings.LIANXIN_WALK_METRES_PER_MIN <= 15
    return located, within


def _station(cast, estate, centre, name):
    return place_save(
        actor=cast.community_secretary,
        place=None,
        area=estate,
        designations=list(PlaceDesignation.objects.filter(code="service_station")),
        name=name,
        parent_place=centre,
        lat=estate.lat,
        lng=estate.lng,
        opening_hours="周一至周六 8:30-18:00",
        status=PlaceStatus.OPEN,
        in_service_circle=True,
    )


def test_minutes_are_metres_times_the_detour_over_the_walking_speed():
    assert walk_minutes(1000) == Decimal("16.3")  # 16.25 rounded half up
    assert walk_minutes(250) == Decimal("4.1")  # 4.0625


def test_scenario_4_a_station_at_shengshi_mingdi_raises_the_coverage(
    cast, world, django_capture_on_commit_callbacks
):
    community, street = world.communities[0], world.streets[0]
    harmony, shengshi = world.estates[0], world.estates[1]
    assert (harmony.name, shengshi.name, community.name, street.name) == (
        "和谐家园",
        "盛世名邸",
        "梧桐里社区",
        "凤凰街道",
    )
    before = reach_figures(community)
    assert (before.estates_with_station, before.estates) == (1, 2)
    assert (before.households_within, before.households_located) == (12, 24)
    assert _within_directly(community) == (before.households_located, before.households_within)
    assert (reach_figures(street).estates_with_station, reach_figures(street).estates) == (2, 4)
    assert (before.communities_with_centre, before.communities) == (1, 1)

    centre = Place.objects.get(area=community, designations__code="service_centre")
    shengshi.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        _station(cast, shengshi, centre, "盛世名邸党群服务站")
    after = reach_figures(community)
    assert (after.estates_with_station, after.households_within, after.households_located) == (2, 24, 24)
    assert after.station_coverage == 1 and after.meets_target is True and before.meets_target is False
    assert _within_directly(community) == (after.households_located, after.households_within)
    assert (reach_figures(street).estates_with_station, reach_figures(street).estates) == (3, 4)
    nearest = HouseholdReach.objects.filter(estate=shengshi).select_related("place").first()
    assert nearest.place.name == "盛世名邸党群服务站" and nearest.minutes <= 15

    with pytest.raises(DomainError) as refused:
        _station(cast, shengshi, centre, "又一个服务站")
    assert refused.value.code == "invalid_state"


def test_the_stored_reach_equals_a_direct_computation_for_every_area(world):
    reach_refresh()
    for area in [world.county, *world.streets, *world.communities, *world.villages[:2]]:
        figures = reach_figures(area)
        assert (figures.households_located, figures.households_within) == _within_directly(area), area.name
        assert figures.households == Household.objects.filter(under("area_path", area.path)).count()


def test_the_api_gives_an_areas_figures_within_scope(client_as, world):
    community = world.communities[0]
    body = client_as("community_secretary").get(f"/api/v1/reach/{community.pk}").json()
    assert (body["estates_with_station"], body["estates"], body["station_coverage"]) == (1, 2, "0.5000")
    assert (body["households_within"], body["households_located"], body["target"]) == (12, 24, "0.73")
    assert body["meets_target"] is False and body["minutes"] == 15
    assert client_as("grid_worker").get(f"/api/v1/reach/{world.streets[1].pk}").status_code == 404
    assert client_as("community_secretary").get("/api/v1/reach/999999999").status_code == 404


def test_the_circle_page_compares_station_coverage_with_the_target_and_warns_below_it(
    cast, world, client_as, django_capture_on_commit_callbacks
):
    """P004-28: the page shows grids with a station ÷ all grids beside LIANXIN_TARGET_STATION_COVERAGE (73 %),
    with a warning while below; the API gives the same share."""
    community, shengshi = world.communities[0], world.estates[1]
    client = client_as("community_secretary")
    html = client.get(f"/provision/circle/?area={community.pk}").content.decode()
    assert 'data-testid="coverage-warning"' in html
    assert "50%（目标 73%）" in html and "党群服务站点覆盖率 50% 低于目标 73%" in html
    api = client.get(f"/api/v1/reach/{community.pk}").json()
    assert (api["station_coverage"], api["target"], api["meets_target"]) == ("0.5000", "0.73", False)

    centre = Place.objects.get(area=community, designations__code="service_centre")
    shengshi.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        _station(cast, shengshi, centre, "盛世名邸党群服务站")
    html = client.get(f"/provision/circle/?area={community.pk}").content.decode()
    assert "100%（目标 73%）" in html and 'data-testid="coverage-warning"' not in html
    assert client.get(f"/api/v1/reach/{community.pk}").json()["meets_target"] is True
