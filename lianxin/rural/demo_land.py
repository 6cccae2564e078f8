"""The land part's demo rows: ``world_ensure(built)`` the fixed rows of the demo and of the test world,
``demo_load()`` what only the demo county gets (printed by load_demo)."""


def world_ensure(built) -> None:
    return None


def demo_load() -> list[str]:
    return []
