"""Two residents redeem the last one at the same moment, each on his own database connection: one gets it,
the other a 409 库存不足, and the stock never goes below zero (the conditional UPDATE, on SQLite and on
PostgreSQL, where the loser's UPDATE waits for the winner's commit and re-reads the row).

On a copy of the test database (``tests/test_crash_safety.database_copy``), as the idempotency race is:
SQLite's in-memory test database refuses a second writer at once instead of letting it wait.
"""

import json
import subprocess  # noqa: S404 - the process under test, with an argument list
import sys

import pytest

from tests.test_crash_safety import ROOT, child_env, database_copy, query_rows

pytestmark = pytest.mark.django_db(transaction=True)

RACE = """
import json, threading, django
django.setup()
from django.db import connection
from lianxin.core.errors_domain import DomainError
from lianxin.people.models import Organisation, User
from lianxin.points.models import Reward
from lianxin.points.services import points_award, reward_redeem

shop = Organisation.objects.create(kind="partner_shop", name="惠邻超市")
rice = Reward.objects.create(name="大米", points_price=30, stock=1, shop=shop)
users = [User.objects.get(username=name) for name in ("resident", "volunteer")]
for user in users:
    points_award(None, person=user.person, amount=30, key="race", reason="微心愿", source_kind="wish")
start = threading.Barrier(len(users))
answers = []

def redeem(user):
    start.wait()
    try:
        reward_redeem(user, reward=Reward.objects.get(pk=rice.pk))
        answers.append("ok")
    except DomainError as error:
        answers.append(error.message)
    finally:
        connection.close()

threads = [threading.Thread(target=redeem, args=(user,)) for user in users]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(json.dumps(sorted(answers)))
"""


def test_racing_for_the_last_one_one_wins(world, cast, tmp_path):
    with database_copy(tmp_path) as (url, pg_name):
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-c", RACE],
            cwd=ROOT,
            env=child_env(url, tmp_path, LANGUAGE_CODE="zh-hans"),
            capture_output=True,
            text=True,
            check=True,
        )
        answers = json.loads(done.stdout.strip().splitlines()[-1])
        stock = query_rows(url, pg_name, "SELECT stock FROM points_reward")
        redemptions = query_rows(url, pg_name, "SELECT COUNT(*) FROM points_redemption")
        spent = query_rows(url, pg_name, "SELECT COUNT(*) FROM points_pointsentry WHERE kind = 'redeem'")

    assert answers == ["ok", "库存不足"], done.stderr[-3000:]
    assert stock == [(0,)]
    assert redemptions == [(1,)]
    assert spent == [(1,)]
