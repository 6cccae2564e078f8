"""External systems and their keys are issued here. A new key's secret is shown once, on the page that
issued it, and stored only as a hash."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from lianxin.areas.models import Area, Level
from lianxin.open311.models import ApiKey, ExternalSystem, Open311Request
from lianxin.open311.services import key_issue, key_revoke, system_account_attach


class PermissionFirst:
    """Refuse before looking the object up: Django's object views answer a missing object with a redirect
    even to an account that may not open the model at all."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        if not self.has_delete_permission(request):
            raise PermissionDenied
        return super().delete_view(request, object_id, extra_context)


# An external system serves a county, a street or township, or a community: the areas offered by name.
SYSTEM_LEVELS = (Level.CITY, Level.COUNTY, Level.STREET, Level.TOWNSHIP, Level.CLUSTER, Level.COMMUNITY)


class AreaByName(forms.ModelChoiceField):
    """The area chosen by its name in the tree (indented under its street), not by an internal number. Area
    names are not personal data, so the system administrator may see them."""

    def label_from_instance(self, area):
        return "\u3000" * max(area.depth - 1, 0) + f"{area.name}（{area.get_level_display()}）"


class ExternalSystemForm(forms.ModelForm):
    area = AreaByName(
        queryset=Area.objects.none(),
        label=_("area"),
        help_text=_("Its requests may be placed only in this area and under it."),
    )

    class Meta:
        model = ExternalSystem
        fields = [
            "name",
            "code",
            "channel",
            "reporter_group",
            "area",
            "service_type",
            "rate_per_minute",
            "contact",
            "is_active",
            "created_at",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offered = Q(level__in=SYSTEM_LEVELS, retired_on__isnull=True)
        if self.instance.area_id:
            offered |= Q(pk=self.instance.area_id)  # a system kept on a finer area stays editable
        self.fields["area"].queryset = Area.objects.filter(offered).order_by("path")


class ApiKeyInline(admin.TabularInline):
    model = ApiKey
    extra = 0
    can_delete = False
    fields = ["name", "prefix", "created_at", "last_used_at", "last_used_ip", "revoked_at"]
    readonly_fields = ["name", "prefix", "created_at", "last_used_at", "last_used_ip", "revoked_at"]

    def has_add_permission(self, request, obj=None):
        # Keys are issued with the action, which shows the secret once.
        return False


@admin.register(ExternalSystem)
class ExternalSystemAdmin(PermissionFirst, admin.ModelAdmin):
    form = ExternalSystemForm
    list_display = [
        "name",
        "code",
        "channel",
        "reporter_group",
        "area",
        "service_type",
        "rate_per_minute",
        "is_active",
    ]
    list_filter = ["channel", "reporter_group", "is_active"]
    search_fields = ["name", "code"]
    readonly_fields = ["account", "created_at"]
    inlines = [ApiKeyInline]
    actions = ["issue_key"]

    def save_model(self, request, obj, form, change):
        if not change:
            system_account_attach(system=obj)
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Issue a new API key"))
    def issue_key(self, request, queryset):
        issued = [(system, key_issue(system=system)) for system in queryset]
        return TemplateResponse(
            request,
            "admin/open311/keys_issued.html",
            {
                **self.admin_site.each_context(request),
                "title": _("New API keys"),
                "issued": [(system, key, secret) for system, (key, secret) in issued],
            },
        )


@admin.register(ApiKey)
class ApiKeyAdmin(PermissionFirst, admin.ModelAdmin):
    list_display = ["name", "system", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["system"]
    fields = ["system", "name", "prefix", "created_at", "last_used_at", "last_used_ip", "revoked_at"]
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Revoke the selected keys"))
    def revoke(self, request, queryset):
        for key in queryset:
            key_revoke(key=key)


@admin.register(Open311Request)
class Open311RequestAdmin(PermissionFirst, admin.ModelAdmin):
    list_display = ["token", "system", "case", "created_at"]
    list_filter = ["system"]
    fields = ["case", "system", "token", "media_urls", "account_id", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False
