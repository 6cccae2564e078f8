"""Indicator functions: an indicator whose value (0–100) is computed from another app's records.

Any app registers one from its ``AppConfig.ready()``::

    from lianxin.assessment.scoring_functions import indicator_function_register

    indicator_function_register("cooperative_income", cooperative_income, _("Cooperative income growth"))

    def cooperative_income(*, scheme, subject) -> FunctionValue: ...

``subject`` is a ``Subject`` (an organisation, a person, a department, and the area he is scored in);
``scheme`` gives the area (``scheme.area_path``) and the period (``period_start``–``period_end``). The
function returns a ``FunctionValue``: the value (0–100, or None when there is nothing to count) and the
inputs it was computed from (shown beside the result, kept in ``Result.inputs``). A scheme takes the
function by its code (``Indicator.function``); the rural issue registers its cooperatives this way (P002-73).

Built in: ``company_case_figures`` (its estates' satisfaction × 100 while it served them, from the case
roll-up), ``fee_collection`` (its estates' property-fee collection rate × 100), ``task_on_time`` (the
subject's tasks due in the period done on time × 100).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Subject:
    organisation: object = None
    person: object = None
    department: object = None
    area: object = None  # where he is scored (a captain's estate); None: the scheme's area

    @property
    def key(self) -> tuple:
        key = (
            getattr(self.organisation, "pk", None),
            getattr(self.person, "pk", None),
            getattr(self.department, "pk", None),
        )
        if key == (None, None, None) and self.area is not None:
            return (*key, self.area.pk)  # a village scored itself (SubjectKind.VILLAGE, issue 23)
        return key

    @property
    def name(self) -> str:
        obj = self.organisation or self.department or self.person or self.area
        return getattr(obj, "name", "") if obj is not None else ""


@dataclass
class FunctionValue:
    value: float | None
    inputs: dict = field(default_factory=dict)


@dataclass(frozen=True)
class IndicatorFunction:
    code: str
    fn: Callable
    label: str


_registry: dict[str, IndicatorFunction] = {}


def indicator_function_register(code: str, fn: Callable, label) -> None:
    """Register (or replace) the indicator function ``code``."""
    if not code or len(code) > 50:
        raise ValueError("an indicator function's code is 1–50 characters")
    _registry[code] = IndicatorFunction(code=code, fn=fn, label=label)


def indicator_functions() -> dict[str, IndicatorFunction]:
    return dict(_registry)


def indicator_function(code: str) -> IndicatorFunction | None:
    return _registry.get(code)


def _overlap(start: date, end: date | None, scheme) -> tuple[date, date] | None:
    first = max(start, scheme.period_start)
    last = min(end or scheme.period_end, scheme.period_end)
    return (first, last) if first <= last else None


def company_case_figures(*, scheme, subject: Subject) -> FunctionValue:
    """The residents' satisfaction with the cases of the estates the company served in the scheme's area,
    each over the days it served them (the case roll-up, the residents' kinds), × 100. One roll-up query per
    distinct service span (most estates were served the whole period: one query)."""
    from lianxin.cases.kinds import resident_kinds
    from lianxin.cases.models import CaseRollup
    from lianxin.core.paths import under
    from lianxin.people.models import EstateService

    if subject.organisation is None:
        return FunctionValue(None)
    services = (
        EstateService.objects.filter(company=subject.organisation)
        .filter(under("estate__path", scheme.area_path))
        .values_list("estate__path", "estate__name", "service_start", "service_end")
        .order_by("estate__path", "service_start")
    )
    spans: dict[tuple, list[str]] = {}
    estates = []
    for path, name, start, end in services:
        span = _overlap(start, end, scheme)
        if span is not None:
            spans.setdefault(span, []).append(path)
            estates.append(name)
    rated = satisfied = 0
    kinds = resident_kinds()
    for (first, last), paths in spans.items():
        sums = CaseRollup.objects.filter(
            area_path__in=paths, day__gte=first, day__lte=last, kind__in=kinds
        ).aggregate(rated=Sum("rated"), satisfied=Sum("satisfied"))
        rated += sums["rated"] or 0
        satisfied += sums["satisfied"] or 0
    value = round(satisfied * 100 / rated, 2) if rated else None
    return FunctionValue(value, {"estates": estates, "rated": rated, "satisfied": satisfied})


def fee_collection(*, scheme, subject: Subject) -> FunctionValue:
    """The company's property fees collected over due, for the years of the scheme's period, × 100."""
    from lianxin.assessment.models import FeeRecord
    from lianxin.core.paths import under

    if subject.organisation is None:
        return FunctionValue(None)
    sums = (
        FeeRecord.objects.filter(company=subject.organisation)
        .filter(under("area_path", scheme.area_path))
        .filter(year__gte=scheme.period_start.year, year__lte=scheme.period_end.year)
        .aggregate(due=Sum("due_yuan"), collected=Sum("collected_yuan"))
    )
    due, collected = sums["due"] or Decimal(0), sums["collected"] or Decimal(0)
    value = round(float(collected * 100 / due), 2) if due else None
    return FunctionValue(value, {"due_yuan": str(due), "collected_yuan": str(collected)})


def task_on_time(*, scheme, subject: Subject) -> FunctionValue:
    """The subject's tasks (``Case(kind=task)`` handled by it) due in the period: the share closed by their
    deadline, × 100."""
    from lianxin.cases.models import Case

    tz = timezone.get_current_timezone()
    since = datetime.combine(scheme.period_start, time.min, tzinfo=tz)
    until = datetime.combine(scheme.period_end, time.max, tzinfo=tz)
    if subject.organisation is not None:
        who = Q(handler_organisation=subject.organisation)
    elif subject.department is not None:
        who = Q(handler_department=subject.department)
    elif subject.person is not None:
        who = Q(handler_person=subject.person)
    else:
        return FunctionValue(None)
    tasks = Case.objects.filter(who, kind="task", handle_due__gte=since, handle_due__lte=until)
    total = tasks.count()
    on_time = tasks.filter(closed_at__isnull=False, closed_at__lte=F("handle_due")).count()
    value = round(on_time * 100 / total, 2) if total else None
    return FunctionValue(value, {"tasks": total, "on_time": on_time})


def builtins_register() -> None:
    """From the scoring part's ready hook."""
    indicator_function_register(
        "company_case_figures", company_case_figures, _("Residents' satisfaction with its estates' cases")
    )
    indicator_function_register("fee_collection", fee_collection, _("Property fee collection rate"))
    indicator_function_register("task_on_time", task_on_time, _("Tasks completed on time"))
