"""The rest-station map in a real phone browser: a courier lets the page read his position and gets the
stations nearest first (P001-46), with no script from outside and nothing the CSP blocks."""

import pytest

from lianxin.areas.models import PlaceDesignation
from lianxin.areas.places import place_save
from lianxin.people.models import Post
from lianxin.people.roles import Role
from tests.test_browser import browser  # noqa: F401 - the module's chromium, shared
from tests.test_browser_cases import signed_in  # noqa: F401 - signed-in pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def test_a_courier_uses_his_position_and_sees_the_nearest_station_first(signed_in, cast):  # noqa: F811
    community = Post.objects.get(person=cast.courier.person, role=Role.PART_TIME_GRID_WORKER).area
    rest = PlaceDesignation.objects.filter(is_rest_station=True).first()

    def station(name, lat, lng):
        return place_save(
            actor=cast.county_admin,
            place=None,
            area=community,
            designations=[rest],
            name=name,
            lat=lat,
            lng=lng,
        )

    far = station("城东暖心驿站", 36.0, 117.0)
    near = station("城西暖心驿站", 35.401, 116.101)
    assert far.name < near.name  # listed by name, the far one would come first
    target = near
    page = signed_in(
        cast.courier,
        viewport=PHONE,
        geolocation={"latitude": float(target.lat), "longitude": float(target.lng)},
        permissions=["geolocation"],
    )
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto("/areas/places/map/")

    page.get_by_test_id("locate-nearest").click()
    page.wait_for_url("**/areas/places/map/?*lat=*")

    first_row = page.get_by_test_id("place-list").locator("tbody tr").first
    assert target.name in first_row.inner_text()
    assert "0.0 km" in first_row.inner_text()
    rows = page.get_by_test_id("place-list").locator("tbody tr").all_inner_texts()
    distances = [float(r.split("\t")[-1].removesuffix(" km")) for r in rows if r.endswith(" km")]
    assert distances == sorted(distances) and len(distances) >= 2
    # The far station (about 100 km off) comes after every station near the courier.
    assert far.name in [r for r in rows if r.endswith(" km")][-1]
    assert violations == []
