from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from lianxin.people.models import Person, User


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "mobile_masked", "created_at"]
    search_fields = ["name"]
    readonly_fields = ["created_at"]
    fields = ["name", "created_at"]

    @admin.display(description=_("mobile number"))
    def mobile_masked(self, obj):
        return obj.mobile_masked


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "person", "is_active", "is_staff", "last_login"]
    list_select_related = ["person"]
    autocomplete_fields = ["person"]
    fieldsets = [
        (None, {"fields": ["username", "password", "person"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
