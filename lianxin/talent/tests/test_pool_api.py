"""The pool part's API (/api/v1/talents/, talent-needs, talent-returns, outreach-events) through the HTTP
client, against its pages and Excel: the same counts, phones masked, rights and Chinese errors."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from lianxin.talent.models import OutreachEvent, TalentNeed, TalentProfile, TalentReturn

pytestmark = pytest.mark.django_db


def village(world, name):
    return next(v for v in world.villages if v.name == name and v.path.startswith(world.cluster.path))


def test_the_pool_agrees_on_page_api_and_excel_with_phones_masked(world, client_as):
    client = client_as("township_secretary")
    api = client.get("/api/v1/talents/?field=business").json()
    names = {t["name"] for t in api["items"]}
    assert {"李明远", "李国强"} <= names and api["count"] == len(api["items"])
    li = next(t for t in api["items"] if t["name"] == "李明远")
    assert li["mobile"] == "139****0001" and li["channel"] == "南湖镇驻苏州商会"
    page = client.get("/talent/?field=business")
    html = page.content.decode()
    assert f'data-testid="talents-count">{api["count"]}<' in html
    assert "139****0001" in html and "13912340001" not in html
    export = client.get("/talent/?field=business&format=xlsx")
    rows = list(load_workbook(io.BytesIO(export.content)).worksheets[0].iter_rows(values_only=True))
    assert len(rows) - 1 == api["count"]
    assert all("13912340001" not in str(cell) for row in rows for cell in row)
    assert "139****0001" in {cell for row in rows for cell in row}


def test_only_secretaries_and_the_county_read_talents(world, client_as):
    for username in ("villager", "taskforce_head", "coop_chair", "seconded_secretary"):
        assert client_as(username).get("/api/v1/talents/").status_code == 403
        assert client_as(username).get("/talent/").status_code == 403
    county = client_as("county_admin").get("/api/v1/talents/").json()
    village_ = client_as("village_secretary").get("/api/v1/talents/").json()
    assert county["count"] >= 6 and {t["home_area"] for t in village_["items"]} == {"张庄村"}
    other = TalentProfile.objects.get(name="王建设")
    assert client_as("village_secretary").get(f"/api/v1/talents/{other.pk}").status_code == 404


def test_a_talent_is_added_through_the_api_with_chinese_errors(world, client_as):
    client = client_as("village_secretary")
    zhang = village(world, "张庄村")
    bad = client.post(
        "/api/v1/talents/",
        {"name": "周强", "home_area_id": zhang.pk, "mobile": "123"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "手机号码" in bad.json()["error"]["message"]
    created = client.post(
        "/api/v1/talents/",
        {
            "name": "周强",
            "home_area_id": zhang.pk,
            "field": "planting",
            "skills": "金银花种植",
            "mobile": "13700001111",
        },
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="talent-zhou-1",
    )
    assert created.status_code == 201 and created.json()["mobile"] == "137****1111"
    again = client.post(
        "/api/v1/talents/",
        {
            "name": "周强",
            "home_area_id": zhang.pk,
            "field": "planting",
            "skills": "金银花种植",
            "mobile": "13700001111",
        },
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="talent-zhou-1",
    )
    assert (
        again.json()["id"] == created.json()["id"] and TalentProfile.objects.filter(name="周强").count() == 1
    )
    liutang = village(world, "刘堂村")
    outside = client.post(
        "/api/v1/talents/", {"name": "吴刚", "home_area_id": liutang.pk}, content_type="application/json"
    )
    assert outside.status_code == 400 and not TalentProfile.objects.filter(name="吴刚").exists()


def test_needs_suggest_and_record_contacts(world, client_as):
    client = client_as("township_secretary")
    need = TalentNeed.objects.get(title="金银花线上销售带头人")
    detail = client.get(f"/api/v1/talent-needs/{need.pk}").json()
    assert {s["name"] for s in detail["suggestions"]} >= {"李明远", "李国强"}
    assert detail["matchings"][0]["talent"] == "李明远" and detail["matchings"][0]["outcome"] == "interested"
    li = TalentProfile.objects.get(name="李国强")
    answer = client.post(
        f"/api/v1/talent-needs/{need.pk}/contacts",
        {"talent_id": li.pk, "contacted_on": "2026-02-01", "outcome": "declined"},
        content_type="application/json",
    )
    assert answer.status_code == 201
    assert {m["talent"]: m["outcome"] for m in answer.json()["matchings"]}["李国强"] == "declined"
    page = client.get(f"/talent/needs/{need.pk}/").content.decode()
    assert "李国强" in page and "已谢绝" in page
    listed = client.get("/api/v1/talent-needs/").json()
    assert listed["count"] == 1


def test_outreach_events_invitations_and_attendance(world, client_as):
    client = client_as("township_secretary")
    event = OutreachEvent.objects.get(title="南湖镇2026春节返乡人才茶话会")
    answer = client.get(f"/api/v1/outreach-events/{event.pk}").json()
    assert (answer["invited"], answer["attended"], answer["returns"]) == (5, 3, 1)
    assert answer["attendance_share"] == "60.0"
    zhang = TalentProfile.objects.get(name="张海燕")
    marked = client.post(
        f"/api/v1/outreach-events/{event.pk}/attendance",
        {"attended_ids": [i["talent_id"] for i in answer["invitations"] if i["attended"]] + [zhang.pk]},
        content_type="application/json",
    )
    assert marked.json()["attended"] == 4
    guo = TalentProfile.objects.get(person__isnull=False, name="郭晓东")
    refused = client.post(
        f"/api/v1/outreach-events/{event.pk}/attendance",
        {"attended_ids": [guo.pk]},
        content_type="application/json",
    )
    assert (
        refused.status_code == 400
        and client.get(f"/api/v1/outreach-events/{event.pk}").json()["attended"] == 4
    )
    invited = client.post(
        f"/api/v1/outreach-events/{event.pk}/invitations",
        {"talent_ids": [guo.pk]},
        content_type="application/json",
    )
    assert invited.json()["invited"] == 6
    page = client.get(f"/talent/events/{event.pk}/").content.decode()
    assert 'data-testid="invited-count">6<' in page and 'data-testid="attended-count">4<' in page


def test_returns_figures_follow_ups_and_posts_through_the_api(world, client_as):
    client = client_as("township_secretary")
    answer = client.get("/api/v1/talent-returns/?since=2026-01-01&until=2026-12-31").json()
    assert answer["count"] == 1 and answer["figures"]["by_kind"] == {"startup": 1, "employment": 0}
    assert answer["figures"]["previous"] == 1 and answer["figures"]["change"] == 0
    page = client.get("/talent/returns/?since=2026-01-01&until=2026-12-31").content.decode()
    assert (
        'data-testid="returns-count">1<' in page
        and f'data-testid="returns-share">{answer["figures"]["share"]} %' in page
    )
    chun = TalentReturn.objects.get(talent__name="刘春花")
    timeline = client.get(f"/api/v1/talent-returns/{chun.pk}/follow-ups").json()
    assert [f["kind"] for f in timeline] == ["contact", "training"]
    wrong = client.post(
        f"/api/v1/talent-returns/{chun.pk}/follow-ups",
        {"happened_on": "2026-01-01", "kind": "help", "content": "x"},
        content_type="application/json",
    )
    assert wrong.status_code == 400 and "跟踪记录不能早于返乡日期" in wrong.json()["error"]["message"]
    liutang = village(world, "刘堂村")
    post = client.post(
        f"/api/v1/talent-returns/{chun.pk}/posts",
        {
            "role": "revitalisation_partner",
            "village_id": liutang.pk,
            "start_date": "2026-05-01",
            "end_date": "2027-04-30",
        },
        content_type="application/json",
    )
    assert post.status_code == 201 and post.json()["source"] == "returnee"
    timeline = client.get(f"/api/v1/talent-returns/{chun.pk}/follow-ups").json()
    assert timeline[-1]["kind"] == "post" and timeline[-1]["post_id"] == post.json()["id"]
    li = TalentProfile.objects.get(name="李国强")
    created = client.post(
        "/api/v1/talent-returns/",
        {"talent_id": li.pk, "returned_on": str(date(2026, 7, 1)), "kind": "employment"},
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["village"] == "李楼村"
    twice = client.post(
        "/api/v1/talent-returns/",
        {"talent_id": li.pk, "returned_on": "2026-08-01", "kind": "startup"},
        content_type="application/json",
    )
    assert twice.status_code == 409 and "李国强的返乡已登记" in twice.json()["error"]["message"]


def test_a_visit_is_recorded_by_a_cadre_over_the_village(world, cast, client_as):
    client = client_as("village_secretary")
    talent = TalentProfile.objects.get(name="张海燕")
    outsider = client.post(
        f"/api/v1/talents/{talent.pk}/visits",
        {
            "visited_on": "2026-01-20",
            "visitor_id": cast.coop_chair.person_id,
            "visitor_kind": "two_committee",
        },
        content_type="application/json",
    )
    assert outsider.status_code == 400 and not talent.visits.exists()
    done = client.post(
        f"/api/v1/talents/{talent.pk}/visits",
        {
            "visited_on": "2026-01-20",
            "visitor_id": cast.village_secretary.person_id,
            "visitor_kind": "two_committee",
        },
        content_type="application/json",
    )
    talent.refresh_from_db()
    assert done.status_code == 201 and talent.finder_id == cast.village_secretary.person_id
