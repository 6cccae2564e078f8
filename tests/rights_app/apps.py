from django.apps import AppConfig


class RightsAppConfig(AppConfig):
    """A test app that brings a role of its own the way a new domain app would: it registers the role, grants
    it a capability another app registered and registers one of its own, all from ``ready()``, without a
    line changed in ``people``, ``areas``, ``core`` or any ``access.py``."""

    name = "tests.rights_app"
    label = "rights_app"

    def ready(self):
        from tests.rights_app import rights

        rights.register()
