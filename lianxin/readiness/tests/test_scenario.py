"""Scenario 5 (issue 22): 梧桐里社区's plan is incomplete until 盛世名邸 is covered; a drill at
20:00 to 40 people: 31 answer by 20:30, 37 by 21:00 → 77.5 %, 92.5 %, 3 silent; 刘丽's
second answer is 409 (您已于20:14响应), the same Idempotency-Key replays. The page, the API
and the export show the same figures."""

import io
from datetime import datetime, timedelta

import pytest
from openpyxl import load_workbook

from lianxin.people.models import Person
from lianxin.readiness import selectors, services
from lianxin.readiness.models import Audience, MobilisationRecipient
from lianxin.volunteering.models import CalloutAnswer
from tests.cases_world import SHANGHAI

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(cast, places):
    secretary = cast.community_secretary
    return services.plan_create(
        secretary,
        area=places.community,
        title="梧桐里社区应急预案",
        commander=secretary.person,
        workflow="接警\n研判\n集结\n处置\n总结",
    )


def _people(places, n):
    people = []
    for i in range(n):
        p = Person(name=f"队员{i:02d}")
        p.set_area(places.estate if i % 2 else places.other_estate)
        p.save()
        people.append(p)
    return people


def test_the_plan_is_incomplete_until_every_estate_is_covered(cast, places, plan, client_as):
    secretary = cast.community_secretary
    team = services.plan_team_add(
        secretary, plan=plan, name="第一突击队", duties="转移群众", estates=[places.estate]
    )  # noqa: E501
    assert [a.pk for a in selectors.plan_gaps(plan)] == [places.other_estate.pk]
    page = client_as("community_secretary").get(f"/readiness/plans/{plan.pk}/")
    assert page.status_code == 200 and places.other_estate.name in page.content.decode()
    api = client_as("community_secretary").get(f"/api/v1/emergency-plans/{plan.pk}").json()
    assert api["complete"] is False and api["uncovered_estates"] == [places.other_estate.name]
    services.plan_team_cover(secretary, team=team, estates=[places.other_estate])
    assert selectors.plan_gaps(plan) == []
    api = client_as("community_secretary").get("/api/v1/emergency-plans/").json()
    assert api["count"] == 1 and api["complete"] == 1
    # An estate of another street is refused, in Chinese, and nothing is added.
    from lianxin.core.errors_domain import DomainError

    with pytest.raises(DomainError):
        services.plan_team_cover(secretary, team=team, estates=[places.other_community_estate])
    assert team.estates.count() == 2


def test_drill_figures_second_answer_and_replay(
    cast, places, plan, clock, client_as, django_capture_on_commit_callbacks
):
    secretary = cast.community_secretary
    people = _people(places, 39) + [cast.grid_worker.person]
    team = services.plan_team_add(
        secretary, plan=plan, name="应急志愿队", estates=[places.estate, places.other_estate]
    )  # noqa: E501
    for p in people:
        team.members.create(person=p, duty="集结")
    clock.set(datetime(2026, 11, 30, 20, 0, tzinfo=SHANGHAI))
    with django_capture_on_commit_callbacks(execute=True):
        m = services.mobilisation_launch(
            secretary,
            area=places.community,
            kind="drill",
            title="夜间防汛演练",
            place="社区广场",
            audience=Audience.TEAMS,
            plan=plan,
        )
    assert m.called == 40
    assert MobilisationRecipient.objects.filter(mobilisation=m, notified_at__isnull=False).count() == 40
    liu = cast.grid_worker.person
    others = [p for p in people if p.pk != liu.pk]
    # 刘丽 answers at 20:14 through the API, with an idempotency key.
    clock.set(datetime(2026, 11, 30, 20, 14, tzinfo=SHANGHAI))
    grid = client_as("grid_worker")
    url = f"/api/v1/mobilisations/{m.pk}/answers"
    first = grid.post(url, {"answer": "on_duty"}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-1")
    replay = grid.post(
        url, {"answer": "on_duty"}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-1"
    )  # noqa: E501
    assert (first.status_code, replay.status_code) == (201, 201)
    assert replay["Idempotent-Replayed"] == "true" and replay.json() == first.json()
    again = grid.post(url, {"answer": "unable"}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-2")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "invalid_state" and "20:14" in again.json()["error"]["message"]
    assert again.json()["error"]["message"] == "您已于20:14响应"
    # 30 more by 20:30 (31 in all), 6 more by 21:00 (37), 3 silent.
    start = datetime(2026, 11, 30, 20, 0, tzinfo=SHANGHAI)
    for i, p in enumerate(others[:30]):
        clock.set(start + timedelta(minutes=1 + i % 29))
        r = MobilisationRecipient.objects.get(mobilisation=m, person=p)
        services.recipient_answer(recipient=r, answer="standby" if i % 5 == 0 else "on_duty")
    for i, p in enumerate(others[30:36]):
        clock.set(start + timedelta(minutes=31 + i * 5))
        r = MobilisationRecipient.objects.get(mobilisation=m, person=p)
        # Three of them by the signed link (no sign-in), three through the service.
        if i < 3:
            from django.test import Client

            assert Client().post(f"/readiness/r/{r.token}/", {"answer": "on_duty"}).status_code == 200
        else:
            services.recipient_answer(recipient=r, answer="unable")
    clock.set(datetime(2026, 11, 30, 21, 30, tzinfo=SHANGHAI))
    f = selectors.mobilisation_figures(m)
    assert (f.called, f.within_30, f.within_60, f.answered) == (40, 31, 37, 37)
    assert (f.share_30, f.share_60, f.silent_count) == (77.5, 92.5, 3)
    assert {r.person_id for r in f.silent} == {p.pk for p in others[36:]}
    assert f.curve[-1][1] == 37 and f.curve[0] == (0, 0)
    # The page, the API and the export agree.
    staff = client_as("community_secretary")
    page = staff.get(f"/readiness/mobilisations/{m.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "77.5%" in html and "92.5%" in html and 'id="readiness-curve"' in html
    assert page.context["f"].silent_count == 3
    api = staff.get(f"/api/v1/mobilisations/{m.pk}").json()
    assert (api["share_30"], api["share_60"], api["silent_count"], api["answered"]) == (77.5, 92.5, 3, 37)
    export = staff.get(f"/readiness/mobilisations/{m.pk}/export.xlsx")
    sheet = load_workbook(io.BytesIO(export.content)).worksheets[0]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 40 and sum(1 for r in rows if r[3] == "未响应") == 3
    assert CalloutAnswer.objects.filter(callout=m.callout).count() == 37
    # A stranger's token is 404; the same link again shows the answer, not a second one.
    from django.test import Client

    assert Client().get("/readiness/r/nothing-here-at-all/").status_code == 404
    r = MobilisationRecipient.objects.get(mobilisation=m, person=others[30])
    second = Client().post(f"/readiness/r/{r.token}/", {"answer": "unable"})
    assert second.status_code == 409 and "您已于" in second.content.decode()
    assert (
        Client()
        .post(f"/api/v1/acks/{r.token}", {"answer": "unable"}, content_type="application/json")
        .status_code
        == 409
    )  # noqa: E501


def test_out_of_scope_is_404_and_residents_cannot_launch(cast, places, plan, client_as):
    resident = client_as("resident")
    assert resident.get(f"/api/v1/emergency-plans/{plan.pk}").status_code == 404
    assert resident.get("/readiness/plans/").status_code == 403
    bad = client_as("community_secretary").post(
        "/api/v1/mobilisations/",
        {"area_id": places.community.pk, "kind": "exercise", "title": "x", "place": "y"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["error"]["fields"]["kind"]
