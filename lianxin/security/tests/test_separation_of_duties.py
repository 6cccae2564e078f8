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
        {"account": "secadmin", "role": Role.AUDIT_ADMIN, "start_date": "2026-01-01"},
    )
    assert response.status_code == 200
    assert "自己的岗位" in response.content.decode()
    assert not Post.objects.filter(person=cast.secadmin.person, role=Role.AUDIT_ADMIN).exists()


def test_the_security_administrator_grants_a_department_post_to_an_account(client_as, cast, world):
    account = User.objects.create(username="new_clerk")
    client = client_as("secadmin")
    department = cast.dept_staff.person.posts.get().department
    response = client.post(
        "/admin/people/post/add/",
        {"account": "new_clerk", "role": Role.DEPARTMENT_STAFF, "department": department.pk,
         "start_date": "2026-01-01"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:800]
    account.refresh_from_db()
    post = Post.objects.get(person=account.person)
    assert post.role == Role.DEPARTMENT_STAFF and post.area_path == department.area.path
    # The account had no person: it gets a blank one named by the account, nobody's data.
    assert account.person.name == "new_clerk" and not account.person.mobile

    from lianxin.audit.models import AuditRecord

    assert AuditRecord.objects.filter(
        action="permission_change", object_type="people.post", object_id=str(post.pk)
    )


def test_the_security_administrator_grants_no_business_post(client_as, world):
    """Grid workers, secretaries … are appointed on the business pages, by the organisation department or a
    secretary over the area: the configuration site does not offer them."""
    User.objects.create(username="new_clerk")
    response = client_as("secadmin").post(
        "/admin/people/post/add/",
        {
            "account": "new_clerk",
            "role": Role.GRID_WORKER,
            "area": world.estates[1].pk,
            "start_date": "2026-01-01",
        },
    )
    assert response.status_code == 200
    assert not Post.objects.filter(
        role=Role.GRID_WORKER, area=world.estates[1], person__user__username="new_clerk"
    )


def test_the_security_administrator_cannot_turn_his_own_post_into_a_grid_workers(client_as, cast, world):
    """Issue 18 finding 2: editing his own 安全管理员 post into 网格员 of an estate was accepted, and /people/
    then listed the estate's residents. Nobody edits his own posts, and a granted post is only ever ended."""
    own = Post.objects.get(person=cast.secadmin.person, role=Role.SECURITY_ADMIN)
    client = client_as("secadmin")
    response = client.post(
        f"/admin/people/post/{own.pk}/change/",
        {
            "person": own.person_id,
            "role": Role.GRID_WORKER,
            "area": world.estates[0].pk,
            "start_date": "2026-01-01",
        },
    )
    assert response.status_code == 403
    own.refresh_from_db()
    assert (own.role, own.area_id, own.end_date) == (Role.SECURITY_ADMIN, None, None)
    names = [p.name for p in client.get("/people/").context["page"].object_list]
    assert names == [cast.secadmin.person.name]


def test_another_administrators_post_is_only_ended_never_changed_into_another(client_as, cast, world):
    audit = Post.objects.get(person=cast.auditor.person, role=Role.AUDIT_ADMIN)
    client = client_as("secadmin")
    form = client.get(f"/admin/people/post/{audit.pk}/change/").content.decode()
    assert 'name="role"' not in form and 'name="area"' not in form and 'name="end_date"' in form
    client.post(
        f"/admin/people/post/{audit.pk}/change/",
        {"role": Role.GRID_WORKER, "area": world.estates[0].pk, "end_date": ""},
    )
    audit.refresh_from_db()
    assert (audit.role, audit.area_id) == (Role.AUDIT_ADMIN, None)
    # Ended, the account may not be handed a business post here: that goes through the business pages.
    response = client.post(
        f"/admin/people/post/{audit.pk}/change/", {"end_date": audit.start_date.isoformat()}
    )
    assert response.status_code == 302
    audit.refresh_from_db()
    assert audit.end_date == audit.start_date
    county = cast.county_admin.person.posts.get().area
    response = client.post(
        "/admin/people/post/add/",
        {"account": "auditor", "role": Role.ORG_ADMIN, "area": county.pk, "start_date": "2026-01-01"},
    )
    assert response.status_code == 200
    assert not Post.objects.filter(person=cast.auditor.person, role=Role.ORG_ADMIN).exists()


def test_the_account_forms_show_no_persons_name(client_as, cast):
    """Issue 18 finding 1: with a person id and an invalid account name, the raw-id widget printed the
    person's name, and the system administrator could link any account to any person."""
    resident = cast.resident.person
    target = User.objects.create(username="new_clerk")
    client = client_as("sysadmin")
    page = client.get(f"/admin/people/user/{target.pk}/change/").content.decode()
    assert 'name="person"' not in page
    response = client.post(
        f"/admin/people/user/{target.pk}/change/",
        {"username": "bad name!", "person": resident.pk, "is_active": "on"},
    )
    assert resident.name not in response.content.decode()
    client.post(f"/admin/people/user/{target.pk}/change/", {"username": "new_clerk", "person": resident.pk,
                                                              "is_active": "on"})  # fmt: skip
    target.refresh_from_db()
    assert target.person_id is None
    response = client_as("secadmin").post(
        "/admin/people/post/add/",
        {"account": "no such account", "person": resident.pk, "role": Role.SYSTEM_ADMIN},
    )
    assert response.status_code == 200 and resident.name not in response.content.decode()
