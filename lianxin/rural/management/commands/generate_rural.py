"""Generate villages and their collective incomes at city scale, for the rural benchmark (bench/rural.py):
``manage.py generate_rural --villages 20000 --years 5`` adds, under 鲁西市 (the demo city), counties of
generated townships and villages (名字 生成县01 …) until the city holds that many generated villages, and each
one's collective income for the last ``--years`` years (up to last year), then rebuilds the income figures
of the generic roll-up. Idempotent: what exists is kept. Fictional figures, for timing only."""

import random
import time
from datetime import date
from decimal import Decimal

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from lianxin.areas.models import Area, Level
from lianxin.core.paths import under

CITY_NAME = "鲁西市"
COUNTY_PREFIX = "生成县"
VILLAGES_PER_TOWNSHIP = 100
TOWNSHIPS_PER_COUNTY = 20
BATCH = 5000


def _children_bulk(parent: Area, specs: list[dict]) -> list[Area]:
    """Add children under one parent in one insert, computing the tree paths directly (as the demo
    world's builder does)."""
    start = parent.numchild
    nodes = [
        Area(
            path=Area._get_path(parent.path, parent.depth + 1, start + offset),
            depth=parent.depth + 1,
            numchild=0,
            **spec,
        )
        for offset, spec in enumerate(specs, start=1)
    ]
    Area.objects.bulk_create(nodes, batch_size=BATCH)
    parent.numchild = start + len(nodes)
    Area.objects.filter(pk=parent.pk).update(numchild=parent.numchild)
    return list(Area.objects.filter(path__in=[n.path for n in nodes]).order_by("path"))


def generated_villages(city: Area):
    counties = Area.objects.filter(
        under("path", city.path), level=Level.COUNTY, name__startswith=COUNTY_PREFIX
    ).values_list("path", flat=True)
    paths = list(counties)
    if not paths:
        return Area.objects.none()
    from django.db.models import Q

    condition = Q()
    for p in paths:
        condition |= under("path", p)
    return Area.objects.filter(condition, level=Level.VILLAGE)


def areas_ensure(city: Area, wanted: int) -> list[Area]:
    have = list(generated_villages(city).order_by("path"))
    n_county = Area.objects.filter(
        under("path", city.path), level=Level.COUNTY, name__startswith=COUNTY_PREFIX
    ).count()
    per_county = VILLAGES_PER_TOWNSHIP * TOWNSHIPS_PER_COUNTY
    while len(have) < wanted:
        n_county += 1
        city.refresh_from_db()
        [county] = _children_bulk(
            city,
            [{"level": Level.COUNTY, "code": f"GEN{n_county:03d}", "name": f"{COUNTY_PREFIX}{n_county:02d}"}],
        )
        left = wanted - len(have)
        townships = _children_bulk(
            county,
            [
                {
                    "level": Level.TOWNSHIP,
                    "code": f"GEN{n_county:03d}T{t:03d}",
                    "name": f"生成镇{n_county:02d}-{t:02d}",
                }
                for t in range(
                    1, min(TOWNSHIPS_PER_COUNTY, -(-min(left, per_county) // VILLAGES_PER_TOWNSHIP)) + 1
                )
            ],
        )
        for township in townships:
            count = min(VILLAGES_PER_TOWNSHIP, wanted - len(have))
            if count <= 0:
                break
            have += _children_bulk(
                township,
                [
                    {"level": Level.VILLAGE, "code": f"{township.code}V{v:03d}", "name": f"生成村{v:03d}"}
                    for v in range(1, count + 1)
                ],
            )
    return have[:wanted]


def incomes_ensure(villages: list[Area], years: list[int], seed: int) -> int:
    from lianxin.rural.models import CollectiveIncome

    rng = random.Random(seed)  # noqa: S311 - fictional figures for timing  # nosec B311
    written = 0
    for year in years:
        recorded = set(CollectiveIncome.objects.filter(year=year).values_list("area_id", flat=True))
        rows = []
        for village in villages:
            if village.pk in recorded:
                continue
            base = rng.choice([20000, 50000, 80000, 120000, 200000, 350000, 600000])
            total = int(base * (1.08 ** (year - years[0])) * rng.uniform(0.85, 1.15))
            parts = [Decimal(int(total * s)) for s in (0.45, 0.25, 0.08, 0.15)]
            parts.append(Decimal(total) - sum(parts))
            gain = Decimal(int(total * 0.1)) if rng.random() < 0.3 else Decimal(0)
            rows.append(
                CollectiveIncome(
                    area_id=village.pk,
                    area_path=village.path,
                    year=year,
                    operating=parts[0],
                    contracting=parts[1],
                    investment=parts[2],
                    subsidy=parts[3],
                    other=parts[4],
                    total=Decimal(total),
                    cooperative_gain=gain,
                )
            )
        for i in range(0, len(rows), BATCH):
            with transaction.atomic():
                CollectiveIncome.objects.bulk_create(rows[i : i + BATCH])
        written += len(rows)
    return written


class Command(BaseCommand):
    help = "Generate villages and their collective incomes under 鲁西市 for the rural benchmark."

    def add_arguments(self, parser):
        parser.add_argument("--villages", type=int, default=20000)
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument("--seed", type=int, default=23)

    def handle(self, *args, **options):
        from lianxin.rural.figures_land import INCOME_KEYS

        city = Area.objects.filter(level=Level.CITY, name=CITY_NAME).first()
        if city is None:
            raise CommandError(
                "鲁西市 is not in the database: run load_demo (or migrate and build the world) first"
            )
        started = time.monotonic()
        villages = areas_ensure(city, options["villages"])
        last = date.today().year - 1
        years = list(range(last - options["years"] + 1, last + 1))
        written = incomes_ensure(villages, years, options["seed"])
        self.stdout.write(
            f"{len(villages):,} villages, {written:,} new incomes for {years[0]}–{years[-1]} "
            f"in {time.monotonic() - started:.0f} s"
        )
        if written:
            call_command(
                "figure_rollups_rebuild", *[f"--key={k}" for k in INCOME_KEYS], verbosity=options["verbosity"]
            )
