import os
import subprocess
import sys

from django.conf import settings


def _start_django(**env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "FIELD_ENCRYPTION_KEY"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="lianxin.settings")
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
        ],
        env=clean,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _start_django(DEBUG="false", FIELD_ENCRYPTION_KEY="k" * 40)

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_production_refuses_to_start_without_a_field_encryption_key():
    result = _start_django(DEBUG="false", SECRET_KEY="s" * 50)

    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEY must be set when DEBUG is off" in result.stderr


def test_debug_is_off_unless_asked_for():
    result = _start_django(SECRET_KEY="s" * 50, FIELD_ENCRYPTION_KEY="k" * 40)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_the_demo_is_served_with_debug_off_on_this_machine_over_plain_http(tmp_path):
    # `make demo` sets DEBUG=false LIANXIN_DEMO=true: production's error pages and static files, but secrets
    # generated in var/ and plain HTTP on 127.0.0.1 (else the session cookie would never be sent back).
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "FIELD_ENCRYPTION_KEY"}}
    clean.update(
        DEBUG="false",
        LIANXIN_DEMO="true",
        LIANXIN_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="lianxin.settings",
    )
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, '127.0.0.1' in s.ALLOWED_HOSTS, "
        "s.SECRET_KEY == open(s.VAR_DIR / 'secret_key').read().strip())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=clean,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "False", "True", "True"]


def test_the_makefile_serves_the_demo_with_debug_off():
    makefile = (settings.BASE_DIR / "Makefile").read_text()

    assert "demo serve: export DEBUG = false" in makefile
    assert "demo serve: export LIANXIN_DEMO = true" in makefile


def test_load_demo_runs_in_the_demo_mode_and_refuses_a_production_configuration(settings):
    import pytest
    from django.core.management import CommandError, call_command

    settings.DEBUG = False
    settings.LIANXIN_DEMO = False
    with pytest.raises(CommandError, match="LIANXIN_DEMO"):
        call_command("load_demo")


def test_a_refused_csrf_token_gets_the_chinese_page(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x", "password": "y"})

    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()


def test_the_deployment_check_warns_when_the_demo_mode_is_on(settings):
    from lianxin.security.checks import demo_mode_is_off

    settings.LIANXIN_DEMO = True
    assert [w.id for w in demo_mode_is_off(None)] == ["lianxin.W010"]
    settings.LIANXIN_DEMO = False
    assert demo_mode_is_off(None) == []
