"""The case fixtures (clock, places) live in tests/cases_world.py and are registered project-wide."""

from tests.cases_world import category, department  # noqa: F401
