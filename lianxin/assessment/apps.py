from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "lianxin.assessment"
    label = "assessment"
    verbose_name = _("Assessment")

    def ready(self):
        from lianxin.assessment import permissions

        permissions.roles_register()
        from lianxin.assessment import setup_scoring

        setup_scoring.ready()
        from lianxin.assessment import setup_standards

        setup_standards.ready()
