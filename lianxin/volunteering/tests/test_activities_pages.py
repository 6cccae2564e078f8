"""The activity pages, API and exports agree: the staff publish on the page, a resident signs up on his 活动
page and signs in on the QR landing, another through the API with the token; the organiser ticks the roll
and confirms the hours through the API (Idempotency-Key: paid once); the counts on the list, the figures
page, the API and the workbook are the same numbers."""

import io
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from lianxin.areas.models import Place
from lianxin.people.models import Person, PersonTag, User
from lianxin.points.models import PointsEntry
from lianxin.volunteering.models import SignUp
from lianxin.volunteering.services import activities as svc
from tests.personas import otp_verify_session

pytestmark = pytest.mark.django_db
JSON = {"content_type": "application/json"}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    otp_verify_session(client, user)
    return client


@pytest.fixture
def station(places):
    return Place.objects.create(name="和谐家园党群服务站", area=places.estate)


def _courier(estate, name):
    person = Person.objects.create(name=name, area=estate, area_path=estate.path)
    person.tags.add(PersonTag.objects.get(code="courier"))
    return User.objects.create(username=f"u_{name}", person=person)


def _rows(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    return [[c.value for c in row] for row in sheet.iter_rows()]


def test_publish_sign_up_sign_in_confirm(cast, places, station):
    staff = _client(cast.community_secretary)
    start = timezone.localtime() + timedelta(hours=1)
    page = staff.get("/volunteering/activities/")
    assert page.status_code == 200
    bad = staff.post("/volunteering/activities/", {"title": "", "starts_at": ""})
    assert bad.status_code == 400
    created = staff.post(
        "/volunteering/activities/",
        {
            "title": "重阳节敬老",
            "kind": "volunteering",
            "place": station.pk,
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "capacity": 2,
        },
    )
    assert created.status_code == 302, created.content.decode()[:2000]
    activity = station.activities.get()
    detail = staff.get(f"/volunteering/activities/{activity.pk}/")
    assert 'data-testid="signin-qr"' in detail.content.decode()

    a, b, c = (_courier(places.estate, n) for n in ("快递甲", "快递乙", "快递丙"))
    home = _client(a).get("/").content.decode()
    assert 'data-testid="workbench-activities"' in home and "重阳节敬老" in home
    join = _client(a).get("/volunteering/activities/near-me/")
    assert "重阳节敬老" in join.content.decode()
    assert _client(a).post(f"/volunteering/activities/{activity.pk}/sign-up/").status_code == 302
    landing = _client(a).post(f"/volunteering/activities/check-in/{activity.detail.signin_token}/")
    assert landing.status_code == 200 and 'data-testid="checked-in"' in landing.content.decode()
    # b through the API: sign up, sign in with the token; c: the activity is full (409 名额已满).
    api_b = _client(b)
    assert api_b.post(f"/api/v1/activities/{activity.pk}/signups", {}, **JSON).status_code == 201
    signed = api_b.post(
        f"/api/v1/activities/{activity.pk}/signins", {"token": activity.detail.signin_token}, **JSON
    )
    assert signed.status_code == 200 and signed.json()["signed_in_via"] == "qr"
    full = _client(c).post(f"/api/v1/activities/{activity.pk}/signups", {}, **JSON)
    assert full.status_code == 409 and full.json()["error"]["message"] == "名额已满。"
    # Only the organiser's side confirms; then twice with one key pays once.
    assert api_b.post(f"/api/v1/activities/{activity.pk}/hours", {"hours": "2.5"}, **JSON).status_code == 403
    headers = {"HTTP_IDEMPOTENCY_KEY": "hours-1"}
    first = staff.post(f"/api/v1/activities/{activity.pk}/hours", {"hours": "2.5"}, **JSON, **headers)
    again = staff.post(f"/api/v1/activities/{activity.pk}/hours", {"hours": "2.5"}, **JSON, **headers)
    assert first.status_code == again.status_code == 200
    assert first.json() == {"activity_id": activity.pk, "hours": "2.5", "signed_in": 2, "points_each": 25}
    assert PointsEntry.objects.filter(source_kind=svc.SOURCE_HOURS).count() == 2
    late = _client(c).post(
        f"/api/v1/activities/{activity.pk}/signins", {"token": activity.detail.signin_token}, **JSON
    )
    assert late.status_code == 409 and late.json()["error"]["message"] == "签到已结束。"

    mine = _client(a).get("/volunteering/hours/")
    assert 'data-testid="hours-points">25<' in mine.content.decode()
    assert _client(a).get("/api/v1/activities/my-hours").json()["points"] == 25

    # The counts agree: list page, API, export, figures page and API.
    listed = staff.get(f"/api/v1/activities/?area_id={places.estate.pk}").json()
    assert (listed["totals"]["activities"], listed["totals"]["participants"]) == (1, 2)
    export = _rows(staff.get(f"/volunteering/activities/?area={places.estate.pk}&format=xlsx"))
    assert export[1][0] == "重阳节敬老" and export[1][9] == 2  # signed in
    figures = staff.get(f"/api/v1/activities/figures?area_id={places.estate.pk}").json()
    courier = next(g for g in figures["hours_by_group"] if g["group"] == "courier")
    assert courier["hours"] == "5.0"
    assert figures["base_year"][0]["person_times"] == 2 and figures["base_year"][0]["persons"] == 2
    # P003-29: the estate's hours by group, exported as on the page and in the API.
    hours = _rows(
        staff.get(f"/volunteering/activities/figures/?area={places.estate.pk}&table=hours&format=xlsx")
    )
    assert ["快递小哥", 5, 2] in [[r[0], r[1], r[2]] for r in hours] and hours[-1][0] == "合计"
    page = staff.get(f"/volunteering/activities/figures/?area={places.community.pk}")
    assert page.status_code == 200
    by_area = _rows(
        staff.get(f"/volunteering/activities/figures/?area={places.community.pk}&table=by_area&format=xlsx")
    )
    estate_row = next(r for r in by_area if r[0] == places.estate.name)
    assert estate_row[1:4] == [1, 2, 2]
    roll = _rows(staff.get(f"/volunteering/activities/{activity.pk}/?format=xlsx"))
    assert len(roll) == 3 and {r[5] for r in roll[1:]} == {2.5}


def test_roll_and_close_on_the_pages(cast, places, station):
    staff = _client(cast.community_secretary)
    activity = svc.activity_publish(
        cast.community_secretary,
        title="端午活动",
        place=station,
        starts_at=timezone.now() + timedelta(hours=1),
    )
    person = _courier(places.estate, "快递丁").person
    ticked = staff.post(f"/volunteering/activities/{activity.pk}/roll/", {"person": person.pk})
    assert ticked.status_code == 302
    assert SignUp.objects.get(activity=activity, person=person).signed_in_via == "roll"
    # A resident may not tick the roll, nor close it.
    resident = _client(cast.resident)
    assert resident.post(f"/volunteering/activities/{activity.pk}/close/").status_code in (403, 404)
    assert staff.post(f"/volunteering/activities/{activity.pk}/close/").status_code == 302
    again = staff.post(f"/volunteering/activities/{activity.pk}/close/")
    assert again.status_code == 409 and "签到已结束" in again.content.decode()
    closed = staff.post(f"/api/v1/activities/{activity.pk}/signins", {"person_id": person.pk}, **JSON)
    assert closed.status_code == 409


def test_training_registers(cast, places):
    staff = _client(cast.community_secretary)
    added = staff.post(
        "/volunteering/training/",
        {"form": "trainer", "name": "王老师", "title": "市委党校", "area": places.community.pk},
    )
    assert added.status_code == 302
    trainer = staff.get("/api/v1/activities/trainers").json()
    assert [t["name"] for t in trainer] == ["王老师"]
    course = staff.post(
        "/volunteering/training/",
        {
            "form": "course",
            "title": "非公企业党建实务",
            "trainer": trainer[0]["id"],
            "hours": "2",
            "is_featured": "on",
            "area": places.community.pk,
        },
    )
    assert course.status_code == 302
    assert staff.get("/api/v1/activities/courses").json()[0]["is_featured"] is True
    twice = staff.post(
        "/volunteering/training/", {"form": "trainer", "name": "王老师", "area": places.community.pk}
    )
    assert twice.status_code == 409
    source = staff.post(
        "/volunteering/training/",
        {"form": "source", "name": "居民点单", "kind": "need", "area": places.community.pk},
    )
    assert source.status_code == 302
    assert [s["name"] for s in staff.get("/api/v1/activities/sources").json()] == ["居民点单"]


def test_the_counts_are_for_staff_on_the_api_as_on_the_page(cast, places):
    """The figures page refuses a resident (403); its API did answer him with the counts of every activity
    open to him. Now both refuse him, and both answer the community secretary."""
    resident = _client(cast.resident)
    assert resident.get("/volunteering/activities/figures/").status_code == 403
    assert resident.get("/api/v1/activities/figures").status_code == 403
    staff = _client(cast.community_secretary)
    assert staff.get(f"/api/v1/activities/figures?area_id={places.community.pk}").status_code == 200
