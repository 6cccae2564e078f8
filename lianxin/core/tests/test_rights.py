"""The rights table (lianxin.core.rights), the user context it reads (lianxin.core.context) and the
persona sets of the authorization matrix (lianxin.core.access), against posts given directly as ``Held``."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from lianxin.core import context as context_module
from lianxin.core import rights
from lianxin.core.access import ALLOWED, ANYONE, FORBIDDEN, SCOPED, Persona, Rule, capable, holding, named
from lianxin.core.context import Held, user_context, user_context_clear
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import (
    capabilities_unregistered,
    capability,
    capability_grant,
    capability_register,
    may,
    paths_with,
    require,
)
from lianxin.core.scope import CHANGE, VIEW, Grants


@pytest.fixture
def table(monkeypatch):
    """A private rights table and context provider: what a test registers goes with it."""
    monkeypatch.setattr(rights, "_capabilities", {})
    monkeypatch.setattr(rights, "_pending", {})
    posts: dict[int, list[Held]] = {}
    monkeypatch.setattr(context_module, "_provider", lambda *, user: posts.get(id(user), []))
    return posts


def _user():
    return SimpleNamespace(is_authenticated=True, person_id=None)


def _held(role, path, *, writes=True):
    grants = Grants()
    grants.add("area_paths", path, writable=writes)
    return Held(role=role, area_path=path, grants=grants, label=role)


def test_a_capability_is_granted_to_its_roles_and_to_roles_granted_later(table):
    capability_register("thing.edit", roles={"secretary"}, label="edit things")
    capability_grant("thing.edit", roles={"steward"})
    assert capability("thing.edit").roles == {"secretary", "steward"}


def test_a_grant_made_before_the_capability_is_registered_is_kept(table):
    capability_grant("thing.edit", roles={"steward"})
    assert capabilities_unregistered() == ["thing.edit"]
    capability_register("thing.edit", roles={"secretary"}, label="edit things")
    assert capability("thing.edit").roles == {"secretary", "steward"}
    assert capabilities_unregistered() == []


def test_an_unknown_capability_is_a_configuration_error(table):
    with pytest.raises(ImproperlyConfigured):
        may(_user(), "thing.misspelt")
    with pytest.raises(ValueError):
        capability_register("nodot", roles=set(), label="x")


def test_may_asks_for_a_post_with_a_granted_role(table):
    capability_register("thing.edit", roles={"secretary"}, label="edit things")
    user = _user()
    table[id(user)] = [_held("grid_worker", "0001")]
    assert not may(user, "thing.edit")
    other = _user()
    table[id(other)] = [_held("secretary", "0002")]
    assert may(other, "thing.edit")
    assert not may(SimpleNamespace(is_authenticated=False), "thing.edit")


def test_at_a_place_only_a_post_over_it_counts(table):
    capability_register("thing.edit", roles={"secretary"}, label="edit things")
    user = _user()
    # Secretary of 0001, grid worker over 0002: he may act in 0001 and under it, not in 0002.
    table[id(user)] = [_held("secretary", "0001"), _held("grid_worker", "0002")]
    assert may(user, "thing.edit", at="00010003")
    assert not may(user, "thing.edit", at="00020003")
    assert not may(user, "thing.edit", at="")
    assert paths_with(user, "thing.edit") == ["0001"]


def test_an_object_counts_only_when_the_posts_with_the_capability_reach_it(table, world):
    capability_register("area.edit", roles={"secretary"}, label="edit areas")
    capability_register("area.look", roles={"secretary", "volunteer"}, label="look at areas", action=VIEW)
    first, second = world.communities[0], world.streets[1]
    user = _user()
    table[id(user)] = [_held("volunteer", first.path, writes=False), _held("secretary", second.path)]
    assert may(user, "area.edit", second)
    # The volunteer's post reaches the first community but has no capability to edit it; the secretary's
    # post has it but does not reach there.
    assert not may(user, "area.edit", first)
    assert may(user, "area.look", first)
    reader = _user()
    table[id(reader)] = [_held("secretary", first.path, writes=False)]
    assert not may(reader, "area.edit", first)  # a change needs a post that writes
    assert may(reader, "area.look", first)


def test_require_refuses_with_a_chinese_reason_naming_the_capability(table):
    capability_register("thing.edit", roles={"secretary"}, label="edit things")
    user = _user()
    table[id(user)] = [_held("grid_worker", "0001")]
    with translation.override("zh-hans"), pytest.raises(DomainError) as refused:
        require(user, "thing.edit")
    assert refused.value.code == "forbidden"
    assert "edit things" in refused.value.message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in refused.value.message)


def test_the_context_is_built_once_and_forgotten_on_request(table):
    calls = []
    user = _user()
    context_module._provider = lambda *, user: calls.append(1) or [_held("secretary", "0001")]
    context = user_context(user)
    assert context.roles == {"secretary"}
    assert context.grants.area_paths[CHANGE] == {"0001"}
    assert context.memo("app.figure", lambda: 42) == 42
    assert context.memo("app.figure", lambda: 43) == 42
    assert user_context(user) is context and calls == [1]
    user_context_clear(user)
    assert user_context(user).roles == {"secretary"} and calls == [1, 1]


def test_the_matrix_names_personas_by_capability_role_or_name(table):
    capability_register("thing.edit", roles={"secretary"}, label="edit things")
    secretary = Persona("community_secretary", frozenset({"secretary"}))
    steward = Persona("new_steward", frozenset({"steward"}))
    rule = Rule(allowed=capable("thing.edit") | named("auditor"), scoped=ANYONE - capable("thing.edit"))
    assert rule.expected(secretary) == ALLOWED
    assert rule.expected(Persona("auditor")) == ALLOWED
    assert rule.expected(steward) == SCOPED
    assert rule.capabilities() == {"thing.edit"}
    # A role granted the capability later is expected allowed, with no change to the rule.
    capability_grant("thing.edit", roles={"steward"})
    assert rule.expected(steward) == ALLOWED
    assert Rule(allowed=holding("steward")).expected(secretary) == FORBIDDEN
    # Sets of usernames still work, on either side of an operator.
    assert Rule(allowed=frozenset({"auditor"}) | capable("thing.edit")).expected(secretary) == ALLOWED
    without_resident = frozenset({"auditor", "resident"}) - named("resident")
    assert Rule(scoped=without_resident).expected("resident") == FORBIDDEN


def test_the_command_lists_the_projects_table():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("rights_table", stdout=out)
    rows = {line.split("\t")[0]: line.split("\t") for line in out.getvalue().splitlines()}
    assert rows["place.record_activity"][1] == "记录场所的活动"
    assert "audit_admin" in rows["audit.read"][3]
