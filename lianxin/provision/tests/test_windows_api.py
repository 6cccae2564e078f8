"""Windows over the API (/api/v1/windows/): open a window, put the station's staff on its roster, record a
walk-in on behalf of 孙桂兰 (its own Idempotency-Key once), list them; the same scope and refusals as the
page (issue 21 "Window")."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from lianxin.areas.models import Place
from lianxin.cases.models import Case, Channel
from lianxin.people.models import Person, Post, User
from lianxin.people.roles import Role
from lianxin.provision.models import ServiceWindow, WalkIn, WindowDuty
from lianxin.provision.seeds import catalogue_ensure

pytestmark = pytest.mark.django_db

MOBILE = "13800138021"


@pytest.fixture
def station(places):
    return Place.objects.create(name="和谐家园党群服务站", area=places.estate)


@pytest.fixture
def station_staff(station):
    person = Person.objects.create(name="站务员")
    Post.objects.create(person=person, role=Role.PLACE_STAFF, place=station, start_date=date(2024, 1, 1))
    return User.objects.create(username="station_staff", person=person)


@pytest.fixture
def items(world):
    catalogue_ensure()
    from lianxin.provision.models import ServiceItem

    return {i.category.code: i for i in ServiceItem.objects.select_related("category")}


@pytest.fixture
def resident(cast):
    person = cast.resident.person
    person.set_mobile(MOBILE)
    person.save()
    return person


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client, path, data, key=""):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(path, data, content_type="application/json", **headers)


def test_a_window_its_roster_and_a_walk_in_over_the_api(cast, station, station_staff, items, resident, clock):
    secretary = _client(cast.community_secretary)
    opened = _post(
        secretary,
        "/api/v1/windows/",
        {"place": station.pk, "name": "综合窗口", "items": [items["svc_legal_advice"].pk]},
        key="w-1",
    )
    assert opened.status_code == 201, opened.content
    window_id = opened.json()["id"]
    assert opened.json()["items"] == [{"id": items["svc_legal_advice"].pk, "name": "法律咨询"}]
    again = _post(
        secretary,
        "/api/v1/windows/",
        {"place": station.pk, "name": "综合窗口", "items": [items["svc_legal_advice"].pk]},
    )
    assert again.status_code == 409
    assert again.json()["error"]["message"] == "该场所已有同名窗口"

    tomorrow = timezone.localdate() + timedelta(days=1)
    duty = _post(
        secretary,
        f"/api/v1/windows/{window_id}/duties",
        {"date": tomorrow.isoformat(), "person": station_staff.person_id},
    )
    assert duty.status_code == 201, duty.content
    twice = _post(
        secretary,
        f"/api/v1/windows/{window_id}/duties",
        {"date": tomorrow.isoformat(), "person": station_staff.person_id},
    )
    assert twice.status_code == 409
    stranger = _post(
        secretary,
        f"/api/v1/windows/{window_id}/duties",
        {"date": tomorrow.isoformat(), "person": cast.resident.person_id},
    )
    assert stranger.status_code == 400
    roster = secretary.get(f"/api/v1/windows/{window_id}/duties").json()
    assert [(d["date"], d["person_name"]) for d in roster] == [(tomorrow.isoformat(), "站务员")]
    assert WindowDuty.objects.count() == 1

    staff = _client(station_staff)
    body = {"item": items["svc_legal_advice"].pk, "mobile": MOBILE, "note": "咨询继承"}
    walked = _post(staff, f"/api/v1/windows/{window_id}/walk-ins", body, key="walk-1")
    assert walked.status_code == 201, walked.content
    replay = _post(staff, f"/api/v1/windows/{window_id}/walk-ins", body, key="walk-1")
    assert replay.status_code == 201 and replay.json()["case_id"] == walked.json()["case_id"]
    assert WalkIn.objects.count() == 1
    case = Case.objects.get(pk=walked.json()["case_id"])
    assert case.reporter == resident and case.channel == Channel.WALK_IN
    listed = staff.get(f"/api/v1/windows/{window_id}/walk-ins").json()["items"]
    assert [w["resident_name"] for w in listed] == [resident.name]
    assert staff.get(f"/api/v1/windows/{window_id}").json()["walk_ins_30_days"] == 1

    wrong_item = _post(
        staff, f"/api/v1/windows/{window_id}/walk-ins", {**body, "item": items["svc_meal_aid"].pk}
    )
    assert wrong_item.status_code == 400
    assert wrong_item.json()["error"]["message"] == "该窗口不办理此项服务"
    unknown = _post(staff, f"/api/v1/windows/{window_id}/walk-ins", {**body, "mobile": "13900000000"})
    assert unknown.status_code == 400
    assert WalkIn.objects.count() == 1


def test_others_are_refused_or_see_nothing(cast, station, items, client_as):
    window = ServiceWindow.objects.create(place=station, name="综合窗口", area_path=station.area_path)
    window.items.set([items["svc_legal_advice"]])
    assert client_as("resident").get("/api/v1/windows/").status_code == 403
    assert client_as("resident").get(f"/api/v1/windows/{window.pk}").status_code == 403
    assert [w["id"] for w in client_as("community_secretary").get("/api/v1/windows/").json()["items"]] == [
        window.pk
    ]
    refused = _post(
        client_as("grid_worker"),
        "/api/v1/windows/",
        {"place": station.pk, "name": "二号窗口", "items": [items["svc_legal_advice"].pk]},
    )
    assert refused.status_code == 403
    assert ServiceWindow.objects.count() == 1
