"""The assessment app's demo rows: each part's, in order."""

from lianxin.assessment import demo_scoring, demo_standards


def demo_load() -> list[str]:
    return [*demo_scoring.demo_load(), *demo_standards.demo_load()]
