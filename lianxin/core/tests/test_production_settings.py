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
