"""The deliberation pages, API and Excel for the same user agree; the rota's missed weeks, the forum's
participation, the nightly missed-meetings job and the refusals."""

import io
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from lianxin.cases.models import Category
from lianxin.deliberation.models import MeetingKind, MeetingParty, MeetingSchedule, MissedMeeting, PartyRole
from lianxin.deliberation.selectors.meetings import MeetingFilters, forum_participation, rota_for
from lianxin.deliberation.services.meetings import matter_raise, meeting_record
from lianxin.deliberation.services.rota import meetings_missed, rota_assign
from tests.cases_world import SHANGHAI

pytestmark = pytest.mark.django_db


def _kind(code):
    return MeetingKind.objects.get(code=code)


@pytest.fixture
def meetings(cast, places, clock):
    made = []
    for n, (code, area) in enumerate(
        [
            ("residents_talk", places.estate),
            ("round_table", places.estate),
            ("round_table", places.other_estate),
        ]
    ):
        made.append(
            meeting_record(
                cast.community_secretary,
                kind=_kind(code),
                area=area,
                title=f"会议{n}",
                held_on=clock.now - timedelta(days=n),
                is_public=n == 0,
            )
        )
    matter_raise(
        cast.community_secretary,
        meeting=made[0],
        category=Category.objects.get(code="cleaning"),
        description="垃圾",
    )
    return made


def test_the_list_the_figures_api_and_the_excel_agree(client_as, meetings, places):
    client = client_as("community_secretary")
    page = client.get("/deliberation/meetings/", {"area": places.community.pk})
    assert page.status_code == 200
    assert page.context["count"] == 3
    by_kind = {r["name"]: r["count"] for r in page.context["figures"].by_kind}
    assert by_kind == {"居民说事": 1, "圆桌议事会": 2}
    api = client.get("/api/v1/meetings/figures", {"area_id": places.community.pk}).json()
    assert api["total"] == 3 and api["matters"] == 1
    assert {r["name"]: r["count"] for r in api["by_kind"]} == by_kind
    assert sum(r["count"] for r in api["by_area"]) == 3
    listed = client.get("/api/v1/meetings/", {"area_id": places.community.pk}).json()
    assert len(listed["items"]) == 3
    export = client.get("/deliberation/meetings/export.xlsx", {"area": places.community.pk})
    assert export.status_code == 200
    sheet = load_workbook(io.BytesIO(export.content)).worksheets[0]
    assert sheet.max_row - 1 == 3
    # Filtered by kind: the page and the API say 2.
    assert client.get("/deliberation/meetings/", {"kind": "round_table"}).context["count"] == 2
    assert client.get("/api/v1/meetings/figures", {"kind": "round_table"}).json()["total"] == 2


def test_a_bad_period_is_refused_in_chinese(client_as, meetings):
    client = client_as("community_secretary")
    answer = client.get("/api/v1/meetings/figures", {"since": "2026-12-01", "until": "2026-11-01"})
    assert answer.status_code == 400
    assert "起始日期晚于截止日期" in answer.json()["error"]["message"]
    page = client.get("/deliberation/meetings/", {"since": "2026-12-01", "until": "2026-11-01"})
    assert page.status_code == 400


def test_the_resident_reads_only_public_meetings_of_his_home(client_as, cast, meetings):
    client = client_as("resident")
    home = client.get("/deliberation/")
    assert [m.pk for m in home.context["public_meetings"]] == [meetings[0].pk]
    assert client.get(f"/deliberation/meetings/{meetings[1].pk}/").status_code == 404
    assert client.get("/deliberation/meetings/").status_code == 403
    shown = client.get(f"/deliberation/meetings/{meetings[0].pk}/")
    assert shown.status_code == 200 and shown.context["matter_form"] is None


def test_a_worker_records_a_session_and_its_matter_on_the_page(client_as, cast, places, clock):
    client = client_as("grid_worker")
    answer = client.post(
        "/deliberation/meetings/new/",
        {
            "kind": _kind("residents_talk").pk,
            "area": places.estate.pk,
            "title": "居民说事",
            "held_on": "2026-11-30T09:00",
        },
    )
    assert answer.status_code == 302, answer.context["form"].errors if answer.context else answer
    meeting_url = answer["Location"]
    posted = client.post(
        meeting_url + "matters/",
        {
            "category": Category.objects.get(code="cleaning").pk,
            "description": "楼道堆物",
            "raised_by": "王大妈",
        },
    )
    assert posted.status_code == 302
    page = client.get(meeting_url)
    assert len(page.context["matters"]) == 1
    assert page.context["matters"][0].case.channel == "talk"
    # A four-party meeting without its parties is refused on the page too, with the parties named.
    refused = client_as("community_secretary").post(
        "/deliberation/meetings/new/",
        {"kind": _kind("four_party").pk, "area": places.estate.pk, "held_on": "2026-11-30T09:00"},
    )
    assert refused.status_code == 400
    assert "四方联动缺少" in refused.content.decode()


def test_rota_missed_weeks_and_forum_participation(cast, places, clock):
    monday = date(2026, 11, 30)
    deputy = cast.volunteer.person
    for weeks_ago in (3, 2, 1):
        rota_assign(
            cast.community_secretary,
            area=places.community,
            week=monday - timedelta(weeks=weeks_ago),
            deputy=deputy,
            deputy_type="people",
        )
    held = datetime(2026, 11, 18, 15, 0, tzinfo=SHANGHAI)  # the week of 11-16 (two weeks ago)
    meeting_record(
        cast.community_secretary,
        kind=_kind("deputies_studio"),
        area=places.community,
        title="工作室",
        held_on=held,
        parties=[{"role": PartyRole.DEPUTY, "name": deputy.name, "person": deputy}],
    )
    rows = rota_for(user=cast.community_secretary)
    assert [r.missed for r in rows] == [True, False, True]

    forum = meeting_record(
        cast.street_secretary,
        kind=_kind("secretaries_forum"),
        area=places.street,
        title="论坛",
        held_on=clock.now,
    )
    MeetingParty.objects.create(
        meeting=forum, role=PartyRole.SECRETARY, name="张志强", person=cast.community_secretary.person
    )
    MeetingParty.objects.create(
        meeting=forum,
        role=PartyRole.SECRETARY,
        name="另一位书记",
        person=cast.grid_worker.person,
        attended=False,
    )
    sessions, people = forum_participation(user=cast.street_secretary, filters=MeetingFilters())
    assert len(sessions) == 1
    assert {(p.name, p.invited, p.attended) for p in people} == {("张志强", 1, 1), ("刘丽", 1, 0)}


def test_meetings_missed_lists_the_period_once(cast, places, clock):
    schedule = MeetingSchedule.objects.create(
        kind=_kind("four_party"), area=places.estate, starts_on=date(2026, 1, 1), rrule="FREQ=MONTHLY"
    )
    assert meetings_missed() == 1
    missed = MissedMeeting.objects.get(schedule=schedule)
    assert missed.period_start == datetime(2026, 10, 1, tzinfo=SHANGHAI)
    assert meetings_missed() == 0  # once per period
    # A meeting held in the next period: when that one ends, nothing is missed.
    meeting_record(
        cast.community_secretary,
        kind=_kind("round_table"),
        area=places.estate,
        title="x",
        held_on=clock.now,
    )
    assert MissedMeeting.objects.count() == 1


def test_the_default_rule_is_quarterly(settings):
    from lianxin.deliberation.schedule import periods, rule_text

    kind = MeetingKind(rrule="")
    assert rule_text(kind=kind) == settings.LIANXIN_MEETING_DEFAULT_RRULE
    found = periods(
        rule_text(kind=kind), starts_on=date(2026, 1, 1), until=datetime(2026, 12, 1, tzinfo=SHANGHAI)
    )
    assert [p[0].month for p in found] == [1, 4, 7]


def test_a_decision_without_owner_or_deadline_is_refused(cast, places, clock, meetings):
    from lianxin.core.errors_domain import DomainError
    from lianxin.deliberation.services.meetings import decision_record

    with pytest.raises(DomainError) as refused:
        decision_record(
            cast.community_secretary,
            meeting=meetings[1],
            text="修路",
            owner={"person": cast.grid_worker.person},
        )
    assert refused.value.message == "决定须指定责任人和完成期限"
    with pytest.raises(DomainError):
        decision_record(
            cast.community_secretary, meeting=meetings[1], text="修路", owner=None, working_days=5
        )
    # A grid worker records sessions but does not issue decisions.
    with pytest.raises(DomainError) as forbidden:
        decision_record(
            cast.grid_worker,
            meeting=meetings[1],
            text="修路",
            owner={"person": cast.grid_worker.person},
            working_days=5,
        )
    assert forbidden.value.code == "forbidden"


def test_the_kinds_are_listed_with_their_parties(client_as):
    kinds = {k["code"]: k for k in client_as("resident").get("/api/v1/meeting-kinds/").json()}
    assert kinds["four_party"]["parties"] == [
        "branch",
        "owners_committee",
        "property_company",
        "resident_rep",
    ]
    assert kinds["evening_talk"]["channel"] == "evening_talk"
    assert kinds["deputies_studio"]["rrule"] == "FREQ=WEEKLY"


def test_a_secretary_sets_a_schedule_and_a_bad_rule_is_refused(client_as, places):
    client = client_as("community_secretary")
    form = {
        "kind": _kind("community_council").pk,
        "area": places.community.pk,
        "rrule": "FREQ=SOMETIMES",
        "starts_on": "2026-01-01",
    }
    refused = client.post("/deliberation/missed/", form)
    assert refused.status_code == 400
    assert "RRULE" in refused.content.decode() and not MeetingSchedule.objects.exists()
    form["rrule"] = "FREQ=MONTHLY"
    assert client.post("/deliberation/missed/", form).status_code == 302
    schedule = MeetingSchedule.objects.get()
    assert schedule.rrule == "FREQ=MONTHLY" and schedule.area == places.community
    page = client.get("/deliberation/missed/")
    assert list(page.context["schedules"]) == [schedule]
    assert client_as("grid_worker").get("/deliberation/missed/").status_code == 403
