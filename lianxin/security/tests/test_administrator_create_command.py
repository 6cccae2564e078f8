"""Issue 18 finding 3 (management commands): the shell is trusted, but a command that writes posts or
accounts goes through the services and the posts' one rule. ``manage.py administrator_create`` gives only
the three administrator roles, never beside another post: an administrator account never gets a business
post, and a business account never gets an administrator's role."""

import io

import pytest
from django.core.management import CommandError, call_command

from lianxin.audit.models import AuditRecord
from lianxin.people.models import Post, User
from lianxin.people.roles import Role

pytestmark = pytest.mark.django_db

PASSWORD = "Chushi#Kouling2026"  # noqa: S105 - a test password that meets the policy


@pytest.fixture
def stdin_from(monkeypatch):
    def set_to(text):
        monkeypatch.setattr("sys.stdin", io.StringIO(text))

    return set_to


def test_the_first_security_administrator_is_created_from_the_shell(stdin_from, db):
    stdin_from(PASSWORD + "\n")
    out = io.StringIO()
    call_command("administrator_create", "secadmin_li", "security_admin", "--password-stdin", stdout=out)

    account = User.objects.get(username="secadmin_li")
    assert account.check_password(PASSWORD) and account.must_change_password
    post = Post.objects.current().get(person=account.person)
    assert (post.role, post.area_id, post.department_id) == (Role.SECURITY_ADMIN, None, None)
    assert account.person.name == "secadmin_li"  # a blank record, nobody's personal data
    assert "安全管理员" in out.getvalue()
    assert AuditRecord.objects.filter(object_type__icontains="post", object_id=str(post.pk)).exists()


def test_the_shell_gives_no_business_post(stdin_from, db):
    stdin_from(PASSWORD + "\n")
    with pytest.raises(CommandError):
        call_command("administrator_create", "wangge", "grid_worker", "--password-stdin")
    assert not User.objects.filter(username="wangge").exists()


def test_an_account_with_a_business_post_gets_no_administrators_role(stdin_from, cast):
    with pytest.raises(CommandError) as refused:
        call_command("administrator_create", "grid_worker", "audit_admin")

    assert "管理员" in str(refused.value)
    assert not Post.objects.filter(person=cast.grid_worker.person, role=Role.AUDIT_ADMIN).exists()


def test_an_administrator_gets_no_second_administrators_role(cast):
    with pytest.raises(CommandError):
        call_command("administrator_create", "auditor", "system_admin")
    assert not Post.objects.filter(person=cast.auditor.person, role=Role.SYSTEM_ADMIN).exists()


def test_a_weak_initial_password_is_refused(stdin_from, db):
    stdin_from("123456\n")
    with pytest.raises(CommandError):
        call_command("administrator_create", "sysadmin_ma", "system_admin", "--password-stdin")
    assert not User.objects.filter(username="sysadmin_ma").exists()
