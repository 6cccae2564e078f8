from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RuralConfig(AppConfig):
    """Rural clusters, 1+5, pools, industry, cooperatives, land and collective income (issue 23,
    docs/rural.md). Each part registers itself from its ``setup_<part>.ready()``."""

    name = "lianxin.rural"
    label = "rural"
    verbose_name = _("Rural")

    def ready(self):
        from lianxin.rural import permissions

        permissions.roles_register()
        from lianxin.rural import setup_clusters

        setup_clusters.ready()
        from lianxin.rural import setup_pools

        setup_pools.ready()
        from lianxin.rural import setup_industry

        setup_industry.ready()
        from lianxin.rural import setup_coops

        setup_coops.ready()
        from lianxin.rural import setup_land

        setup_land.ready()
