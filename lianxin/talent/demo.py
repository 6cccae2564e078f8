"""The talent app's demo rows, each part's in order: ``world_ensure`` (the demo and the test world, called by
lianxin/demo/rural.py) and ``demo_load`` (the demo county only, called by load_demo)."""

from lianxin.talent import demo_pool, demo_reserves


def world_ensure(built) -> None:
    demo_pool.world_ensure(built)
    demo_reserves.world_ensure(built)


def demo_load() -> list[str]:
    return [*demo_pool.demo_load(), *demo_reserves.demo_load()]
