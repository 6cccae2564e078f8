"""A place's functions and its activity log by function (P000-53): record on the page and by API, counts
by function in a period, scope (404 outside, 403 for read-only posts) and idempotent API recording."""

import json
from datetime import date

import pytest

from lianxin.areas.models import Place, PlaceActivity, PlaceDesignation, PlaceFunction
from lianxin.areas.place_activities import place_activity_log, place_activity_record
from lianxin.core.errors_domain import DomainError

pytestmark = pytest.mark.django_db


def _fn(code: str) -> PlaceFunction:
    return PlaceFunction.objects.get(code=code)


@pytest.fixture
def centre(world):
    """The first community's service centre, used for party education and business training."""
    place = Place.objects.filter(area=world.communities[0]).order_by("id").first()
    place.functions.set([_fn("party_education"), _fn("business_training")])
    return place


def _record(actor, place, code, held_on, participants, title="活动"):
    return place_activity_record(
        actor=actor, place=place, function=_fn(code), title=title, held_on=held_on, participants=participants
    )


def test_the_seeded_functions_include_the_four_of_an_ecommerce_red_position():
    from lianxin.audit.registry import audit_registered

    names = set(PlaceFunction.objects.values_list("name", flat=True))
    assert {"党性教育", "业务培训", "产品推介", "电商直播", "政务服务", "志愿服务", "文体活动"} <= names
    # Every model of the areas app is audited (lianxin.audit.registry.audit_register_defaults).
    assert audit_registered(PlaceActivity) and audit_registered(PlaceFunction)


def test_a_function_the_place_does_not_have_is_refused_naming_the_functions_it_has(cast, centre, client_as):
    with pytest.raises(DomainError) as caught:
        _record(cast.community_secretary, centre, "live_streaming", date(2025, 3, 1), 5)
    assert caught.value.field == "function"
    assert "电商直播" in caught.value.message and "党性教育、业务培训" in caught.value.message
    response = client_as("community_secretary").post(
        f"/api/v1/places/{centre.pk}/activities",
        json.dumps({"function": "live_streaming", "title": "直播", "held_on": "2025-03-01"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "电商直播" in response.json()["error"]["fields"]["function"]
    assert not PlaceActivity.objects.filter(place=centre).exists()


def test_bad_activity_input_is_refused(cast, centre):
    for values in (
        {"participants": -1},
        {"participants": "12"},
        {"held_on": date(2999, 1, 1)},
        {"held_on": None},
        {"title": "  "},
    ):
        fields = {"title": "培训", "held_on": date(2025, 3, 1), "participants": 3, **values}
        with pytest.raises(DomainError):
            place_activity_record(
                actor=cast.community_secretary, place=centre, function=_fn("business_training"), **fields
            )
    assert not PlaceActivity.objects.filter(place=centre).exists()


def test_counts_by_function_add_up_activities_and_participants_within_a_period(cast, centre):
    secretary = cast.community_secretary
    _record(secretary, centre, "party_education", date(2025, 3, 1), 10, "三月党课")
    _record(secretary, centre, "party_education", date(2025, 5, 1), 20, "五月党课")
    _record(secretary, centre, "business_training", date(2025, 4, 1), 5, "四月培训")

    log = place_activity_log(user=secretary, place=centre)
    assert [(c.function.code, c.activities, c.participants) for c in log.counts] == [
        ("party_education", 2, 30),
        ("business_training", 1, 5),
    ]
    assert (log.total_activities, log.total_participants) == (3, 35)
    assert [a.title for a in log.activities] == ["五月党课", "四月培训", "三月党课"]

    april_on = place_activity_log(user=secretary, place=centre, since=date(2025, 4, 1))
    assert [(c.activities, c.participants) for c in april_on.counts] == [(1, 20), (1, 5)]
    march = place_activity_log(user=secretary, place=centre, since=date(2025, 3, 1), until=date(2025, 3, 31))
    assert [(c.activities, c.participants) for c in march.counts] == [(1, 10), (0, 0)]
    only = place_activity_log(user=secretary, place=centre, function=_fn("party_education"))
    assert [a.title for a in only.activities] == ["五月党课", "三月党课"]
    with pytest.raises(DomainError):
        place_activity_log(user=secretary, place=centre, since=date(2025, 5, 1), until=date(2025, 4, 1))

    # A function dropped later keeps its activities in the counts.
    centre.functions.set([_fn("party_education")])
    kept = place_activity_log(user=secretary, place=centre)
    assert [(c.function.code, c.activities) for c in kept.counts] == [
        ("party_education", 2),
        ("business_training", 1),
    ]


def test_the_page_records_an_activity_and_shows_the_counts_and_the_list_by_function(client_as, cast, centre):
    client = client_as("community_secretary")
    response = client.post(
        f"/areas/places/{centre.pk}/activities/new/",
        {
            "function": _fn("business_training").pk,
            "title": "电商运营培训",
            "held_on": "2025-06-01",
            "participants": "40",
            "host": "县商务局",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("#activities")
    activity = PlaceActivity.objects.get(place=centre)
    assert (activity.recorded_by, activity.area_path, activity.participants) == (
        cast.community_secretary,
        centre.area_path,
        40,
    )
    _record(cast.community_secretary, centre, "party_education", date(2025, 6, 2), 8, "主题党日")

    html = client.get(f"/areas/places/{centre.pk}/").content.decode()
    counts = html[html.index('data-testid="activity-counts"') :]
    counts = counts[: counts.index("</table>")]
    assert "党性教育" in counts and "业务培训" in counts and ">48<" in counts
    assert 'data-testid="activity-form"' in html
    listed = client.get(f"/areas/places/{centre.pk}/?function=business_training").content.decode()
    rows = listed[listed.index('data-testid="activity-list"') :]
    assert "电商运营培训" in rows and "主题党日" not in rows

    assert client.get(f"/areas/places/{centre.pk}/?since=2025-07-01&until=2025-06-01").status_code == 400
    bad = client.post(
        f"/areas/places/{centre.pk}/activities/new/",
        {"function": _fn("live_streaming").pk, "title": "直播", "held_on": "2025-06-01", "participants": "1"},
    )
    assert bad.status_code == 400
    assert PlaceActivity.objects.filter(place=centre).count() == 2


def test_outside_the_place_scope_the_page_and_the_api_answer_404(client_as, cast, centre):
    client = client_as("grid_worker")
    # Open, the place is readable by everyone signed in (issue 21), but logging there is still refused.
    assert client.get(f"/areas/places/{centre.pk}/").status_code == 200
    assert client.post(f"/areas/places/{centre.pk}/activities/new/", {}).status_code == 403
    Place.objects.filter(pk=centre.pk).update(status="building")
    county = Place.objects.filter(name="县电子商务公共服务中心")
    county.update(status="opening")
    assert client.get(f"/areas/places/{centre.pk}/").status_code == 404
    assert client.get(f"/api/v1/places/{centre.pk}/activities").status_code == 404
    body = {"function": "party_education", "title": "党课", "held_on": "2025-03-01"}
    posted = client.post(
        f"/api/v1/places/{centre.pk}/activities", json.dumps(body), content_type="application/json"
    )
    assert posted.status_code == 404
    assert client.post(f"/areas/places/{centre.pk}/activities/new/", {}).status_code == 404
    # The county's e-commerce centre: the county sees it, a community secretary does not.
    county_centre = Place.objects.get(name="县电子商务公共服务中心")
    assert (
        client_as("community_secretary").get(f"/api/v1/places/{county_centre.pk}/activities").status_code
        == 404
    )
    assert client_as("county_admin").get(f"/api/v1/places/{county_centre.pk}/activities").status_code == 200


def test_a_read_only_post_sees_the_log_but_cannot_record(client_as, cast, centre):
    _record(cast.community_secretary, centre, "party_education", date(2025, 3, 1), 10, "三月党课")
    client = client_as("courier")
    html = client.get(f"/areas/places/{centre.pk}/").content.decode()
    assert "三月党课" in html and 'data-testid="activity-form"' not in html
    form = {
        "function": _fn("party_education").pk,
        "title": "党课",
        "held_on": "2025-03-02",
        "participants": "1",
    }
    assert client.post(f"/areas/places/{centre.pk}/activities/new/", form).status_code == 403
    body = {"function": "party_education", "title": "党课", "held_on": "2025-03-02"}
    posted = client.post(
        f"/api/v1/places/{centre.pk}/activities", json.dumps(body), content_type="application/json"
    )
    assert posted.status_code == 403
    with pytest.raises(DomainError) as caught:
        _record(cast.courier, centre, "party_education", date(2025, 3, 2), 1)
    assert caught.value.code == "forbidden"
    assert PlaceActivity.objects.filter(place=centre).count() == 1


def test_the_api_records_once_per_idempotency_key_and_reads_the_counts(client_as, centre):
    client = client_as("community_secretary")
    url = f"/api/v1/places/{centre.pk}/activities"
    body = json.dumps(
        {"function": "party_education", "title": "党课", "held_on": "2025-03-01", "participants": 30}
    )
    first = client.post(url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="act-1")
    again = client.post(url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="act-1")
    assert first.status_code == 201 and again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["function"] == {"code": "party_education", "name": "党性教育"}
    assert PlaceActivity.objects.filter(place=centre).count() == 1
    other = client.post(url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="act-2")
    assert other.status_code == 201 and other.json()["id"] != first.json()["id"]

    log = client.get(url).json()
    assert log["counts"][0] == {
        "function": {"code": "party_education", "name": "党性教育"},
        "activities": 2,
        "participants": 60,
    }
    assert log["counts"][1]["activities"] == 0
    assert (log["total_activities"], len(log["activities"])) == (2, 2)
    assert client.get(url + "?since=2025-04-01").json()["total_activities"] == 0
    assert client.get(url + "?function=nope").status_code == 400


def test_the_place_form_sets_its_functions_shown_on_the_page_and_in_the_api(client_as, world):
    client = client_as("county_admin")
    response = client.post(
        f"/areas/{world.county.pk}/places/new/",
        {
            "name": "电商服务站",
            "designations": [PlaceDesignation.objects.get(code="ecommerce_centre").pk],
            "functions": [_fn("product_promotion").pk, _fn("live_streaming").pk],
            "status": "open",
        },
    )
    assert response.status_code == 302
    place = Place.objects.get(name="电商服务站")
    assert sorted(place.functions.values_list("code", flat=True)) == ["live_streaming", "product_promotion"]
    html = client.get(f"/areas/places/{place.pk}/").content.decode()
    shown = html[html.index('data-testid="place-functions"') :]
    assert shown.index("产品推介") < shown.index("</dd>") and "电商直播" in shown[: shown.index("</dd>")]
    assert [f["code"] for f in client.get(f"/api/v1/places/{place.pk}").json()["functions"]] == [
        "product_promotion",
        "live_streaming",
    ]
    edited = client.post(
        f"/areas/places/{place.pk}/edit/",
        {"name": "电商服务站", "designations": [place.designations.get().pk], "status": "open"},
    )
    assert edited.status_code == 302
    assert not place.functions.exists()
