"""The supervision app's demo rows: each part's, in order."""

from lianxin.supervision import demo_letters, demo_tasks


def demo_load() -> list[str]:
    return [*demo_tasks.demo_load(), *demo_letters.demo_load()]
