"""The layers hold (docs/architecture.md, 分层与依赖): the import contracts of .importlinter, run as
`make lint` runs them, so a new wrong arrow fails the suite as well as CI's lint step."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_import_contracts_hold():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_every_app_stands_in_a_layer():
    """A new app that no contract names could import anything: each is the core, a domain app (the source
    of the adapters contract) or an adapter (one of its forbidden modules)."""
    import configparser

    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    domain = config["importlinter:contract:domain-imports-no-adapter"]
    named = {"lianxin.core", *domain["source_modules"].split(), *domain["forbidden_modules"].split()}
    apps = {f"lianxin.{path.parent.name}" for path in (ROOT / "lianxin").glob("*/apps.py")}
    assert apps - named == set()
    core_forbids = set(config["importlinter:contract:core-imports-no-app"]["forbidden_modules"].split())
    assert apps - {"lianxin.core"} <= core_forbids
