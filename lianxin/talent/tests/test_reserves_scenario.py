"""Scenario 7 (issue 23; P004-35, P004-39): 梧桐里社区's 雏雁 born 1996, 1992 and 1987 fall one in
each of the bands ≤30, 31–35 and 36–40 (in 2026); the candidate with 群众关 pending is refused (409
"群众关未通过"); once it is passed he is appointed, his secretary post created and his reserve marked
used. Page, API and Excel agree."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from lianxin.areas.models import Area
from lianxin.people.models import Post
from lianxin.people.roles import Role
from lianxin.talent.models import Candidate, Reserve, ReserveStatus

pytestmark = pytest.mark.django_db

YEAR = 2026


@pytest.fixture
def community(world):
    return Area.objects.get(name="梧桐里社区", level="community")


def _bands(figures) -> dict:
    return {b["key"]: b["in_pool"] for b in figures["bands"]}


def test_scenario_7_bands_gates_and_appointment(world, cast, client_as, community):
    client = client_as("community_secretary")
    answer = client.get(f"/api/v1/reserves/?area_id={community.pk}&year={YEAR}").json()
    names = {r["name"]: r for r in answer["items"]}
    assert {"陈思雨", "刘浩然", "孙明杰"} <= set(names)
    assert [names[n]["birth_year"] for n in ("陈思雨", "刘浩然", "孙明杰")] == [1996, 1992, 1987]
    assert answer["figures"]["in_pool"] == 3
    assert _bands(answer["figures"]) == {"0-30": 1, "31-35": 1, "36-40": 1, "41-": 0}
    assert [b["label"] for b in answer["figures"]["bands"]] == [
        "30岁及以下",
        "31–35岁",
        "36–40岁",
        "40岁以上",
    ]

    page = client.get(f"/talent/reserves/?area={community.pk}&year={YEAR}")
    assert page.status_code == 200
    assert page.context["table"]["in_pool"] == 3 and page.context["count"] == 3
    assert [b["in_pool"] for b in page.context["table"]["bands"]] == [1, 1, 1, 0]
    sheet = load_workbook(
        io.BytesIO(client.get(f"/talent/reserves/export/?area={community.pk}&year={YEAR}").content)
    )
    assert sheet.worksheets[0].max_row == 1 + 3

    candidate = Candidate.objects.get(area=community, person__name="刘浩然")
    gates = client.get(f"/api/v1/candidates/{candidate.pk}").json()["gates"]
    assert [(g["label"], g["result"]) for g in gates] == [
        ("政治关", "passed"),
        ("能力关", "passed"),
        ("群众关", "pending"),
    ]
    refused = client.post(f"/api/v1/candidates/{candidate.pk}/appoint", {}, content_type="application/json")
    assert refused.status_code == 409
    assert "群众关未通过" in refused.content.decode()
    candidate.refresh_from_db()
    assert candidate.status == "vetting" and candidate.post_id is None
    assert not Post.objects.filter(person=candidate.person, role=Role.SECRETARY).exists()

    gate = client.post(
        f"/api/v1/candidates/{candidate.pk}/gates",
        {
            "kind": "public",
            "result": "passed",
            "reviewer": "梧桐里社区居民代表会议",
            "reviewed_on": "2026-04-02",
        },
        content_type="application/json",
    )
    assert gate.status_code == 200, gate.content
    appointed = client.post(
        f"/api/v1/candidates/{candidate.pk}/appoint", {"on": "2026-04-10"}, content_type="application/json"
    )
    assert appointed.status_code == 200, appointed.content
    out = appointed.json()
    assert out["status"] == "appointed" and out["reserve_status"] == "used"
    post = Post.objects.get(pk=out["post_id"])
    assert (post.role, post.area_id, post.start_date) == (Role.SECRETARY, community.pk, date(2026, 4, 10))
    reserve = Reserve.objects.get(pk=candidate.reserve_id)
    assert reserve.status == ReserveStatus.USED and reserve.used_post_id == post.pk

    after = client.get(f"/api/v1/reserves/?area_id={community.pk}&year={YEAR}").json()["figures"]
    assert after["in_pool"] == 2 and after["used"] == 1
    assert _bands(after) == {"0-30": 1, "31-35": 0, "36-40": 1, "41-": 0}
    page = client.get(f"/talent/reserves/?area={community.pk}&year={YEAR}")
    assert page.context["table"]["in_pool"] == 2 and page.context["table"]["used"] == 1
    again = client.post(f"/api/v1/candidates/{candidate.pk}/appoint", {}, content_type="application/json")
    assert again.status_code == 409
