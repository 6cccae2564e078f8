from django.contrib import admin

from lianxin.areas.models import HouseholdTag, PlaceDesignation


@admin.register(HouseholdTag)
class HouseholdTagAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(PlaceDesignation)
class PlaceDesignationAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "is_rest_station"]
