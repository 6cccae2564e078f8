"""The case fixtures (clock, places) live in tests/cases_world.py and are registered project-wide."""

import pytest

from tests.cases_world import category, department  # noqa: F401


@pytest.fixture
def provision_app():
    """tests/provision_app plugged in as an app would be (its ready() run), and taken out afterwards."""
    from django.apps import AppConfig

    from lianxin.cases.claims import claim_guard_unregister
    from lianxin.cases.routing import intake_router_unregister
    from tests.provision_app import apps

    AppConfig.create("tests.provision_app").ready()
    yield apps
    apps.MATCHED["provider"] = None
    apps.REPORTED_IN.clear()
    intake_router_unregister(name="provision_app.match_provider")
    claim_guard_unregister(name="provision_app.reported")
