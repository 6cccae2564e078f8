"""The pool part's rules (services.pool): channels, talents, matching, returns and the figure, follow-ups,
returnee posts and external people in cluster work."""

from datetime import date

import pytest

from lianxin.core.errors_domain import DomainError
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.rollups.testing import assert_rollup_matches
from lianxin.talent.models import (
    ClusterEngagement,
    FollowUpKind,
    TalentChannel,
    TalentProfile,
    TalentReturn,
    TalentStatus,
)
from lianxin.talent.selectors import pool as sel
from lianxin.talent.services import pool as svc

pytestmark = pytest.mark.django_db


def village(world, name):
    return next(v for v in world.villages if v.name == name and v.path.startswith(world.cluster.path))


def township(world):
    return next(t for t in world.townships if world.cluster.path.startswith(t.path))


def test_the_demo_rows_are_in_the_world(world, cast):
    assert TalentChannel.objects.filter(kind="mobile_branch", party_org__kind=OrgKind.MOBILE_BRANCH).exists()
    branch = TalentChannel.objects.get(kind="mobile_branch")
    assert branch.location == "江苏省苏州市工业园区" and branch.party_org.office_place
    # The township secretary counts recruits and returns per channel.
    rows = {x["channel"].name: x for x in sel.channels_for(user=cast.township_secretary)}
    assert rows["南湖镇驻苏州商会"]["recruits"] == 2 and rows["南湖镇驻苏州商会"]["returns"] == 1
    assert_rollup_matches(svc.RETURNS_FIGURE)


def test_a_mobile_branch_channel_sits_in_the_party_tree_away_from_home(world, cast):
    secretary = cast.township_secretary
    with pytest.raises(DomainError) as error:
        svc.channel_create(secretary, kind="mobile_branch", name="某流动党支部", area=township(world))
    assert error.value.field == "party_org" and error.value.code == "invalid"
    branch = PartyOrg.objects.filter(kind=OrgKind.MOBILE_BRANCH).exclude(office_place="").first()
    channel = svc.channel_create(
        secretary,
        kind="mobile_branch",
        name="南湖镇驻杭州流动党员党支部",
        area=township(world),
        party_org=branch,
    )
    assert channel.location == branch.office_place
    with pytest.raises(DomainError) as error:
        svc.channel_create(secretary, kind="chamber", name="南湖镇驻杭州流动党员党支部", area=township(world))
    assert error.value.code == "invalid_state"


def test_talents_are_kept_only_by_their_villages_secretaries(world, cast):
    zhang, liutang = village(world, "张庄村"), village(world, "刘堂村")
    talent = svc.talent_create(cast.village_secretary, name="赵小川", home_area=zhang, mobile="139 1111 2222")
    assert talent.mobile == "13911112222" and talent.mobile_masked == "139****2222"
    assert (
        TalentProfile.objects.filter(mobile_index=TalentProfile.mobile_lookup("13911112222")).get() == talent
    )
    with pytest.raises(DomainError) as error:
        svc.talent_create(cast.village_secretary, name="钱多多", home_area=liutang)
    assert error.value.code == "forbidden"
    with pytest.raises(DomainError) as error:
        svc.talent_create(cast.village_secretary, name="钱多多", home_area=zhang, mobile="12345")
    assert error.value.field == "mobile"
    with pytest.raises(DomainError):
        svc.talent_create(cast.township_secretary, name="钱多多", home_area=township(world))
    # The villager and the seconded secretary hold no right over talents.
    for user in (cast.villager, cast.taskforce_head):
        with pytest.raises(DomainError) as error:
            svc.talent_create(user, name="钱多多", home_area=zhang)
        assert error.value.code == "forbidden"


def test_a_need_suggests_talents_whose_skills_match_and_contacts_are_recorded(world, cast):
    secretary = cast.township_secretary
    need = svc.need_post(
        secretary, area=world.cluster, kind="skill", title="冷链物流负责人", skills="冷链物流、仓储",
        posted_on=date(2026, 3, 1),
    )  # fmt: skip
    suggested = {t.name: shared for t, shared in sel.need_suggestions(need, user=secretary)}
    assert suggested == {"李国强": ["冷链物流"]}
    li = TalentProfile.objects.get(name="李国强")
    matching = svc.matching_contact(
        secretary, need=need, talent=li, contacted_on=date(2026, 3, 3), outcome="contacted", note="电话联系"
    )
    svc.matching_contact(secretary, need=need, talent=li, contacted_on=date(2026, 3, 10), outcome="agreed")
    matching.refresh_from_db()
    assert (
        matching.outcome == "agreed"
        and matching.contacts.count() == 2
        and matching.matched_skills == "冷链物流"
    )
    with pytest.raises(DomainError):
        svc.matching_contact(
            secretary, need=need, talent=li, contacted_on=date(2026, 3, 10), outcome="suggested"
        )


def test_returns_are_counted_by_area_type_and_period_with_share_and_change(world, cast):
    secretary = cast.township_secretary
    li = TalentProfile.objects.get(name="李国强")
    r = svc.return_record(secretary, talent=li, returned_on=date(2026, 5, 1), kind="employment")
    assert r.village.name == "李楼村" and r.channel == li.channel
    li.refresh_from_db()
    assert li.status == TalentStatus.RETURNED
    with pytest.raises(DomainError) as error:
        svc.return_record(secretary, talent=li, returned_on=date(2026, 6, 1), kind="startup")
    assert error.value.code == "invalid_state" and "李国强的返乡已登记" in error.value.message
    figures = sel.return_figures(user=secretary, period=sel.Period(date(2026, 1, 1), date(2026, 12, 31)))
    # 刘春花 (创业, 2026-02-20) and 李国强 (就业); 郭晓东 returned in 2025: the change is +1.
    assert figures["count"] == 2 and dict((k, n) for k, _l, n in figures["by_kind"]) == {
        "startup": 1,
        "employment": 1,
    }
    assert figures["previous"] == 1 and figures["change"] == 1
    pool = TalentProfile.objects.filter(area_path__startswith=world.cluster.path).count()
    assert figures["pool"] == pool and figures["share"] == sel.share(2, pool)
    assert_rollup_matches(svc.RETURNS_FIGURE)


def test_follow_ups_and_the_due_list(world, cast, settings):
    secretary = cast.township_secretary
    chun = TalentReturn.objects.get(talent__name="刘春花")  # followed up on 2026-04-10
    due = sel.returns_followup_due(TalentReturn.objects.all(), on=date(2026, 6, 9))
    assert chun in due and chun not in sel.returns_followup_due(
        TalentReturn.objects.all(), on=date(2026, 6, 8)
    )
    settings.LIANXIN_RETURNEE_FOLLOWUP_DAYS = 90
    assert chun not in sel.returns_followup_due(TalentReturn.objects.all(), on=date(2026, 6, 9))
    with pytest.raises(DomainError) as error:
        svc.followup_record(
            secretary, talent_return=chun, happened_on=date(2026, 1, 1), kind="help", content="x"
        )
    assert error.value.field == "happened_on"
    entry = svc.followup_record(
        secretary,
        talent_return=chun,
        happened_on=date(2026, 5, 1),
        kind=FollowUpKind.HELP,
        content="协调贷款",
    )
    assert (
        list(chun.follow_ups.values_list("kind", flat=True))[-1] == "help"
        and entry.area_path == chun.area_path
    )


def test_the_daily_job_counts_the_returnees_due(world, cast):
    assert svc.returnee_followups_remind(on=date(2026, 12, 31)) == 2  # 刘春花 and 郭晓东


def test_a_returnee_post_is_a_dated_village_post_and_an_external_engagement(world, cast):
    secretary = cast.township_secretary
    wangji = village(world, "王集村")
    wang = TalentProfile.objects.get(name="王建设")
    with pytest.raises(DomainError) as error:
        svc.returnee_post_give(
            secretary, talent=wang, village=wangji, role="secretary",
            start_date=date(2026, 3, 1), end_date=date(2027, 2, 28),
        )  # fmt: skip
    assert error.value.field == "role"
    with pytest.raises(DomainError):
        svc.returnee_post_give(
            secretary, talent=wang, village=wangji, role="seconded_director",
            start_date=date(2026, 3, 1), end_date=date(2026, 2, 1),
        )  # fmt: skip
    post = svc.returnee_post_give(
        secretary, talent=wang, village=wangji, role="seconded_director",
        start_date=date(2026, 3, 1), end_date=date(2027, 2, 28),
    )  # fmt: skip
    wang.refresh_from_db()
    assert post.person == wang.person and post.staffing_type == "seconded" and post.source == "returnee"
    engagement = ClusterEngagement.objects.get(post=post)
    assert engagement.cluster == world.cluster and engagement.form == "secondment"
    with pytest.raises(DomainError) as error:
        svc.returnee_post_give(
            secretary, talent=wang, village=wangji, role="seconded_director",
            start_date=date(2026, 6, 1), end_date=date(2026, 12, 31),
        )  # fmt: skip
    assert error.value.code == "invalid_state"
    # External people in the cluster's work on 2026-06-01: 郭晓东 and 王建设, out of its working force.
    block = next(
        b for b in sel.engagements_for(user=secretary, on=date(2026, 6, 1)) if b["cluster"] == world.cluster
    )
    assert block["count"] == 2 and block["share"] == sel.share(2, block["force"]) and block["force"] > 2
    veteran = svc.engagement_record(
        secretary, cluster=world.cluster, person=cast.villager.person, origin="veteran", form="appointment",
        start_date=date(2026, 1, 1),
    )  # fmt: skip
    assert veteran.form == "appointment"
    block = next(
        b for b in sel.engagements_for(user=secretary, on=date(2026, 6, 1)) if b["cluster"] == world.cluster
    )
    assert block["count"] == 3
