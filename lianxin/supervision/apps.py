from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "lianxin.supervision"
    label = "supervision"
    verbose_name = _("Supervision")

    def ready(self):
        from lianxin.supervision import permissions

        permissions.roles_register()
        from lianxin.supervision import setup_tasks

        setup_tasks.ready()
        from lianxin.supervision import setup_letters

        setup_letters.ready()
