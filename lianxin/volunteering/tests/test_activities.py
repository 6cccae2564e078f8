"""Activities with sign-up, sign-in and hours (issue 21 scenario 3, first half): 重阳节敬老 at
和谐家园党群服务站, 39 sign up, 33 sign in, 2.5 h confirmed: the 7 couriers get 25 points each and
和谐家园's courier hours rise by 17.5. Plus the refusals (名额已满, 签到已结束, one sign-up each),
corrections and the counts."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from lianxin.areas.models import Place, PlaceActivityKind
from lianxin.core.errors_domain import DomainError
from lianxin.people.models import Person, PersonTag, User
from lianxin.points.models import PointsEntry
from lianxin.rollups.selectors import rollup_sum
from lianxin.rollups.testing import assert_rollup_matches
from lianxin.volunteering.models import SignUp
from lianxin.volunteering.selectors import activities as sel
from lianxin.volunteering.services import activities as svc

pytestmark = pytest.mark.django_db

FAR = timezone.now().date().replace(year=2000)
FUTURE = timezone.now().date().replace(year=2100)


def _code(call):
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value.code


@pytest.fixture
def station(places):
    return Place.objects.create(name="和谐家园党群服务站", area=places.estate)


def _people(estate, n, *, prefix, courier=False):
    tag = PersonTag.objects.get(code="courier")
    users = []
    for i in range(n):
        person = Person.objects.create(name=f"{prefix}{i}", area=estate, area_path=estate.path)
        if courier:
            person.tags.add(tag)
        users.append(User.objects.create(username=f"{prefix}_{i}", person=person))
    return users


def _publish(cast, station, **extra):
    return svc.activity_publish(
        cast.community_secretary,
        title="重阳节敬老",
        place=station,
        starts_at=timezone.now() + timedelta(hours=1),
        ends_at=timezone.now() + timedelta(hours=4),
        **extra,
    )


def test_double_ninth_scenario(cast, places, station):
    estate = places.estate
    couriers = _people(estate, 7, prefix="courier", courier=True)
    residents = _people(estate, 32, prefix="resident")
    activity = _publish(cast, station, capacity=39)
    assert activity.area_path == estate.path and activity.detail.signin_open
    before = rollup_sum(
        key=svc.HOURS, area_path=estate.path, day_from=FAR, day_to=FUTURE, dims={"group": "courier"}
    )

    for user in couriers + residents:
        svc.activity_sign_up(user, activity=activity)
    assert SignUp.objects.filter(activity=activity).count() == 39
    assert SignUp.objects.filter(activity=activity, group="courier").count() == 7
    # The 40th: 名额已满; a second sign-up: 409.
    late = _people(estate, 1, prefix="late")[0]
    assert _code(lambda: svc.activity_sign_up(late, activity=activity)) == "invalid_state"
    assert _code(lambda: svc.activity_sign_up(couriers[0], activity=activity)) == "invalid_state"

    token = activity.detail.signin_token
    for user in couriers + residents[:20]:  # 27 scan the QR code
        svc.activity_sign_in(user, activity=activity, token=token)
    assert _code(lambda: svc.activity_sign_in(residents[30], activity=activity, token="wrong")) == "invalid"
    for user in residents[20:26]:  # 6 ticked on the roll by the organiser
        svc.activity_sign_in(cast.community_secretary, activity=activity, person=user.person)
    assert (
        _code(lambda: svc.activity_sign_in(residents[27], activity=activity, person=residents[28].person))
        == "forbidden"
    )
    activity.refresh_from_db()
    assert activity.participants == 33
    assert SignUp.objects.filter(activity=activity, signed_in_via="roll").count() == 6

    # Only the organiser's side confirms hours.
    assert (
        _code(lambda: svc.activity_hours_confirm(couriers[0], activity=activity, hours="2.5")) == "forbidden"
    )
    svc.activity_hours_confirm(cast.community_secretary, activity=activity, hours="2.5")
    for user in couriers:
        assert PointsEntry.objects.filter(account__person=user.person).get().amount == 25
    assert PointsEntry.objects.filter(source_kind=svc.SOURCE_HOURS).count() == 33
    assert not PointsEntry.objects.filter(account__person=residents[31].person).exists()  # not signed in
    after = rollup_sum(
        key=svc.HOURS, area_path=estate.path, day_from=FAR, day_to=FUTURE, dims={"group": "courier"}
    )
    assert after.value - before.value == Decimal("17.5")
    assert_rollup_matches(svc.HOURS)
    # Confirming again pays nothing more; sign-in is over.
    svc.activity_hours_confirm(cast.community_secretary, activity=activity, hours=Decimal("2.5"))
    assert PointsEntry.objects.filter(source_kind=svc.SOURCE_HOURS).count() == 33
    assert (
        _code(lambda: svc.activity_sign_in(residents[31], activity=activity, token=token)) == "invalid_state"
    )
    assert _code(lambda: svc.activity_sign_up(late, activity=activity)) == "invalid_state"

    by_group = sel.hours_by_group(user=cast.community_secretary, area=estate)
    assert by_group["groups"]["courier"]["hours"] == Decimal("17.5")
    assert by_group["total"] == Decimal("82.5")  # 33 × 2.5


def test_hours_corrected_reverse_and_repay(cast, places, station):
    users = _people(places.estate, 2, prefix="p", courier=True)
    activity = _publish(cast, station)
    for user in users:
        svc.activity_sign_in(user, activity=activity, token=activity.detail.signin_token)
    svc.activity_hours_confirm(cast.community_secretary, activity=activity, hours="2.5")
    svc.activity_hours_confirm(cast.community_secretary, activity=activity, hours="2")
    entries = list(PointsEntry.objects.filter(account__person=users[0].person).order_by("seq"))
    assert [e.amount for e in entries] == [25, -25, 20]
    assert entries[-1].balance_after == 20
    total = rollup_sum(key=svc.HOURS, area_path=places.estate.path, day_from=FAR, day_to=FUTURE)
    assert total.value == Decimal("4.0") and total.count == 2
    assert_rollup_matches(svc.HOURS)
    assert sel.hours_mine(user=users[0]).points == 20


def test_close_signin_and_who_publishes(cast, places, station):
    activity = _publish(cast, station)
    svc.activity_signin_close(cast.community_secretary, activity=activity)
    user = _people(places.estate, 1, prefix="x")[0]
    assert _code(
        lambda: svc.activity_sign_in(user, activity=activity, token=activity.detail.signin_token)
    ) == ("invalid_state")
    assert (
        _code(lambda: svc.activity_signin_close(cast.community_secretary, activity=activity))
        == "invalid_state"
    )
    for who in ("resident", "volunteer", "courier", "grid_worker"):
        assert _code(lambda who=who: _publish_as(cast[who], station)) == "forbidden", who
    # Training sessions name their course or trainer.
    assert _code(lambda: _publish(cast, station, kind=PlaceActivityKind.TRAINING)) == "invalid"


def _publish_as(user, station):
    return svc.activity_publish(user, title="x", place=station, starts_at=timezone.now())


def test_counts(cast, places, station):
    from lianxin.party.models import PartyOrg
    from lianxin.volunteering.services import team_create, team_member_add

    org = PartyOrg.objects.restrict(cast.community_secretary).order_by("-depth").first()
    team = team_create(
        cast.community_secretary, name="红驹队", kind="courier", area=places.community, leading_org=org
    )
    other = team_create(cast.community_secretary, name="夕阳红队", kind="elderly", area=places.community)
    users = _people(places.estate, 3, prefix="c", courier=True)
    for user in users:
        team_member_add(cast.community_secretary, team=team, person=user.person)
        team_member_add(cast.community_secretary, team=other, person=user.person)
    activity = _publish(cast, station, teams=[team, other], organiser=org)
    for user in users[:2]:
        svc.activity_sign_in(user, activity=activity, token=activity.detail.signin_token)
    svc.activity_results_record(
        cast.community_secretary, activity=activity, residents_served=12, problems_solved=3
    )
    secretary = cast.community_secretary

    by_area = {r["area"].pk: r for r in sel.counts_by_area(user=secretary, root=places.community)}
    row = by_area[places.estate.pk]
    assert (row["activities"], row["participants"], row["persons"]) == (1, 2, 2)
    teams = {r["team"].name: r for r in sel.counts_by_team(user=secretary, root=places.community)}
    assert (
        teams["红驹队"]["activities"],
        teams["红驹队"]["signed_in"],
        teams["红驹队"]["problems_solved"],
    ) == (1, 2, 3)
    led = sel.counts_by_leading_org(user=secretary, root=places.community)
    assert [(r["org"].pk, r["teams"], r["activities"]) for r in led] == [(org.pk, 1, 1)]
    months = sel.counts_by_branch_month(user=secretary, root=places.community)
    assert [(m["organiser_id"], m["activities"], m["participants"]) for m in months] == [(org.pk, 1, 2)]
    bases = sel.counts_by_base_year(user=secretary, root=places.community)
    assert [(b["place_id"], b["person_times"], b["persons"]) for b in bases] == [(station.pk, 2, 2)]
    from lianxin.volunteering.selectors import team_figures

    assert team_figures(user=secretary, root=places.community)["members"] == 3  # P002-59: counted once


def test_qr_sign_in_opens_two_hours_before(cast, places, station):
    later = svc.activity_publish(
        cast.community_secretary, title="端午", place=station, starts_at=timezone.now() + timedelta(days=5)
    )
    user = _people(places.estate, 1, prefix="early")[0]
    svc.activity_sign_up(user, activity=later)
    token = later.detail.signin_token
    assert _code(lambda: svc.activity_sign_in(user, activity=later, token=token)) == "invalid_state"
    # The organiser may still tick him (a roll kept afterwards).
    assert svc.activity_sign_in(cast.community_secretary, activity=later, person=user.person).signed_in_at


def test_a_team_captain_publishes_and_confirms(cast, places, station):
    from lianxin.volunteering.services import team_create, team_member_add

    captain = _people(places.estate, 1, prefix="captain")[0]
    team = team_create(cast.community_secretary, name="红驹队", kind="courier", area=places.community)
    team_member_add(cast.community_secretary, team=team, person=captain.person, role="leader")
    activity = svc.activity_publish(
        captain, title="楼道清理", area=places.estate, starts_at=timezone.now(), teams=[team]
    )
    member = _people(places.estate, 1, prefix="member")[0]
    svc.activity_sign_in(member, activity=activity, token=activity.detail.signin_token)
    svc.activity_hours_confirm(captain, activity=activity, hours="1.5")
    assert PointsEntry.objects.get(account__person=member.person).amount == 15
    # Not over another street's estate.
    assert (
        _code(
            lambda: svc.activity_publish(
                captain, title="x", area=places.other_community_estate, starts_at=timezone.now()
            )
        )
        == "forbidden"
    )
