"""Mobilisations (issue 22, readiness): BENCH_MOBILISE_PEOPLE persons (default 10,000) on one community's
plan, called in one drill.

- ``mobilise_10k_s``: launching the drill (the call-out, one row per person, every notice sent in batches of
  LIANXIN_MOBILISATION_BATCH) against ``mobilise_bare_inserts_s``, the same number of bare single-row inserts
  in one transaction;
- ``mobilise_acks_per_s``: answers by the signed link, POST /api/v1/acks/{token} through the whole Django
  stack in process (BENCH_MOBILISE_ACKS of them, default 2,000; the issue's 10,000 over gunicorn 2×20 is a
  deployment figure), against ``mobilise_bare_acks_per_s``, bare answer-row inserts;
- ``mobilisation_live_p95_ms``: the live page of that drill (counts, curve, silent list) for the community's
  secretary, against ``home_p95_ms``, his home page.
"""

import os
import time

from django.db import connection, transaction
from django.test import Client

from bench.common import print_table, record, signed_in, time_calls
from lianxin.areas.models import Area, Level
from lianxin.core.paths import under
from lianxin.people.models import Person, User

NAME_PREFIX = "动员压测"
PLAN_TITLE = "动员压测预案"
RUNS = 100


def _people_wanted() -> int:
    return int(os.environ.get("BENCH_MOBILISE_PEOPLE", 10_000))


def _secretary():
    return User.objects.filter(username="community_secretary").select_related("person").first()


def _ensure_plan(secretary, community, n: int):
    from lianxin.readiness import services
    from lianxin.readiness.models import EmergencyPlan, PlanTeamMember

    plan = EmergencyPlan.objects.filter(area=community, title=PLAN_TITLE).first()
    if plan is None:
        plan = services.plan_create(secretary, area=community, title=PLAN_TITLE, commander=secretary.person)
    team = plan.teams.first() or services.plan_team_add(secretary, plan=plan, name="压测队")
    have = PlanTeamMember.objects.filter(team=team).count()
    if have < n:
        estates = list(
            Area.objects.filter(under("path", community.path), level=Level.ESTATE).order_by("path")
        )
        people = []
        for i in range(have, n):
            p = Person(name=f"{NAME_PREFIX}{i:05d}")
            p.set_area(estates[i % len(estates)] if estates else community)
            people.append(p)
        Person.objects.bulk_create(people, batch_size=2000)
        made = Person.objects.filter(name__startswith=NAME_PREFIX).exclude(
            pk__in=PlanTeamMember.objects.filter(team=team).values("person_id")
        )
        PlanTeamMember.objects.bulk_create(
            [
                PlanTeamMember(team=team, person_id=pk, area_path=team.area_path)
                for pk in made.values_list("pk", flat=True)
            ],
            batch_size=2000,
        )
    return plan


def _bare_inserts(n: int) -> float:
    """n single-row inserts of a recipient-sized row, in one transaction, rolled back."""
    from lianxin.notifications.models import Outbox  # noqa: F401 - the same database, any small table

    started = time.perf_counter()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMPORARY TABLE bench_bare (id integer primary key, person integer, token varchar(40))"  # noqa: E501
            )
            for i in range(n):
                cursor.execute("INSERT INTO bench_bare (person, token) VALUES (%s, %s)", [i, f"t{i:039d}"])
            cursor.execute("DROP TABLE bench_bare")
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed


def run(data_size: dict) -> None:
    from lianxin.readiness import services
    from lianxin.readiness.models import MobilisationRecipient

    secretary = _secretary()
    if secretary is None or secretary.person is None or secretary.person.area is None:
        print("\nmobilise: no demo community secretary, skipped")
        return
    community = secretary.person.area
    n = _people_wanted()
    plan = _ensure_plan(secretary, community, n)
    started = time.perf_counter()
    m = services.mobilisation_launch(
        secretary,
        area=community,
        kind="drill",
        title="压测演练",
        place="社区广场",
        audience="teams",
        plan=plan,
    )
    services.mobilisation_send_batches(m.pk)
    launch_s = time.perf_counter() - started
    bare_s = _bare_inserts(m.called)
    size = {**data_size, "called": m.called}
    rows = [
        record(name="mobilise_10k_s", value=launch_s, unit="s", baseline_name="mobilise_bare_inserts_s",
               baseline_value=bare_s, data_size=size),
    ]  # fmt: skip
    acks = min(int(os.environ.get("BENCH_MOBILISE_ACKS", 2000)), m.called)
    tokens = list(MobilisationRecipient.objects.filter(mobilisation=m).values_list("token", flat=True)[:acks])
    client = Client()
    started = time.perf_counter()
    for i, token in enumerate(tokens):
        answer = "on_duty" if i % 5 else "standby"
        response = client.post(f"/api/v1/acks/{token}", {"answer": answer}, content_type="application/json")
        assert response.status_code == 201, response.content
    acks_per_s = len(tokens) / (time.perf_counter() - started)
    bare_per_s = len(tokens) / max(_bare_inserts(len(tokens)), 1e-9)
    rows.append(
        record(name="mobilise_acks_per_s", value=acks_per_s, unit="/s", baseline_name="mobilise_bare_acks_per_s",  # noqa: E501
               baseline_value=bare_per_s, data_size=size)
    )  # fmt: skip
    staff = signed_in(Client(), secretary)
    live = time_calls(lambda: staff.get(f"/readiness/mobilisations/{m.pk}/"), runs=RUNS)
    home = time_calls(lambda: staff.get("/"), runs=RUNS)
    rows.append(
        record(name="mobilisation_live_p95_ms", value=live.p95, unit="ms", baseline_name="home_p95_ms",
               baseline_value=home.p95, data_size=size)
    )  # fmt: skip
    print_table("Mobilisations", rows)
