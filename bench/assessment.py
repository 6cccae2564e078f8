"""Assessment (issue 22): the county's property-company scheme for a year, over every company serving the
county's estates.

- ``assessment_county_year_p95_ms``: ``scheme_compute`` for that scheme (company_case_figures from the case
  roll-up 40 %, a residents' survey 30 % over up to BENCH_ASSESSMENT_ANSWERS answers — one per household,
  default 200,000, capped by the households there are —, fee_collection 30 %);
- ``assessment_direct_p95_ms``: the same scheme with the case satisfaction computed straight from the case
  table (``figures_for_area(source="cases")``), the baseline the roll-up saves.

The rows (scheme, answers, fee records) are written once into the bench database and found again later.
Not asserted (the issue's goal: under 500 ms on SQLite and PostgreSQL).
"""

import os
from datetime import date
from decimal import Decimal

from bench.common import print_table, record, time_calls
from lianxin.areas.models import Area, Household, Level

RUNS = 20
BASELINE_RUNS = 3
SCHEME = "基准：全县物业企业年度考核"
DIRECT = "基准：全县物业企业年度考核（直接计算）"


def _direct(*, scheme, subject):
    """company_case_figures, computed from the case table instead of the roll-up."""
    from lianxin.assessment.scoring_functions import FunctionValue, _overlap
    from lianxin.cases.figures import Period, figures_for_area
    from lianxin.core.paths import under
    from lianxin.people.models import EstateService

    rated = satisfied = 0
    services = EstateService.objects.filter(company=subject.organisation).filter(
        under("estate__path", scheme.area_path)
    )
    for service in services.select_related("estate"):
        span = _overlap(service.service_start, service.service_end, scheme)
        if span:
            f = figures_for_area(area=service.estate, period=Period(*span), source="cases")
            rated, satisfied = rated + f.rated, satisfied + f.satisfied
    return FunctionValue(round(satisfied * 100 / rated, 2) if rated else None, {"rated": rated})


def _scheme(name, county, year, function, creator):
    from lianxin.assessment.models import Indicator, Scheme, Source, SubjectKind
    from lianxin.assessment.services.scoring import DEFAULT_BANDS

    scheme = Scheme.objects.filter(name=name).first()
    if scheme:
        return scheme
    scheme = Scheme.objects.create(
        name=name, subject_kind=SubjectKind.PROPERTY_COMPANY, area=county, period_start=date(year, 1, 1),
        period_end=date(year, 12, 31), entry_opens=date(year, 1, 1), entry_closes=date(year + 1, 1, 31),
        grade_bands=DEFAULT_BANDS, created_by=creator,
    )  # fmt: skip
    Indicator.objects.create(
        scheme=scheme, name="诉求满意率", weight=40, source=Source.FUNCTION, function=function
    )
    Indicator.objects.create(scheme=scheme, name="居民满意度", weight=30, source=Source.SURVEY, order=1)
    Indicator.objects.create(scheme=scheme, name="物业费收缴率", weight=30, source=Source.FUNCTION,
                             function="fee_collection", order=2)  # fmt: skip
    return scheme


def _answers(scheme, county, wanted: int) -> int:
    from django.db.models import Q

    from lianxin.assessment.models import SurveyAnswer
    from lianxin.core.paths import ancestor_paths, under
    from lianxin.people.models import EstateService, Person

    have = SurveyAnswer.objects.filter(scheme=scheme).count()
    if have >= wanted:
        return have
    companies = {}
    for estate_path, company_id in (
        EstateService.objects.filter(under("estate__path", county.path))
        .filter(Q(service_end__isnull=True) | Q(service_end__gte=scheme.period_end))
        .values_list("estate__path", "company_id")
    ):
        companies[estate_path] = company_id
    done = set(SurveyAnswer.objects.filter(scheme=scheme).values_list("household_id", flat=True))
    rows = []
    people = Person.objects.filter(household__isnull=False).values_list(
        "pk", "household_id", "household__area_path"
    )
    for n, (person_id, household_id, path) in enumerate(people.iterator()):
        if household_id in done or have + len(rows) >= wanted:
            continue
        company = next((companies[p] for p in ancestor_paths(path) if p in companies), None)
        if company is None:
            continue
        done.add(household_id)
        rows.append(
            SurveyAnswer(scheme=scheme, household_id=household_id, area_path=path, satisfied=n % 5 != 0,
                         answered_by_id=person_id, subject_organisation_id=company)
        )  # fmt: skip
    SurveyAnswer.objects.bulk_create(rows, batch_size=2000)
    return have + len(rows)


def _fees(county, year, creator) -> int:
    from lianxin.assessment.models import FeeRecord
    from lianxin.core.paths import under
    from lianxin.people.models import EstateService

    rows = []
    for n, service in enumerate(
        EstateService.objects.filter(under("estate__path", county.path), service_end__isnull=True)
    ):
        if not FeeRecord.objects.filter(estate_id=service.estate_id, year=year).exists():
            rows.append(
                FeeRecord(estate_id=service.estate_id, area_path="", company_id=service.company_id, year=year,
                          billing_start=service.fee_start or service.service_start, due_yuan=Decimal(100000),
                          collected_yuan=Decimal(80000 + n % 20 * 1000), households=100, recorded_by=creator)
            )  # fmt: skip
    for row in rows:
        row.area_path = Area.objects.get(pk=row.estate_id).path
    FeeRecord.objects.bulk_create(rows)
    return FeeRecord.objects.filter(year=year).count()


def run(data_size: dict) -> None:
    from lianxin.assessment.scoring_functions import indicator_function_register
    from lianxin.assessment.services.scoring import scheme_compute
    from lianxin.cases.models import Case
    from lianxin.people.models import Person

    county = Area.objects.filter(level=Level.COUNTY).order_by("path").first()
    latest = Case.objects.order_by("-reported_at").values_list("reported_at", flat=True).first()
    year = latest.year if latest else date.today().year
    creator = Person.objects.order_by("pk").first()
    indicator_function_register("bench_company_case_figures_direct", _direct, "诉求满意率（直接计算）")
    scheme = _scheme(SCHEME, county, year, "company_case_figures", creator)
    direct = _scheme(DIRECT, county, year, "bench_company_case_figures_direct", creator)
    wanted = int(os.environ.get("BENCH_ASSESSMENT_ANSWERS", 200_000))
    answers = _answers(scheme, county, wanted)
    _answers(direct, county, wanted)
    fees = _fees(county, year, creator)
    rows = scheme_compute(scheme)
    assert [r["score"] for r in rows] == [r["score"] for r in scheme_compute(direct)], (
        "roll-up and cases disagree"
    )
    fast = time_calls(lambda: scheme_compute(scheme), runs=RUNS, warmup=2)
    slow = time_calls(lambda: scheme_compute(direct), runs=BASELINE_RUNS, warmup=1)
    size = {**data_size, "companies": len(rows), "answers": answers, "fee_records": fees,
            "households": Household.objects.count()}  # fmt: skip
    lines = [
        record(name="assessment_county_year_p95_ms", value=fast.p95, unit="ms",
               baseline_name="assessment_direct_p95_ms", baseline_value=slow.p95, data_size=size),
        record(name="assessment_direct_p95_ms", value=slow.p95, unit="ms",
               baseline_name="assessment_county_year_p95_ms", baseline_value=fast.p95, data_size=size),
    ]  # fmt: skip
    print_table("Assessment", lines)
