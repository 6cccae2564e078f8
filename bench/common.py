import json
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection


@dataclass
class Timing:
    samples_ms: list[float]

    @property
    def p50(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.samples_ms, n=100, method="inclusive")[94]

    @property
    def mean(self) -> float:
        return statistics.fmean(self.samples_ms)


def time_calls(fn: Callable[[], object], *, runs: int, warmup: int = 10) -> Timing:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return Timing(samples)


def environment() -> dict:
    return {
        "backend": connection.vendor,
        "python": platform.python_version(),
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "cpus": __import__("os").cpu_count(),
    }


def results_path() -> Path:
    path = Path(settings.VAR_DIR) / "bench" / "results.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def record(
    *, name: str, value: float, unit: str, baseline_name: str, baseline_value: float, data_size: dict
) -> dict:
    """Append one figure, with its baseline from the same run, to var/bench/results.jsonl."""
    line = {
        "name": name,
        "value": round(value, 3),
        "unit": unit,
        "baseline": {"name": baseline_name, "value": round(baseline_value, 3)},
        "ratio": round(value / baseline_value, 2) if baseline_value else None,
        "data_size": data_size,
        "backend": connection.vendor,
        "time": datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    with results_path().open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    return line


def print_table(title: str, rows: list[dict]) -> None:
    print(f"\n{title}")
    print(f"  {'figure':<24}{'value':>10}  {'baseline':<26}{'value':>10}{'ratio':>8}")
    for row in rows:
        baseline = row["baseline"]
        print(
            f"  {row['name']:<24}{row['value']:>8.2f}{row['unit']:>2}  {baseline['name']:<26}"
            f"{baseline['value']:>8.2f}{row['unit']:>2}{row['ratio']:>7}x"
        )


def signed_in(client, user):
    """Sign the client in as ``user`` past the second factor, as the sign-in page leaves an account that
    has one (the organisation department and the administrators must give it: docs/security.md)."""
    from tests.personas import otp_verify_session

    client.force_login(user)
    otp_verify_session(client, user)
    return client
