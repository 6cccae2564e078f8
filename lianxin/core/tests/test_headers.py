import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client

from lianxin.tokens.services import token_create

pytestmark = pytest.mark.django_db


def test_pages_carry_a_csp_without_inline_script_and_the_other_security_headers(client_as):
    response = client_as("grid_worker").get("/")

    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_page_template_holds_an_inline_script_or_event_handler():
    import re

    roots = [settings.BASE_DIR / "templates", settings.BASE_DIR / "lianxin"]
    offenders = []
    for root in roots:
        for path in root.rglob("*.html"):
            text = path.read_text(encoding="utf-8")
            for match in re.finditer(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", text):
                offenders.append(f"{path}: {match.group(0)}")
            if re.search(r"\son(click|load|submit|change|input)=", text):
                offenders.append(f"{path}: inline event handler")
    assert offenders == []


def test_production_settings_turn_on_hsts_and_secure_cookies():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE"}
    }
    env.update(
        DEBUG="false",
        SECRET_KEY="s" * 50,
        FIELD_ENCRYPTION_KEY="k" * 40,
        DJANGO_SETTINGS_MODULE="lianxin.settings",
    )
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["31536000", "True", "True", "True"]


@pytest.mark.parametrize(
    ("username", "path"),
    [
        ("county_admin", "/people/"),
        ("grid_worker", "/cases/todo/"),
        ("resident", "/accounts/me/data/"),
        ("resident", "/"),
        ("grid_worker", "/api/v1/me"),
    ],
)
def test_signed_in_answers_are_never_stored_by_the_browser_or_a_proxy(client_as, cast, username, path):
    # A shared desk's browser cache, or a proxy's, must not keep the masked (or revealed) personal data.
    from tests.personas import otp_verify_session

    client = client_as(username)
    otp_verify_session(client, cast[username])
    response = client.get(path)

    assert response.status_code == 200, path
    assert "no-store" in response["Cache-Control"]


def test_case_photos_are_served_in_a_sandbox_that_lets_nothing_in_them_run(client_as, cast, places):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from lianxin.cases import services
    from lianxin.cases.models import CasePhoto

    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), (10, 20, 30)).save(buffer, "PNG")
    services.photo_upload(cast.resident, upload=SimpleUploadedFile("a.png", buffer.getvalue()))
    photo = CasePhoto.objects.get(uploaded_by=cast.resident)
    _token, secret = token_create(actor=cast.resident, name="tests")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    page = client_as("resident")

    answers = [
        page.get(f"/cases/photos/{photo.pk}/"),
        page.get(f"/cases/photos/{photo.pk}/thumbnail/"),
        api.get(f"/api/v1/cases/photos/{photo.pk}"),
        api.get(f"/api/v1/cases/photos/{photo.pk}/thumbnail"),
    ]

    for response in answers:
        assert response.status_code == 200
        csp = [part.strip() for part in response["Content-Security-Policy"].split(";")]
        assert "sandbox" in csp and "default-src 'none'" in csp
        assert response["X-Content-Type-Options"] == "nosniff"
