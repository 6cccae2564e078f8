"""A community centre's items (P000-24's rule in town, docs/services.md "社区党群服务中心的服务事项"): every
社区党群服务中心 handles the catalogue items marked as handled at every community centre (its one-stop
hall's matters), with no window and no provider attached; its residents see them on 我的服务中心, the
centre's page lists them, and the county changes the mark on the catalogue page or over the API."""

import pytest

from lianxin.areas.models import Place
from lianxin.provision import circles
from lianxin.provision.models import ListingState, ProviderListing, ServiceItem
from lianxin.provision.seeds import COMMUNITY_CENTRE_ITEMS, catalogue_ensure

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre(world):
    catalogue_ensure()
    return Place.objects.get(area=world.communities[0], designations__code="service_centre")


def _codes(html: str) -> set[str]:
    import re

    return set(re.findall(r'data-testid="item-(\w+)"', html))


def test_the_catalogue_marks_the_one_stop_hall_s_matters(centre):
    marked = set(
        ServiceItem.objects.filter(at_community_centres=True).values_list("category__code", flat=True)
    )
    assert marked == set(COMMUNITY_CENTRE_ITEMS)
    assert "svc_cleaning" not in marked and "svc_residence_proof" in marked


def test_a_resident_sees_his_community_centre_s_items_without_window_or_provider(cast, centre, client_as):
    assert not centre.windows.exists()
    assert not ProviderListing.objects.filter(centre=centre, state=ListingState.LISTED).exists()
    assert cast.resident.person.area.path.startswith(centre.area_path)
    found = circles.resident_circle(cast.resident.person.area)
    assert [c.pk for c in found["centres"]] == [centre.pk]
    assert {i.category.code for i in found["items"]} == set(COMMUNITY_CENTRE_ITEMS)
    page = client_as("resident").get("/provision/my-centre/").content.decode()
    assert 'data-testid="my-items"' in page
    assert _codes(page) == set(COMMUNITY_CENTRE_ITEMS)
    assert "居住证明" in page and "家政保洁" not in page
    # Filtered by group as before: only the elderly's matters of the hall.
    elderly = _codes(client_as("resident").get("/provision/my-centre/?group=elderly").content.decode())
    assert elderly == {
        i.category.code
        for i in ServiceItem.objects.filter(at_community_centres=True)
        if "elderly" in i.target_groups
    }
    assert "svc_old_age_allowance" in elderly and "svc_residence_proof" not in elderly


def test_the_centre_s_page_lists_them_and_a_station_does_not_take_them(world, centre, client_as):
    page = client_as("community_secretary").get(f"/provision/places/{centre.pk}/").content.decode()
    items = page.split('data-testid="place-items"')[1].split("</section>")[0]
    assert "居住证明" in items and "一站式服务大厅" in items
    station = Place.objects.filter(parent_place=centre, designations__code="service_station").first()
    assert station is not None
    assert not {i.category.code for i in circles.place_items(station)} & set(COMMUNITY_CENTRE_ITEMS)
    cluster_centre = Place.objects.get(area=world.cluster, designations__code="cluster_centre")
    ServiceItem.objects.filter(category__code="svc_venue_booking").update(at_cluster_centres=False)
    assert "svc_venue_booking" not in {i.category.code for i in circles.place_items(cluster_centre)}


def test_the_county_unmarks_an_item_and_residents_no_longer_see_it(cast, centre, client_as):
    item = ServiceItem.objects.get(category__code="svc_legal_advice")
    client = client_as("county_admin")
    answer = client.patch(
        f"/api/v1/service-items/{item.pk}", {"at_community_centres": False}, content_type="application/json"
    )
    assert answer.status_code == 200 and answer.json()["at_community_centres"] is False
    page = client_as("resident").get("/provision/my-centre/").content.decode()
    assert "svc_legal_advice" not in _codes(page) and "svc_residence_proof" in _codes(page)
    catalogue = client_as("county_admin").get("/provision/catalogue/").content.decode()
    assert 'data-testid="community-svc_residence_proof">是<' in catalogue
    assert 'data-testid="community-svc_legal_advice">—<' in catalogue


def test_only_the_county_changes_the_mark(cast, centre, client_as):
    item = ServiceItem.objects.get(category__code="svc_legal_advice")
    answer = client_as("community_secretary").patch(
        f"/api/v1/service-items/{item.pk}", {"at_community_centres": False}, content_type="application/json"
    )
    assert answer.status_code == 403
    assert ServiceItem.objects.get(pk=item.pk).at_community_centres is True


def test_the_catalogue_import_sets_the_mark_and_an_empty_cell_keeps_it(cast, centre):
    from lianxin.imports.services import batch_confirm, batch_preview
    from lianxin.imports.tests.conftest import xlsx_file

    rows = [
        {"top": "法律服务", "name": "法律咨询", "mechanism": "党政服务", "at_community_centres": "否"},
        {"top": "业务办理", "name": "居住证明", "mechanism": "党政服务", "at_community_centres": ""},
    ]
    batch = batch_preview(
        actor=cast.county_admin, kind="service_items", upload=xlsx_file("service_items", rows)
    )
    assert batch.errors == []
    batch_confirm(actor=cast.county_admin, batch=batch)
    marks = dict(
        ServiceItem.objects.filter(
            category__code__in=["svc_legal_advice", "svc_residence_proof"]
        ).values_list("category__code", "at_community_centres")
    )
    assert marks == {"svc_legal_advice": False, "svc_residence_proof": True}
