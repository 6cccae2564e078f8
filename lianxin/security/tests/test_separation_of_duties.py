"""三员分立: the system, security and audit administrators each do their own work and none of the others'."""

import pytest
from django.core.exceptions import ValidationError

from lianxin.people.models import Person, Post, User
from lianxin.people.roles import Role
from lianxin.security.services import post_check_admin_roles

pytestmark = pytest.mark.django_db

# What each administrator may open (200) and may not (403 or, for the admin site's models, 403).
WORK = {
    "config": "/admin/people/department/",
    "accounts": "/admin/people/user/",
    "new_account": "/admin/people/user/add/",
    "posts": "/admin/people/post/",
    "second_factors": "/admin/otp_totp/totpdevice/",
    "lockouts": "/security/lockouts/",
    "audit": "/audit/",
    "audit_export": "/audit/export.xlsx",
    "persons": "/admin/people/person/",
    "person_pages": "/people/",
}
MAY = {
    "sysadmin": {"config", "accounts", "new_account"},
    "secadmin": {"posts", "second_factors", "lockouts", "accounts"},
    "auditor": {"audit", "audit_export"},
}


@pytest.mark.parametrize("username", sorted(MAY))
@pytest.mark.parametrize("work", sorted(WORK))
def test_each_administrator_does_only_his_own_work(client_as, username, work):
    response = client_as(username).get(WORK[work])

    if work in MAY[username]:
        assert response.status_code == 200, (username, work)
    elif work == "person_pages":
        # The person search answers with his own record only: none of the three reads residents' data.
        assert response.status_code == 200
        names = [p.name for p in response.context["page"].object_list]
        assert names == [User.objects.get(username=username).person.name]
    else:
        assert response.status_code in (302, 403), (username, work, response.status_code)
        assert response.status_code == 403 or "/accounts/login/" not in response.get("Location", "")


def test_the_system_administrator_creates_accounts_but_cannot_grant_roles_or_superuser(client_as, cast):
    client = client_as("sysadmin")
    response = client.post(
        "/admin/people/user/add/",
        {
            "username": "new_clerk",
            "password1": "Clerk#2026abc",
            "password2": "Clerk#2026abc",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="new_clerk")
    assert user.must_change_password
    form = client.get(f"/admin/people/user/{user.pk}/change/").content.decode()
    for field in ("is_superuser", "user_permissions", "groups"):
        assert f'name="{field}"' not in form
    assert client.get("/admin/people/post/add/").status_code == 403


def test_the_superuser_flag_opens_nothing(client_as, cast):
    User.objects.filter(pk=cast.resident.pk).update(is_superuser=True, is_staff=True)
    client = client_as("resident")
    assert client.get("/admin/", follow=True).status_code == 403
    assert client.get("/audit/").status_code == 403
    assert not User.objects.get(pk=cast.resident.pk).has_perm("people.view_person")


def test_no_account_holds_two_administrator_roles(cast):
    second = Post(person=cast.secadmin.person, role=Role.AUDIT_ADMIN)
    with pytest.raises(ValidationError):
        post_check_admin_roles(post=second)
    business = Post(person=cast.auditor.person, role=Role.GRID_WORKER, area=cast.grid_worker.person.area)
    with pytest.raises(ValidationError):
        post_check_admin_roles(post=business)
    newcomer = Person.objects.create(name="新管理员")
    post_check_admin_roles(post=Post(person=newcomer, role=Role.SYSTEM_ADMIN))


def test_the_security_administrator_cannot_give_himself_the_audit_role(client_as, cast):
    client = client_as("secadmin")
    response = client.post(
        "/admin/people/post/add/",
        {"person": cast.secadmin.person.pk, "role": Role.AUDIT_ADMIN, "start_date": "2026-01-01"},
    )
    assert response.status_code == 200
    assert "管理员角色" in response.content.decode()
    assert not Post.objects.filter(person=cast.secadmin.person, role=Role.AUDIT_ADMIN).exists()


def test_the_security_administrator_assigns_a_post(client_as, cast, world):
    newcomer = Person.objects.create(name="新网格员")
    client = client_as("secadmin")
    response = client.post(
        "/admin/people/post/add/",
        {
            "person": newcomer.pk,
            "role": Role.GRID_WORKER,
            "area": world.estates[1].pk,
            "start_date": "2026-01-01",
        },
    )
    assert response.status_code == 302, response.content.decode()[:800]
    post = Post.objects.get(person=newcomer)
    assert post.area_path == world.estates[1].path

    from lianxin.audit.models import AuditRecord

    assert AuditRecord.objects.filter(
        action="permission_change", object_type="people.post", object_id=str(post.pk)
    )
