"""The authorization matrix: every route of the URL conf × every demo role, against the declared tables
(``lianxin/<app>/access.py``, see lianxin.core.access). A route without an entry fails the first test.

The full role × route run is marked ``matrix`` (about 30 s): ``make matrix`` runs it, and CI on every run;
``make test`` runs the completeness check only.
"""

import re
from types import SimpleNamespace

import pytest
from django.test import Client

from lianxin.core.access import (
    ADMINS,
    ALL_ROLES,
    ALLOWED,
    FORBIDDEN,
    LOGIN,
    PUBLIC,
    SCOPED,
    Persona,
    routes,
    tables,
)
from lianxin.core.context import user_context
from tests.personas import otp_verify_session

pytestmark = pytest.mark.django_db

_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def test_every_route_has_an_entry_in_an_access_table():
    declared = tables()
    missing = sorted({route for route, _pattern in routes()} - set(declared))
    assert missing == [], (
        "These routes have no entry in any lianxin/<app>/access.py ACCESS table; declare what each demo role "
        f"gets (allowed, forbidden, scoped): {missing}"
    )
    stale = sorted(set(declared) - {route for route, _pattern in routes()})
    assert stale == [], f"These ACCESS entries name routes that no longer exist: {stale}"


def route_path(route: str, rule, w) -> str:
    if rule.path:
        return "/" + rule.path
    values = rule.kwargs(w) if rule.kwargs else {}
    path = _PARAM.sub(lambda m: str(values[m.group("name")]), route)
    assert "(" not in path and "^" not in path, f"{route}: a regular-expression route needs Rule(path=...)"
    return "/" + path


def _outcome(response) -> str:
    status = response.status_code
    location = response.get("Location", "")
    if status == 404:
        return SCOPED
    if status == 403 or (status == 302 and location.startswith("/admin/login/")):
        return FORBIDDEN
    if status in (401,) or (status == 302 and location.startswith("/accounts/login/")):
        return LOGIN
    if status < 400 or status == 400:
        return ALLOWED
    return f"status {status}"


def _request(client, rule, path):
    if rule.method == "POST":
        return client.post(path, rule.data)
    return client.get(path, rule.data)


@pytest.fixture
def w(world, cast):
    return SimpleNamespace(world=world, cast=cast)


def persona_of(user) -> Persona:
    """The persona the tables' capabilities and roles are resolved against: the user's name and the roles
    of his current posts (from the same user context the rights table reads)."""
    return Persona(user.username, user_context(user).roles)


def routes_requested_as(user, w, table: dict, *, located_as: str = "") -> list[str]:
    """Request every route of ``table`` as ``user``; the routes whose outcome is not what the table says.
    ``located_as``: a demo username whose post stands where the user's does, for the sets the tables name by
    username (where a post lies); capabilities and roles are the user's own."""
    client = Client()
    client.force_login(user)
    otp_verify_session(client, user)
    persona = persona_of(user)
    if located_as:
        persona = Persona(located_as, persona.roles)
    wrong = []
    for route, rule in sorted(table.items()):
        if rule.skip:
            continue
        path = route_path(route, rule, w)
        actual = _outcome(_request(client, rule, path))
        if actual != rule.expected(persona):
            wrong.append(f"{rule.method} {path}: expected {rule.expected(persona)}, got {actual}")
    return wrong


@pytest.mark.matrix
@pytest.mark.parametrize("role", sorted(ALL_ROLES))
def test_each_role_gets_what_the_tables_declare(w, role):
    wrong = routes_requested_as(w.cast[role], w, tables())
    assert wrong == [], "\n".join(wrong)


@pytest.mark.matrix
def test_without_signing_in_only_public_routes_answer(w):
    client = Client()
    wrong = []
    for route, rule in sorted(tables().items()):
        if rule.skip:
            continue
        path = route_path(route, rule, w)
        response = _request(client, rule, path)
        actual = _outcome(response)
        expected = LOGIN if rule.anonymous == LOGIN else None
        if rule.anonymous == PUBLIC:
            if actual == LOGIN:
                wrong.append(f"{path}: declared public, but asks to sign in")
        elif actual not in (LOGIN, FORBIDDEN) or (route.startswith("api/") and response.status_code != 401):
            wrong.append(f"{rule.method} {path}: expected {expected}, got {actual} ({response.status_code})")
    assert wrong == [], "\n".join(wrong)


def import_file(kind: str, rows: list[dict]):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    from lianxin.imports.specs import SPECS

    spec = SPECS[kind]
    workbook = Workbook()
    workbook.active.append([str(c.label) for c in spec.columns])
    for row in rows:
        workbook.active.append([row.get(c.key, "") for c in spec.columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("矩阵.xlsx", buffer.getvalue())


def test_every_import_kind_has_an_entry_in_the_import_table():
    from lianxin.imports.access import IMPORTS
    from lianxin.imports.specs import SPECS

    missing = sorted(set(SPECS) - {key.split(":")[0] for key in IMPORTS})
    assert missing == [], f"Declare who may import these kinds in lianxin/imports/access.py: {missing}"


@pytest.mark.parametrize("role", sorted(ALL_ROLES))
def test_each_role_imports_what_the_import_table_declares(w, role):
    """Import kinds × roles: the preview (the same run confirmation makes, rolled back) as each role."""
    from lianxin.core.errors_domain import DomainError
    from lianxin.imports.access import IMPORTS
    from lianxin.imports.services import batch_preview
    from lianxin.imports.specs import SPECS

    user = w.cast[role]
    wrong = []
    for key, rule in sorted(IMPORTS.items()):
        kind = key.split(":")[0]
        if kind not in SPECS:
            continue
        rows = rule.kwargs(w) if rule.kwargs else []
        try:
            batch = batch_preview(actor=user, kind=kind, upload=import_file(kind, rows))
        except DomainError as error:
            actual = FORBIDDEN if error.code == "forbidden" else ALLOWED  # "empty": a header-only file
        else:
            actual = SCOPED if batch.errors else ALLOWED
        if actual != rule.expected(persona_of(user)):
            wrong.append(f"import {key}: expected {rule.expected(persona_of(user))}, got {actual}")
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize("role", sorted(ADMINS))
def test_admin_change_forms_offer_no_link_to_a_person(w, role):
    """Every admin add and change form each administrator may open: no field chooses or shows a person
    (the raw-id widget printed the name of any person id submitted), whatever the model."""
    from django.contrib import admin

    from lianxin.people.models import Person

    client = Client()
    client.force_login(w.cast[role])
    otp_verify_session(client, w.cast[role])
    wrong = []
    for model, model_admin in admin.site._registry.items():
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        pk = model_admin.get_queryset(_AdminRequest(w.cast[role])).values_list("pk", flat=True).first()
        for path in [base + "add/"] + ([f"{base}{pk}/change/"] if pk is not None else []):
            response = client.get(path)
            if response.status_code != 200 or "adminform" not in (response.context or {}):
                continue
            form = response.context["adminform"].form
            for name, field in form.fields.items():
                related = getattr(getattr(field, "queryset", None), "model", None)
                if related is Person or name == "person":
                    wrong.append(f"{path}: field {name} chooses a person")
    assert wrong == [], "\n".join(wrong)


class _AdminRequest:
    def __init__(self, user):
        self.user = user
