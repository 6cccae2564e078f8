"""One definition of an area's population (人口), docs/figures.md: persons recorded in a household under
the area. A person placed at the area without a household is one of its persons (人员), never of its
population (issue 19: a cluster read 1,692 on its page and 1,693 in the API)."""

import re

import pytest

from lianxin.areas.models import Area, Level
from lianxin.core.scope import under
from lianxin.party.figures.territory import cluster_populations
from lianxin.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def homeless(world):
    """A person registered at a village of the cluster, in no household (a worker, say)."""
    village = Area.objects.filter(under("path", world.cluster.path), level=Level.VILLAGE).first()
    person = Person(name="无户人员")
    person.set_area(village)
    person.save()
    return person


def _population(area) -> int:
    return Person.objects.filter(household__isnull=False, household__area_path__startswith=area.path).count()


def test_the_page_the_api_and_the_figures_give_one_population(client_as, cast, world, homeless):
    expected = _population(world.cluster)
    assert expected > 0
    client = client_as("county_admin")

    html = client.get(f"/areas/{world.cluster.pk}/").content.decode()
    shown = re.search(r'data-testid="cluster-population">(\d+)', html).group(1)
    api = client.get(f"/api/v1/areas/{world.cluster.pk}").json()["counts"]
    rows = {r.label: r.value for r in cluster_populations(user=cast.county_admin)}

    assert int(shown) == api["population"] == rows[world.cluster.name] == expected
    # The person without a household is one of the cluster's persons, not of its population.
    assert api["persons"] == Person.objects.filter(area_path__startswith=world.cluster.path).count()
    assert api["persons"] >= api["population"] + 1


def test_the_subtree_and_children_carry_the_same_population(client_as, world, homeless):
    client = client_as("county_admin")
    items = client.get(f"/api/v1/areas/{world.townships[0].pk}/children").json()["items"]
    cluster = next(i for i in items if i["id"] == world.cluster.pk)
    assert cluster["counts"]["population"] == _population(world.cluster)
