from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AreasConfig(AppConfig):
    name = "lianxin.areas"
    label = "areas"
    verbose_name = _("Territory")

    def ready(self):
        from lianxin.areas.rights import rights_register
        from lianxin.areas.selectors import user_has_area_posts
        from lianxin.core.navigation import NavItem, nav_register
        from lianxin.core.uploads import upload_access_register

        rights_register()

        def approval_visible(user, name):
            from lianxin.areas.models import Restructuring

            return Restructuring.objects.restrict(user).filter(approval_file=name).exists()

        upload_access_register("approvals", approval_visible)
        nav_register(
            NavItem(
                "areas", _("Areas"), "areas:index", "work", icon="map", order=200, visible=user_has_area_posts
            )
        )
