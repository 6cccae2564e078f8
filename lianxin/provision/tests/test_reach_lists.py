"""Who is outside the circle (P000-25, P001-51): the households more than 15 minutes away (residents' data:
only for roles that see residents), each estate's minutes and the estates outside 10 minutes, on the page,
over the API and in the xlsx; a saved place recomputes only its street and its neighbourhood."""

import io

import pytest
from openpyxl import load_workbook

from lianxin.areas.models import Household, Place, PlaceDesignation, PlaceStatus
from lianxin.areas.places import place_save
from lianxin.core.paths import under
from lianxin.provision.models import HouseholdReach
from lianxin.provision.reach import (
    estates_outside,
    estates_reach,
    households_outside,
    reach_figures,
    reach_refresh,
    reach_refresh_near,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def refreshed(world):
    reach_refresh()
    return world


def test_the_households_outside_are_the_located_minus_the_within(cast, refreshed):
    community = refreshed.communities[0]
    figures = reach_figures(community)
    outside = households_outside(cast.community_secretary, community)
    located_outside = outside.filter(minutes__isnull=False).count()
    assert located_outside == figures.households_located - figures.households_within == 12
    assert all(r.minutes > 15 for r in outside if r.minutes is not None)
    # A courier or volunteer over the community does not see its residents: the list is empty for them.
    assert households_outside(cast.courier, community).count() == 0


def test_each_estate_has_its_minutes_and_the_far_ones_are_listed(refreshed):
    community = refreshed.communities[0]
    rows = {r.estate.name: r for r in estates_reach(community)}
    assert rows["和谐家园"].minutes <= 10
    assert rows["盛世名邸"].minutes > 10
    assert [r.estate.name for r in estates_outside(community)] == ["盛世名邸"]


def test_the_page_api_and_export_agree(cast, refreshed, client_as):
    community = refreshed.communities[0]
    client = client_as("community_secretary")
    page = client.get(f"/provision/circle/?area={community.pk}&show=households")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="households-outside"' in html and "盛世名邸" in html
    api = client.get(f"/api/v1/reach/{community.pk}/households?limit=200").json()
    assert len(api["items"]) == households_outside(cast.community_secretary, community).count()
    estates = client.get(f"/api/v1/reach/{community.pk}/estates?outside_only=true").json()
    assert [e["estate_name"] for e in estates] == ["盛世名邸"]
    export = client.get(f"/provision/circle/?area={community.pk}&export=households")
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert sheet.max_row - 1 == len(api["items"])
    export = client.get(f"/provision/circle/?area={community.pk}&export=estates")
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == ["盛世名邸"]


def test_roles_without_residents_see_figures_but_no_household_list(cast, refreshed, client_as):
    community = refreshed.communities[0]
    # The courier is no staff: the staff page is refused; his API list of households is empty.
    assert client_as("courier").get(f"/provision/circle/?area={community.pk}").status_code == 403
    body = client_as("courier").get(f"/api/v1/reach/{community.pk}/households").json()
    assert body["items"] == []


def test_a_saved_place_recomputes_its_street_only(cast, refreshed, django_capture_on_commit_callbacks):
    community, shengshi = refreshed.communities[0], refreshed.estates[1]
    other_street = refreshed.streets[1]
    far = HouseholdReach.objects.filter(under("area_path", other_street.path)).first()
    stamp = far.computed_at
    centre = Place.objects.get(area=community, designations__code="service_centre")
    shengshi.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        place_save(
            actor=cast.community_secretary,
            place=None,
            area=shengshi,
            designations=list(PlaceDesignation.objects.filter(code="service_station")),
            name="盛世名邸党群服务站",
            parent_place=centre,
            lat=shengshi.lat,
            lng=shengshi.lng,
            status=PlaceStatus.OPEN,
            in_service_circle=True,
        )
    assert reach_figures(community).households_within == 24
    far.refresh_from_db()
    # Households of the other street, farther than the radius, were not rewritten.
    if not HouseholdReach.objects.filter(pk=far.pk).exists():
        pytest.fail("the other street's reach rows were replaced")
    assert far.computed_at == stamp
    # Who is within the circle after the near recomputation is who the full refresh finds; only the
    # minutes of households far outside it may wait for the night.
    station = Place.objects.get(name="盛世名邸党群服务站")
    reach_refresh_near(station)
    within = set(HouseholdReach.objects.filter(minutes__lte=15).values_list("household_id", flat=True))
    assert HouseholdReach.objects.count() == Household.objects.count()
    reach_refresh()
    full = HouseholdReach.objects.filter(minutes__lte=15).values_list("household_id", flat=True)
    assert within == set(full)
