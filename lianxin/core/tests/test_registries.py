"""The core's registries: apps plug in from their AppConfig.ready(); the core imports none of them, and with
nothing registered it refuses rather than opens."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from lianxin.core import admin as core_admin
from lianxin.core import scope, workbench


class _User:
    is_authenticated = True
    is_active = True


def test_a_workbench_panel_is_shown_in_its_own_region_only(monkeypatch):
    monkeypatch.setattr(workbench, "_panels", {})
    workbench.workbench_panel_register(
        workbench.WorkbenchPanel("beside", "x.html", lambda *, user: {"n": 1}, region="grid")
    )
    workbench.workbench_panel_register(workbench.WorkbenchPanel("hidden", "y.html", lambda *, user: None))

    assert [p["key"] for p in workbench.workbench_panels(user=_User(), region="grid")] == ["beside"]
    assert workbench.workbench_panels(user=_User(), region="top") == []  # "hidden" answers None


def test_a_panel_in_an_unknown_region_is_refused(monkeypatch):
    monkeypatch.setattr(workbench, "_panels", {})
    with pytest.raises(ValueError):
        workbench.workbench_panel_register(workbench.WorkbenchPanel("x", "x.html", dict, region="side"))


def test_the_people_app_provides_the_user_context_and_without_it_scope_refuses(monkeypatch):
    from lianxin.core import context
    from lianxin.people.selectors import held_build

    assert context._provider is held_build
    monkeypatch.setattr(context, "_provider", None)
    with pytest.raises(ImproperlyConfigured):
        scope.grants_for(_User())


def test_without_a_registered_gate_the_configuration_site_opens_for_nobody(monkeypatch):
    from lianxin.security.policy import user_opens_admin_site

    assert core_admin._opens_admin_site is user_opens_admin_site
    monkeypatch.setattr(core_admin, "_opens_admin_site", None)
    request = RequestFactory().get("/admin/")
    request.user = _User()
    assert core_admin._admin_site_permission(request) is False
