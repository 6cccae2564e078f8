import os
import subprocess
import sys

import pytest
from django.conf import settings

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
