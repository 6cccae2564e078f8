"""Call-outs: who is called and notified, one answer each (409 已答复), the counts per answer, scope per
role, the API and the pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lianxin.core.errors_domain import DomainError
from lianxin.notifications.models import Outbox
from lianxin.volunteering import selectors, services
from lianxin.volunteering.models import CalloutAnswer

pytestmark = pytest.mark.django_db


def _code(call):
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value.code, caught.value.message


@pytest.fixture
def team(cast, community):
    """A team of the resident (孙桂兰) and the demo volunteer (徐晓燕)."""
    secretary = cast.community_secretary
    team = services.team_create(secretary, name="梧桐里应急突击队", kind="shock", area=community)
    for who in ("resident", "volunteer"):
        services.team_member_add(secretary, team=team, person=cast[who].person)
    return team


def _call(cast, **kwargs):
    values = {
        "kind": "emergency",
        "title": "暴雨排涝",
        "starts_at": timezone.now() + timedelta(hours=2),
        "place": "梧桐里社区党群服务中心",
        "needed": 2,
    }
    return services.callout_create(cast.community_secretary, **{**values, **kwargs})


def test_a_team_call_out_notifies_its_members_who_answer_once(cast, team):
    callout = _call(cast, team=team)
    assert set(selectors.callout_recipients(callout)) == {cast.resident.person, cast.volunteer.person}
    notice = Outbox.objects.get(title="召集：暴雨排涝")
    assert sorted(notice.targets["persons"]) == sorted([cast.resident.person_id, cast.volunteer.person_id])

    services.callout_answer(cast.resident, callout=callout, answer="on_duty")
    code, message = _code(lambda: services.callout_answer(cast.resident, callout=callout, answer="unable"))
    assert (code, message) == ("invalid_state", "已答复。")
    services.callout_answer(cast.volunteer, callout=callout, answer="standby", note="晚到半小时")
    counts = selectors.callout_counts(callout)
    assert {row["answer"]: row["count"] for row in counts["answers"]} == {
        "on_duty": 1,
        "standby": 1,
        "unable": 0,
    }
    assert (counts["called"], counts["answered"], counts["unanswered"]) == (2, 2, 0)
    assert CalloutAnswer.objects.get(person=cast.resident.person).answer == "on_duty"


def test_only_those_called_answer_and_only_with_a_known_answer(cast, team):
    callout = _call(cast, team=team)
    code, _ = _code(lambda: services.callout_answer(cast.grid_worker, callout=callout, answer="on_duty"))
    assert code == "forbidden"
    code, _ = _code(lambda: services.callout_answer(cast.resident, callout=callout, answer="maybe"))
    assert code == "invalid"
    assert not CalloutAnswer.objects.exists()


def test_an_area_call_out_reaches_the_volunteers_under_it(cast, world, community):
    callout = _call(cast, area=community, kind="task", title="创城志愿服务", needed=5)
    assert list(selectors.callout_recipients(callout)) == [cast.volunteer.person]
    mine = selectors.callouts_mine(user=cast.volunteer)
    assert [c.pk for c in mine] == [callout.pk]
    assert selectors.callouts_mine(user=cast.resident) == []
    services.callout_answer(cast.volunteer, callout=callout, answer="on_duty")
    assert selectors.callouts_mine(user=cast.volunteer)[0].my_answer == "on_duty"


def test_a_call_out_needs_its_facts_and_a_caller_over_the_area(cast, team, community):
    for bad in ({"title": ""}, {"place": ""}, {"needed": 0}, {"kind": "party"}, {"starts_at": None}):
        code, _ = _code(lambda bad=bad: _call(cast, team=team, **bad))
        assert code == "invalid", bad
    code, _ = _code(lambda: _call(cast, team=team, area=community))
    assert code == "invalid"
    code, _ = _code(
        lambda: services.callout_create(
            cast.volunteer, team=team, kind="task", title="x", starts_at=timezone.now(), place="x", needed=1
        )
    )
    assert code == "forbidden"


def test_who_sees_a_call_out_and_its_answers(cast, team):
    callout = _call(cast, team=team)
    services.callout_answer(cast.resident, callout=callout, answer="on_duty")
    services.callout_answer(cast.volunteer, callout=callout, answer="unable")
    for who in ("community_secretary", "street_secretary", "county_admin", "volunteer", "resident"):
        assert selectors.callouts_for(user=cast[who]).filter(pk=callout.pk).exists(), who
    for who in ("dept_staff", "provider_staff", "sysadmin"):
        assert not selectors.callouts_for(user=cast[who]).filter(pk=callout.pk).exists(), who
    assert selectors.callout_answers(user=cast.community_secretary, callout=callout).count() == 2
    # A volunteer sees his own answer, not the names of the others.
    assert [a.person for a in selectors.callout_answers(user=cast.volunteer, callout=callout)] == [
        cast.volunteer.person
    ]


def test_api_call_out_and_answers(client_as, cast, team):
    staff = client_as("community_secretary")
    body = {
        "kind": "emergency", "title": "防汛值守", "team_id": team.pk,
        "starts_at": (timezone.now() + timedelta(hours=1)).isoformat(), "place": "河堤", "needed": 3,
    }  # fmt: skip
    created = staff.post("/api/v1/callouts/", body, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["called"] == 2
    callout_id = created.json()["id"]
    neither = staff.post("/api/v1/callouts/", dict(body, team_id=None), content_type="application/json")
    assert neither.status_code == 400
    volunteer = client_as("volunteer")
    url = f"/api/v1/callouts/{callout_id}/answers"
    first = volunteer.post(url, {"answer": "on_duty"}, content_type="application/json")
    assert first.status_code == 201, first.content
    second = volunteer.post(url, {"answer": "standby"}, content_type="application/json")
    assert second.status_code == 409
    assert second.json()["error"] == {"code": "invalid_state", "message": "已答复。"}
    assert [a["answer"] for a in volunteer.get(url).json()] == ["on_duty"]
    assert volunteer.post("/api/v1/callouts/", body, content_type="application/json").status_code == 403
    grid = client_as("grid_worker")
    assert grid.post(url, {"answer": "on_duty"}, content_type="application/json").status_code == 404
    staff = client_as("community_secretary")
    detail = staff.get(f"/api/v1/callouts/{callout_id}").json()
    assert {a["answer"]: a["count"] for a in detail["answers"]}["on_duty"] == 1
    assert detail["unanswered"] == 1


def test_call_out_pages(client_as, cast, team):
    staff = client_as("community_secretary")
    assert staff.get("/volunteering/callouts/").status_code == 200
    when = (timezone.localtime() + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    posted = staff.post(
        "/volunteering/callouts/",
        {
            "kind": "task",
            "title": "楼道清理",
            "team": team.pk,
            "starts_at": when,
            "place": "3号楼",
            "needed": 2,
        },
    )
    assert posted.status_code == 302, posted.content.decode()[:3000]
    detail_url = posted["Location"]
    resident = client_as("resident")
    mine = resident.get("/volunteering/callouts/mine/")
    assert "楼道清理" in mine.content.decode()
    answer_url = detail_url + "answer/"
    assert resident.post(answer_url, {"answer": "on_duty"}).status_code == 302
    again = resident.post(answer_url, {"answer": "unable"})
    assert again.status_code == 409 and "已答复" in again.content.decode()
    staff = client_as("community_secretary")
    page = staff.get(detail_url)
    assert page.context["counts"]["on_duty"] == 1
    assert "孙桂兰" in page.content.decode()


def test_the_same_idempotency_key_answers_once_and_replays(client_as, cast, team):
    callout = _call(cast, team=team)
    volunteer = client_as("volunteer")
    url = f"/api/v1/callouts/{callout.pk}/answers"
    headers = {"HTTP_IDEMPOTENCY_KEY": "answer-7f3c"}
    first = volunteer.post(url, {"answer": "standby"}, content_type="application/json", **headers)
    replay = volunteer.post(url, {"answer": "standby"}, content_type="application/json", **headers)
    assert (first.status_code, replay.status_code) == (201, 201)
    assert replay["Idempotent-Replayed"] == "true" and replay.json() == first.json()
    assert CalloutAnswer.objects.filter(callout=callout).count() == 1
    bad_time = volunteer.post(
        "/api/v1/callouts/", {"kind": "task", "starts_at": "明天"}, content_type="application/json"
    )
    assert bad_time.status_code == 422


def test_the_figures_count_a_call_out_on_the_day_it_is_made_with_its_answers(cast, team, community):
    """召集与答复 on the figures page: a call-out made today for tomorrow's work counts today (P000-46: the
    call goes out and its answers come in now), with its answers."""
    from lianxin.volunteering.figures import callouts as callout_table

    callout = _call(cast, team=team, starts_at=timezone.now() + timedelta(days=1, hours=2))
    services.callout_answer(cast.volunteer, callout=callout, answer="on_duty")
    rows = {str(row.label): row.value for row in callout_table(user=cast.community_secretary, root=community)}
    assert rows["召集"] == 1 and rows["到岗"] == 1
