from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EducationConfig(AppConfig):
    name = "lianxin.education"
    label = "education"
    verbose_name = _("Education")

    def ready(self):
        from lianxin.audit.registry import audit_register
        from lianxin.core.navigation import NavItem, nav_register
        from lianxin.education import models

        def _staff(user) -> bool:
            from lianxin.volunteering.permissions import is_staff

            return user.is_authenticated and is_staff(user)

        nav_register(
            NavItem(
                "education",
                _("Party education"),
                "education:console",
                "work",
                "book",
                order=83,
                visible=_staff,
            )
        )
        for model in models.AUDITED:
            audit_register(model, repr=False)
