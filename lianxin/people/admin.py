from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from lianxin.people.models import Department, Organisation, Person, PersonTag, Post, User

# Roles replace groups and per-user permissions (lianxin.security.permissions): nobody edits them.
admin.site.unregister(Group)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    """Persons are managed on the pages and by import, by staff whose posts cover them. No administrator
    role holds a permission here: the three administrators do not read residents' data."""

    list_display = ["name", "mobile_masked", "created_at"]
    search_fields = ["name"]
    readonly_fields = ["created_at"]
    fields = ["name", "created_at"]

    @admin.display(description=_("mobile number"))
    def mobile_masked(self, obj):
        return obj.mobile_masked


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Accounts, for the system administrator: create, disable, reset a password (the holder must then
    change it). Which role an account holds is a post, managed by the security administrator."""

    list_display = ["username", "is_active", "must_change_password", "password_changed_at", "last_login"]
    list_filter = ["is_active", "must_change_password"]
    search_fields = ["username"]
    raw_id_fields = ["person"]
    fieldsets = [
        (None, {"fields": ["username", "password", "person"]}),
        (_("Status"), {"fields": ["is_active", "must_change_password"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined", "password_changed_at"]}),
    ]
    readonly_fields = ["last_login", "date_joined", "password_changed_at"]

    def save_model(self, request, obj, form, change):
        # A password an administrator sets (a new account's, or a reset) is an initial password.
        if (
            not change
            or "password" in form.changed_data
            or form.__class__.__name__ == "AdminPasswordChangeForm"
        ):
            obj.must_change_password = True
        super().save_model(request, obj, form, change)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(None)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            User.objects.filter(pk=id).update(must_change_password=True)
        return response


class PostAdminForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = [
            "person", "role", "area", "party_org", "department", "organisation", "place", "start_date",
            "end_date", "is_full_time", "is_sent_down", "source", "staffing_type", "duties", "note",
        ]  # fmt: skip

    def clean(self):
        data = super().clean()
        from lianxin.security.services import post_check_admin_roles

        person = data.get("person")
        if person is not None and data.get("role"):
            post_check_admin_roles(post=Post(pk=self.instance.pk, person=person, role=data["role"]))
            from lianxin.core.errors_domain import DomainError
            from lianxin.people.posts import post_holder_check

            try:
                post_holder_check(person=person, role=data["role"])
            except DomainError as error:
                raise forms.ValidationError(error.message) from None
        return data


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    """Posts decide what an account may see and do: the security administrator's work."""

    list_display = ["person", "role", "scope_label", "start_date", "end_date", "is_full_time", "source"]
    list_filter = ["role", "is_full_time", "source", "staffing_type"]
    raw_id_fields = ["person", "area", "party_org", "department", "organisation", "place"]
    fields = [
        "person",
        "role",
        "area",
        "party_org",
        "department",
        "organisation",
        "place",
        "start_date",
        "end_date",
        "is_full_time",
        "is_sent_down",
        "source",
        "staffing_type",
        "duties",
        "note",
    ]

    def save_model(self, request, obj, form, change):
        from lianxin.security.services import post_check_admin_roles

        post_check_admin_roles(post=obj)
        target = (
            obj.area
            or (obj.party_org.area if obj.party_org_id else None)
            or (obj.department.area if obj.department_id else None)
        )
        obj.area_path = target.path if target else (obj.organisation.area_path if obj.organisation_id else "")
        obj.party_org_path = obj.party_org.path if obj.party_org_id else ""
        super().save_model(request, obj, form, change)

    form = PostAdminForm


# Configuration: the system administrator's dictionaries and bodies.
@admin.register(PersonTag)
class PersonTagAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "area"]
    raw_id_fields = ["area"]

    def save_model(self, request, obj, form, change):
        obj.area_path = obj.area.path
        super().save_model(request, obj, form, change)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "ownership"]
    list_filter = ["kind"]
    raw_id_fields = ["area", "estate", "managing_department"]

    def save_model(self, request, obj, form, change):
        obj.area_path = obj.area.path if obj.area_id else ""
        super().save_model(request, obj, form, change)
