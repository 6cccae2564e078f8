"""Issue 23 scenario 4 (docs/talent/pool.md): 260 talents imported by the township secretary, the preview
masking their phones; 27 of 35 invitees at 2026春节茶话会; 宋佳宁 乡村振兴合伙人 at 王集村 from 2026-03-01 to
2027-02-28 sees 王集村 only then, and is listed without follow-up on 2026-04-30."""

from datetime import date

import pytest

from lianxin.areas.models import Area
from lianxin.imports.services import batch_confirm, batch_preview
from lianxin.imports.tests.conftest import xlsx_file
from lianxin.people.models import User
from lianxin.people.roles import PostSource
from lianxin.talent.models import TalentProfile
from lianxin.talent.selectors import pool as sel
from lianxin.talent.services import pool as svc

pytestmark = pytest.mark.django_db


def village(world, name: str) -> Area:
    return next(v for v in world.villages if v.name == name and v.path.startswith(world.cluster.path))


def on(monkeypatch, day: date) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)


def test_scenario_4(world, cast, monkeypatch, client_as):
    secretary = cast.township_secretary
    names = ["张庄村", "李楼村", "王集村", "刘堂村"]
    rows = [
        {
            "name": f"人才{n:03d}" if n else "宋佳宁",
            "village_code": village(world, names[n % 4]).code,
            "current_city": "苏州",
            "field": "经营",
            "skills": "电商、直播",
            "willingness": "愿意返乡",
            "mobile": f"139{n:08d}",
        }
        for n in range(260)
    ]
    rows[0]["village_code"] = village(world, "王集村").code
    before = TalentProfile.objects.count()
    batch = batch_preview(actor=secretary, kind="talents", upload=xlsx_file("talents", rows))
    assert batch.errors == [] and batch.valid_rows == 260
    # The preview shows the phones masked, never whole.
    shown = [cell for sample in batch.sample for cell in sample["cells"]]
    assert "139****0001" in shown and "13900000001" not in shown
    assert TalentProfile.objects.count() == before  # nothing written by the preview
    batch_confirm(actor=secretary, batch=batch)
    assert TalentProfile.objects.count() - before == 260
    song = TalentProfile.objects.get(name="宋佳宁")
    assert song.mobile == "13900000000" and song.mobile_masked == "139****0000"

    # 2026春节茶话会: 35 invited from the pool, 27 came.
    township = next(t for t in world.townships if world.cluster.path.startswith(t.path))
    event = svc.event_create(
        secretary, area=township, title="2026春节茶话会", kind="tea_party", season="spring_festival",
        held_on=date(2026, 2, 15),
    )  # fmt: skip
    invited = list(TalentProfile.objects.filter(name__startswith="人才").order_by("id")[:34]) + [song]
    assert svc.invitations_add(secretary, event=event, talents=invited) == 35
    svc.attendance_record(secretary, event=event, attended_ids=[t.pk for t in invited[-27:]])
    figures = sel.event_figures(event)
    assert (figures["invited"], figures["attended"]) == (35, 27)
    api = client_as("township_secretary").get(f"/api/v1/outreach-events/{event.pk}").json()
    assert (api["invited"], api["attended"]) == (35, 27)

    # 宋佳宁 returns, and becomes 王集村's 乡村振兴合伙人 for a year.
    wangji = village(world, "王集村")
    talent_return = svc.return_record(
        secretary, talent=song, returned_on=date(2026, 2, 20), kind="startup", event=event
    )
    post = svc.returnee_post_give(
        secretary, talent=song, village=wangji, role="revitalisation_partner",
        start_date=date(2026, 3, 1), end_date=date(2027, 2, 28),
    )  # fmt: skip
    assert post.source == PostSource.RETURNEE and post.area == wangji
    user = User.objects.create(username="songjianing", person=song.person)

    def sees(day):
        on(monkeypatch, day)
        fresh = User.objects.get(pk=user.pk)
        return set(
            Area.objects.restrict(fresh)
            .filter(path__startswith=world.cluster.path)
            .values_list("name", flat=True)
        )

    assert sees(date(2026, 2, 28)) == set()
    assert sees(date(2026, 3, 1)) == {"王集村"}
    assert "王集村" in sees(date(2027, 2, 28)) and "张庄村" not in sees(date(2026, 6, 1))
    assert sees(date(2027, 3, 1)) == set()
    # Among the village's posts while in force.
    on(monkeypatch, date(2026, 4, 30))
    assert post in sel.village_posts(wangji)

    # On 2026-04-30 (60 days after the post, her last follow-up) she is listed without follow-up.
    due = sel.returns_followup_due(sel.returns_for(user=secretary), on=date(2026, 4, 30))
    assert talent_return in due
    assert talent_return not in sel.returns_followup_due(
        sel.returns_for(user=secretary), on=date(2026, 4, 29)
    )
    response = client_as("township_secretary").get("/talent/follow-ups-due/")
    assert "宋佳宁" in response.content.decode()
    svc.followup_record(
        secretary,
        talent_return=talent_return,
        happened_on=date(2026, 4, 20),
        kind="contact",
        content="电话回访",
    )
    assert talent_return not in sel.returns_followup_due(
        sel.returns_for(user=secretary), on=date(2026, 4, 30)
    )
