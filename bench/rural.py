"""Rural (issue 23): collective-income tiers at city scale, and the collective-income import.

``manage.py generate_rural --villages N --years 5`` (N from BENCH_RURAL_VILLAGES, default 20,000) adds
generated counties, townships and villages under 鲁西市 with five years of incomes, once; then:

- ``income_tiers_counties_year_p95_ms``: the tiers of one year for every county of the city (one roll-up
  query, ``income_tiers_children``);
- ``income_tiers_city_5y_p95_ms``: the city's tiers for five years with their change (``income_tiers``);
- ``income_tiers_direct_p95_ms``: the city's one year straight from the income rows, the baseline
  (the issue's goal: the roll-up reads ≤ 100 ms);
- ``accounts_import_rows_per_s``: BENCH_RURAL_IMPORT_ROWS (10,000) rows of incomes, 1 % bad, checked and
  written in a transaction rolled back (the import's preview), against ``openpyxl_read_rows_per_s``, reading
  the same workbook alone (the goal: ≥ 1,000 rows a second).

Never asserted.
"""

import io
import os
import time
from datetime import date

from django.core.management import call_command
from django.db import transaction
from openpyxl import Workbook, load_workbook

from bench.common import print_table, record, time_calls
from lianxin.areas.models import Area, Level

RUNS = 30
CITY_NAME = "鲁西市"
IMPORTER = "bench_rural_importer"


def _importer(city):
    from lianxin.people.models import Person, Post, User
    from lianxin.people.roles import Role

    user = User.objects.filter(username=IMPORTER).first()
    if user is None:
        person = Person.objects.create(name="收入导入基准")
        user = User.objects.create(username=IMPORTER, person=person)
    if not Post.objects.filter(person=user.person, role=Role.ORG_ADMIN, area=city).exists():
        Post.objects.create(
            person=user.person,
            role=Role.ORG_ADMIN,
            area=city,
            area_path=city.path,
            start_date=date(2020, 1, 1),
        )
    return user


def _workbook(villages, rows: int, year: int) -> bytes:
    from lianxin.rural.imports_land import SPEC

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(SPEC.label))
    sheet.append([str(c.label) for c in SPEC.columns])
    for n in range(rows):
        village = villages[n % len(villages)]
        bad = n % 100 == 99  # 1 % bad: a negative amount
        other = "-5" if bad else "3000"
        row_year = str(year + n // len(villages))
        sheet.append([village.code, row_year, "50000", "20000", "0", "10000", other, "0"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class _Upload(io.BytesIO):
    name = "收入导入基准.xlsx"
    size = 0


def _upload(data: bytes):
    upload = _Upload(data)
    upload.size = len(data)
    return upload


def run(data_size: dict) -> None:
    from lianxin.imports.runner import rows_apply
    from lianxin.imports.workbook import rows_read
    from lianxin.rural.imports_land import SPEC
    from lianxin.rural.selectors.land import income_tiers, income_tiers_children, income_tiers_direct

    wanted = int(os.environ.get("BENCH_RURAL_VILLAGES", 20_000))
    call_command("generate_rural", villages=wanted, years=5, verbosity=1)
    city = Area.objects.get(level=Level.CITY, name=CITY_NAME)
    last = date.today().year - 1
    years = list(range(last - 4, last + 1))
    counties = income_tiers_children(root=city, year=last)
    direct = income_tiers_direct(root=city, year=last)
    [city_last] = income_tiers(root=city, years=[last])
    assert [t["count"] for t in city_last.tiers] == direct["tiers"], "roll-up and rows disagree"

    per_county = time_calls(lambda: income_tiers_children(root=city, year=last), runs=RUNS, warmup=3)
    five_years = time_calls(lambda: income_tiers(root=city, years=years), runs=RUNS, warmup=3)
    baseline = time_calls(lambda: income_tiers_direct(root=city, year=last), runs=RUNS, warmup=3)
    villages_n = Area.objects.filter(level=Level.VILLAGE, path__startswith=city.path).count()
    size = {**data_size, "villages": villages_n, "years": len(years), "counties": len(counties)}

    # The import: 1 % bad rows, every row checked and written, then rolled back (the preview's run).
    rows_n = int(os.environ.get("BENCH_RURAL_IMPORT_ROWS", 10_000))
    user = _importer(city)
    sample = list(
        Area.objects.filter(
            level=Level.VILLAGE, path__startswith=city.path, name__startswith="生成村"
        ).order_by("path")[:2000]
    )
    data = _workbook(sample, rows_n, 2040)
    started = time.perf_counter()
    rows = rows_read(_upload(data), SPEC)
    with transaction.atomic():
        outcome = rows_apply(spec=SPEC, actor=user, rows=rows)
        transaction.set_rollback(True)
    imported = time.perf_counter() - started
    started = time.perf_counter()
    sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    read = sum(1 for _row in sheet.iter_rows(values_only=True)) - 1
    reading = time.perf_counter() - started
    bad = len({e["row"] for e in outcome.errors})
    import_size = {**data_size, "rows": len(rows), "bad_rows": bad, "written": outcome.written}

    lines = [
        record(name="income_tiers_counties_year_p95_ms", value=per_county.p95, unit="ms",
               baseline_name="income_tiers_direct_p95_ms", baseline_value=baseline.p95, data_size=size),
        record(name="income_tiers_city_5y_p95_ms", value=five_years.p95, unit="ms",
               baseline_name="income_tiers_direct_p95_ms", baseline_value=baseline.p95, data_size=size),
        record(name="income_tiers_direct_p95_ms", value=baseline.p95, unit="ms",
               baseline_name="income_tiers_city_5y_p95_ms", baseline_value=five_years.p95, data_size=size),
        record(name="accounts_import_rows_per_s", value=len(rows) / imported, unit="rows/s",
               baseline_name="openpyxl_read_rows_per_s", baseline_value=read / reading,
               data_size=import_size),
    ]  # fmt: skip
    print_table("Rural: collective-income tiers and import", lines)
