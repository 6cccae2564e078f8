"""The provision tests' world: the small world with the demo catalogue and listings (provision.demo)."""

import pytest

from lianxin.provision.demo import provision_demo_ensure
from lianxin.provision.models import ProviderListing, ServiceItem


@pytest.fixture
def listings(world):
    provision_demo_ensure()
    return {
        listing.organisation.name: listing
        for listing in ProviderListing.objects.select_related("organisation")
    }


@pytest.fixture
def item():
    def get(code: str) -> ServiceItem:
        return ServiceItem.objects.select_related("category").get(category__code=code)

    return get
