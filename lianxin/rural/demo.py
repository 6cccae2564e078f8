"""The rural app's demo rows, each part's in order: ``world_ensure`` (the demo and the test world, called by
lianxin/demo/rural.py) and ``demo_load`` (the demo county only, called by load_demo)."""

from lianxin.rural import demo_clusters, demo_coops, demo_industry, demo_land, demo_pools


def world_ensure(built) -> None:
    demo_clusters.world_ensure(built)
    demo_pools.world_ensure(built)
    demo_industry.world_ensure(built)
    demo_coops.world_ensure(built)
    demo_land.world_ensure(built)


def demo_load() -> list[str]:
    return [
        *demo_clusters.demo_load(),
        *demo_pools.demo_load(),
        *demo_industry.demo_load(),
        *demo_coops.demo_load(),
        *demo_land.demo_load(),
    ]
