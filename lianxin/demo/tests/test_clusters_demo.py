"""The demo county's clusters (P002-34, docs/services.md "片区党群服务中心"): 东湖示范片区 has its centre and
subsidy; the first township's other three villages form 西湖片区, whose centre is not built yet, so the list
of clusters without a centre and its count show it on the page and over the API.

The demo county is too large for a test: the builder's own step that groups a township's villages
(``WorldBuilder._villages_of``) runs on a new township of the small world, with the demo's seven villages."""

import pytest

from lianxin.areas.models import Area, Level, Place, PlaceDesignation
from lianxin.areas.services import area_create
from lianxin.core.paths import under
from lianxin.demo.world import DEMO, SECOND_CLUSTER, SMALL, WorldBuilder
from lianxin.provision import circles

pytestmark = pytest.mark.django_db


@pytest.fixture
def township(world):
    """A township of the small world's county with the demo's first township's seven villages."""
    town = area_create(
        actor=None, parent=world.county, level=Level.TOWNSHIP, name="测试镇", code="379901199000"
    )
    assert DEMO.villages_per_township[0] == 7
    specs = [
        {"level": Level.VILLAGE, "code": f"379901199{n:03d}", "name": f"测试{n}村"}
        for n in range(1, DEMO.villages_per_township[0] + 1)
    ]
    WorldBuilder(SMALL)._villages_of(Area.objects.get(pk=town.pk), specs, clusters=True)
    return Area.objects.get(pk=town.pk)


def test_the_demo_s_second_cluster_has_no_centre_on_page_and_api(township, client_as):
    [first, second] = Area.objects.filter(under("path", township.path), level=Level.CLUSTER).order_by("path")
    assert second.name == SECOND_CLUSTER
    assert Area.objects.filter(under("path", first.path), level=Level.VILLAGE).count() == 4
    assert Area.objects.filter(under("path", second.path), level=Level.VILLAGE).count() == 3
    assert not Area.objects.filter(
        under("path", township.path), level=Level.VILLAGE, depth=township.depth + 1
    )
    centre = Place.objects.create(name=f"{first.name}党群服务中心", area=first, area_path=first.path)
    centre.designations.set(PlaceDesignation.objects.filter(code="cluster_centre"))
    overview = circles.clusters_overview(township)
    assert [r.cluster for r in overview["with_centre"]] == [first]
    assert [r.cluster for r in overview["without_centre"]] == [second]

    client = client_as("county_admin")
    page = client.get(f"/provision/clusters/?area={township.pk}").content.decode()
    body = client.get(f"/api/v1/clusters/?area_id={township.pk}").json()
    assert (body["with_centre"], body["without_centre"]) == (1, 1)
    [row] = body["clusters_without_centre"]
    assert row["name"] == SECOND_CLUSTER and row["centres"] == [] and len(row["villages"]) == 3
    without = page.split('data-testid="without-centre"')[1].split("</section>")[0]
    assert SECOND_CLUSTER in without and first.name not in without
    assert f'data-testid="without-centre-{second.pk}"' in without
    assert "1 个片区还没有党群服务中心" in without


def test_the_county_lists_the_cluster_without_a_centre_and_counts_it(township, client_as):
    body = client_as("county_admin").get("/api/v1/clusters/").json()
    names = [c["name"] for c in body["clusters_without_centre"]]
    assert SECOND_CLUSTER in names and body["without_centre"] == len(names)
    assert all(not c["centres"] for c in body["clusters_without_centre"])


def test_a_township_with_fewer_villages_has_no_second_cluster(world):
    town = area_create(
        actor=None, parent=world.county, level=Level.TOWNSHIP, name="小镇", code="379901198000"
    )
    specs = [{"level": Level.VILLAGE, "code": f"379901198{n:03d}", "name": f"小{n}村"} for n in range(1, 6)]
    WorldBuilder(SMALL)._villages_of(Area.objects.get(pk=town.pk), specs, clusters=True)
    clusters = Area.objects.filter(under("path", town.path), level=Level.CLUSTER)
    assert [c.name for c in clusters] == ["东湖示范片区"]
    assert (
        Area.objects.filter(under("path", town.path), level=Level.VILLAGE, depth=town.depth + 1).count() == 1
    )


def test_the_small_world_keeps_its_one_cluster(world):
    assert list(Area.objects.filter(level=Level.CLUSTER).values_list("name", flat=True)) == [
        world.cluster.name
    ]
