"""The 服务与志愿 panel (dashboard/services_panel.py) and the two practice figures the services apps made
measurable: P001-64's share of estates inside the service circle (provision reach) and P001-60's cases with a
co-building unit (the volunteering app's agreements)."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache

from lianxin.cases.figures import period_of
from lianxin.cases.models import CaseAssignment
from lianxin.cases.services import case_report
from lianxin.dashboard.practices import co_building_cases, estates_in_circle
from lianxin.people.models import Person, Post, User
from lianxin.people.roles import Role

pytestmark = pytest.mark.django_db


def test_the_panel_shows_the_roll_up_figures_and_the_services_tables(
    client_as, cast, places, clock, world, settings
):
    from lianxin.provision.demo import provision_demo_ensure
    from lianxin.provision.models import ServiceItem

    settings.LIANXIN_DASHBOARD_CACHE_SECONDS = 0
    provision_demo_ensure()
    item = ServiceItem.objects.select_related("category").get(category__code="svc_legal_advice")
    case_report(cast.resident, category=item.category, area=places.building, description="咨询继承")
    day = clock.now.date()
    client = client_as("street_secretary")
    answer = client.get(f"/dashboard/panels/services/?area={places.street.pk}&period=day&day={day}")
    assert answer.status_code == 200
    figures = {f.key: f for f in answer.context["figures"]}
    orders = figures["provision.service_orders"]
    assert orders.count == 1
    assert dict(orders.parts)[str(item.get_mechanism_display())] == 1
    titles = [title for title, _rows in answer.context["tables"]]
    assert "服务订单（按五项机制）" in titles and "志愿服务队（按类型）" in titles
    assert "服务与志愿" in answer.content.decode()
    # The organisation tables stay on their own panel, and the services tables on this one.
    organisation = client.get(f"/dashboard/panels/organisation/?area={places.street.pk}").context["tables"]
    assert all(title not in [str(t) for t, _rows in organisation] for title in titles)
    assert len(organisation) > 10

    other = next(s for s in world.streets if s.pk != places.street.pk)
    person = Person.objects.create(name="另一街道书记", area=other, area_path=other.path)
    Post.objects.create(
        person=person, role=Role.SECRETARY, area=other, area_path=other.path, start_date=date(2024, 1, 1)
    )
    client.force_login(User.objects.create(username="other_street_secretary", person=person))
    assert client.get(f"/dashboard/panels/services/?area={places.street.pk}").status_code == 404


def test_the_panel_is_kept_a_while_per_user(cast, places, clock, settings):
    from lianxin.dashboard.services_panel import services_panel
    from lianxin.provision.demo import provision_demo_ensure
    from lianxin.provision.models import ServiceItem

    settings.LIANXIN_DASHBOARD_CACHE_SECONDS = 60
    cache.clear()
    provision_demo_ensure()
    item = ServiceItem.objects.select_related("category").get(category__code="svc_legal_advice")
    period = period_of("day", clock.now.date())
    first = services_panel(user=cast.street_secretary, area=places.street, period=period)
    case_report(cast.resident, category=item.category, area=places.building, description="咨询继承")
    again = services_panel(user=cast.street_secretary, area=places.street, period=period)
    assert again["computed_at"] == first["computed_at"]
    other = services_panel(user=cast.county_admin, area=places.street, period=period)
    assert {f.key: f.count for f in other["figures"]}["provision.service_orders"] == 1
    cache.clear()


def test_p001_64_is_the_share_of_estates_within_the_circle(cast, places):
    from lianxin.areas.models import Area, Level, Place, PlaceStatus
    from lianxin.core.paths import under
    from lianxin.provision.reach import estates_outside
    from lianxin.provision.territory import household_reach

    community = places.community
    estates = list(Area.objects.filter(under("path", community.path), level__in=(Level.ESTATE, Level.GRID)))
    Area.objects.filter(under("path", community.path)).update(lat=None, lng=None)
    # Two estates located: one beside a station, one 3 km away.
    Area.objects.filter(pk=places.estate.pk).update(lat=35.3890, lng=116.0800)
    Area.objects.filter(pk=places.other_estate.pk).update(lat=35.4160, lng=116.0800)
    Place.objects.create(
        name="和谐家园党群服务站",
        area=places.estate,
        lat=35.3895,
        lng=116.0800,
        in_service_circle=True,
        status=PlaceStatus.OPEN,
    )
    practice = estates_in_circle(area=community)
    assert practice.code == "P001-64"
    assert practice.value == pytest.approx(1 / len(estates))
    table = {str(r.label): r.value for r in household_reach(user=cast.community_secretary, root=community)}
    assert table["15分钟内可达的小区"].startswith(f"1/{len(estates)}")
    # The estates the circle page lists as beyond 10 minutes (or not located).
    assert table["步行超过10分钟或未定位的小区"] == len(estates_outside(community)) == len(estates) - 1


def test_p001_60_counts_cases_with_a_co_building_unit_since_its_agreement(cast, five_cases, world, places):
    from lianxin.party.models import OrgKind, PartyOrg
    from lianxin.volunteering.services import agreement_create

    leak = five_cases["b"]  # taken and handled by the property company, closed
    company = CaseAssignment.objects.filter(case=leak, organisation__isnull=False).first().organisation
    week = period_of("week", five_cases["a"].reported_at.date())
    assert co_building_cases(area=world.county, period=week).value == 0  # no agreement yet

    agreement_create(
        cast.street_secretary,
        party_org=PartyOrg.objects.get(area=places.street, kind=OrgKind.WORKING_COMMITTEE),
        unit_name=company.name,
        unit_type="private",
        signed_on=leak.closed_at.date() + timedelta(days=1),
    )
    assert co_building_cases(area=world.county, period=week).value == 0  # signed after the case closed
    agreement_create(
        cast.community_secretary,
        party_org=PartyOrg.objects.get(area=places.community, kind=OrgKind.COMMITTEE),
        unit_name=company.name,
        unit_type="private",
        signed_on=date(2026, 1, 1),
    )
    assert co_building_cases(area=world.county, period=week).value == 1
