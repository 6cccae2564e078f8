from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliberationConfig(AppConfig):
    name = "lianxin.deliberation"
    label = "deliberation"
    verbose_name = _("Deliberation")

    def ready(self):
        from lianxin.audit.registry import audit_register
        from lianxin.deliberation import models, navigation, permissions, tasks, workbench  # noqa: F401

        permissions.capabilities_register()
        navigation.register()
        workbench.register()
        # Meetings, their parties, votes, decisions and matters, topics and seconds, the rota: records people
        # rely on (who decided what, who seconded): every create and change is an audit record.
        for model in models.AUDITED:
            audit_register(model, repr=False)
