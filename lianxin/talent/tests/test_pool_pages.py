"""The pool part's pages as the roles use them: the township secretary's pages, the seconded secretary's
village, the menus."""

import pytest

from lianxin.talent.models import OutreachEvent, TalentNeed, TalentProfile, TalentReturn

pytestmark = pytest.mark.django_db


def test_the_township_secretary_opens_every_page(world, client_as):
    client = client_as("township_secretary")
    talent = TalentProfile.objects.get(name="李明远")
    pages = [
        "/talent/",
        f"/talent/{talent.pk}/",
        "/talent/channels/",
        "/talent/needs/",
        f"/talent/needs/{TalentNeed.objects.first().pk}/",
        "/talent/events/",
        f"/talent/events/{OutreachEvent.objects.first().pk}/",
        "/talent/returns/",
        f"/talent/returns/{TalentReturn.objects.first().pk}/",
        "/talent/follow-ups-due/",
        "/talent/engagements/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
    html = client.get(f"/talent/{talent.pk}/").content.decode()
    assert "张学军" in html and "139****0001" in html and "13912340001" not in html
    assert "南湖镇驻苏州流动党员党支部" in client.get("/talent/channels/").content.decode()


def test_forms_write_and_show_errors_in_chinese(world, client_as):
    client = client_as("township_secretary")
    talent = TalentProfile.objects.get(name="张海燕")
    bad = client.post(f"/talent/{talent.pk}/return/", {"returned_on": "", "kind": "startup"})
    assert bad.status_code == 400
    done = client.post(f"/talent/{talent.pk}/return/", {"returned_on": "2026-03-01", "kind": "startup"})
    assert done.status_code == 302 and TalentReturn.objects.filter(talent=talent).exists()
    again = client.post(f"/talent/{talent.pk}/return/", {"returned_on": "2026-03-02", "kind": "startup"})
    assert again.status_code == 409 and "张海燕的返乡已登记" in again.content.decode()


def test_the_seconded_secretary_sees_his_village(world, client_as):
    client = client_as("seconded_secretary")
    html = client.get("/talent/my-village/").content.decode()
    assert "刘堂村" in html and "郭晓东" in html and "刘春花" in html and "139****0004" in html
    assert "王建设" not in html  # a talent of 王集村
    assert "金银花线上销售带头人" in html  # the cluster's need
    # Without a village post in force the page is refused, as its menu item is hidden (navigation rights).
    assert client_as("villager").get("/talent/my-village/").status_code == 403


def test_the_township_secretary_works_through_the_forms(world, cast, client_as):
    from lianxin.talent.models import Invitation, OutreachEvent, TalentChannel

    client = client_as("township_secretary")
    wangji = next(v for v in world.villages if v.name == "王集村" and v.path.startswith(world.cluster.path))
    township = next(t for t in world.townships if world.cluster.path.startswith(t.path))
    added = client.post(
        "/talent/",
        {"name": "孙立强", "home_area": wangji.pk, "field": "planting", "skills": "大棚蔬菜",
         "willingness": "willing", "origin": "outside", "mobile": "13600002222", "current_city": "寿光"},
    )  # fmt: skip
    talent = TalentProfile.objects.get(name="孙立强")
    assert added.status_code == 302 and added["Location"] == f"/talent/{talent.pk}/"
    assert talent.mobile_masked == "136****2222" and talent.home_area == wangji
    refused = client.post(
        "/talent/channels/", {"kind": "mobile_branch", "name": "某支部", "area": township.pk}
    )
    assert refused.status_code == 400 and "请选择党组织树中的流动党员党组织" in refused.content.decode()
    assert not TalentChannel.objects.filter(name="某支部").exists()
    made = client.post(
        "/talent/events/",
        {"area": township.pk, "title": "2026中秋座谈会", "kind": "forum", "season": "mid_autumn",
         "held_on": "2026-09-25"},
    )  # fmt: skip
    event = OutreachEvent.objects.get(title="2026中秋座谈会")
    assert made.status_code == 302
    client.post(f"/talent/events/{event.pk}/invite/", {"talents": [talent.pk]})
    client.post(f"/talent/events/{event.pk}/attendance/", {"attended": [talent.pk]})
    assert Invitation.objects.get(event=event, talent=talent).attended is True
    visit = client.post(
        f"/talent/{talent.pk}/visit/",
        {
            "visited_on": "2026-09-01",
            "visitor": cast.township_secretary.person_id,
            "visitor_kind": "resident_cadre",
        },
    )
    talent.refresh_from_db()
    assert visit.status_code == 302 and talent.finder_id == cast.township_secretary.person_id
