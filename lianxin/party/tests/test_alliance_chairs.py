"""An alliance's rotating chair (P003-35), versioned policy list (P003-41) and joint activities of five kinds
(P003-44): the county's alliance of the small world, kept by the organisation department, read by the member
enterprise's contact."""

from datetime import date

import pytest

from lianxin.core.errors_domain import DomainError
from lianxin.party.models import (
    AllianceChairTerm,
    AllianceMember,
    JointKind,
    OrgKind,
    PartyOrg,
    PolicyList,
)
from lianxin.party.services.alliance_chairs import (
    alliance_chairs_rotate,
    chair_current,
    chair_rotation_set,
    chair_rotation_start,
    joint_activity_record,
    policy_diff,
    policy_list_publish,
    policy_previous,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def alliance(cast):
    return PartyOrg.objects.filter(kind=OrgKind.CHAIN_ALLIANCE).order_by("path").first()


@pytest.fixture
def members(alliance):
    return list(AllianceMember.objects.filter(alliance=alliance, enterprise__isnull=False).order_by("pk"))


def test_the_chair_hands_over_at_the_end_of_each_term_in_order_and_keeps_history(
    cast, alliance, members, settings
):
    settings.LIANXIN_ALLIANCE_CHAIR_MONTHS = 12
    assert len(members) >= 2
    chair_rotation_set(cast.county_admin, alliance=alliance, members=members[:2])
    first = chair_rotation_start(cast.county_admin, alliance=alliance, starts_on=date(2025, 1, 1))
    assert first.ends_on == date(2026, 1, 1) and first.member == members[0]

    assert alliance_chairs_rotate(date(2025, 12, 31)) == 0  # still in the first term
    assert alliance_chairs_rotate(date(2026, 1, 1)) == 1
    assert alliance_chairs_rotate(date(2026, 1, 1)) == 0  # the same day again: nothing more
    assert chair_current(alliance, date(2026, 6, 1)).member == members[1]
    # Two terms later the order comes round to the first again; every term is kept.
    assert alliance_chairs_rotate(date(2028, 2, 1)) == 2
    history = list(AllianceChairTerm.objects.filter(alliance=alliance).order_by("starts_on"))
    assert [t.member for t in history] == [members[0], members[1], members[0], members[1]]
    assert [t.automatic for t in history] == [False, True, True, True]
    assert chair_current(alliance, date(2028, 2, 1)).member == members[1]


def test_the_rotation_takes_only_the_alliances_members_and_only_its_leads_set_it(cast, alliance, members):
    with pytest.raises(DomainError) as refused:
        chair_rotation_set(cast.enterprise_contact, alliance=alliance, members=members)
    assert refused.value.code == "forbidden"
    with pytest.raises(DomainError):
        chair_rotation_set(cast.county_admin, alliance=alliance, members=[members[0], members[0]])
    assert not alliance.chair_seats.exists()


def test_a_new_policy_list_version_shows_what_changed_and_enterprises_see_the_current(
    cast, alliance, client_as
):
    policy_list_publish(
        cast.county_admin,
        alliance=alliance,
        title="党建惠企政策清单",
        items=[
            {"title": "技改贷款贴息", "content": "贴息50%"},
            {"title": "人才公寓", "content": "免租3年"},
            {"title": "用电保障", "content": "专线保障"},
        ],
    )
    second = policy_list_publish(
        cast.county_admin,
        alliance=alliance,
        title="党建惠企政策清单",
        items=[
            {"title": "技改贷款贴息", "content": "贴息60%"},
            {"title": "人才公寓", "content": "免租3年"},
            {"title": "首贷续贷绿色通道", "content": "3个工作日内放款"},
        ],
    )
    assert second.version == 2
    diff = policy_diff(policy_previous(second), second)
    assert [i.title for i in diff.added] == ["首贷续贷绿色通道"]
    assert [i.title for i in diff.removed] == ["用电保障"]
    assert [(o.content, n.content) for o, n in diff.changed] == [("贴息50%", "贴息60%")]
    assert diff.unchanged == 1

    answer = client_as("enterprise_contact").get("/api/v1/policy-lists/").json()
    mine = [x for x in answer["items"] if x["alliance_id"] == alliance.pk]
    assert [x["version"] for x in mine] == [2]
    assert mine[0]["diff"]["added"] == ["首贷续贷绿色通道"]
    page = client_as("enterprise_contact").get("/supervision/alliance-chairs/")
    assert page.status_code == 200
    assert "首贷续贷绿色通道" in page.content.decode() and "用电保障" in page.content.decode()


def test_a_policy_list_twice_the_same_title_is_refused_and_nothing_saved(cast, alliance):
    with pytest.raises(DomainError):
        policy_list_publish(
            cast.county_admin, alliance=alliance, title="清单", items=[{"title": "贴息"}, {"title": "贴息"}]
        )
    assert not PolicyList.objects.filter(alliance=alliance).exists()


def test_joint_activities_counted_per_kind_and_year_on_page_and_api(cast, alliance, client_as):
    for kind, held_on in [
        (JointKind.ORGANISATION, date(2026, 3, 1)),
        (JointKind.ORGANISATION, date(2026, 5, 1)),
        (JointKind.BRAND, date(2026, 6, 1)),
        (JointKind.AFFAIRS, date(2025, 6, 1)),
    ]:
        joint = joint_activity_record(
            cast.county_admin,
            alliance=alliance,
            kind=kind,
            title="共建活动",
            held_on=held_on,
            participants=10,
        )
        assert joint.activity.kind == "co_building"
    answer = client_as("county_admin").get("/api/v1/joint-activities/").json()
    assert answer["count"] == 4
    by_year = {y["year"]: {k["kind"]: k["count"] for k in y["kinds"]} for y in answer["by_year"]}
    assert (
        by_year[2026]["organisation"] == 2 and by_year[2026]["brand"] == 1 and by_year[2025]["affairs"] == 1
    )
    assert by_year[2025]["resources"] == 0
    with pytest.raises(DomainError):
        joint_activity_record(
            cast.county_admin, alliance=alliance, kind="party", title="x", held_on=date(2026, 1, 1)
        )


def test_the_chairs_api_and_page(cast, alliance, members, client_as):
    chair_rotation_set(cast.county_admin, alliance=alliance, members=members[:2])
    chair_rotation_start(cast.county_admin, alliance=alliance, starts_on=date(2025, 1, 1))
    answer = client_as("enterprise_contact").get("/api/v1/alliance-chairs/").json()
    row = [x for x in answer["items"] if x["alliance_id"] == alliance.pk][0]
    assert len(row["order"]) == 2 and len(row["history"]) == 1
    assert client_as("resident").get("/supervision/alliance-chairs/").status_code == 403
