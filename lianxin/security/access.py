from lianxin.core.access import LOGIN, PUBLIC, Rule, capable, everyone, routes

# The demo accounts whose posts require a second factor (lianxin.demo.accounts.DEMO_OTP_ACCOUNTS, written out:
# the security app does not import the demo; the matrix fails if the two disagree).
SECOND_FACTOR_ACCOUNTS = frozenset({"county_admin", "sysadmin", "secadmin", "auditor"})

ACCESS = {
    "accounts/otp/": everyone(),
    "accounts/otp/setup/": everyone(),
    # New recovery codes only in a session that gave its second factor.
    "accounts/otp/recovery-codes/": Rule(method="POST", allowed=SECOND_FACTOR_ACCOUNTS),
    "accounts/sessions/": everyone(),
    "accounts/sessions/sign-out-all/": Rule(
        skip="POST only, ends every session: security/tests/test_sessions.py"
    ),
    "security/lockouts/": Rule(allowed=capable("account.unlock")),
    "security/lockouts/unlock/": Rule(method="POST", allowed=capable("account.unlock")),
}


def _app_index_route() -> str:
    """The admin's app-index route, whose pattern lists every app with a registered model."""
    for route, _pattern in routes():
        if route.startswith("admin/^(?P<app_label>"):
            return route
    return "admin/^(?P<app_label>)/$"


def access_computed() -> dict[str, Rule]:
    """The configuration site's routes, expected from the role permission table (ROLE_PERMISSIONS); read
    by lianxin.core.access.tables() once the URL conf and the admin site's registry are built."""
    from django.contrib import admin

    from lianxin.security.permissions import ROLE_PERMISSIONS

    def holders(*perms) -> frozenset[str]:
        by_role = {"sysadmin": "system_admin", "secadmin": "security_admin", "auditor": "audit_admin"}
        return frozenset(u for u, role in by_role.items() if any(p in ROLE_PERMISSIONS[role] for p in perms))

    site = capable("admin_site.open")
    rules = {
        "admin/": Rule(allowed=site),
        "admin/login/": Rule(anonymous=LOGIN),  # signed in: 403; anonymous: sent to the one sign-in page
        "admin/logout/": Rule(skip="POST only; signing out is covered by people/tests/test_login.py"),
        "admin/password_change/": Rule(allowed=site),
        "admin/password_change/done/": Rule(allowed=site),
        # No model offers autocomplete fields: refused for everyone.
        "admin/autocomplete/": Rule(
            data={"app_label": "people", "model_name": "post", "field_name": "person"}
        ),
        "admin/jsi18n/": Rule(allowed=site),
        "admin/r/<path:content_type_id>/<path:object_id>/": Rule(
            scoped=site, kwargs=lambda w: {"content_type_id": 0, "object_id": 0}
        ),
        _app_index_route(): Rule(
            allowed=holders("people.view_user", "people.view_post"), path="admin/people/"
        ),
        "admin/(?P<url>.*)$": Rule(scoped=site, path="admin/nothing-here/"),
    }
    for model in admin.site._registry:
        label = f"{model._meta.app_label}.{model._meta.model_name}"
        base = f"admin/{model._meta.app_label}/{model._meta.model_name}/"
        view = holders(f"{label.split('.')[0]}.view_{model._meta.model_name}",
                       f"{label.split('.')[0]}.change_{model._meta.model_name}")  # fmt: skip
        app, name = label.split(".")

        def sample(w, model=model):
            return {"object_id": model._base_manager.order_by("pk").values_list("pk", flat=True).first() or 0}

        rules[base] = Rule(allowed=view)
        rules[f"{base}add/"] = Rule(allowed=holders(f"{app}.add_{name}"))
        rules[f"{base}<path:object_id>/history/"] = Rule(allowed=view, kwargs=sample)
        rules[f"{base}<path:object_id>/delete/"] = Rule(
            allowed=holders(f"{app}.delete_{name}"), kwargs=sample
        )
        rules[f"{base}<path:object_id>/change/"] = Rule(allowed=view, kwargs=sample)
        rules[f"{base}<path:object_id>/"] = Rule(allowed=site, kwargs=sample)  # redirects to change/
    # treebeard's tree admin for categories: its move, children and catalogue views.
    category = holders("cases.change_category")
    rules["admin/cases/category/move/"] = Rule(allowed=category, method="POST")
    # treebeard's JavaScript catalogue: its translated strings only, served to anyone like any static file.
    rules["admin/cases/category/jsi18n/"] = everyone(anonymous=PUBLIC)
    rules["admin/cases/category/children/<str:parent_id>/"] = Rule(
        allowed=category, kwargs=lambda w: {"parent_id": 1}
    )
    rules["admin/people/user/<id>/password/"] = Rule(
        allowed=holders("people.change_user"), kwargs=lambda w: {"id": w.cast.resident.pk}
    )
    return rules
