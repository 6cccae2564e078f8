"""Issue 22, scenario 1 (clock Mon 2026-11-30 10:00): 刘丽's 居民说事 at 和谐家园 → 3 TALK cases (next
session: 2 closed). 23 停车管理 cases there → 张志强's topic; 孙桂兰 seconds (again 409); a 盛世名邸
resident 404.
四方联动 without 和谐家园业主委员会 400; then 11:2 → task for 万家物业服务有限公司, 15 working days, due 12-21
10:00, overdue, 李红梅 督办, 周静 handles, 张志强 accepts; 孙桂兰 sees it published."""

from datetime import datetime, timedelta

import pytest

from lianxin.areas.models import Area, Household, Level
from lianxin.cases.models import Case, Category, Channel, Kind, State
from lianxin.cases.services import case_handle, case_report, case_supervise, case_take, case_verify
from lianxin.cases.services.timers import cases_mark_overdue
from lianxin.core.paths import under
from lianxin.deliberation.models import MeetingKind, Topic
from lianxin.deliberation.selectors.parties import estate_company, estate_owners_committee
from lianxin.deliberation.services.meetings import (
    four_party_defaults,
    matter_raise,
    matters_closed_since,
    meeting_record,
    vote_record,
)
from lianxin.deliberation.services.topics import topic_raise
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.people.models import Organisation, OrganisationKind, Person, User
from tests.cases_world import SHANGHAI

pytestmark = pytest.mark.django_db


@pytest.fixture
def harmony(places, cast):
    """和谐家园 as the scenario names it: its branch, its owners' committee and 万家物业服务有限公司
    serving it."""
    estate = places.estate
    Area.objects.filter(pk=estate.pk).update(name="和谐家园")
    estate.refresh_from_db()
    if not PartyOrg.objects.filter(kind=OrgKind.BRANCH, area=estate).exists():
        community_org = PartyOrg.objects.filter(area=places.community).first()
        PartyOrg.objects.add_child(
            community_org, {"kind": OrgKind.BRANCH, "name": "和谐家园党支部", "area": estate}
        )
    committee = estate_owners_committee(estate) or Organisation.objects.create(
        kind=OrganisationKind.OWNERS_COMMITTEE, name="x", estate=estate, area=estate, area_path=estate.path
    )
    Organisation.objects.filter(pk=committee.pk).update(name="和谐家园业主委员会")
    company = estate_company(estate)
    assert company is not None and cast.property_staff.person.posts.filter(organisation=company).exists()
    Organisation.objects.filter(pk=company.pk).update(name="万家物业服务有限公司")
    return estate


def _other_estate_resident(places) -> User:
    """A resident of 盛世名邸, another estate of the community."""
    Area.objects.filter(pk=places.other_estate.pk).update(name="盛世名邸")
    home = Household.objects.filter(under("area_path", places.other_estate.path)).order_by("id").first()
    person = Person(name="王大爷", household=home)
    person.set_area(home.area)
    person.save()
    return User.objects.create_user(username="shengshi_resident", password="x", person=person)


def test_scenario_one(cast, places, clock, harmony, client_as):
    estate = harmony
    talk = MeetingKind.objects.get(code="residents_talk")
    cleaning = Category.objects.get(code="cleaning")

    # 刘丽's 居民说事 at 和谐家园: three matters, three TALK cases linked to the session.
    first = meeting_record(
        cast.grid_worker,
        kind=talk,
        area=estate,
        title="11月居民说事",
        held_on=clock.now,
        minutes="居民反映三件事",
    )
    matters = [
        matter_raise(cast.grid_worker, meeting=first, category=cleaning, description=text, raised_by="居民")
        for text in ("3号楼垃圾桶满溢", "东门路灯不亮", "健身器材松动")
    ]
    assert [m.case.channel for m in matters] == [Channel.TALK] * 3
    assert first.matters.count() == 3
    # Two of them are closed before the next session (as the loop leaves them).
    Case.objects.filter(pk__in=[matters[0].case_id, matters[1].case_id]).update(state=State.CLOSED)
    clock.advance(days=7)
    second = meeting_record(cast.grid_worker, kind=talk, area=estate, title="12月居民说事", held_on=clock.now)
    earlier = matters_closed_since(second)
    assert len(earlier) == 3 and sum(m.case.state == State.CLOSED for m in earlier) == 2
    page = client_as("grid_worker").get(f"/deliberation/meetings/{second.pk}/")
    assert page.status_code == 200
    assert page.context["earlier_closed"] == 2 and len(page.context["earlier"]) == 3
    clock.set(datetime(2026, 11, 30, 10, 0, tzinfo=SHANGHAI))

    # 23 停车管理 cases at 和谐家园 → 张志强's topic linked to them.
    parking = Category.objects.get(code="parking")
    for n in range(23):
        case_report(
            cast.resident, category=parking, area=cast.resident.person.area, description=f"车位被占{n}"
        )
    topic = topic_raise(
        cast.community_secretary,
        estate=estate,
        title="停车管理：规划临时停车位",
        weight="hard",
        category=parking,
    )
    assert topic.cases.count() == 23

    # 孙桂兰 seconds it; again 409; a 盛世名邸 resident gets 404.
    resident = client_as("resident")
    answer = resident.post(f"/api/v1/topics/{topic.pk}/seconds", content_type="application/json")
    assert answer.status_code == 201, answer.content
    again = resident.post(f"/api/v1/topics/{topic.pk}/seconds", content_type="application/json")
    assert again.status_code == 409
    assert Topic.objects.get(pk=topic.pk).seconds_count == 1
    stranger = _other_estate_resident(places)
    resident.force_login(stranger)
    assert resident.get(f"/api/v1/topics/{topic.pk}").status_code == 404
    assert resident.get(f"/deliberation/topics/{topic.pk}/").status_code == 404

    # 四方联动 without 和谐家园业主委员会: 400 naming it.
    parties = [p for p in four_party_defaults(estate) if p["role"] != "owners_committee"]
    parties.append({"role": "resident_rep", "name": "居民代表孙桂兰", "person": cast.resident.person})
    secretary = client_as("community_secretary")
    body = {
        "kind": "four_party",
        "area_id": estate.pk,
        "title": "和谐家园四方联动议事会",
        "held_on": clock.now.isoformat(),
        "is_public": True,
        "parties": [{"role": p["role"], "name": p.get("name", ""), **_ids(p)} for p in parties],
    }
    refused = secretary.post("/api/v1/meetings/", body, content_type="application/json")
    assert refused.status_code == 400
    assert "四方联动缺少：业主委员会" in refused.json()["error"]["message"]

    body["parties"].append(
        {"role": "owners_committee", "organisation_id": estate_owners_committee(estate).pk}
    )
    made = secretary.post("/api/v1/meetings/", body, content_type="application/json")
    assert made.status_code == 201, made.content
    meeting_id = made.json()["id"]
    from lianxin.deliberation.models import Meeting

    meeting = Meeting.objects.get(pk=meeting_id)
    vote = vote_record(
        cast.community_secretary,
        meeting=meeting,
        question="划定临时停车位",
        votes_for=11,
        votes_against=2,
        topic=topic,
    )
    assert vote.passed
    # A decision with no owner or no deadline is refused.
    no_owner = secretary.post(
        f"/api/v1/meetings/{meeting_id}/decisions",
        {"text": "划定临时停车位", "vote_id": vote.pk},
        content_type="application/json",
    )
    assert no_owner.status_code == 400 and "决定须指定责任人和完成期限" in no_owner.json()["error"]["message"]
    company = estate_company(estate)
    decided = secretary.post(
        f"/api/v1/meetings/{meeting_id}/decisions",
        {"text": "划定临时停车位", "vote_id": vote.pk, "organisation_id": company.pk, "working_days": 15},
        content_type="application/json",
    )
    assert decided.status_code == 201, decided.content
    task = Case.objects.get(pk=decided.json()["case_id"])
    assert task.kind == Kind.TASK and task.handler_organisation == company
    assert company.name == "万家物业服务有限公司"
    assert task.handle_due == datetime(2026, 12, 21, 10, 0, tzinfo=SHANGHAI)
    assert Topic.objects.get(pk=topic.pk).status == "decided"

    # Overdue; 李红梅 supervises; 周静 takes and handles; 张志强 accepts.
    clock.set(task.handle_due + timedelta(hours=1))
    cases_mark_overdue()
    task.refresh_from_db()
    assert task.handle_overdue
    case_supervise(cast.street_secretary, case=task, note="请于本周内完成")
    case_take(cast.property_staff, case=Case.objects.get(pk=task.pk))
    case_handle(cast.property_staff, case=Case.objects.get(pk=task.pk), note="已划定临时停车位40个")
    task = case_verify(cast.community_secretary, case=Case.objects.get(pk=task.pk), passed=True)
    assert task.state == State.CLOSED

    # 孙桂兰 sees it published: the meeting on her page with the vote and the decision.
    resident.force_login(cast.resident)
    public = resident.get("/deliberation/")
    assert public.status_code == 200
    assert any(m.pk == meeting_id for m in public.context["public_meetings"])
    shown = resident.get(f"/deliberation/meetings/{meeting_id}/")
    assert shown.status_code == 200
    text = shown.content.decode()
    assert "11" in text and "划定临时停车位" in text and "万家物业服务有限公司" in text
    # The stranger of 盛世名邸 does not.
    resident.force_login(stranger)
    assert resident.get(f"/deliberation/meetings/{meeting_id}/").status_code == 404


def _ids(party: dict) -> dict:
    out = {}
    for key in ("person", "organisation", "party_org"):
        if party.get(key) is not None:
            out[f"{key}_id"] = party[key].pk
    return out


def test_three_party_needs_no_owners_committee(cast, places, clock, harmony):
    three = MeetingKind.objects.get(code="three_party")
    parties = [p for p in four_party_defaults(harmony) if p["role"] != "owners_committee"]
    parties.append({"role": "resident_rep", "name": "居民代表"})
    meeting = meeting_record(
        cast.community_secretary,
        kind=three,
        area=harmony,
        title="三方会议",
        held_on=clock.now,
        parties=parties,
    )
    assert meeting.parties.count() == 3
    without_company = [p for p in parties if p["role"] != "property_company"]
    from lianxin.core.errors_domain import DomainError

    with pytest.raises(DomainError) as refused:
        meeting_record(
            cast.community_secretary,
            kind=three,
            area=harmony,
            title="三方会议",
            held_on=clock.now,
            parties=without_company,
        )
    assert "三方会议缺少：物业企业" in refused.value.message


def test_a_village_evening_talk_files_evening_talk_cases(cast, places, clock):
    evening = MeetingKind.objects.get(code="evening_talk")
    village = places.village
    assert village.level == Level.VILLAGE
    meeting = meeting_record(
        cast.county_admin, kind=evening, area=village, title="乡村夜话", held_on=clock.now
    )
    matter = matter_raise(
        cast.county_admin,
        meeting=meeting,
        category=Category.objects.get(code="road_damage"),
        description="村口路面坑洼",
    )
    assert matter.case.channel == Channel.EVENING_TALK
