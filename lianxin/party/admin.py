from django.contrib import admin

from lianxin.party.models.alliances import ChainCategory


# Configuration: the chain categories of the industry clusters (P003-33), kept by the system administrator.
@admin.register(ChainCategory)
class ChainCategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "group", "order"]
    list_editable = ["order"]
    ordering = ["order", "code"]
