"""The demo's activities (lianxin/demo/activities.py) on the small world: 重阳节敬老 with 39 sign-ups, 33
sign-ins, 7 couriers paid 25 points each; run again, nothing more is written."""

from decimal import Decimal

import pytest

from lianxin.areas.models import PlaceActivity
from lianxin.demo.activities import BASE, BRANCH_TEAM, BRANCH_TITLE, TITLE, demo_activities_load
from lianxin.points.models import PointsEntry
from lianxin.rollups.testing import assert_rollup_matches
from lianxin.volunteering.demo import volunteering_demo_ensure
from lianxin.volunteering.models import SignUp
from lianxin.volunteering.services.activities import HOURS

pytestmark = pytest.mark.django_db


def test_demo_activities(cast):
    volunteering_demo_ensure()
    summary = demo_activities_load()
    assert TITLE in summary
    elders = PlaceActivity.objects.get(title=TITLE)
    signups = SignUp.objects.filter(activity=elders)
    assert signups.count() == 39 and elders.participants == 33
    couriers = signups.filter(group="courier", signed_in_at__isnull=False)
    assert couriers.count() == 7
    paid = PointsEntry.objects.filter(account__person__in=couriers.values("person"), source_id=str(elders.pk))
    assert [e.amount for e in paid] == [25] * 7
    assert sum(s.hours for s in couriers) == Decimal("17.5")
    assert_rollup_matches(HOURS)
    entries = PointsEntry.objects.count()
    before = PlaceActivity.objects.filter(detail__isnull=False).count()
    assert "未重复" in demo_activities_load()
    assert PointsEntry.objects.count() == entries
    assert PlaceActivity.objects.filter(detail__isnull=False).count() == before


def _world_activities():
    volunteering_demo_ensure()
    demo_activities_load()
    return PlaceActivity.objects.filter(detail__isnull=False).count()


def _closed_case_in_the_estate(cast):
    """The demo world has closed cases in every estate; the small world gets one (reported, accepted, then
    set closed as the loop would leave it)."""
    from lianxin.cases.models import Case, Category
    from lianxin.cases.models.enums import State
    from lianxin.cases.services import case_accept, case_report
    from lianxin.volunteering.wishes import wish_categories_ensure

    wish_categories_ensure()
    case = case_report(
        cast.resident, category=Category.objects.get(code="wish_study"), area=cast.resident.person.area,
        description="楼道堆放杂物",
    )  # fmt: skip
    case_accept(cast.community_secretary, case=case)
    Case.objects.filter(pk=case.pk).update(state=State.CLOSED)


def test_demo_estate_branch_leads_a_team_whose_activity_closed_cases(cast):
    """P002-37, P003-12, P004-47: the estate branch's own team, its activity organised by the branch with
    problems solved and the closed cases it is linked to, counted per leading organisation."""
    from lianxin.volunteering.models import VolunteerTeam
    from lianxin.volunteering.selectors.activities import counts_by_leading_org

    _closed_case_in_the_estate(cast)
    _world_activities()
    team = VolunteerTeam.objects.get(name__endswith=BRANCH_TEAM)
    assert team.leading_org is not None and team.leading_org.area_id == team.area_id
    activity = PlaceActivity.objects.get(title=BRANCH_TITLE)
    assert activity.organiser == team.leading_org and activity.problems_solved == 3
    assert list(activity.detail.teams.all()) == [team]
    assert activity.detail.cases.count() >= 1
    assert all(c.state == "closed" for c in activity.detail.cases.all())
    led = {r["org"].pk: r for r in counts_by_leading_org(user=cast.community_secretary, root=None)}
    assert led[team.leading_org_id]["teams"] == 1 and led[team.leading_org_id]["activities"] == 1


def test_demo_base_sessions_count_person_times_and_persons(cast):
    """P003-49: two sessions at the county's base, 14 person-times, 10 distinct persons this year."""
    from lianxin.areas.models import Place
    from lianxin.volunteering.selectors.activities import counts_by_base_year

    base = Place.objects.filter(name=BASE).first()
    if base is None:  # the small world has no base: put one where the demo has it
        from lianxin.areas.models import Area, Level

        county = Area.objects.filter(level=Level.COUNTY).order_by("path").first()
        base = Place.objects.create(name=BASE, area=county, area_path=county.path)
    _world_activities()
    rows = [r for r in counts_by_base_year(user=cast.county_admin, root=None) if r["place_id"] == base.pk]
    assert [(r["activities"], r["person_times"], r["persons"]) for r in rows] == [(2, 14, 10)]
    again = PlaceActivity.objects.count()
    demo_activities_load()
    assert PlaceActivity.objects.count() == again


def test_demo_training_session_has_its_enrolment_and_sign_in(cast):
    """P000-63: the featured course's first session: 12 enrolled, 10 signed in (the small world has
    fewer members: all of them enrolled, at most 10 signed in)."""
    from lianxin.demo.activities import TRAINING_FIRST

    _world_activities()
    session = PlaceActivity.objects.get(title=TRAINING_FIRST)
    assert session.kind == "training" and session.detail.course.title == "非公企业党建实务"
    enrolled = SignUp.objects.filter(activity=session)
    assert enrolled.count() >= 1
    assert enrolled.filter(signed_in_at__isnull=False).count() == min(10, enrolled.count())
