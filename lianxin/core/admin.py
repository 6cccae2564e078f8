from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Lianxin configuration")
admin.site.site_title = _("Lianxin")
admin.site.index_title = _("Configuration")
