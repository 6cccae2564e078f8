"""The area API carries what the area page shows beside the counts (issue 19: a figure on the page but not in
the API is only partly done): the official population and the share registered (P001-02), planned against
recorded households (P001-13), the community's brand (P001-54), and for a cluster its villages and the
3–5 warning (P000-01)."""

import re

import pytest

from lianxin.areas.models import Area, Level
from lianxin.core.scope import under

pytestmark = pytest.mark.django_db


def _villages(world):
    return Area.objects.filter(under("path", world.cluster.path), level=Level.VILLAGE).order_by("path")


def test_a_community_in_the_api_has_its_official_population_plan_and_brand(client_as, world):
    community = world.communities[0]
    Area.objects.filter(pk=community.pk).update(
        official_population=4000, planned_households=1000, brand="梧桐·家"
    )
    client = client_as("county_admin")

    api = client.get(f"/api/v1/areas/{community.pk}").json()
    html = client.get(f"/areas/{community.pk}/").content.decode()

    assert api["official_population"] == 4000
    assert api["registered_share"] == round(api["counts"]["population"] / 4000, 4)
    assert api["planned_households"] == 1000
    assert api["households_share"] == round(api["counts"]["households"] / 1000, 4)
    assert api["brand"] == "梧桐·家"
    shown = re.search(r'data-testid="registered-population">(\d+)', html).group(1)
    assert int(shown) == api["counts"]["population"]
    assert f"{api['registered_share'] * 100:.1f}%" in html


def test_a_cluster_in_the_api_has_its_villages_and_the_size_warning(client_as, world):
    client = client_as("county_admin")
    # Two of its four villages retired: two left, under the three a cluster needs.
    Area.objects.filter(pk__in=list(_villages(world).values_list("pk", flat=True)[:2])).update(
        retired_on="2024-01-01"
    )
    api = client.get(f"/api/v1/areas/{world.cluster.pk}").json()
    html = client.get(f"/areas/{world.cluster.pk}/").content.decode()

    villages = int(re.search(r'data-testid="cluster-villages">(\d+)', html).group(1))
    assert api["cluster_villages"] == villages
    warning = re.search(r'data-testid="cluster-warning">([^<]+)', html)
    assert api["cluster_warning"] == (warning.group(1).strip() if warning else "")
    assert villages == 2
    assert "2" in api["cluster_warning"]


def test_other_levels_have_no_cluster_fields(client_as, world):
    api = client_as("county_admin").get(f"/api/v1/areas/{world.communities[0].pk}").json()
    assert api["cluster_villages"] is None
    assert api["cluster_warning"] == ""
