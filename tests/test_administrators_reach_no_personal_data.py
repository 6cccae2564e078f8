"""三员分立 (issue 18): the system, security and audit administrators reach no personal data and cannot give
themselves or each other a business post, by any path: every admin form (changelist, add, change of every
registered ModelAdmin), every page and API endpoint of the URL conf, every import kind, and the services
behind them.

Personal data here is what identifies a resident or a post holder: a person's name, full or masked mobile
number, ID number. The walk of every route is marked ``matrix`` (make matrix, CI) like the role × route run.
"""

from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.test import Client

from lianxin.core.access import ADMINS, tables
from lianxin.core.errors_domain import DomainError
from lianxin.people.models import Person, Post, User
from lianxin.people.roles import ADMIN_ROLES, Role
from tests.personas import otp_verify_session

pytestmark = pytest.mark.django_db

BUSINESS_ROLES = [role for role in Role.values if role not in ADMIN_ROLES]


@pytest.fixture
def w(world, cast):
    return SimpleNamespace(world=world, cast=cast)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    otp_verify_session(client, user)
    return client


def _markers(viewer) -> dict[str, str]:
    """Every person's name, mobile (full and masked) and ID number, but the viewer's own."""
    markers = {}
    for person in Person.objects.exclude(pk=viewer.person_id):
        if len(person.name) >= 2:
            markers[person.name] = f"name of person {person.pk}"
        if person.mobile:
            markers[person.mobile] = f"mobile of person {person.pk}"
            markers[person.mobile_masked] = f"masked mobile of person {person.pk}"
        if person.id_number:
            markers[person.id_number] = f"ID number of person {person.pk}"
    return markers


def _leaks(content: str, markers: dict[str, str]) -> list[str]:
    return [what for marker, what in markers.items() if marker in content]


class _Request:
    def __init__(self, user):
        self.user = user


def _admin_paths(user) -> list[str]:
    paths = []
    for model, model_admin in admin.site._registry.items():
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        paths += [base, base + "add/"]
        own = model_admin.get_queryset(_Request(user)).values_list("pk", flat=True).first()
        first = model._base_manager.values_list("pk", flat=True).order_by("pk").first()
        paths += [f"{base}{pk}/change/" for pk in {own, first} if pk is not None]
    return paths


@pytest.mark.parametrize("username", sorted(ADMINS))
def test_no_admin_form_shows_personal_data(w, username):
    user = w.cast[username]
    client = _client(user)
    markers = _markers(user)
    wrong = []
    for path in _admin_paths(user):
        response = client.get(path)
        assert response.status_code < 500, path
        found = _leaks(response.content.decode(), markers)
        if found:
            wrong.append(f"{path}: {found[:3]}")
    assert wrong == [], "\n".join(wrong)


@pytest.mark.matrix
@pytest.mark.parametrize("username", sorted(ADMINS))
def test_no_page_or_api_endpoint_shows_personal_data(w, username):
    from tests.test_authorization_matrix import route_path

    user = w.cast[username]
    client = _client(user)
    markers = _markers(user)
    wrong = []
    for route, rule in sorted(tables().items()):
        if rule.skip or rule.method != "GET":
            continue
        path = route_path(route, rule, w)
        response = client.get(path, rule.data)
        if response.streaming:
            content = b"".join(response.streaming_content).decode(errors="replace")
        else:
            content = response.content.decode(errors="replace")
        if response.get("Content-Type", "").startswith(("text/", "application/json")):
            found = _leaks(content, markers)
            if found:
                wrong.append(f"{path}: {found[:3]}")
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize("username", sorted(ADMINS))
def test_no_import_kind_is_open_to_an_administrator(w, username):
    from lianxin.imports.services import batch_preview
    from lianxin.imports.specs import SPECS
    from tests.test_authorization_matrix import import_file

    for kind in SPECS:
        with pytest.raises(DomainError) as refused:
            batch_preview(actor=w.cast[username], kind=kind, upload=import_file(kind, [{"name": "x"}]))
        assert refused.value.code == "forbidden", kind


def _business_target(w, role: str) -> dict:
    if role == Role.DEPARTMENT_STAFF:
        return {"department": w.cast.dept_staff.person.posts.get().department}
    return {
        "area": w.world.estates[0] if role != Role.ORG_ADMIN else w.cast.county_admin.person.posts.get().area
    }


@pytest.mark.parametrize("username", sorted(ADMINS))
def test_no_administrator_gives_himself_or_another_administrator_a_business_post(w, username):
    from lianxin.people.accounts import account_link
    from lianxin.people.appointments import post_appoint, post_grant

    actor = w.cast[username]
    before = Post.objects.count()
    for target in sorted(ADMINS):
        account = w.cast[target]
        for role in BUSINESS_ROLES:
            with pytest.raises(DomainError):
                post_grant(actor=actor, account=account, role=role, **_business_target(w, role))
            with pytest.raises(DomainError):
                post_appoint(actor=actor, person=account.person, role=role, area=w.world.estates[0])
        # Nor a second administrator role, to himself or another.
        for role in ADMIN_ROLES:
            with pytest.raises(DomainError):
                post_grant(actor=actor, account=account, role=role)
    with pytest.raises(DomainError):
        account_link(
            actor=actor,
            account=User.objects.create(username=f"spare_{username}"),
            person=w.cast.resident.person,
        )
    assert Post.objects.count() == before


@pytest.mark.parametrize("username", sorted(ADMINS))
def test_no_admin_form_gives_an_administrator_a_business_post(w, username):
    """Through the configuration site: adding a post to any administrator's account, and changing any
    administrator's post into a business one."""
    client = _client(w.cast[username])
    before = set(Post.objects.values_list("pk", "role", "area_id", "department_id", "end_date"))
    for target in sorted(ADMINS):
        for role in (Role.GRID_WORKER, Role.ORG_ADMIN, Role.DEPARTMENT_STAFF, Role.SECRETARY):
            target_fields = {k: v.pk for k, v in _business_target(w, role).items()}
            client.post(
                "/admin/people/post/add/",
                {"account": target, "person": w.cast[target].person_id, "role": role,
                 "start_date": "2026-01-01", **target_fields},
            )  # fmt: skip
        post = Post.objects.get(person=w.cast[target].person)
        client.post(
            f"/admin/people/post/{post.pk}/change/",
            {"role": Role.GRID_WORKER, "area": w.world.estates[0].pk, "start_date": "2026-01-01"},
        )
    assert set(Post.objects.values_list("pk", "role", "area_id", "department_id", "end_date")) == before


def test_the_auditor_sees_post_holders_by_account_name_only(w):
    """The decision of docs/security.md: audit records name the acting account (its account name) and the
    object by type and number; a post's record carries its role and scope, never its holder's name."""
    from lianxin.audit.models import AuditRecord
    from lianxin.people.appointments import post_appoint

    captain = Person.objects.create(
        name="审计楼长", area=w.world.estates[0], area_path=w.world.estates[0].path
    )
    building = w.world.estates[0].get_children().first()
    post = post_appoint(
        actor=w.cast.community_secretary, person=captain, role=Role.BUILDING_CAPTAIN, area=building
    )
    record = AuditRecord.objects.filter(object_type="people.post", object_id=str(post.pk)).get()
    assert "审计楼长" not in record.object_repr
    page = _client(w.cast.auditor).get("/audit/").content.decode()
    assert "审计楼长" not in page
