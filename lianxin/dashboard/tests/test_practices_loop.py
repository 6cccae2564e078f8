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
