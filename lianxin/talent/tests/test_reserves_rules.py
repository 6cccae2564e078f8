"""The reserves part's rules through its services: the pool and its bands (P004-39), the three gates in order
(P004-35), a reserve appointed directly is used, rights and scope, nothing half-written."""

from datetime import date

import pytest
from django.test import override_settings

from lianxin.areas.models import Area
from lianxin.core.errors_domain import DomainError
from lianxin.people.models import Person, Post
from lianxin.people.roles import Role
from lianxin.talent.models import Candidate, Gate, Reserve, ReserveStatus
from lianxin.talent.selectors import reserves as sel
from lianxin.talent.services import reserves as svc

pytestmark = pytest.mark.django_db


@pytest.fixture
def community(world):
    return Area.objects.get(name="梧桐里社区", level="community")


def _person(area, name, born):
    person = Person(name=name, birth_date=date(born, 1, 1))
    person.set_area(area)
    person.save()
    return person


def test_bands_follow_the_setting_and_count_the_pool(world, cast, community):
    rows = Reserve.objects.filter(area=community)
    table = sel.age_band_table(rows, year=2026)
    assert [b["in_pool"] for b in table["bands"]] == [1, 1, 1, 0]
    # A year later 陈思雨 (1996) is 31: the first band empties.
    assert [b["in_pool"] for b in sel.age_band_table(rows, year=2027)["bands"]] == [0, 2, 1, 0]
    with override_settings(LIANXIN_RESERVE_AGE_BANDS=[35]):
        assert [b["in_pool"] for b in sel.age_band_table(rows, year=2026)["bands"]] == [2, 1]


def test_reserve_add_checks_and_refuses_twice(world, cast, community):
    secretary = cast.community_secretary
    person = _person(community, "周晓峰", 1998)
    reserve = svc.reserve_add(
        secretary, area=community, person=person, education="bachelor", current_role="网格员"
    )
    assert reserve.birth_year == 1998 and reserve.status == ReserveStatus.IN_POOL
    with pytest.raises(DomainError) as twice:
        svc.reserve_add(secretary, area=community, person=person, education="bachelor")
    assert twice.value.code == "invalid_state" and "周晓峰" in twice.value.message
    with pytest.raises(DomainError) as bad:
        svc.reserve_add(secretary, area=community, person=_person(community, "吴迪", 1990), education="phd")
    assert bad.value.field == "education"
    estate = Area.objects.filter(path__startswith=community.path, level="estate").first()
    with pytest.raises(DomainError):
        svc.reserve_add(secretary, area=estate, person=person, education="bachelor")


def test_others_may_not_keep_the_pool(world, cast, community):
    person = _person(community, "郑一鸣", 1995)
    for who in ("grid_worker", "resident", "dept_staff"):
        with pytest.raises(DomainError) as refused:
            svc.reserve_add(cast[who], area=community, person=person, education="college")
        assert refused.value.code == "forbidden"
    other = Area.objects.filter(level="community").exclude(pk=community.pk).order_by("path").first()
    with pytest.raises(DomainError):
        svc.reserve_add(cast.community_secretary, area=other, person=person, education="college")
    assert not Reserve.objects.filter(person=person).exists()


def test_gates_are_checked_in_order_and_name_the_first_open(world, cast, community):
    secretary = cast.street_secretary
    person = _person(community, "钱多多", 1991)
    from lianxin.party.models import Membership, MembershipKind
    from lianxin.volunteering.services.common import community_party_org

    org = community_party_org(community)
    Membership.objects.create(
        person=person, org=org, org_path=org.path, area_path=person.area_path, kind=MembershipKind.FULL
    )
    candidate = svc.candidate_propose(secretary, area=community, person=person)
    assert Gate.objects.filter(candidate=candidate).count() == 3
    with pytest.raises(DomainError) as first:
        svc.candidate_appoint(secretary, candidate=candidate)
    assert first.value.message == "政治关未通过" and first.value.code == "invalid_state"
    svc.gate_record(
        secretary,
        candidate=candidate,
        kind="political",
        result="passed",
        reviewer="李红梅",
        reviewed_on=date(2026, 3, 1),
    )
    svc.gate_record(
        secretary,
        candidate=candidate,
        kind="ability",
        result="failed",
        reviewer="李红梅",
        reviewed_on=date(2026, 3, 2),
    )
    with pytest.raises(DomainError) as second:
        svc.candidate_appoint(secretary, candidate=candidate)
    assert second.value.message == "能力关未通过"
    with pytest.raises(DomainError) as no_reviewer:
        svc.gate_record(
            secretary, candidate=candidate, kind="ability", result="passed", reviewed_on=date(2026, 3, 3)
        )
    assert no_reviewer.value.field == "reviewer"
    svc.gate_record(
        secretary,
        candidate=candidate,
        kind="ability",
        result="passed",
        reviewer="王立新",
        reviewed_on=date(2026, 3, 3),
    )
    svc.gate_record(
        secretary,
        candidate=candidate,
        kind="public",
        result="passed",
        reviewer="居民代表",
        reviewed_on=date(2026, 3, 4),
    )
    post = svc.candidate_appoint(secretary, candidate=candidate, on=date(2026, 3, 10))
    assert post.role == Role.SECRETARY and post.area_id == community.pk
    candidate.refresh_from_db()
    assert candidate.status == "appointed" and candidate.post_id == post.pk
    with pytest.raises(DomainError) as closed:
        svc.gate_record(
            secretary,
            candidate=candidate,
            kind="public",
            result="failed",
            reviewer="x",
            reviewed_on=date(2026, 3, 4),
        )
    assert closed.value.code == "invalid_state"


def test_a_non_member_is_refused_and_nothing_is_written(world, cast, community):
    secretary = cast.street_secretary
    person = _person(community, "非党员", 1993)
    reserve = svc.reserve_add(secretary, area=community, person=person, education="college")
    candidate = svc.candidate_propose(secretary, reserve=reserve)
    for kind in ("political", "ability", "public"):
        svc.gate_record(
            secretary,
            candidate=candidate,
            kind=kind,
            result="passed",
            reviewer="审查人",
            reviewed_on=date(2026, 3, 1),
        )
    with pytest.raises(DomainError):
        svc.candidate_appoint(secretary, candidate=candidate)
    reserve.refresh_from_db()
    candidate.refresh_from_db()
    assert reserve.status == ReserveStatus.IN_POOL and candidate.status == "vetting"
    assert not Post.objects.filter(person=person).exists()


def test_appointing_a_reserve_to_a_post_marks_him_used(world, cast, community):
    secretary = cast.community_secretary
    reserve = Reserve.objects.get(area=community, person__name="孙明杰")
    with pytest.raises(DomainError) as secretary_post:
        svc.reserve_appoint(secretary, reserve=reserve, role=Role.SECRETARY)
    assert secretary_post.value.code == "invalid_state"
    post = svc.reserve_appoint(secretary, reserve=reserve, role=Role.COMMITTEE_MEMBER, on=date(2026, 6, 1))
    reserve.refresh_from_db()
    assert reserve.status == ReserveStatus.USED and reserve.used_post_id == post.pk
    assert post.source == "reserve_cadre"
    with pytest.raises(DomainError) as again:
        svc.reserve_appoint(secretary, reserve=reserve, role=Role.COMMUNITY_WORKER)
    assert again.value.code == "invalid_state"
    with pytest.raises(DomainError):
        svc.candidate_propose(secretary, reserve=reserve)
    assert not Candidate.objects.filter(reserve=reserve).exists()
