"""The settings the test suite runs with: the project's own, plus the test apps that plug into it the way a
new domain app would (``tests/plugin_app``: a step listener; ``tests/rights_app``: a role and its
capabilities). Production and the demo never load these apps."""

from lianxin.settings import *  # noqa: F403
from lianxin.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.plugin_app", "tests.rights_app"]
