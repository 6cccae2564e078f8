"""The letters part's demo rows (idempotent)."""


def demo_load() -> list[str]:
    return []
