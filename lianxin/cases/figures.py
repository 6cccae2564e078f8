"""The figures leaders are judged by, defined once (docs/figures.md) and computed for any area (its
whole subtree) and any period, by kind, category, channel and handler type.

The cohort is the cases *reported* in the period under the area. Each figure is a ratio of two counts of
that cohort; the counts are kept beside the rate so a leader can open the cases behind any number
(``FIGURE_FILTERS`` are the case-list filters behind each count, ``figure=…`` on ``/cases/``).

Two ways to the same counts:

- the roll-up (``CaseRollup``): daily counts per (area at every level, report day, category, kind), kept
  in the step's own transaction by ``rollup_apply`` from the difference a step makes to the case's counts
  (no lag), rebuilt by ``manage.py rollups_rebuild``;
- the direct computation from the case table (``source="cases"``): the benchmark baseline, the test oracle,
  and the way for the filters the roll-up does not key on (channel, handler type).

Both read the same definitions: ``case_counts`` (one case, in Python) and ``_count_aggregates`` (the case
table, in SQL) say the same thing twice, and the tests hold them to it.
"""

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Count, F, Func, Q, Sum
from django.db.models.functions import Coalesce, Length, Substr, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.cases.kinds import resident_kinds
from lianxin.cases.models import Case, CaseRollup, Category, HandlingLevel, Kind, Rating, State
from lianxin.cases.models.enums import OPEN_STATES, SATISFIED_RATINGS
from lianxin.cases.models.rollups import COUNTS
from lianxin.core.inserts import hot_execute
from lianxin.core.paths import STEPLEN, ancestor_paths, root_path
from lianxin.core.scope import under

# Residents' figures leave tasks out: tasks are the levels' own work, not residents' requests. The kinds
# registry says which kinds count (kinds.resident_kinds(), read at each call); this name is its value at
# start-up, for the importers that filter with it.
RESIDENT_KINDS = resident_kinds()


# -- periods ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    kind: str = "custom"  # day, week, month, quarter, year, last30 (the 30 days up to end), custom

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        """The period before this one, of the same kind (the same number of days for a custom one)."""
        if self.kind in ("month", "quarter", "year"):
            return period_of(self.kind, self.start - timedelta(days=1))
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1), self.kind)

    @property
    def label(self) -> str:
        if self.kind == "day":
            return f"{self.start:%Y-%m-%d}"
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "quarter":
            return f"{self.start.year}Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "year":
            return f"{self.start.year}"
        return f"{self.start:%Y-%m-%d}—{self.end:%Y-%m-%d}"

    @property
    def anchor(self) -> date:
        """The day a query string names the period by: ``period_of(kind, anchor)`` gives it back."""
        return self.end if self.kind == "last30" else self.start


# since_pilot: from the pilot's recorded start date (试点以来, P001-04) to the last whole day.
PERIOD_KINDS = ["last30", "day", "week", "month", "quarter", "year", "custom", "since_pilot"]
ROLLING_DAYS = 30
# What the dashboard, the big screen, the figure tables and the API open on when no period is asked for:
# the last thirty whole days against the thirty before. A calendar month seen on its 7th day compares a
# week of cases, most still open, with a whole month (a resolution rate of 10 % "down 82 points").
DEFAULT_PERIOD = "last30"


def period_default_day(kind: str, today: date) -> date:
    """The day naming the default period of ``kind`` seen on ``today``: yesterday for the rolling 30 days
    (today is not over), today for the calendar periods (the one holding it)."""
    return today - timedelta(days=1) if kind == "last30" else today


def _month_day(day: date) -> str:
    return _("%(month)d/%(day)d") % {"month": day.month, "day": day.day}


def period_name(period: Period) -> str:
    """The period in words: 近30天（11月7日—12月6日）, 2026年12月, 2026年第4季度 …"""
    if period.kind == "last30":
        return _("last %(n)d days (%(start)s–%(end)s)") % {
            "n": period.days,
            "start": _month_day(period.start),
            "end": _month_day(period.end),
        }
    if period.kind == "day":
        return _("%(year)d/%(date)s") % {"year": period.start.year, "date": _month_day(period.start)}
    if period.kind == "month":
        return _("%(year)d/%(month)d (month)") % {"year": period.start.year, "month": period.start.month}
    if period.kind == "quarter":
        return _("%(year)d Q%(quarter)d") % {
            "year": period.start.year,
            "quarter": (period.start.month - 1) // 3 + 1,
        }
    if period.kind == "year":
        return _("%(year)d (year)") % {"year": period.start.year}
    if period.kind == "since_pilot":
        return _("since the pilot (%(start)s–%(end)s)") % {"start": period.start, "end": period.end}
    return _("%(year)d/%(start)s–%(end)s") % {
        "year": period.start.year,
        "start": _month_day(period.start),
        "end": _month_day(period.end),
    }


def period_caption(period: Period, *, today: date | None = None) -> str:
    """Which cases the figures count and what "vs previous" compares them with, said on every page, export
    and API answer that shows figures: 近30天（11月7日—12月6日），与前30天比. A period not yet over says so:
    its cases have had less time to close than the previous period's."""
    previous = period.previous()
    if period.kind == "last30":
        against = _("the %(n)d days before") % {"n": previous.days}
    elif period.kind == "since_pilot":
        against = _("the %(n)d days before the pilot") % {"n": previous.days}
    else:
        against = period_name(previous)
    caption = _("%(period)s, against %(previous)s") % {"period": period_name(period), "previous": against}
    if today is not None and period.end >= today:
        caption += _("; the period is not over, so its cases have had less time to close")
    return caption


def period_of(kind: str, day: date, end: date | None = None) -> Period:
    """The day, week (Monday to Sunday), month, quarter or year holding ``day``; last30: the 30 days
    ending on ``day``; custom: ``day``–``end``."""
    if kind == "last30":
        return Period(day - timedelta(days=ROLLING_DAYS - 1), day, kind)
    if kind == "day":
        return Period(day, day, kind)
    if kind == "week":
        start = day - timedelta(days=day.weekday())
        return Period(start, start + timedelta(days=6), kind)
    if kind == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return Period(day.replace(day=1), day.replace(day=last), kind)
    if kind == "quarter":
        first_month = (day.month - 1) // 3 * 3 + 1
        start = date(day.year, first_month, 1)
        last_month = first_month + 2
        return Period(start, date(day.year, last_month, calendar.monthrange(day.year, last_month)[1]), kind)
    if kind == "year":
        return Period(date(day.year, 1, 1), date(day.year, 12, 31), kind)
    if kind == "since_pilot" and end is not None and end >= day:
        return Period(day, end, kind)
    if end is None or end < day:
        raise ValueError("a custom period needs an end on or after its start")
    return Period(day, end, "custom")


def day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


# -- the definitions ----------------------------------------------------------------------------------

CLOSED = Q(state=State.CLOSED)
RATED = ~Q(rating="")
SATISFIED = Q(rating__in=[str(r) for r in SATISFIED_RATINGS])

# The cases behind each count, as conditions on the case table (also the case list's ``figure`` filter).
FIGURE_FILTERS: dict[str, Q] = {
    # The cohort itself and its accepted part: a count's list is the residents' kinds (or the chosen one)
    # even for these two, so the link under "reported" opens no task.
    "reported": Q(),
    "accepted": ~Q(state__in=[State.REJECTED, State.MERGED]),
    "responded": Q(responded_at__isnull=False),
    "response_on_time": Q(responded_at__lte=F("response_due")),
    "response_late": Q(responded_at__gt=F("response_due")),
    "response_none": Q(responded_at__isnull=True),
    "rejected": Q(state=State.REJECTED),
    "merged": Q(state=State.MERGED),
    "open": Q(state__in=sorted(OPEN_STATES)),
    "closed": CLOSED,
    "closed_on_time": CLOSED & Q(handled_late=False),
    "closed_late": CLOSED & Q(handled_late=True),
    "one_pass": CLOSED & Q(reopen_count=0, return_count=0),
    "one_pass_no": CLOSED & (Q(reopen_count__gt=0) | Q(return_count__gt=0)),
    "in_building": CLOSED & Q(highest_level__lte=HandlingLevel.BUILDING),
    "beyond_building": CLOSED & ~Q(highest_level__lte=HandlingLevel.BUILDING),
    "in_estate": CLOSED & Q(highest_level__lte=HandlingLevel.ESTATE),
    "beyond_estate": CLOSED & ~Q(highest_level__lte=HandlingLevel.ESTATE),
    "rated": RATED,
    "satisfied": SATISFIED,
    "unsatisfied": Q(rating=Rating.UNSATISFIED),
    "rated_auto": RATED & Q(rating_auto=True),
    "satisfied_auto": SATISFIED & Q(rating_auto=True),
    "reopened": Q(reopen_count__gt=0),
    "returned": Q(return_count__gt=0),
}


def _co_building() -> Q:
    """P001-60: closed cases in which a co-building (employer) unit took part, as handler, lead or
    assisting (dashboard.practices.co_building_cases counts the same)."""
    from lianxin.cases.models import CaseAssignment
    from lianxin.people.models import OrganisationKind

    units = CaseAssignment.objects.filter(organisation__kind=OrganisationKind.EMPLOYER).values("case_id")
    return CLOSED & Q(pk__in=units)


def _liaison() -> Q:
    """P002-32: cases filed by liaisons (reporter group or channel) or handled by someone holding a liaison
    post today (dashboard.practices.cohort_summary counts the same)."""
    from lianxin.cases.models import Channel, ReporterGroup
    from lianxin.people.models import Post
    from lianxin.people.roles import Role

    liaisons = Post.objects.current().filter(role=Role.LIAISON).values("person_id")
    return (
        Q(reporter_group=ReporterGroup.LIAISON)
        | Q(channel=Channel.LIAISON)
        | Q(handler_person_id__in=liaisons)
    )


# Outcomes that count a dispute as resolved by mediation (P002-33, P000-43).
MEDIATED_OUTCOMES = ("mediated", "partly")


def _mediated() -> Q:
    """P002-33 / P000-43: disputes closed with a mediated (or partly mediated) outcome
    (dashboard.practices.disputes_resolved counts the same)."""
    return CLOSED & Q(kind=Kind.DISPUTE, outcome__in=MEDIATED_OUTCOMES)


def _key_open() -> Q:
    """P000-28: an area page's open key items: urgent, supervised, past a limit, or an open dispute
    (cases.views.queries.area_key_items lists the same)."""
    from lianxin.cases import clock
    from lianxin.cases.models import Urgency
    from lianxin.cases.selectors import handling_overdue_q, response_overdue_q

    now = clock.now()
    return Q(state__in=sorted(OPEN_STATES)) & (
        Q(urgency__in=[Urgency.URGENT, Urgency.EMERGENCY])
        | Q(kind=Kind.DISPUTE)
        | Q(supervise_count__gt=0)
        | response_overdue_q(now)
        | handling_overdue_q(now)
    )


# Case-list figures of the practices panel that are no count of the roll-up: built when asked for, as
# they read other tables (and today's posts).
PRACTICE_FILTERS = {
    "key_open": _key_open,
    "co_building": _co_building,
    "liaison": _liaison,
    "liaison_closed": lambda: _liaison() & CLOSED,
    "mediated": _mediated,
}


# What the case list says it shows ("指标：按时响应"), one label per key of ``FIGURE_FILTERS``.
FIGURE_LABELS = {
    "reported": _("reported in the period"),
    "accepted": _("accepted in the period"),
    "responded": _("responded"),
    "response_on_time": _("responded in time"),
    "response_late": _("responded late"),
    "response_none": _("not responded"),
    "rejected": _("rejected"),
    "merged": _("merged"),
    "open": _("still open"),
    "closed": _("closed"),
    "closed_on_time": _("closed on time"),
    "closed_late": _("closed late"),
    "one_pass": _("closed at one pass"),
    "one_pass_no": _("not closed at one pass"),
    "in_building": _("resolved in the building"),
    "beyond_building": _("resolved beyond the building"),
    "in_estate": _("resolved in the estate"),
    "beyond_estate": _("resolved beyond the estate"),
    "rated": _("rated"),
    "satisfied": _("satisfied or basically satisfied"),
    "unsatisfied": _("unsatisfied"),
    "rated_auto": _("rated automatically"),
    "satisfied_auto": _("satisfied, rated automatically"),
    "reopened": _("reopened"),
    "returned": _("returned"),
    "co_building": _("closed with a co-building unit taking part"),
    "liaison": _("filed or handled through liaisons"),
    "liaison_closed": _("filed or handled through liaisons, closed"),
    "mediated": _("disputes mediated to an outcome"),
    "key_open": _("open key items (urgent, overdue, supervised, disputes)"),
}


def figure_q(key: str) -> Q | None:
    """The case-list condition for ``figure=key``; None for an unknown key (the list ignores it)."""
    if key in PRACTICE_FILTERS:
        return PRACTICE_FILTERS[key]()
    return FIGURE_FILTERS.get(key)


def _seconds(later, earlier) -> int:
    # Whole seconds between the two moments' epoch seconds, exactly as ``EpochSeconds`` does in SQL.
    return int(later.timestamp()) - int(earlier.timestamp())


def case_counts(case: Case) -> dict[str, int] | None:
    """The case's contribution to each count of its roll-up rows; None before its report is applied."""
    if not case.event_count:
        return None
    closed = case.state == State.CLOSED
    responded = case.responded_at is not None
    level = case.highest_level
    rated = bool(case.rating)
    satisfied = case.rating in SATISFIED_RATINGS
    due = case.response_due
    return {
        "reported": 1,
        "responded": int(responded),
        "response_on_time": int(responded and due is not None and case.responded_at <= due),
        "response_late": int(responded and due is not None and case.responded_at > due),
        "response_seconds": _seconds(case.responded_at, case.reported_at) if responded else 0,
        "rejected": int(case.state == State.REJECTED),
        "merged": int(case.state == State.MERGED),
        "closed": int(closed),
        "closed_on_time": int(closed and not case.handled_late),
        "one_pass": int(closed and case.reopen_count == 0 and case.return_count == 0),
        "in_building": int(closed and level is not None and level <= HandlingLevel.BUILDING),
        "in_estate": int(closed and level is not None and level <= HandlingLevel.ESTATE),
        "handling_seconds": _seconds(case.closed_at, case.reported_at) if closed and case.closed_at else 0,
        "rated": int(rated),
        "satisfied": int(satisfied),
        "rated_auto": int(rated and case.rating_auto),
        "satisfied_auto": int(satisfied and case.rating_auto),
        "reopened": int(case.reopen_count > 0),
        "returned": int(case.return_count > 0),
    }


class EpochSeconds(Func):
    """Whole seconds since 1970 of a timestamp, the same on SQLite and PostgreSQL."""

    output_field = models.BigIntegerField()

    def as_sqlite(self, compiler, conn, **extra):
        return self.as_sql(compiler, conn, template="unixepoch(%(expressions)s)", **extra)

    def as_postgresql(self, compiler, conn, **extra):
        return self.as_sql(
            compiler, conn, template="FLOOR(EXTRACT(EPOCH FROM %(expressions)s))::bigint", **extra
        )


def _count_aggregates() -> dict:
    """Every count of ``COUNTS`` as an aggregate over the case table (the SQL twin of ``case_counts``)."""
    aggregates = {}
    for name in COUNTS:
        if name == "reported":
            aggregates[name] = Count("id")
        elif name == "response_seconds":
            aggregates[name] = Coalesce(
                Sum(
                    EpochSeconds("responded_at") - EpochSeconds("reported_at"),
                    filter=FIGURE_FILTERS["responded"],
                ),
                0,
            )
        elif name == "handling_seconds":
            aggregates[name] = Coalesce(
                Sum(
                    EpochSeconds("closed_at") - EpochSeconds("reported_at"),
                    filter=CLOSED & Q(closed_at__isnull=False),
                ),
                0,
            )
        else:
            aggregates[name] = Count("id", filter=FIGURE_FILTERS[name])
    return aggregates


# -- the roll-up ----------------------------------------------------------------------------------------


@cache
def _upsert_sql(rows: int) -> str:
    table = CaseRollup._meta.db_table
    columns = ["area_path", "day", "category_id", "kind", *COUNTS]
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    updates = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in COUNTS)
    # Only our own table and column names go into the text; every value is a parameter.
    values = ", ".join([placeholders] * rows)
    insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES {values} "  # noqa: S608  # nosec B608
    return insert + f"ON CONFLICT (area_path, day, category_id, kind) DO UPDATE SET {updates}"  # nosec B608


def counts_snapshot(case: Case) -> dict[str, int] | None:
    """What ``event_record`` keeps of the locked case before applying an event, for ``rollup_apply``."""
    return case_counts(case)


def rollup_apply(*, case: Case, event) -> None:
    """Add to the case's roll-up rows (its place and every ancestor, its report day, category and kind)
    the difference the event made to its counts: one statement, nothing when no count moved. Runs in the
    step's transaction, so the figures never lag the loop."""
    before = getattr(event, "counts_before", None) or {}
    after = case_counts(case) or {}
    delta = [after.get(name, 0) - before.get(name, 0) for name in COUNTS]
    if not any(delta):
        return
    day = timezone.localdate(case.reported_at)
    paths = ancestor_paths(case.area_path)
    params = []
    for path in paths:
        params += [path, day, case.category_id, case.kind, *delta]
    hot_execute(_upsert_sql(len(paths)), params)


def _rollup_select(depth: int):
    """The roll-up rows of one ancestor level, computed from the case table."""
    n = depth * STEPLEN  # the roll-up keeps one row per ancestor, each path a multiple of it long
    return (
        Case.objects.annotate(path_length=Length("area_path"))
        .filter(path_length__gte=n)
        .annotate(
            r_area_path=Substr("area_path", 1, n),
            r_day=TruncDate("reported_at"),
            r_category_id=F("category_id"),
            r_kind=F("kind"),
        )
        .values("r_area_path", "r_day", "r_category_id", "r_kind")
        .annotate(**_count_aggregates())
        .order_by()
    )


def rollups_rebuild() -> int:
    """Recompute the whole roll-up from the case rows, in one transaction (readers see the old table until
    it commits). Returns the number of rows written."""
    table = CaseRollup._meta.db_table
    longest = Case.objects.aggregate(n=models.Max(Length("area_path")))["n"] or 0
    with transaction.atomic():
        CaseRollup.objects.all().delete()
        for depth in range(1, longest // STEPLEN + 1):
            query = _rollup_select(depth)
            compiler = query.query.get_compiler(using=query.db)
            sql, params = compiler.as_sql()
            # The columns in the order the compiler put them in the SELECT.
            columns = [alias.removeprefix("r_") for _expr, _sql, alias in compiler.select]
            with connection.cursor() as cursor:
                cursor.execute(f"INSERT INTO {table} ({', '.join(columns)}) {sql}", params)
    return CaseRollup.objects.count()


# -- the figures ----------------------------------------------------------------------------------------


def _rate(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@dataclass
class Figures:
    """The counts of a cohort and the figures computed from them (rates as fractions, None with no base)."""

    counts: dict = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))

    def __getattr__(self, name):
        counts = self.__dict__.get("counts", {})
        if name in counts:
            return counts[name]
        raise AttributeError(name)

    def __add__(self, other: "Figures") -> "Figures":
        return Figures({k: self.counts.get(k, 0) + other.counts.get(k, 0) for k in COUNTS})

    def __sub__(self, other: "Figures") -> "Figures":
        return Figures({k: self.counts.get(k, 0) - other.counts.get(k, 0) for k in COUNTS})

    @property
    def accepted(self) -> int:
        """Reported cases neither rejected nor merged: the base of the resolution rate."""
        return self.reported - self.rejected - self.merged

    @property
    def unresponded(self) -> int:
        return self.reported - self.responded

    @property
    def open(self) -> int:
        return self.accepted - self.closed

    @property
    def response_rate(self):
        return _rate(self.response_on_time, self.reported)

    @property
    def resolution_rate(self):
        return _rate(self.closed, self.accepted)

    @property
    def on_time_rate(self):
        return _rate(self.closed_on_time, self.closed)

    @property
    def one_pass_rate(self):
        return _rate(self.one_pass, self.closed)

    @property
    def satisfaction_rate(self):
        return _rate(self.satisfied, self.rated)

    @property
    def satisfaction_rate_manual(self):
        """Satisfaction among ratings the reporters gave themselves (automatic ratings left out)."""
        return _rate(self.satisfied - self.satisfied_auto, self.rated - self.rated_auto)

    @property
    def in_building_rate(self):
        return _rate(self.in_building, self.closed)

    @property
    def in_estate_rate(self):
        return _rate(self.in_estate, self.closed)

    @property
    def reopen_rate(self):
        return _rate(self.reopened, self.accepted)

    @property
    def handling_hours(self):
        """Mean hours from report to close, closed cases."""
        return self.handling_seconds / 3600 / self.closed if self.closed else None

    @property
    def response_hours(self):
        """Mean hours from report to the first response, responded cases."""
        return self.response_seconds / 3600 / self.responded if self.responded else None

    def value(self, figure: str):
        return getattr(self, figure)


@dataclass(frozen=True)
class FigureDef:
    key: str
    label: str
    numerator: str  # count key (also the case-list figure filter)
    denominator: str  # count key or property
    target_setting: str = ""
    higher_is_better: bool = True
    unit: str = "%"


FIGURES = [
    FigureDef("response_rate", _("response rate"), "response_on_time", "reported"),
    FigureDef("resolution_rate", _("resolution rate"), "closed", "accepted"),
    FigureDef("on_time_rate", _("on-time rate"), "closed_on_time", "closed"),
    FigureDef("one_pass_rate", _("one-pass rate"), "one_pass", "closed", "LIANXIN_TARGET_ONE_PASS"),
    FigureDef(
        "satisfaction_rate", _("satisfaction rate"), "satisfied", "rated", "LIANXIN_TARGET_SATISFACTION"
    ),
    FigureDef("in_building_rate", _("resolved-in-building rate"), "in_building", "closed"),
    FigureDef("in_estate_rate", _("resolved-in-estate rate"), "in_estate", "closed"),
    FigureDef(
        "handling_hours", _("average handling time"), "closed", "closed", higher_is_better=False, unit="h"
    ),
]
FIGURES_BY_KEY = {f.key: f for f in FIGURES}
# Which count gives the volume a figure rests on (for the ranking's minimum-volume rule).
VOLUME_OF = {f.key: f.denominator for f in FIGURES} | {
    "reopen_rate": "accepted",
    "response_hours": "responded",
}


def figure_target(definition: FigureDef) -> float | None:
    return getattr(settings, definition.target_setting, None) if definition.target_setting else None


def _kinds(kind: str) -> list[str]:
    return [kind] if kind else resident_kinds()


def _category_ids(category) -> list[int] | None:
    if category in (None, ""):
        return None
    if not isinstance(category, Category):
        category = Category.objects.filter(pk=category).first()
        if category is None:
            return []
    return list(Category.objects.get_tree(category).values_list("id", flat=True))


def _fill(row: dict) -> Figures:
    return Figures({name: int(row.get(name) or 0) for name in COUNTS})


def _from_rollup(paths, period, kinds, category_ids, by, only=None):
    qs = CaseRollup.objects.filter(day__gte=period.start, day__lte=period.end, kind__in=kinds)
    qs = (
        qs.filter(area_path=paths[0]) if len(paths) == 1 and by != "child" else qs.filter(area_path__in=paths)
    )
    if category_ids is not None:
        qs = qs.filter(category_id__in=category_ids)
    sums = {name: Sum(name) for name in (only or COUNTS)}
    if by is None:
        return _fill(qs.aggregate(**sums))
    key = {"day": "day", "category": "category_id", "kind": "kind", "child": "area_path"}[by]
    return {row[key]: _fill(row) for row in qs.values(key).annotate(**sums).order_by(key)}


def _cases(area_path, period, kinds, category_ids, channel, handler_type):
    qs = Case.objects.filter(
        under("area_path", area_path),
        reported_at__gte=day_start(period.start),
        reported_at__lt=day_start(period.end + timedelta(days=1)),
        kind__in=kinds,
    )
    if category_ids is not None:
        qs = qs.filter(category_id__in=category_ids)
    if channel:
        qs = qs.filter(channel=channel)
    if handler_type:
        qs = qs.filter(handler_type=handler_type)
    return qs


def _from_cases(area, period, kinds, category_ids, channel, handler_type, by, child_paths):
    qs = _cases(area.path, period, kinds, category_ids, channel, handler_type)
    aggregates = _count_aggregates()
    if by is None:
        return _fill(qs.aggregate(**aggregates))
    if by == "child":
        n = len(child_paths[0]) if child_paths else len(area.path) + STEPLEN
        qs = qs.annotate(path_length=Length("area_path")).filter(path_length__gte=n)
        grouped = qs.annotate(g=Substr("area_path", 1, n))
    elif by == "day":
        grouped = qs.annotate(g=TruncDate("reported_at"))
    else:
        column = {
            "category": "category_id",
            "kind": "kind",
            "channel": "channel",
            "handler_type": "handler_type",
        }
        grouped = qs.annotate(g=F(column[by]))
    return {row["g"]: _fill(row) for row in grouped.values("g").annotate(**aggregates).order_by("g")}


def area_children(area) -> list:
    from lianxin.areas.models import Area

    return list(Area.objects.get_children(area).filter(retired_on__isnull=True).order_by("path"))


def figures_for_area(
    *,
    area,
    period: Period,
    kind: str = "",
    category=None,
    channel: str = "",
    handler_type: str = "",
    by: str | None = None,
    source: str = "auto",
    only: list[str] | None = None,
):
    """The figures of the cases reported in ``period`` under ``area`` (the area and its whole subtree).

    ``by`` splits them: "day", "category", "kind", "child" (the area's children, keyed by path),
    "channel", "handler_type"; None gives one ``Figures``. ``kind`` "" means the residents' kinds (tasks
    apart). ``source`` "auto" reads the roll-up when it can (no channel or handler-type filter or split),
    "cases" computes from the case table, "rollup" insists on the roll-up.
    """
    kinds = _kinds(kind)
    category_ids = _category_ids(category)
    needs_cases = bool(channel or handler_type or by in ("channel", "handler_type"))
    if source == "rollup" and needs_cases:
        raise ValueError("the roll-up has no channel or handler type")
    child_paths = [c.path for c in area_children(area)] if by == "child" else []
    if source == "cases" or (source == "auto" and needs_cases):
        result = _from_cases(area, period, kinds, category_ids, channel, handler_type, by, child_paths)
    else:
        paths = child_paths if by == "child" else [area.path]
        result = _from_rollup(paths, period, kinds, category_ids, by, only if source != "cases" else None)
    if by == "child":
        result = {path: result.get(path, Figures()) for path in child_paths}
    return result


def reported_by(*, paths: list[str], period: Period, kind: str = "", category=None, by: str = "area") -> dict:
    """Only the reported counts, per area path (``by="area"``) or per category, from the roll-up: the
    light query behind the heat view and the previous period of the hot spots."""
    if not paths:
        return {}
    qs = CaseRollup.objects.filter(
        area_path__in=paths, day__gte=period.start, day__lte=period.end, kind__in=_kinds(kind)
    )
    category_ids = _category_ids(category)
    if category_ids is not None:
        qs = qs.filter(category_id__in=category_ids)
    key = "area_path" if by == "area" else "category_id"
    return dict(qs.values_list(key).annotate(n=Sum("reported")).order_by())


# What the trend lines draw: reported, closed, the resolution and the satisfaction rates.
TREND_COUNTS = ["reported", "rejected", "merged", "closed", "rated", "satisfied"]


def figures_trend(*, area, period: Period, **filters) -> list[tuple[date, Figures]]:
    """Day by day over the period (every day present, empty days zero), for the trend lines: only
    ``TREND_COUNTS`` are summed."""
    by_day = figures_for_area(area=area, period=period, by="day", only=TREND_COUNTS, **filters)
    return [
        (period.start + timedelta(days=i), by_day.get(period.start + timedelta(days=i), Figures()))
        for i in range(period.days)
    ]


def figures_change(*, area, period: Period, **filters) -> tuple[Figures, Figures]:
    """This period's figures and the previous period's, for "change from last week/month"."""
    return (
        figures_for_area(area=area, period=period, **filters),
        figures_for_area(area=area, period=period.previous(), **filters),
    )


# -- rankings and hot spots -----------------------------------------------------------------------------


@dataclass
class RankRow:
    area: object
    figures: Figures
    value: float | None
    volume: int
    rank: int | None  # None: below the minimum volume, listed after the ranked ones
    url: str = ""  # the case list behind ``volume`` (the dashboard fills it)


def figures_rank(
    *, area, period: Period, figure: str = "resolution_rate", min_volume: int | None = None, **filters
) -> list[RankRow]:
    """The area's children ranked by ``figure``.

    Ties share a rank and the next rank skips (1, 2, 2, 4); tied children are listed by volume, then by
    name. A child whose volume (the figure's denominator) is below ``min_volume`` (default
    ``LIANXIN_RANKING_MIN_VOLUME``) is not ranked: it is listed after the ranked ones, so a street with two
    cases does not top a street with two hundred.
    """
    if min_volume is None:
        min_volume = settings.LIANXIN_RANKING_MIN_VOLUME
    definition = FIGURES_BY_KEY.get(figure)
    higher_is_better = definition.higher_is_better if definition else True
    volume_key = VOLUME_OF.get(figure, "reported")
    children = area_children(area)
    by_path = figures_for_area(area=area, period=period, by="child", **filters)
    rows = []
    for child in children:
        f = by_path.get(child.path, Figures())
        value = f.value(figure)
        rows.append(RankRow(child, f, value, getattr(f, volume_key), None))
    eligible = [r for r in rows if r.volume >= max(min_volume, 1) and r.value is not None]
    others = [r for r in rows if r not in eligible]
    sign = -1 if higher_is_better else 1
    eligible.sort(key=lambda r: (sign * round(r.value, 9), -r.volume, r.area.name))
    previous = None
    for position, row in enumerate(eligible, start=1):
        if previous is not None and round(row.value, 9) == round(previous.value, 9):
            row.rank = previous.rank
        else:
            row.rank = position
        previous = row
    others.sort(key=lambda r: (-r.volume, r.area.name))
    return eligible + others


@dataclass
class HotSpot:
    key: object
    label: str
    current: int
    previous: int
    url: str = ""  # the case lists behind ``current`` and ``previous`` (the dashboard fills them)
    previous_url: str = ""

    @property
    def rise(self) -> int:
        return self.current - self.previous


def hot_spots(
    *,
    area,
    period: Period,
    limit: int = 5,
    min_count: int = 3,
    now_by_child=None,
    now_by_category=None,
    **filters,
) -> dict:
    """Children and categories whose reported cases rose most against the previous period. The current
    period's splits can be passed in when the caller has them already (the dashboard does)."""
    previous = period.previous()
    result = {}
    children = {c.path: c for c in area_children(area)}
    if now_by_child is None:
        now_by_child = figures_for_area(area=area, period=period, by="child", **filters)
    then_by = reported_by(paths=list(children), period=previous, **filters)
    result["places"] = _rising(
        [
            HotSpot(p, children[p].name, now_by_child.get(p, Figures()).reported, then_by.get(p, 0))
            for p in children
        ],
        limit,
        min_count,
    )
    if now_by_category is None:
        now_by_category = figures_for_area(area=area, period=period, by="category", **filters)
    then_cat = reported_by(paths=[area.path], period=previous, by="category", **filters)
    keys = set(now_by_category) | set(then_cat)
    names = dict(Category.objects.filter(pk__in=keys).values_list("pk", "name"))
    result["categories"] = _rising(
        [
            HotSpot(pk, names.get(pk, ""), now_by_category.get(pk, Figures()).reported, then_cat.get(pk, 0))
            for pk in keys
        ],
        limit,
        min_count,
    )
    return result


def _rising(spots: list[HotSpot], limit: int, min_count: int) -> list[HotSpot]:
    rising = [s for s in spots if s.rise > 0 and s.current >= min_count]
    rising.sort(key=lambda s: (-s.rise, -s.current, str(s.label)))
    return rising[:limit]


def by_category_totals(*, area, period: Period, by_pk=None, **filters) -> list[tuple[Category, Figures]]:
    """Figures per top-level category (each with everything under it), largest first."""
    if by_pk is None:
        by_pk = figures_for_area(area=area, period=period, by="category", **filters)
    categories = {c.pk: c for c in Category.objects.filter(pk__in=by_pk)}
    roots = {c.pk: c for c in Category.objects.get_root_nodes()}
    totals: dict[int, Figures] = defaultdict(Figures)
    for pk, f in by_pk.items():
        c = categories.get(pk)
        if c is None:
            continue
        top = root_path(c.path, Category.steplen)
        root = next((r for r in roots.values() if r.path == top), c)
        totals[root.pk] = totals[root.pk] + f
    return sorted(
        ((roots.get(pk) or categories[pk], f) for pk, f in totals.items()), key=lambda t: -t[1].reported
    )
