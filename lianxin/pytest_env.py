"""Loaded by pytest before Django starts (``-p lianxin.pytest_env`` in pyproject.toml).

Tests run as a developer's machine does: DEBUG on, so the generated secrets in var/ are used and a bare
``pytest`` works without exporting anything. pytest-django still runs each test with DEBUG off.
"""

import os

os.environ.setdefault("DEBUG", "true")
