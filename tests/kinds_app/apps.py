"""A test app that changes a case kind from its ready(), as a future app (services, volunteering) would,
without a line changed in ``cases/`` (tests/test_kinds_registry.py)."""

from django.apps import AppConfig


class KindsAppConfig(AppConfig):
    name = "tests.kinds_app"
    label = "kinds_app"

    def ready(self):
        from lianxin.cases.kinds import kind_extend, kind_spec
        from lianxin.cases.models import Action, Kind

        # Problems are no longer supervised, and carry a behaviour of this app's own.
        kind_extend(
            Kind.PROBLEM,
            bans=kind_spec(Kind.PROBLEM).bans | {Action.SUPERVISE},
            behaviour={"kinds_app.badge": "registered"},
        )
