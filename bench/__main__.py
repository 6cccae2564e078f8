import logging
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lianxin.settings")
django.setup()

from django.conf import settings  # noqa: E402

from bench import (  # noqa: E402
    api_inproc,
    assessment,
    batch,
    dashboard,
    figures,
    home,
    http,
    intake,
    mobilise,
    points,
    queue,
    rural,
    service_orders,
)
from bench.common import environment, results_path  # noqa: E402
from bench.data import ensure_world_and_cases  # noqa: E402

# Each takes the data size of the bench database (cases, events) to print and record beside its figures.
BENCHMARKS = [
    home,
    intake,
    service_orders,
    figures,
    dashboard,
    queue,
    points,
    assessment,
    mobilise,
    rural,
    api_inproc,
    batch,
    http,
]


def main() -> None:
    # Measure as production runs: no query log, WhiteNoise serving collected files without re-scanning.
    settings.DEBUG = False
    # One log line per request would drown the table and time the terminal, not the page.
    logging.getLogger("django_structlog").setLevel(logging.WARNING)
    env = environment()
    print("Lianxin benchmarks: " + ", ".join(f"{k}={v}" for k, v in env.items()))
    data_size = ensure_world_and_cases()
    print("Bench data: " + ", ".join(f"{k}={v:,}" for k, v in data_size.items()))
    # BENCH_ONLY=queue,intake runs only those (the figures of one change, without the half-hour of the rest).
    only = {name.strip() for name in os.environ.get("BENCH_ONLY", "").split(",") if name.strip()}
    for benchmark in BENCHMARKS:
        if not only or benchmark.__name__.rsplit(".", 1)[-1] in only:
            benchmark.run(data_size)
    print(f"\nResults appended to {results_path()}")


main()
