"""Two identical steps at the same moment (same user, same key, as a double-clicked form sends them), each on
its own database connection: one event, and both get the case as the first left it; the second is not
refused for the state the first one made.

On a copy of the test database (``tests/test_crash_safety.database_copy``), as the other races are: SQLite's
in-memory test database refuses a second writer at once instead of letting it wait for the first.
"""

import json
import subprocess  # noqa: S404 - the process under test, with an argument list
import sys

import pytest

from lianxin.cases import services
from tests.cases_world import category
from tests.test_crash_safety import ROOT, child_env, database_copy, query_rows

pytestmark = pytest.mark.django_db(transaction=True)

RACE = """
import json, sys, threading, django
django.setup()
from django.db import connection
from lianxin.cases import services
from lianxin.cases.models import Case
from lianxin.core.errors_domain import DomainError
from lianxin.people.models import User

captain = User.objects.get(pk=int(sys.argv[1]))
case_pk = int(sys.argv[2])
n = int(sys.argv[3])
start = threading.Barrier(n)
answers = []

def take():
    start.wait()
    try:
        case = services.case_take(captain, case=Case.objects.get(pk=case_pk), idempotency_key="race-take")
        answers.append(case.state)
    except DomainError as error:
        answers.append(error.code)
    finally:
        connection.close()

threads = [threading.Thread(target=take) for _ in range(n)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(json.dumps(answers))
"""


def test_identical_steps_at_once_make_one_event_and_both_get_its_answer(world, cast, places, tmp_path):
    case = services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="楼道灯不亮"
    )
    with database_copy(tmp_path) as (url, pg_name):
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-c", RACE, str(cast.building_captain.pk), str(case.pk), "3"],
            cwd=ROOT,
            env=child_env(url, tmp_path),
            capture_output=True,
            text=True,
            check=True,
        )
        answers = json.loads(done.stdout.strip().splitlines()[-1])
        count = "SELECT COUNT(*) FROM cases_caseevent WHERE idempotency_key = 'race-take'"
        takes = query_rows(url, pg_name, count)

    assert answers == ["in_progress"] * 3, (answers, done.stderr[-3000:])
    assert takes == [(1,)]
