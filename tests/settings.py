"""The settings the test suite runs with: the project's own, plus the test apps that plug into it the way a
new domain app would (``tests/plugin_app``: a step listener; ``tests/rights_app``: a role and its
capabilities). Production and the demo never load these apps."""

from lianxin.settings import *  # noqa: F403
from lianxin.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.plugin_app", "tests.rights_app"]

# A second alias on the test database (Django's test mirror), so that tests/ops/test_replica.py can turn the
# replica on (settings.REPLICA_DATABASE = "replica") and see which connection each query took. Off for every
# other test: REPLICA_DATABASE stays as the environment set it (None without DATABASE_REPLICA_URL).
DATABASES = {**DATABASES, "replica": {**DATABASES["default"], "TEST": {"MIRROR": "default"}}}  # noqa: F405
