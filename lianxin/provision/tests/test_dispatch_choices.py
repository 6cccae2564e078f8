"""Dispatch offers matches only (issue 21 "Order"): for a service order, the providers on the dispatch page
and those the dispatch service accepts (page, API, intake) are the listed providers offering the item at the
place, from one rule (cases.routing.dispatch_choices_register); an enterprise's order reaches its chain's
team first."""

from datetime import date

import pytest

from lianxin.cases import services as case_services
from lianxin.cases.models import CaseEvent, Kind
from lianxin.cases.routing import dispatch_choice_refusal, dispatch_choices
from lianxin.cases.views.queries import dispatch_targets
from lianxin.party.models import AllianceMember, AllianceRole, OrgKind
from lianxin.people.models import Organisation, OrganisationKind, Person, Post, User
from lianxin.points.services import points_award
from lianxin.provision.matching import alliances_of, provider_match
from lianxin.provision.models import ListingAction, ListingArea, ListingState, ProviderForm, ProviderListing
from lianxin.provision.services import listing_step

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued_order(cast, listings, item, places, clock):
    """孙桂兰's meal order in the community queue: 颐康 suspended at intake, listed again afterwards."""
    points_award(
        None, person=cast.resident.person, amount=100, key="t:1", reason="时长", source_kind="activity_hours"
    )
    yikang = listings["颐康长者食堂"]
    listing_step(cast.community_secretary, listing=yikang, action=ListingAction.SUSPEND)
    order = case_services.case_report(
        cast.resident, category=item("svc_meal_aid").category, area=places.building, description="午餐"
    )
    assert order.handler_organisation is None
    listing_step(cast.community_secretary, listing=yikang, action=ListingAction.RESUME)
    return order


def _providers(options):
    return [
        o.obj.name for o in options if o.group == "organisation" and o.obj.kind == OrganisationKind.PROVIDER
    ]


def test_the_dispatch_page_offers_the_matching_providers_only(client_as, cast, queued_order, listings):
    assert _providers(dispatch_targets(queued_order, cast.community_secretary)) == ["颐康长者食堂"]
    page = client_as("community_secretary").get(f"/cases/{queued_order.pk}/").content.decode()
    assert f'value="organisation:{listings["颐康长者食堂"].organisation.pk}"' in page
    # The county's housekeeping centre is based above the place but offers no meals: not offered.
    assert f'value="organisation:{listings["巨川家政服务中心"].organisation.pk}"' not in page


def test_the_api_refuses_a_provider_that_does_not_match_and_writes_nothing(client_as, queued_order, listings):
    steps = CaseEvent.objects.filter(case=queued_order).count()
    client = client_as("community_secretary")
    refused = client.post(
        f"/api/v1/cases/{queued_order.pk}/dispatch",
        {"organisation": listings["巨川家政服务中心"].organisation.pk},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="d-1",
    )
    assert refused.status_code == 400, refused.content
    assert refused.json()["error"]["message"] == "该服务商不提供此项服务或不覆盖该地点"
    assert CaseEvent.objects.filter(case=queued_order).count() == steps
    taken = client.post(
        f"/api/v1/cases/{queued_order.pk}/dispatch",
        {"organisation": listings["颐康长者食堂"].organisation.pk},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="d-2",
    )
    assert taken.status_code == 200, taken.content
    assert taken.json()["handler_label"] == "颐康长者食堂"


def test_one_rule_two_readers(queued_order, listings):
    answers = dispatch_choices(category=queued_order.category, area=queued_order.area)
    assert [o.name for a in answers for o in a.organisations] == ["颐康长者食堂"]
    assert (
        dispatch_choice_refusal(
            category=queued_order.category,
            area=queued_order.area,
            organisation=listings["梧桐街道长者饭堂"].organisation,
        )
        == "该服务商不提供此项服务或不覆盖该地点"
    )
    # A property company or a unit is not a provider: the rule does not govern it.
    company = Organisation(kind=OrganisationKind.PROPERTY_COMPANY, name="物业")
    assert (
        dispatch_choice_refusal(category=queued_order.category, area=queued_order.area, organisation=company)
        == ""
    )


def test_problems_have_no_dispatch_choices(world, places):
    from lianxin.cases.models import Category

    problem = Category.objects.filter(kind=Kind.PROBLEM).first()
    assert dispatch_choices(category=problem, area=places.building) == []


def test_an_enterprise_reaches_its_alliance_s_team(cast, listings, item, places, world):
    tax = item("svc_tax")
    chain_team = listings["煤化工产业链税务服务队"]
    county = chain_team.area
    rival_org = Organisation.objects.create(
        kind=OrganisationKind.PROVIDER, name="县财税代理服务队", area=county, area_path=county.path
    )
    rival = ProviderListing.objects.create(
        organisation=rival_org,
        form=ProviderForm.TEAM,
        area=county,
        area_path=county.path,
        state=ListingState.LISTED,
    )
    rival.service_items.set([tax])
    ListingArea.objects.create(listing=rival, area=county, area_path=county.path)
    alliance = chain_team.alliance
    assert alliance is not None and alliance.kind == OrgKind.CHAIN_ALLIANCE
    enterprise = Organisation.objects.create(
        kind=OrganisationKind.EMPLOYER,
        name="巨川燃化公司",
        area=places.community,
        area_path=places.community.path,
    )
    AllianceMember.objects.create(
        alliance=alliance, role=AllianceRole.MEMBER_ENTERPRISE, enterprise=enterprise
    )
    person = Person.objects.create(name="燃化公司联络员")
    Post.objects.create(
        person=person, role="unit_contact", organisation=enterprise, start_date=date(2024, 1, 1)
    )
    contact = User.objects.create(username="ranhua_contact", person=person)
    assert alliances_of(contact) == {alliance.pk}
    # Both teams match; the enterprise's chain team comes first for it, whichever ranks first otherwise.
    names = {m.organisation.name for m in provider_match(item=tax, area=places.community)}
    assert names == {"煤化工产业链税务服务队", "县财税代理服务队"}
    ordered = provider_match(item=tax, area=places.community, alliances=alliances_of(contact))
    assert ordered[0].organisation.name == "煤化工产业链税务服务队"
    assert alliances_of(cast.resident) == set()
