from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentConfig(AppConfig):
    """The outside-talent pool, returns, reserves and candidates (issue 23, docs/talent.md). Each part
    registers itself from its ``setup_<part>.ready()``."""

    name = "lianxin.talent"
    label = "talent"
    verbose_name = _("Talent")

    def ready(self):
        from lianxin.talent import permissions

        permissions.roles_register()
        from lianxin.talent import setup_pool

        setup_pool.ready()
        from lianxin.talent import setup_reserves

        setup_reserves.ready()
