"""Matching orders to providers (issue 21 "Order", scenario 1 in the test world): 孙桂兰 orders 爱心助餐 at
home; only 颐康长者食堂 lists it and covers 梧桐里社区 (梧桐街道's canteen covers the other street, 惠康 is
suspended), so the order is at 颐康 from intake. Its stars, 5,5,5,4,4 from earlier orders (4.60), become
4.67 with her 5★. 凤凰街道 sees the order; 梧桐街道 gets 404. A provider that does not match is refused."""

from datetime import date
from decimal import Decimal

import pytest

from lianxin.cases import services as case_services
from lianxin.cases.models import CaseEvent, State
from lianxin.core.errors_domain import DomainError
from lianxin.people.models import Organisation, OrganisationKind, Person, Post, User
from lianxin.people.roles import Role
from lianxin.points.services import points_award
from lianxin.provision.matching import provider_match
from lianxin.provision.models import ListingAction
from lianxin.provision.selectors import provider_records
from lianxin.provision.services import listing_apply, listing_step

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def meal_points(cast, world):
    """爱心助餐 is priced in points (provision.payment): 孙桂兰 has earned enough for every meal here."""
    points_award(
        cast.community_secretary,
        person=cast.resident.person,
        amount=200,
        key="test:hours",
        reason="志愿服务时长",
        source_kind="activity_hours",
    )


def _order(cast, places, item, **kwargs):
    return case_services.case_report(
        cast.resident,
        category=item("svc_meal_aid").category,
        area=places.building,
        description="每天中午送一份午餐",
        **kwargs,
    )


def _staff_on(organisation, username):
    person = Person.objects.create(name=f"{organisation.name}员工")
    Post.objects.create(
        person=person, role=Role.PROVIDER_STAFF, organisation=organisation, start_date=date(2024, 1, 1)
    )
    return User.objects.create(username=username, person=person)


def _serve(cast, staff, case, stars):
    case_services.case_take(staff, case=case)
    case_services.case_handle(staff, case=case, note="午餐已送到")
    case_services.case_verify(cast.community_secretary, case=case, passed=True)
    case_services.case_rate(cast.resident, case=case, stars=stars)


def test_only_listed_providers_offering_the_item_and_covering_the_place_match(listings, item, places):
    names = [
        listing.organisation.name
        for listing in provider_match(item=item("svc_meal_aid"), area=places.building)
    ]
    assert names == ["颐康长者食堂"]
    elsewhere = provider_match(item=item("svc_meal_aid"), area=places.other_community_estate)
    assert [listing.organisation.name for listing in elsewhere] == ["梧桐街道长者饭堂"]
    # The county's housekeeping centre covers every place, for its own items only.
    assert [m.organisation.name for m in provider_match(item=item("svc_cleaning"), area=places.building)] == [
        "巨川家政服务中心"
    ]


def test_scenario_one_a_resident_s_meal_order_is_at_the_one_matching_provider(
    client_as, cast, listings, item, places, clock
):
    yikang = listings["颐康长者食堂"].organisation
    staff = _staff_on(yikang, "yikang_staff")
    for stars in (5, 5, 5, 4, 4):
        _serve(cast, staff, _order(cast, places, item), stars)
    assert provider_records([yikang.pk])[yikang.pk].stars == Decimal("4.60")

    order = _order(cast, places, item)
    assert order.handler_organisation == yikang
    assert order.state == State.DISPATCHED
    page = (
        client_as("county_admin").get(f"/provision/providers/{listings['颐康长者食堂'].pk}/").content.decode()
    )
    assert 'data-testid="open-cases">1<' in page and 'data-testid="stars">4.60' in page

    _serve(cast, staff, order, 5)
    assert provider_records([yikang.pk])[yikang.pk].stars == Decimal("4.67")
    answer = client_as("county_admin").get(f"/api/v1/providers/{listings['颐康长者食堂'].pk}").json()
    assert answer["stars"] == "4.67" and answer["rated_cases"] == 6 and answer["open_cases"] == 0

    assert client_as("street_secretary").get(f"/api/v1/cases/{order.pk}").status_code == 200


def test_the_other_street_gets_404_on_the_order(client, cast, listings, item, places, clock, world):
    order = _order(cast, places, item)
    street = [s for s in world.streets if s.pk != places.street.pk][0]
    person = Person.objects.create(name="梧桐街道书记")
    Post.objects.create(
        person=person, role=Role.SECRETARY, area=street, area_path=street.path, start_date=date(2024, 1, 1)
    )
    client.force_login(User.objects.create(username="wutong_secretary", person=person))
    assert client.get(f"/api/v1/cases/{order.pk}").status_code == 404
    assert client.get(f"/cases/{order.pk}/").status_code == 404


def test_several_matches_go_to_the_fewest_open_then_the_best_stars(cast, listings, item, places, clock):
    county = listings["巨川家政服务中心"].area
    rival = Organisation.objects.create(
        kind=OrganisationKind.PROVIDER, name="邻里助餐点", area=county, area_path=county.path
    )
    listing = listing_apply(
        cast.county_admin,
        organisation=rival,
        form="individual",
        items=[item("svc_meal_aid")],
        areas=[places.community],
    )
    listing_step(cast.county_admin, listing=listing, action=ListingAction.APPROVE)
    first = _order(cast, places, item)
    # Both have no open order and no stars: the one listed first takes it; the next goes to the other.
    assert first.handler_organisation.name == "颐康长者食堂"
    second = _order(cast, places, item)
    assert second.handler_organisation == rival


def test_no_match_leaves_the_order_in_the_community_queue(cast, listings, item, places, clock):
    listing_step(cast.community_secretary, listing=listings["颐康长者食堂"], action=ListingAction.SUSPEND)
    order = _order(cast, places, item)
    assert order.handler_organisation is None
    assert order.handler_area == places.community


def test_dispatching_to_a_provider_that_does_not_match_is_refused(
    client_as, cast, listings, item, places, clock
):
    with pytest.raises(DomainError) as refused:
        case_services.case_report(
            cast.community_secretary,
            category=item("svc_meal_aid").category,
            area=places.building,
            description="代居民点单：午餐",
            handler={"organisation": listings["惠康助餐服务部"].organisation},
        )
    assert refused.value.message == "该服务商不提供此项服务或不覆盖该地点"
    answer = client_as("community_secretary").post(
        "/api/v1/cases/",
        {
            "category": item("svc_meal_aid").category_id,
            "area": places.building.pk,
            "description": "代居民点单：午餐",
            "handler": {"organisation": listings["梧桐街道长者饭堂"].organisation.pk},
        },
        content_type="application/json",
    )
    assert answer.status_code == 400, answer.content
    assert answer.json()["error"]["message"] == "该服务商不提供此项服务或不覆盖该地点"


def test_a_dispatcher_may_send_an_order_to_a_match_only(cast, listings, item, places, clock):
    listing_step(cast.community_secretary, listing=listings["颐康长者食堂"], action=ListingAction.SUSPEND)
    order = _order(cast, places, item)
    steps = CaseEvent.objects.filter(case=order).count()
    with pytest.raises(DomainError) as refused:
        case_services.case_dispatch(
            cast.community_secretary, case=order, organisation=listings["巨川家政服务中心"].organisation
        )
    assert refused.value.field == "target"
    order.refresh_from_db()
    assert order.handler_organisation is None
    assert CaseEvent.objects.filter(case=order).count() == steps, "the refused step left nothing"
    listing_step(cast.community_secretary, listing=listings["颐康长者食堂"], action=ListingAction.RESUME)
    case_services.case_dispatch(
        cast.community_secretary, case=order, organisation=listings["颐康长者食堂"].organisation
    )
    order.refresh_from_db()
    assert order.handler_organisation == listings["颐康长者食堂"].organisation


def test_the_api_lists_the_matches_for_a_dispatcher(client_as, listings, item, places):
    query = {"item": item("svc_meal_aid").pk, "area": places.building.pk}
    answer = client_as("community_secretary").get("/api/v1/providers/matches", query)
    assert answer.status_code == 200
    assert [m["name"] for m in answer.json()] == ["颐康长者食堂"]
    assert client_as("grid_worker").get("/api/v1/providers/matches", query).status_code == 403
    assert client_as("resident").get("/api/v1/providers/matches", query).status_code == 403
    # A place outside the caller's posts is as if absent.
    assert client_as("provider_staff").get("/api/v1/providers/matches", query).status_code == 404
    unknown = client_as("community_secretary").get("/api/v1/providers/matches", {**query, "item": 999_999})
    assert unknown.status_code == 404


def test_orders_are_counted_by_mechanism_in_the_roll_up(client_as, cast, listings, item, places, clock):
    from lianxin.provision.figures import ORDERS
    from lianxin.rollups.selectors import rollup_sum
    from lianxin.rollups.testing import assert_rollup_matches

    before = client_as("street_secretary").get("/provision/catalogue/").content.decode()
    assert 'data-testid="orders-convenience">0<' in before
    _order(cast, places, item)
    _order(cast, places, item)
    day = clock.now.date()
    total = rollup_sum(key=ORDERS, area_path=places.street.path, day_from=day, day_to=day)
    assert total.count == 2
    convenience = {"mechanism": "convenience"}
    assert (
        rollup_sum(key=ORDERS, area_path=places.street.path, day_from=day, day_to=day, dims=convenience).count
        == 2
    )
    assert_rollup_matches(ORDERS)
    page = client_as("street_secretary").get("/provision/catalogue/").content.decode()
    assert 'data-testid="orders-convenience">2<' in page and 'data-testid="orders-volunteer">0<' in page
    other = client_as("provider_staff").get("/provision/catalogue/").content.decode()
    assert 'data-testid="orders-convenience"' not in other
