"""The reserves part over the API and the pages: programmes with a capacity (over it: 409 naming the limit),
sessions with attendance and hours per person (P003-52); talents selected into village party organisations
with the running count (P002-15); bad input 400 and nothing written; others 403, out of scope 404."""

import io

import pytest
from openpyxl import load_workbook

from lianxin.areas.models import Area
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.people.models import Person, Post
from lianxin.talent.models import (
    Programme,
    ProgrammeMember,
    Reserve,
    Selection,
    TalentProfile,
)

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def community(world):
    return Area.objects.get(name="梧桐里社区", level="community")


def _persons(area, names):
    out = []
    for name in names:
        person = Person(name=name)
        person.set_area(area)
        person.save()
        out.append(person)
    return out


def test_programme_capacity_sessions_attendance_and_hours(world, cast, client_as, community):
    client = client_as("county_admin")
    created = client.post(
        "/api/v1/trainings/",
        {
            "area_id": world.county.pk,
            "kind": "weekend_school",
            "name": "2026年周末党校",
            "year": 2026,
            "capacity": 2,
        },
        content_type=JSON,
    )
    assert created.status_code == 201, created.content
    programme_id = created.json()["id"]
    a, b, c = _persons(community, ["学员甲", "学员乙", "学员丙"])
    for person in (a, b):
        answer = client.post(
            f"/api/v1/trainings/{programme_id}/members", {"person_id": person.pk}, content_type=JSON
        )
        assert answer.status_code == 201, answer.content
    full = client.post(f"/api/v1/trainings/{programme_id}/members", {"person_id": c.pk}, content_type=JSON)
    assert full.status_code == 409
    assert "2026年周末党校已满，名额上限2人" in full.content.decode()
    assert ProgrammeMember.objects.filter(programme_id=programme_id).count() == 2

    session = client.post(
        f"/api/v1/trainings/{programme_id}/sessions",
        {
            "title": "周末党校第一讲",
            "starts_on": "2026-06-06",
            "ends_on": "2026-06-07",
            "hours_per_day": "3.5",
            "capacity": 1,
        },
        content_type=JSON,
    )
    assert session.status_code == 201, session.content
    sid = session.json()["id"]
    assert (
        client.post(
            f"/api/v1/trainings/{programme_id}/sessions/{sid}/enrolments",
            {"person_id": a.pk},
            content_type=JSON,
        ).status_code
        == 201
    )
    over = client.post(
        f"/api/v1/trainings/{programme_id}/sessions/{sid}/enrolments", {"person_id": b.pk}, content_type=JSON
    )
    assert over.status_code == 409 and "周末党校第一讲已满，名额上限1人" in over.content.decode()
    outsider = client.post(
        f"/api/v1/trainings/{programme_id}/sessions/{sid}/enrolments", {"person_id": c.pk}, content_type=JSON
    )
    assert outsider.status_code == 400
    attended = client.post(
        f"/api/v1/trainings/{programme_id}/sessions/{sid}/attendance",
        {"person_id": a.pk, "days_attended": 2},
        content_type=JSON,
    )
    assert attended.status_code == 200 and attended.json()["hours"] == "7.0"
    too_many = client.post(
        f"/api/v1/trainings/{programme_id}/sessions/{sid}/attendance",
        {"person_id": a.pk, "days_attended": 3},
        content_type=JSON,
    )
    assert too_many.status_code == 400

    detail = client.get(f"/api/v1/trainings/{programme_id}").json()
    hours = {m["name"]: m["hours"] for m in detail["members"]}
    assert hours == {"学员甲": "7.0", "学员乙": "0.0"}
    page = client.get(f"/talent/programmes/{programme_id}/")
    assert page.status_code == 200
    assert [str(h["hours"]) for h in page.context["hours"]] == ["7.0", "0.0"]
    listed = client.get("/api/v1/trainings/?year=2026").json()
    mine = next(p for p in listed["items"] if p["id"] == programme_id)
    assert mine["member_count"] == 2 and mine["session_count"] == 1


def test_demo_programme_hours(world, cast, client_as):
    client = client_as("county_admin")
    programme = Programme.objects.get(name="2026年“百优人才”培养计划")
    members = client.get(f"/api/v1/trainings/{programme.pk}").json()["members"]
    assert sorted(m["hours"] for m in members) == ["16.0", "16.0", "8.0"]


def test_programme_bad_input_writes_nothing(world, cast, client_as):
    client = client_as("county_admin")
    before = Programme.objects.count()
    for body in (
        {"area_id": world.county.pk, "kind": "nope", "name": "x", "year": 2026, "capacity": 5},
        {"area_id": world.county.pk, "kind": "other", "name": "x", "year": 2026, "capacity": 0},
        {"area_id": world.county.pk, "kind": "other", "name": "", "year": 2026, "capacity": 5},
    ):
        assert client.post("/api/v1/trainings/", body, content_type=JSON).status_code == 400
    assert Programme.objects.count() == before


def _village_org(world, name="李楼村"):
    village = next(v for v in world.villages if v.name == name)
    return village, PartyOrg.objects.filter(area=village, kind=OrgKind.BRANCH).order_by("path").first()


def test_selection_into_a_village_party_organisation_and_the_running_count(world, cast, client_as):
    village, org = _village_org(world)
    client = client_as("township_secretary")
    before = client.get("/api/v1/reserves/selections").json()["figures"]["total"]
    member = TalentProfile.objects.create(
        name="甄选甲", birth_year=1990, home_area=village, area_path=village.path
    )
    cadre = TalentProfile.objects.create(
        name="甄选乙", birth_year=1995, home_area=village, area_path=village.path
    )
    as_member = client.post(
        "/api/v1/reserves/selections",
        {
            "talent_id": member.pk,
            "party_org_id": org.pk,
            "selected_as": "member",
            "selected_on": "2026-05-01",
        },
        content_type=JSON,
    )
    assert as_member.status_code == 201, as_member.content
    post = Post.objects.get(pk=as_member.json()["post_id"])
    assert post.party_org_id == org.pk and post.role == "committee_member" and post.source == "returnee"
    member.refresh_from_db()
    assert member.status == "selected" and member.person_id == post.person_id
    missing_education = client.post(
        "/api/v1/reserves/selections",
        {
            "talent_id": cadre.pk,
            "party_org_id": org.pk,
            "selected_as": "reserve_cadre",
            "selected_on": "2026-05-02",
        },
        content_type=JSON,
    )
    assert missing_education.status_code == 400
    cadre.refresh_from_db()
    assert cadre.status == "in_pool" and not Selection.objects.filter(talent=cadre).exists()
    as_cadre = client.post(
        "/api/v1/reserves/selections",
        {
            "talent_id": cadre.pk,
            "party_org_id": org.pk,
            "selected_as": "reserve_cadre",
            "selected_on": "2026-05-02",
            "education": "college",
        },
        content_type=JSON,
    )
    assert as_cadre.status_code == 201, as_cadre.content
    reserve = Reserve.objects.get(pk=as_cadre.json()["reserve_id"])
    assert reserve.area_id == village.pk and reserve.birth_year == 1995
    again = client.post(
        "/api/v1/reserves/selections",
        {
            "talent_id": member.pk,
            "party_org_id": org.pk,
            "selected_as": "member",
            "selected_on": "2026-05-03",
        },
        content_type=JSON,
    )
    assert again.status_code == 409
    figures = client.get("/api/v1/reserves/selections").json()["figures"]
    assert figures["total"] == before + 2
    page = client.get("/talent/selections/")
    assert page.context["figures"]["total"] == before + 2
    admin = client_as("county_admin").get("/api/v1/reserves/selections").json()["figures"]
    assert admin["total"] >= before + 2


def test_pages_api_and_export_agree_and_others_are_refused(world, cast, client_as, community):
    client = client_as("street_secretary")
    api = client.get(f"/api/v1/reserves/?area_id={community.pk}&year=2026").json()
    page = client.get(f"/talent/reserves/?area={community.pk}&year=2026")
    assert page.status_code == 200 and page.context["count"] == api["count"]
    sheet = load_workbook(
        io.BytesIO(client.get(f"/talent/reserves/export/?area={community.pk}&year=2026").content)
    )
    assert sheet.worksheets[0].max_row - 1 == api["count"]
    for path in ("/talent/candidates/", "/talent/programmes/", "/talent/selections/"):
        assert client.get(path).status_code == 200
    reserve = Reserve.objects.filter(area=community).first()
    assert client.get(f"/talent/reserves/{reserve.pk}/").status_code == 200
    for who in ("grid_worker", "resident", "dept_staff"):
        other = client_as(who)
        assert other.get("/api/v1/reserves/").status_code == 403
        assert other.get("/talent/reserves/").status_code == 403
    outside = client_as("village_secretary")
    assert outside.get(f"/api/v1/reserves/{reserve.pk}").status_code == 404


def test_page_forms_refuse_in_chinese_and_keep_input(world, cast, client_as, community):
    client = client_as("community_secretary")
    answer = client.post(
        "/talent/reserves/",
        {"area": community.pk, "person": "13900000000", "birth_year": "1995", "education": "college"},
    )
    assert answer.status_code == 400
    assert "13900000000" in answer.content.decode()
    from lianxin.talent.models import Candidate

    candidate = Candidate.objects.get(area=community, person__name="刘浩然")
    refused = client.post(f"/talent/candidates/{candidate.pk}/", {"action": "appoint"})
    assert refused.status_code == 409 and "群众关未通过" in refused.content.decode()


def test_page_forms_write(world, cast, client_as, community):
    client = client_as("community_secretary")
    person = _persons(community, ["页面新人"])[0]
    added = client.post(
        "/talent/reserves/",
        {"area": community.pk, "person": str(person.pk), "birth_year": "1997", "education": "bachelor"},
    )
    assert added.status_code == 302, added.content.decode()[:2000]
    reserve = Reserve.objects.get(person=person, area=community)
    proposed = client.post(f"/talent/reserves/{reserve.pk}/", {"action": "propose"})
    assert proposed.status_code == 302
    from lianxin.talent.models import Candidate

    candidate = Candidate.objects.get(reserve=reserve)
    gate = client.post(
        f"/talent/candidates/{candidate.pk}/",
        {
            "action": "gate",
            "kind": "political",
            "result": "passed",
            "reviewer": "李红梅",
            "reviewed_on": "2026-03-01",
        },
    )
    assert gate.status_code == 302
    assert candidate.gates.get(kind="political").result == "passed"
    admin = client_as("county_admin")
    created = admin.post(
        "/talent/programmes/",
        {
            "area": world.county.pk,
            "kind": "member_training",
            "name": "百千万工程2026",
            "year": 2026,
            "capacity": 3,
        },
    )
    assert created.status_code == 302, created.content.decode()[:2000]
    programme = Programme.objects.get(name="百千万工程2026")
    assert programme.plan is not None and programme.plan.year_from == 2026
