from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvisionConfig(AppConfig):
    name = "lianxin.provision"
    label = "provision"
    verbose_name = _("Service provision")

    def ready(self):
        from lianxin.provision import registrations

        registrations.register()
