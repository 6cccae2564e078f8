from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadinessConfig(AppConfig):
    name = "lianxin.readiness"
    label = "readiness"
    verbose_name = _("Readiness")

    def ready(self):
        from lianxin.audit.registry import audit_register
        from lianxin.readiness import models, navigation, tasks  # noqa: F401 - tasks registers with Huey

        navigation.register()
        navigation.workbench_register()
        for model in models.AUDITED:
            audit_register(model, repr=False)
