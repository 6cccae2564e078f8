"""Configuration of the loop in the admin: categories and their limits, devolved matters, the working
calendar. Cases and their events are not here: they change only through the loop's steps, and the
configuration administrator does not read residents' requests (三员分立)."""

from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from lianxin.cases import worktime
from lianxin.cases.models import CalendarDay, Category, DevolvedMatter


@admin.register(Category)
class CategoryAdmin(TreeAdmin):
    form = movenodeform_factory(Category)
    list_display = ["name", "code", "kind", "first_level", "response_hours", "handling_days", "is_active"]
    list_filter = ["kind", "first_level", "is_active", "is_public"]
    search_fields = ["name", "code", "keywords"]


@admin.register(DevolvedMatter)
class DevolvedMatterAdmin(admin.ModelAdmin):
    list_display = ["name", "handler_department_code", "legal_basis"]
    search_fields = ["name"]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "is_working_day"]
    list_filter = ["is_working_day"]
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        worktime.calendar_clear()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        worktime.calendar_clear()
