"""Assigning a property company to an estate: service start, fee start never earlier (P001-33)."""

import pytest

from lianxin.people.models import EstateService, Organisation, OrganisationKind, Ownership

pytestmark = pytest.mark.django_db


def test_a_state_owned_company_takes_over_with_fees_starting_later(client_as, world):
    estate = world.estates[0]
    soe = Organisation.objects.filter(
        kind=OrganisationKind.PROPERTY_COMPANY, ownership=Ownership.COUNTY_SOE
    ).first()
    previous = list(EstateService.objects.filter(estate=estate, service_end__isnull=True))
    client = client_as("community_secretary")

    bad = client.post(
        f"/areas/{estate.pk}/property/",
        {"company": soe.pk, "service_start": "2026-07-01", "fee_start": "2026-06-01"},
    )
    assert bad.status_code == 400 and "先服务、后收费" in bad.content.decode()
    good = client.post(
        f"/areas/{estate.pk}/property/",
        {"company": soe.pk, "service_start": "2026-07-01", "fee_start": "2027-01-01"},
    )
    assert good.status_code == 302
    current = EstateService.objects.get(estate=estate, service_end__isnull=True)
    assert current.company == soe and current.fee_start.isoformat() == "2027-01-01"
    for service in previous:
        service.refresh_from_db()
        assert service.service_end.isoformat() == "2026-06-30"
    page = client.get(f"/areas/{estate.pk}/property/").content.decode()
    assert soe.name in page and "2027-01-01" in page
    assert client_as("courier").post(f"/areas/{estate.pk}/property/", {}).status_code == 403


@pytest.mark.parametrize("username", ["property_staff", "grid_worker"])
def test_the_serving_company_and_the_grid_worker_assign_no_property_company(client_as, world, username):
    """Issue 19: property-company staff keep their cases and lose the estate's facts, this one included."""
    estate = world.estates[0]
    other = Organisation.objects.filter(kind=OrganisationKind.PROPERTY_COMPANY).order_by("-id").first()
    services = EstateService.objects.filter(estate=estate).values_list("pk", "company_id", "service_end")
    before = list(services)
    client = client_as(username)
    assert client.get(f"/areas/{estate.pk}/property/").status_code == 200
    response = client.post(
        f"/areas/{estate.pk}/property/", {"company": other.pk, "service_start": "2026-07-01"}
    )
    assert response.status_code == 403
    assert (
        list(EstateService.objects.filter(estate=estate).values_list("pk", "company_id", "service_end"))
        == before
    )
