"""Identical requests at the same moment, each on its own database connection: the write is done once, and
every request gets the same answer.

On a copy of the test database (``tests/test_crash_safety.database_copy``): the test database of SQLite is
shared in memory, where a second writer is refused at once instead of waiting for the first as it does on a
file or on PostgreSQL. The same outcome is asserted on both: the first request writes and answers 201, the
three others wait for its transaction and get its answer replayed.
"""

import json
import subprocess  # noqa: S404 - the process under test, with an argument list
import sys

import pytest

from tests.test_crash_safety import ROOT, child_env, database_copy, query_rows

pytestmark = pytest.mark.django_db(transaction=True)

RACE = """
import json, sys, threading, django
django.setup()
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import setup_test_environment
from lianxin.people.models import User
from lianxin.tokens.services import token_create

setup_test_environment()
# The copy's process has no Redis, so its rate-limit counters (token sign-in counts them) live in the
# database table; a test database made while Redis was the shared cache has no such table.
call_command("createcachetable", verbosity=0)
_token, secret = token_create(actor=User.objects.get(username="grid_worker"), name="race")
n = int(sys.argv[1])
start = threading.Barrier(n)
answers = []

def send():
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    start.wait()
    try:
        r = client.post(
            "/api/v1/me/tokens", {"name": "巡查App"}, content_type="application/json",
            HTTP_IDEMPOTENCY_KEY="race-1",
        )
        answers.append([r.status_code, r.get("Idempotent-Replayed", ""), r.content.decode()])
    finally:
        connection.close()

threads = [threading.Thread(target=send) for _ in range(n)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(json.dumps(answers))
"""


def test_identical_requests_at_once_write_once_and_get_one_answer(world, cast, tmp_path):
    with database_copy(tmp_path) as (url, pg_name):
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-c", RACE, "4"],
            cwd=ROOT,
            env=child_env(url, tmp_path),
            capture_output=True,
            text=True,
            check=True,
        )
        answers = json.loads(done.stdout.strip().splitlines()[-1])
        tokens = query_rows(url, pg_name, "SELECT COUNT(*) FROM tokens_apitoken WHERE name = '巡查App'")
        kept = query_rows(url, pg_name, "SELECT COUNT(*) FROM core_idempotentanswer WHERE key = 'race-1'")

    assert [status for status, _replayed, _body in answers] == [201] * 4, (answers, done.stderr[-3000:])
    assert sorted(replayed for _status, replayed, _body in answers) == ["", "true", "true", "true"]
    assert len({body for _status, _replayed, body in answers}) == 1
    assert tokens == [(1,)]
    assert kept == [(1,)]
