"""Provider listings: the demo's listings, the vetting steps with their history and audit, who sees and
changes what, pages and API."""

import pytest

from lianxin.areas.models import Area
from lianxin.audit.models import AuditRecord
from lianxin.core.errors_domain import DomainError
from lianxin.people.models import Organisation, OrganisationKind, Post
from lianxin.provision.models import ListingAction, ListingState, ProviderListing
from lianxin.provision.services import listing_apply, listing_step, listing_update

pytestmark = pytest.mark.django_db


def _own_listing(cast):
    post = Post.objects.filter(person=cast.provider_staff.person, organisation__isnull=False).first()
    return ProviderListing.objects.get(organisation=post.organisation)


def test_the_demo_listings_are_providers_with_their_states(listings):
    assert listings["颐康长者食堂"].state == ListingState.LISTED
    assert listings["颐康长者食堂"].area.name == "梧桐里社区"
    assert listings["梧桐街道长者饭堂"].area.name == "梧桐街道"
    assert listings["惠康助餐服务部"].state == ListingState.SUSPENDED
    tax = listings["煤化工产业链税务服务队"]
    assert tax.alliance is not None and tax.form == "team"
    assert all(listing.organisation.kind == OrganisationKind.PROVIDER for listing in listings.values())
    assert [e.action for e in listings["惠康助餐服务部"].events.all()] == ["apply", "approve", "suspend"]


def test_the_providers_page_counts_listings_by_state(client_as, listings):
    page = client_as("county_admin").get("/provision/providers/")
    html = page.content.decode()
    assert page.status_code == 200
    assert f'data-testid="listing-count">{len(listings)}<' in html
    assert 'data-testid="state-suspended">1<' in html
    only = client_as("county_admin").get("/provision/providers/?state=suspended").content.decode()
    assert "惠康助餐服务部" in only and "颐康长者食堂" not in only


def test_a_provider_s_staff_see_their_own_listing_only(client_as, cast, listings):
    own = _own_listing(cast)
    page = client_as("provider_staff").get("/provision/providers/").content.decode()
    assert own.organisation.name in page and "颐康长者食堂" not in page
    assert client_as("provider_staff").get(f"/provision/providers/{own.pk}/").status_code == 200
    other = listings["颐康长者食堂"]
    assert client_as("provider_staff").get(f"/provision/providers/{other.pk}/").status_code == 404
    assert client_as("provider_staff").get(f"/api/v1/providers/{other.pk}").status_code == 404


def test_the_other_street_does_not_see_a_community_s_provider(client_as, cast, listings, places):
    """The street secretary's street holds 梧桐里社区: he sees 颐康长者食堂; 梧桐街道's listing is not his."""
    client = client_as("street_secretary")
    assert client.get(f"/provision/providers/{listings['颐康长者食堂'].pk}/").status_code == 200
    assert client.get(f"/provision/providers/{listings['梧桐街道长者饭堂'].pk}/").status_code == 404


def test_suspend_and_resume_write_history_and_audit(cast, listings):
    listing = listings["颐康长者食堂"]
    before = AuditRecord.objects.count()
    listing_step(cast.community_secretary, listing=listing, action=ListingAction.SUSPEND, note="卫生检查未过")
    listing.refresh_from_db()
    assert listing.state == ListingState.SUSPENDED
    last = listing.events.order_by("-id").first()
    assert (last.action, last.from_state, last.to_state, last.note) == (
        "suspend",
        "listed",
        "suspended",
        "卫生检查未过",
    )
    assert AuditRecord.objects.count() > before
    with pytest.raises(DomainError) as refused:
        listing_step(cast.community_secretary, listing=listing, action=ListingAction.SUSPEND)
    assert refused.value.code == "invalid_state"
    listing_step(cast.community_secretary, listing=listing, action=ListingAction.RESUME)
    listing.refresh_from_db()
    assert listing.state == ListingState.LISTED


def test_only_the_staff_of_its_level_vet_a_listing(cast, listings):
    county_based = _own_listing(cast)
    with pytest.raises(DomainError) as refused:
        listing_step(cast.street_secretary, listing=county_based, action=ListingAction.SUSPEND)
    assert refused.value.code == "forbidden"
    with pytest.raises(DomainError):
        listing_step(cast.provider_staff, listing=county_based, action=ListingAction.SUSPEND)
    county_based.refresh_from_db()
    assert county_based.state == ListingState.LISTED


def test_a_new_provider_applies_and_is_approved_over_the_api(client_as, cast, listings, item, places):
    provider = Organisation.objects.create(
        kind=OrganisationKind.PROVIDER,
        name="邻里家政",
        area=places.community,
        area_path=places.community.path,
    )
    client = client_as("community_secretary")
    answer = client.post(
        "/api/v1/providers/",
        {
            "organisation_id": provider.pk,
            "form": "individual",
            "item_ids": [item("svc_cleaning").pk],
            "area_ids": [places.estate.pk, places.other_estate.pk],
        },
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["state"] == "applied" and body["stars"] is None
    assert {c["area_id"] for c in body["coverage"]} == {places.estate.pk, places.other_estate.pk}
    again = client.post(
        "/api/v1/providers/",
        {
            "organisation_id": provider.pk,
            "form": "individual",
            "item_ids": [1],
            "area_ids": [places.estate.pk],
        },
        content_type="application/json",
    )
    assert again.status_code == 409
    approved = client.post(f"/api/v1/providers/{body['id']}/approve", {}, content_type="application/json")
    assert approved.status_code == 200 and approved.json()["state"] == "listed"
    twice = client.post(f"/api/v1/providers/{body['id']}/approve", {}, content_type="application/json")
    assert twice.status_code == 409 and twice.json()["error"]["message"]
    assert (
        client_as("grid_worker")
        .post(f"/api/v1/providers/{body['id']}/suspend", {}, content_type="application/json")
        .status_code
        == 403
    )
    listing = ProviderListing.objects.get(pk=body["id"])
    assert [e.action for e in listing.events.all()] == ["apply", "approve"]


def test_bad_applications_are_refused(cast, listings, item, places):
    company = Organisation.objects.filter(kind=OrganisationKind.PROPERTY_COMPANY).first()
    with pytest.raises(DomainError) as refused:
        listing_apply(
            cast.county_admin,
            organisation=company,
            form="company",
            items=[item("svc_cleaning")],
            areas=[places.estate],
        )
    assert refused.value.field == "organisation"
    provider = Organisation.objects.create(
        kind=OrganisationKind.PROVIDER,
        name="新服务商",
        area=places.community,
        area_path=places.community.path,
    )
    for kwargs, field in (
        ({"form": "guild", "items": [item("svc_cleaning")], "areas": [places.estate]}, "form"),
        ({"form": "team", "items": [], "areas": [places.estate]}, "items"),
        ({"form": "team", "items": [item("svc_cleaning")], "areas": []}, "areas"),
    ):
        with pytest.raises(DomainError) as refused:
            listing_apply(cast.county_admin, organisation=provider, **kwargs)
        assert refused.value.field == field
    assert not ProviderListing.objects.filter(organisation=provider).exists()


def test_a_provider_changes_its_items_and_areas(client_as, cast, listings, item, places):
    own = _own_listing(cast)
    listing_update(cast.provider_staff, listing=own, items=[item("svc_cleaning")], areas=[places.street])
    own.refresh_from_db()
    assert [i.name for i in own.service_items.all()] == ["家政保洁"]
    assert [c.area for c in own.coverage.all()] == [places.street]
    assert own.state == ListingState.LISTED
    assert own.events.order_by("-id").first().action == "change"
    with pytest.raises(DomainError):
        listing_update(cast.provider_staff, listing=listings["颐康长者食堂"], form="team")


def test_the_edit_page_changes_the_listing(client_as, cast, listings, item):
    own = _own_listing(cast)
    county = Area.objects.get(pk=own.area_id)
    answer = client_as("provider_staff").post(
        f"/provision/providers/{own.pk}/edit/",
        {"form": "team", "items": [item("svc_home_care").pk], "areas": [county.pk]},
    )
    assert answer.status_code == 302
    own.refresh_from_db()
    assert own.form == "team"
    bad = client_as("provider_staff").post(f"/provision/providers/{own.pk}/edit/", {"form": "team"})
    assert bad.status_code == 400


def test_the_demo_listings_load_once(listings):
    from lianxin.provision.demo import LISTINGS, provision_demo_ensure

    assert provision_demo_ensure() == 0
    assert len(listings) == len(LISTINGS)


def test_a_provider_s_staff_see_their_listing_on_the_workbench(client_as, cast, listings):
    own = _own_listing(cast)
    home = client_as("provider_staff").get("/").content.decode()
    assert 'data-testid="workbench-listing"' in home and own.organisation.name in home
    assert 'data-testid="workbench-listing"' not in client_as("grid_worker").get("/").content.decode()


def test_the_application_form_offers_the_providers_not_yet_listed(client_as, cast, listings, places):
    Organisation.objects.create(
        kind=OrganisationKind.PROVIDER,
        name="邻里便民服务社",
        area=places.community,
        area_path=places.community.path,
    )
    page = client_as("community_secretary").get("/provision/providers/new/").content.decode()
    assert "邻里便民服务社" in page and "颐康长者食堂</option>" not in page
    own = _own_listing(cast)
    edit = client_as("provider_staff").get(f"/provision/providers/{own.pk}/edit/")
    assert edit.status_code == 200 and own.organisation.name in edit.content.decode()
