"""The case-loop figures of the practices panel on known data: reports by source and per courier (P004-34,
P003-28), disputes mediated (P002-33), household visits and their coverage (P000-31)."""

from lianxin.areas.models import Household
from lianxin.cases import services
from lianxin.cases.figures import period_of
from lianxin.cases.models import VisitKind
from lianxin.core.scope import under
from lianxin.dashboard.practices import disputes_resolved, household_visits, reports_by_source
from tests.cases_world import category


def test_sources_disputes_and_visits_on_known_data(cast, places, clock, world):
    services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="灯坏"
    )
    services.case_report(
        cast.courier, category=category("fire_lane"), area=places.estate, description="通道堵"
    )
    services.case_report(
        cast.courier, category=category("cleaning"), area=places.estate, description="垃圾多"
    )
    from lianxin.party.models import LiaisonLink

    household = LiaisonLink.objects.filter(liaison=cast.liaison.person).first().household
    visit = services.visit_record(
        cast.liaison,
        kind=VisitKind.MEDIATION,
        household=household,
        note="邻里纠纷",
        category=category("neighbour_dispute"),
    )
    services.case_handle(cast.liaison, case=visit.case, note="调解成功", outcome="mediated")
    services.case_verify(cast.county_admin, case=visit.case, passed=True)
    services.case_rate(cast.county_admin, case=visit.case, rating="satisfied")
    services.visit_record(cast.liaison, kind=VisitKind.CHAT, household=household)
    period = period_of("day", clock.now.date())

    by_source, couriers = reports_by_source(area=world.county, period=period)
    from lianxin.cases.models import ReporterGroup

    assert by_source.value == 4  # three reports and the dispute the liaison opened
    assert dict(by_source.rows)[str(ReporterGroup.COURIER.label)] == 2
    assert couriers.value == 2 and "2.0" in couriers.note  # one courier, two reports
    assert disputes_resolved(area=world.county, period=period).value == 1
    visits, coverage = household_visits(area=household.area, period=period)
    assert visits.value == 2
    total = Household.objects.filter(under("area_path", household.area_path)).count()
    assert coverage.value == 1 / total


def test_enforcement_steps_liaison_cases_and_a_whistled_case_on_known_data(cast, places, clock, world):
    from lianxin.cases.models import ReporterGroup
    from lianxin.cases.tests.test_scenarios import staff_of
    from lianxin.dashboard.practices import enforcement_actions, liaison_cases, practices_all
    from tests.cases_world import department

    lane = services.case_report(
        cast.courier, category=category("fire_lane"), area=places.estate, description="消防通道被堵"
    )
    services.case_take(cast.grid_worker, case=lane)
    services.case_escalate(cast.grid_worker, case=lane, note="需要执法")
    zhifa, zhujian = department("zhifa", world.county), department("zhujian", world.county)
    services.case_whistle(cast.street_secretary, case=lane, lead=zhifa, assists=[zhujian], note="执法牵头")
    services.case_respond(cast.dept_staff, case=lane, note="住建配合")  # 住建: not an enforcement step
    zhifa_staff = staff_of(zhifa)
    services.case_respond(zhifa_staff, case=lane, note="执法到场")
    services.case_handle(zhifa_staff, case=lane, note="已拖移车辆")
    # A handling by the building captain is not an enforcement step.
    light = services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="灯坏"
    )
    services.case_take(cast.building_captain, case=light)
    services.case_handle(cast.building_captain, case=light, note="已修好")
    # The liaison files one case; the resident's case is not the liaison's.
    filed = services.case_report(
        cast.liaison, category=category("cleaning"), area=places.estate, description="垃圾多"
    )
    period = period_of("day", clock.now.date())

    enforcement = enforcement_actions(area=world.county, period=period)
    assert enforcement.value == 3  # the whistle summoning 执法, its report, its handling
    assert [n for _name, n in enforcement.rows] == [3]
    assert enforcement_actions(area=places.building, period=period).value == 0  # the lane is not there
    liaison = liaison_cases(area=world.county, period=period)
    assert filed.reporter_group == ReporterGroup.LIAISON
    assert liaison.value == 1 and "0" in liaison.note
    codes = {p.code: p for p in practices_all(area=world.county, period=period)}
    assert codes["P001-21"].value == 3 and codes["P002-32"].value == 1
    assert codes["P002-33"].value == 0 and codes["P004-34"].value == 3


def test_mediated_disputes_open_their_cases_by_category_and_each_courier_has_his_count(
    client_as, cast, places, clock, world
):
    """P002-33 / P000-43: the mediated disputes open exactly their cases and are split by dispute category
    (物业纠纷 among them); P003-28 / P001-49: each courier's reports are counted, not only the average."""
    from lianxin.cases.models import ReporterGroup
    from lianxin.dashboard.selectors import practice_url

    for description in ("物业费争议", "停车位争议"):
        dispute = services.case_report(
            cast.grid_worker,
            category=category("property_dispute"),
            area=places.estate,
            description=description,
        )
    services.case_take(cast.grid_worker, case=dispute)
    services.case_handle(cast.grid_worker, case=dispute, note="双方达成协议", outcome="mediated")
    services.case_verify(cast.community_secretary, case=dispute, passed=True)
    services.case_rate(cast.grid_worker, case=dispute, rating="satisfied")
    for description in ("通道堵", "垃圾多"):
        services.case_report(
            cast.courier, category=category("cleaning"), area=places.estate, description=description
        )
    period = period_of("day", clock.now.date())

    mediated = disputes_resolved(area=world.county, period=period)
    assert mediated.value == 1
    assert mediated.rows == [("物业纠纷", "调解成功 1 件，共 2 件")]
    url = practice_url(area=world.county, period=period, practice=mediated)
    listed = client_as("county_admin").get(url).context["page"].object_list
    assert [case.pk for case in listed] == [dispute.pk]

    _by_source, couriers = reports_by_source(area=world.county, period=period)
    assert couriers.rows == [(cast.courier.person.name, 2)]
    assert couriers.params == {"reporter_group": ReporterGroup.COURIER}
