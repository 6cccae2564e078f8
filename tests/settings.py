"""The settings the test suite runs with: the project's own, plus the test apps that plug into it the way a
new domain app would (``tests/plugin_app``). Production and the demo never load these apps."""

from lianxin.settings import *  # noqa: F403
from lianxin.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.plugin_app"]
