from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from lianxin.people.appointments import post_grant, post_grant_end
from lianxin.people.models import Department, Organisation, Person, PersonTag, Post, User
from lianxin.people.roles import Role

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
    change it). Which role an account holds is a post, managed by the security administrator. Which person
    an account belongs to is not here: linking an account to a person is a business act of a post that
    sees the person (``people.accounts.account_link``), so no administrator reaches a person's data."""

    list_display = ["username", "is_active", "must_change_password", "password_changed_at", "last_login"]
    list_filter = ["is_active", "must_change_password"]
    search_fields = ["username"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
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


def _holder(post: Post) -> str:
    """A post's holder as the configuration site shows him: his account name, never his person's name."""
    account = User.objects.filter(person_id=post.person_id).values_list("username", flat=True).first()
    return account or "—"


class PostGrantForm(forms.ModelForm):
    """A new post, given to an account (by its account name). Every check is the service's
    (``people.appointments.post_grant``), tried in a transaction that is rolled back, so the form shows
    the refusal instead of saving; the admin then calls the same service for real."""

    account = forms.CharField(label=_("account"), max_length=150)
    actor = None  # set by PostAdmin.get_form

    class Meta:
        model = Post
        fields = ["role", "area", "department", "start_date", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from lianxin.people.appointments import GRANTED_IN_ADMIN

        self.fields["role"].choices = [(v, label) for v, label in Role.choices if v in GRANTED_IN_ADMIN]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        account = User.objects.filter(username=data.get("account", "").strip()).first()
        if account is None:
            self.add_error("account", _("No account has this name."))
            return data
        data["account_obj"] = account
        _dry_run(
            self,
            lambda: post_grant(
                actor=self.actor,
                account=account,
                role=data["role"],
                area=data.get("area"),
                department=data.get("department"),
                start_date=data.get("start_date"),
                note=data.get("note") or "",
            ),
        )
        return data


class PostEndForm(forms.ModelForm):
    """A granted post is only ever ended: its role, holder and scope never change."""

    actor = None

    class Meta:
        model = Post
        fields = ["end_date"]

    def clean(self):
        data = super().clean()
        if not self.errors and data.get("end_date"):
            _dry_run(
                self, lambda: post_grant_end(actor=self.actor, post=self.instance, end_date=data["end_date"])
            )
        return data


def _dry_run(form, write) -> None:
    from django.db import transaction

    from lianxin.core.errors_domain import DomainError

    try:
        with transaction.atomic():
            write()
            transaction.set_rollback(True)
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    """The posts the business pages do not give: the three administrators, the organisation department
    admin and department staff. The security administrator grants them to accounts and ends them; he
    never changes a post into another, never touches his own posts, and sees holders by account name only.
    Business posts are appointed on the pages, the API and the import (``people.appointments.post_appoint``)
    and are not listed here."""

    list_display = ["holder", "role", "scope_label", "start_date", "end_date"]
    list_filter = ["role"]
    raw_id_fields = ["area", "department"]

    @admin.display(description=_("account"))
    def holder(self, obj):
        return _holder(obj)

    def get_queryset(self, request):
        from lianxin.people.appointments import GRANTED_IN_ADMIN

        return super().get_queryset(request).filter(role__in=GRANTED_IN_ADMIN)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["account", "role", "area", "department", "start_date", "note"]
        return ["holder", "role", "scope_label", "start_date", "end_date", "note"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["holder", "role", "scope_label", "start_date", "note"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = PostEndForm if obj is not None else PostGrantForm
        kwargs["form"] = type(base.__name__, (base,), {"actor": request.user})
        kwargs["fields"] = ["end_date"] if obj is not None else None
        return super().get_form(request, obj, change=change, **kwargs)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        # Nobody edits his own posts; an ended post is history.
        return obj is None or (obj.person_id != request.user.person_id and obj.end_date is None)

    def has_delete_permission(self, request, obj=None):
        return False  # a post is ended, never deleted: who held what, when, is history

    # Refuse before looking the post up: Django answers a post outside this list (a business post) with a
    # redirect, even to an account that may not open posts at all.
    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        raise PermissionDenied

    def save_model(self, request, obj, form, change):
        if change:
            if form.cleaned_data.get("end_date"):
                post_grant_end(actor=request.user, post=obj, end_date=form.cleaned_data["end_date"])
            return
        data = form.cleaned_data
        created = post_grant(
            actor=request.user,
            account=data["account_obj"],
            role=data["role"],
            area=data.get("area"),
            department=data.get("department"),
            start_date=data.get("start_date"),
            note=data.get("note") or "",
        )
        # The admin goes on with ``obj`` (its history entry, the redirect): make it the row just written.
        obj.pk = created.pk
        obj.person_id = created.person_id
        obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        pass  # a post has no related rows to save here


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
