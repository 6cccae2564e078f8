"""Places in the 1+N+N matrix and the 15-minute circle (issue 21): opening hours read into periods, the
matrix rules of place_save, the amenity / open-at / function search (API and 附近), who reads open places."""

import json
from datetime import datetime, time
from decimal import Decimal

import pytest

from lianxin.areas.models import Place, PlaceDesignation, PlaceFunction, PlaceHours, PlaceStatus
from lianxin.areas.place_hours import amenities_parse, hours_parse
from lianxin.areas.places import place_save, places_search
from lianxin.core.errors_domain import DomainError

pytestmark = pytest.mark.django_db

ZHAO_PENG = {"lat": "35.3890", "lng": "116.0800"}  # scenario 3: a courier looking for a charger


def _designations(*codes):
    return list(PlaceDesignation.objects.filter(code__in=codes))


def _centre(community) -> Place:
    return Place.objects.get(area=community, designations__code="service_centre")


# -- hours ------------------------------------------------------------------------------------------------


def test_the_hours_parser_reads_day_ranges_several_periods_all_day_and_overnight():
    weekdays = hours_parse("周一至周五 8:30-12:00、14:00-17:30；周六 9:00-12:00")
    assert (
        len(weekdays) == 11 and (5, time(9), time(12)) in weekdays and not any(d == 6 for d, *_ in weekdays)
    )
    assert hours_parse("全天") == [(d, time(0), time(0)) for d in range(7)]
    overnight = hours_parse("周五 22:00-6:00")
    assert overnight == [(4, time(22), time(0)), (5, time(0), time(6))]
    assert hours_parse("工作日 9:00-18:00，周末休息")[-1] == (4, time(9), time(18))
    assert hours_parse("每天 8：00—20：00") == [(d, time(8), time(20)) for d in range(7)]
    assert hours_parse("营业时间不定") == [] and hours_parse("周一 25:00-26:00") == []
    assert amenities_parse("热水、微波炉、充电、卫生间") == ["water", "charging", "hot_meal", "toilet"]


def test_place_save_stores_the_periods_and_unreadable_hours_are_never_open(cast, world):
    estate = world.estates[1]
    place = place_save(
        actor=cast.community_secretary,
        place=None,
        area=estate,
        designations=_designations("rest_warm"),
        name="测试驿站",
        opening_hours="周一至周日 7:00-22:00",
        amenities="热水、充电",
        status=PlaceStatus.OPEN,
    )
    assert PlaceHours.objects.filter(place=place).count() == 7 and place.amenity_items == [
        "water",
        "charging",
    ]
    open_at_nine = places_search(Place.objects.filter(pk=place.pk), open_at=datetime(2026, 12, 7, 21, 0))
    assert open_at_nine == [place]
    place = place_save(
        actor=cast.community_secretary,
        place=place,
        area=estate,
        designations=_designations("rest_warm"),
        name="测试驿站",
        opening_hours="看情况",
    )
    assert not PlaceHours.objects.filter(place=place).exists()
    assert places_search(Place.objects.filter(pk=place.pk), open_at=datetime(2026, 12, 7, 12, 0)) == []


# -- the matrix rules ---------------------------------------------------------------------------------------


def test_a_second_centre_in_a_community_is_refused_409(client_as, cast, world):
    with pytest.raises(DomainError) as refused:
        place_save(
            actor=cast.community_secretary,
            place=None,
            area=world.communities[0],
            designations=_designations("service_centre"),
            name="第二个中心",
        )
    assert refused.value.code == "invalid_state" and refused.value.message == "该社区已有党群服务中心"
    # Saving the existing centre again is no second centre.
    centre = _centre(world.communities[0])
    place_save(
        actor=cast.community_secretary,
        place=centre,
        area=centre.area,
        designations=list(centre.designations.all()),
        name=centre.name,
    )


def test_a_second_station_in_a_grid_is_refused_409_and_a_station_needs_its_streets_centre(cast, world):
    first, second = world.estates[0], world.estates[1]
    centre = _centre(world.communities[0])
    with pytest.raises(DomainError) as refused:
        place_save(
            actor=cast.community_secretary,
            place=None,
            area=first,  # the demo put a station on the community's first estate
            designations=_designations("service_station"),
            name="又一个服务站",
            parent_place=centre,
        )
    assert refused.value.code == "invalid_state" and refused.value.message == "该网格已有党群服务站"
    other_street_centre = Place.objects.get(area=world.communities[-1], designations__code="service_centre")
    for parent in (None, other_street_centre):
        with pytest.raises(DomainError) as refused:
            place_save(
                actor=cast.community_secretary,
                place=None,
                area=second,
                designations=_designations("service_station"),
                name="盛世名邸党群服务站",
                parent_place=parent,
            )
        assert (
            refused.value.code == "invalid"
            and refused.value.message == "服务站须隶属本街道（乡镇）的服务中心"
        )
    assert not Place.objects.filter(name="盛世名邸党群服务站").exists()


def test_the_page_answers_409_with_the_matrix_rule(client_as, world):
    client = client_as("community_secretary")
    response = client.post(
        f"/areas/{world.communities[0].pk}/places/new/",
        {
            "name": "第二个中心",
            "designations": [d.pk for d in _designations("service_centre")],
            "status": "open",
        },
    )
    assert response.status_code == 409 and "该社区已有党群服务中心" in response.content.decode()


def test_subsidy_and_amenity_items_are_checked(cast, world):
    for values in ({"subsidy": Decimal("-1")}, {"amenity_items": ["sauna"]}):
        with pytest.raises(DomainError):
            place_save(
                actor=cast.community_secretary,
                place=None,
                area=world.estates[1],
                designations=_designations("rest_warm"),
                name="驿站",
                **values,
            )


# -- search -------------------------------------------------------------------------------------------------


def _search(client, **params):
    response = client.get("/api/v1/places/", {**ZHAO_PENG, "amenity": "charging", **params})
    assert response.status_code == 200
    return response.json()


def test_scenario_3_a_courier_finds_the_nearest_open_charger_at_2130_and_at_2230(client_as):
    client = client_as("courier")
    at_2130 = _search(client, open_at="2026-12-07T21:30:00+08:00")
    assert (at_2130[0]["name"], at_2130[0]["distance_km"]) == ("梧桐里社区快递网点暖心驿站", 0.45)
    assert all("charging" in row["amenity_items"] for row in at_2130)
    at_2230 = _search(client, open_at="2026-12-07T22:30:00+08:00")
    assert (at_2230[0]["name"], at_2230[0]["distance_km"]) == ("红帆驿站（人民路站）", 1.12)
    assert "梧桐里社区快递网点暖心驿站" not in {row["name"] for row in at_2230}
    # The same search for a resident of another street, on the 360 px page 附近.
    page = client_as("resident").get(
        "/areas/places/nearby/", {**ZHAO_PENG, "amenity": "charging", "open_at": "2026-12-07T22:30"}
    )
    listed = page.content.decode()
    listed = listed[listed.index('data-testid="nearby-list"') :]
    assert page.status_code == 200 and listed.index("红帆驿站（人民路站）") < listed.index("</ul>")
    assert "1.12 km" in listed and "快递网点暖心驿站" not in listed


def test_the_function_filter_and_bad_search_input(client_as):
    client = client_as("courier")
    hubs = client.get("/api/v1/places/", {"function": "hub"}).json()
    assert [row["name"] for row in hubs] == ["巨川县党建综合阵地"]
    assert client.get("/api/v1/places/", {"amenity": "sauna"}).status_code == 400
    assert client.get("/api/v1/places/", {"open_at": "昨天"}).status_code == 422
    assert client_as("courier").get("/areas/places/nearby/", {"lat": "35.1"}).status_code == 400
    assert PlaceFunction.objects.filter(code="hub").exists()


def test_open_places_are_read_by_all_signed_in_the_others_within_scope(client_as, world):
    planned = Place.objects.exclude(status=PlaceStatus.OPEN).first()
    assert planned is not None
    rows = client_as("resident").get("/api/v1/places/").json()
    assert {r["status"] for r in rows} == {"open"}
    assert client_as("resident").get(f"/api/v1/places/{planned.pk}").status_code == 404
    assert client_as("county_admin").get(f"/api/v1/places/{planned.pk}").status_code == 200
    assert client_as("resident").get("/areas/places/nearby/").status_code == 200  # the empty form


def test_activity_fields_of_issue_21_by_api(client_as, cast, world):
    centre = _centre(world.communities[0])
    centre.functions.set([PlaceFunction.objects.get(code="volunteer_service")])
    org = cast.community_secretary.person.posts.filter(party_org__isnull=False).first()
    body = {
        "function": "volunteer_service",
        "title": "重阳节敬老",
        "held_on": "2026-10-29",
        "kind": "volunteering",
        "starts_at": "2026-10-29T09:00:00+08:00",
        "ends_at": "2026-10-29T11:30:00+08:00",
        "capacity": 40,
        "residents_served": 33,
        "problems_solved": 2,
    }
    if org is not None:
        body["organiser_id"] = org.party_org_id
    client = client_as("community_secretary")
    made = client.post(
        f"/api/v1/places/{centre.pk}/activities", json.dumps(body), content_type="application/json"
    )
    assert made.status_code == 201, made.content
    row = made.json()
    assert (row["kind"], row["capacity"], row["residents_served"], row["area_id"]) == (
        "volunteering",
        40,
        33,
        centre.area_id,
    )
    backwards = {**body, "ends_at": "2026-10-29T08:00:00+08:00"}
    refused = client.post(
        f"/api/v1/places/{centre.pk}/activities", json.dumps(backwards), content_type="application/json"
    )
    assert refused.status_code == 400


def test_reading_open_places_does_not_widen_the_scope_that_figures_count(cast):
    from lianxin.areas.places import places_readable

    red_sail = Place.objects.get(name="红帆驿站（人民路站）")
    assert places_readable(cast.grid_worker).filter(pk=red_sail.pk).exists()
    assert not Place.objects.restrict(cast.grid_worker).filter(pk=red_sail.pk).exists()


def test_the_nearby_page_filters_by_function_at_any_time_as_the_api_does(client_as):
    """P002-39: filtering places by function on the page gives the API's list; at 3 a.m. the hub is shut, so
    the page's default (open now / at the time given) would hide it."""
    client = client_as("street_secretary")
    api = [row["name"] for row in client.get("/api/v1/places/", {"function": "hub"}).json()]
    assert api == ["巨川县党建综合阵地"]

    def listed(params):
        html = client.get("/areas/places/nearby/", {"function": "hub", **params}).content.decode()
        if 'data-testid="nearby-list"' not in html:
            return []
        html = html[html.index('data-testid="nearby-list"') : html.index("</ul>", html.index("nearby-list"))]
        return [name for name in api if name in html]

    assert listed({"open_at": "2026-12-06T03:00"}) == []
    assert listed({"open_at": "2026-12-06T03:00", "any_time": "on"}) == api


def test_the_api_records_a_place_and_holds_the_matrix_rules(client_as, cast, world):
    """P004-27 over the API: a station at 盛世名邸 is 201; a second one 409 该网格已有党群服务站; a second
    centre 409 该社区已有党群服务中心; a station under another street's centre 400; nothing written."""
    community, shengshi = world.communities[0], world.estates[1]
    client = client_as("community_secretary")
    centre = _centre(community)
    station = {
        "area_id": shengshi.pk,
        "name": "盛世名邸党群服务站",
        "designations": ["service_station"],
        "functions": [],
        "parent_place_id": centre.pk,
        "opening_hours": "每天 8:00-20:00",
        "in_service_circle": True,
    }
    made = client.post("/api/v1/places/", station, content_type="application/json")
    assert made.status_code == 201 and made.json()["parent_place_id"] == centre.pk
    assert made.json()["designations"] == ["党群服务站"] and made.json()["hours"]
    before = Place.objects.count()
    again = client.post("/api/v1/places/", {**station, "name": "又一站"}, content_type="application/json")
    assert again.status_code == 409 and again.json()["error"]["message"] == "该网格已有党群服务站"
    second = {**station, "area_id": community.pk, "name": "第二中心", "designations": ["service_centre"]}
    second["parent_place_id"] = None
    refused = client.post("/api/v1/places/", second, content_type="application/json")
    assert refused.status_code == 409 and refused.json()["error"]["message"] == "该社区已有党群服务中心"
    foreign = (
        Place.objects.filter(designations__code="service_centre")
        .exclude(area_path__startswith=world.streets[0].path)
        .first()
    )
    Place.objects.filter(pk=foreign.pk).update(status=PlaceStatus.OPEN)  # open places are readable by all
    other_estate = world.estates[0]
    Place.objects.filter(area=other_estate, designations__code="service_station").delete()
    before = Place.objects.count()
    wrong = {**station, "area_id": other_estate.pk, "name": "外街道站", "parent_place_id": foreign.pk}
    answer = client.post("/api/v1/places/", wrong, content_type="application/json")
    assert answer.status_code == 400
    assert answer.json()["error"]["message"] == "服务站须隶属本街道（乡镇）的服务中心"
    assert Place.objects.count() == before
    # Outside the secretary's scope: 404; a resident may not record places at all.
    resident = client_as("resident")
    assert resident.post("/api/v1/places/", station, content_type="application/json").status_code == 404
