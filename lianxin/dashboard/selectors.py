"""What the dashboard shows and to whom: the areas whose cases the user may see, and every panel's data,
all from ``lianxin.cases.figures`` (the same code the bulletin and the exports use)."""

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from lianxin.areas.models import Area
from lianxin.cases import clock
from lianxin.cases.figures import (
    DEFAULT_PERIOD,
    FIGURES,
    PERIOD_KINDS,
    VOLUME_OF,
    Figures,
    Period,
    area_children,
    by_category_totals,
    figure_target,
    figures_change,
    figures_for_area,
    figures_rank,
    figures_trend,
    hot_spots,
    period_caption,
    period_default_day,
    period_of,
    reported_by,
)
from lianxin.cases.models import Category, Kind
from lianxin.cases.models.enums import WORKING_STATES
from lianxin.cases.selectors import CaseFilters, case_list, handling_overdue_q, response_overdue_q
from lianxin.core.caching import cached_computed
from lianxin.core.context import user_context
from lianxin.core.errors_domain import DomainError
from lianxin.core.paths import ancestor_paths, is_under, path_depth
from lianxin.core.scope import VIEW, grants_for, outermost, under


def dashboard_roots(*, user) -> list[Area]:
    """The outermost areas whose cases the user may see: a street secretary his street, the county admin
    the county. Figures are totals of cases, so they follow the cases' own scope (people who see an area
    but not its residents' cases, such as couriers and volunteers, have no dashboard)."""
    if not user.is_authenticated:
        return []

    def roots() -> list[Area]:
        paths = outermost(grants_for(user).resident_area_paths[VIEW])
        return list(Area.objects.filter(path__in=paths).order_by("path"))

    # Once per request: the navigation asks for every dashboard tab it draws.
    return list(user_context(user).memo("dashboard.roots", roots))


def user_has_dashboard(user) -> bool:
    return bool(dashboard_roots(user=user))


def dashboard_area(*, user, pk=None) -> Area:
    """The area asked for if it lies in one of the user's roots (else 404), or his first root."""
    roots = dashboard_roots(user=user)
    if not roots:
        raise Http404
    if pk in (None, ""):
        return roots[0]
    area = Area.objects.filter(pk=pk).first() if str(pk).isdigit() else None
    if area is None or not any(is_under(area.path, r.path) for r in roots):
        raise Http404
    return area


def crumbs(*, user, area: Area) -> list[Area]:
    """The area's ancestors from the user's root down to it, for the breadcrumb."""
    roots = dashboard_roots(user=user)
    root = next(r for r in roots if is_under(area.path, r.path))
    paths = ancestor_paths(area.path)[path_depth(root.path) - 1 :]
    return list(Area.objects.filter(path__in=paths).order_by("path"))


@dataclass
class Choice:
    """The period and filters the pages read from the query string."""

    period: Period
    kind: str = ""
    category: Category | None = None
    figure: str = "resolution_rate"

    def filters(self) -> dict:
        return {"kind": self.kind, "category": self.category}

    @property
    def caption(self) -> str:
        """The period and what it is compared with, in words, for every page and file that shows figures."""
        return period_caption(self.period, today=timezone.localdate(clock.now()))

    def query(self, **extra) -> str:
        params = {"period": self.period.kind, "day": self.period.anchor.isoformat()}
        if self.period.kind == "custom":
            params = {"period": "custom", "date_from": self.period.start, "date_to": self.period.end}
        if self.kind:
            params["kind"] = self.kind
        if self.category is not None:
            params["category"] = self.category.pk
        params.update({k: v for k, v in extra.items() if v not in (None, "")})
        return urlencode(params)


def safe_date(value) -> date | None:
    """A date from the query string, or None for anything that is not one (never an error)."""
    try:
        return parse_date(str(value or ""))
    except ValueError:
        return None


def _since_pilot(params, today: date) -> Period:
    """试点以来: from the pilot's start recorded for the area shown (or the nearest area above it; the
    earliest recorded anywhere when no area is named) to yesterday; the default period when none is
    recorded."""
    from lianxin.areas.dated_facts import pilot_start
    from lianxin.areas.models import AreaFact

    area = Area.objects.filter(pk=params["area"]).first() if str(params.get("area") or "").isdigit() else None
    start = pilot_start(area=area) if area is not None else None
    if start is None:
        first = (
            AreaFact.objects.filter(key="pilot_start", superseded_at__isnull=True, value_date__isnull=False)
            .order_by("value_date")
            .first()
        )
        start = first.value_date if first else None
    yesterday = period_default_day(DEFAULT_PERIOD, today)
    if start is None or start > yesterday:
        return period_of(DEFAULT_PERIOD, yesterday)
    return period_of("since_pilot", start, yesterday)


def period_asked(*, area: Area, kind: str, day: date | None, end: date | None, today: date) -> Period:
    """The period an API query names, read as the dashboard reads it, so that the API accepts every
    period the dashboard offers (``PERIOD_KINDS``): 试点以来 from the pilot's start recorded for ``area``
    (the default period when none is recorded, as on the dashboard; the answer's kind says which)."""
    if kind == "since_pilot":
        return _since_pilot({"area": area.pk}, today)
    try:
        period = period_of(kind, day or period_default_day(kind, today), end)
    except ValueError:
        raise DomainError(_("A custom period needs an end on or after its start."), field="end") from None
    if period.days > 3660:
        raise DomainError(_("A period may be at most ten years long."), field="end")
    return period


def choice_from(params, *, today: date | None = None) -> Choice:
    """Read period (last30/day/week/month/quarter/year/custom), day or date_from/date_to, kind, category
    and the ranking figure; anything unreadable falls back to the default, the last 30 whole days."""
    today = today or timezone.localdate(clock.now())
    kind_of_period = params.get("period") or DEFAULT_PERIOD
    if kind_of_period not in PERIOD_KINDS:
        kind_of_period = DEFAULT_PERIOD
    day = safe_date(params.get("day")) or period_default_day(kind_of_period, today)
    if kind_of_period == "custom":
        start = safe_date(params.get("date_from"))
        end = safe_date(params.get("date_to"))
        if start and end and start <= end and (end - start).days <= 3660:
            period = period_of("custom", start, end)
        else:
            period = period_of(DEFAULT_PERIOD, period_default_day(DEFAULT_PERIOD, today))
    elif kind_of_period == "since_pilot":
        period = _since_pilot(params, today)
    else:
        period = period_of(kind_of_period, day)
    kind = params.get("kind") or ""
    if kind not in Kind.values:
        kind = ""
    category = None
    if str(params.get("category") or "").isdigit():
        category = Category.objects.filter(pk=params["category"]).first()
    figure = params.get("figure") or "resolution_rate"
    if figure not in {f.key for f in FIGURES}:
        figure = "resolution_rate"
    return Choice(period=period, kind=kind, category=category, figure=figure)


def cases_url(*, area: Area, choice: Choice, figure: str = "", **extra) -> str:
    """The staff case list filtered to the cases behind a count (parameters of ``CaseFilters``)."""
    params = {"area": area.pk, "date_from": choice.period.start, "date_to": choice.period.end}
    if choice.kind:
        params["kind"] = choice.kind
    if choice.category is not None:
        params["category"] = choice.category.pk
    if figure:
        # "reported" too: the list then holds the residents' kinds, as the count does, and no task.
        params["figure"] = figure
    params.update(extra)
    return "/cases/?" + urlencode(params)


def practice_url(*, area: Area, period: Period, practice) -> str:
    """The case list behind a practice's number ("" when none can hold it): the practices count the
    residents' kinds reported in the period, whatever kind or category the dashboard is filtered by."""
    if getattr(practice, "list_url", ""):
        return practice.list_url
    if not practice.figure:
        return ""
    return cases_url(area=area, choice=Choice(period), figure=practice.figure, **practice.params)


def practices_with_links(*, area: Area, period: Period):
    """The practices panel's figures (kept in the cache) with the case list behind each, for the panel,
    the API and the Excel export alike."""
    from lianxin.dashboard.practices import practices_cached

    practices, computed_at = practices_cached(area=area, period=period)
    return [(p, practice_url(area=area, period=period, practice=p)) for p in practices], computed_at


def cases_xlsx_url(*, area: Area, choice: Choice, figure: str = "") -> str:
    return (
        reverse("dashboard:cases_xlsx") + cases_url(area=area, choice=choice, figure=figure)[len("/cases/") :]
    )


def _pp(now, before):
    """Change in percentage points (or hours), None when either side has no value."""
    if now is None or before is None:
        return None
    return now - before


def figure_cards(*, area: Area, choice: Choice, current: Figures, previous: Figures) -> list[dict]:
    """One card per figure: the value, the two counts behind it with their case lists, the target and the
    change from the previous period."""
    cards = []
    for definition in FIGURES:
        value = current.value(definition.key)
        denominator = getattr(current, definition.denominator)
        cards.append(
            {
                "key": definition.key,
                "label": definition.label,
                "value": value,
                "unit": definition.unit,
                "numerator": getattr(current, definition.numerator),
                "denominator": denominator,
                "numerator_url": cases_url(area=area, choice=choice, figure=definition.numerator),
                "denominator_url": cases_url(area=area, choice=choice, figure=definition.denominator),
                "target": figure_target(definition),
                "below_target": (
                    value is not None
                    and figure_target(definition) is not None
                    and value < figure_target(definition)
                ),
                "change": _pp(value, previous.value(definition.key)),
                "higher_is_better": definition.higher_is_better,
            }
        )
    return cards


def overdue_cases(*, user, area: Area, limit: int = 15):
    """Open cases past a time limit under the area, the longest overdue first (by the earliest deadline
    they have passed).

    The same cases as the queue's overdue filter, asked as two questions that each walk an index over the
    overdue cases alone (past the handling limit: state and due; past the response limit: the cases not
    yet answered), not one question over every case of the area: at a million cases the difference is
    half a second on every dashboard view.
    """
    now = clock.now()
    base = case_list(user=user, filters=CaseFilters(area=area)).select_related(
        "category", "handler_person", "handler_department", "handler_organisation", "handler_area"
    )
    late = base.filter(handling_overdue_q(now)).order_by("handle_due", "id")[:limit]
    unanswered = base.filter(response_overdue_q(now)).order_by("response_due", "id")[:limit]

    def passed(case):
        dues = [
            due
            for due, over in (
                (case.handle_due, case.state in WORKING_STATES),
                (case.response_due, case.responded_at is None),
            )
            if due is not None and over and due < now
        ]
        return (min(dues), case.pk)

    cases = {case.pk: case for case in [*late, *unanswered]}
    return sorted(cases.values(), key=passed)[:limit]


def _rate_points(value):
    return round(value * 100, 1) if value is not None else None


def trend_series(*, area: Area, choice: Choice) -> dict:
    """Reported and closed per day (per month for periods longer than 92 days), with the resolution and
    satisfaction rates, for the trend lines."""
    points = figures_trend(area=area, period=choice.period, **choice.filters())
    if choice.period.days > 92:
        months: dict[str, Figures] = {}
        for day, f in points:
            key = f"{day:%Y-%m}"
            months[key] = months.get(key, Figures()) + f
        labels, values = list(months), list(months.values())
    else:
        labels, values = [f"{d:%m-%d}" for d, _ in points], [f for _, f in points]
    return {
        "labels": labels,
        "reported": [f.reported for f in values],
        "closed": [f.closed for f in values],
        "resolution": [_rate_points(f.resolution_rate) for f in values],
        "satisfaction": [_rate_points(f.satisfaction_rate) for f in values],
    }


def treemap(*, area: Area, choice: Choice, children: list[Area], by_child: dict) -> list[dict]:
    """Children and grandchildren sized by the cases reported, for the heat view (one query for all the
    grandchildren)."""
    busy = [c for c in children if by_child.get(c.path, Figures()).reported]
    grandchildren = (
        list(
            Area.objects.filter(depth=area.depth + 2, retired_on__isnull=True)
            .filter(under("path", area.path))
            .order_by("path")
        )
        if busy
        else []
    )
    counts = reported_by(
        paths=[g.path for g in grandchildren],
        period=choice.period,
        kind=choice.kind,
        category=choice.category,
    )
    nodes = []
    for child in children:
        nodes.append(
            {
                "name": child.short_name or child.name,
                "value": by_child.get(child.path, Figures()).reported,
                "id": child.pk,
                "children": [
                    {"name": g.short_name or g.name, "value": counts[g.path], "id": g.pk}
                    for g in grandchildren
                    if g.path.startswith(child.path) and counts.get(g.path)
                ],
            }
        )
    return nodes


def dashboard_data(*, user, area: Area, choice: Choice, with_overdue: bool = True) -> dict:
    """Everything the dashboard and the big screen draw, computed from the roll-up.

    The figures of an area and a choice are the same for everyone who may see the area, so they are kept
    in the cache for ``LIANXIN_DASHBOARD_CACHE_SECONDS`` (a minute by default: a screen refreshed by ten
    leaders costs one computation). The overdue list is the user's own and always fresh; the case lists
    behind every figure read the cases themselves.
    """
    data = cached_computed(
        f"lianxin:dashboard:{area.pk}:{area.path}:{choice.figure}:{choice.query()}",
        settings.LIANXIN_DASHBOARD_CACHE_SECONDS,
        lambda: _dashboard_figures(area=area, choice=choice),
    )
    return {**data, "overdue": overdue_cases(user=user, area=area) if with_overdue else []}


def _dashboard_figures(*, area: Area, choice: Choice) -> dict:
    current, previous = figures_change(area=area, period=choice.period, **choice.filters())
    children = area_children(area)
    ranking = figures_rank(area=area, period=choice.period, figure=choice.figure, **choice.filters())
    by_child = {r.area.path: r.figures for r in ranking}
    by_category = figures_for_area(area=area, period=choice.period, by="category", **choice.filters())
    categories = by_category_totals(area=area, period=choice.period, by_pk=by_category, **choice.filters())
    spots = hot_spots(
        area=area,
        period=choice.period,
        now_by_child=by_child,
        now_by_category=by_category,
        **choice.filters(),
    )
    _count_links(area=area, choice=choice, ranking=ranking, spots=spots)
    charts = {
        "trend": trend_series(area=area, choice=choice),
        "categories": [{"name": c.name, "value": f.reported} for c, f in categories if f.reported][:12],
        "ranking": {
            "labels": [r.area.short_name or r.area.name for r in ranking if r.rank],
            "values": [
                round(r.value * 100, 1) if choice.figure != "handling_hours" else round(r.value, 1)
                for r in ranking
                if r.rank
            ],
            "unit": "h" if choice.figure == "handling_hours" else "%",
        },
        "treemap": treemap(area=area, choice=choice, children=children, by_child=by_child),
        "gauges": [
            {"name": str(c["label"]), "value": _rate_points(c["value"])}
            for c in figure_cards(area=area, choice=choice, current=current, previous=previous)
            if c["unit"] == "%"
        ],
    }
    return {
        "area": area,
        "choice": choice,
        "current": current,
        "previous": previous,
        "cards": figure_cards(area=area, choice=choice, current=current, previous=previous),
        "children": children,
        "ranking": ranking,
        "categories": categories,
        "hot_spots": spots,
        "charts": charts,
        "min_volume": settings.LIANXIN_RANKING_MIN_VOLUME,
    }


def _count_links(*, area: Area, choice: Choice, ranking, spots) -> None:
    """Each count of the ranking and the hot spots opens the cases it counts: the ranking's volume (the
    figure's base) per area, a hot spot's count this period and the period before."""
    volume = VOLUME_OF.get(choice.figure, "reported")
    for row in ranking:
        row.url = cases_url(area=row.area, choice=choice, figure=volume)
    before = Choice(choice.period.previous(), choice.kind, choice.category, choice.figure)
    children = {c.path: c for c in area_children(area)}
    for spot in spots.get("places", []):
        child = children.get(spot.key)
        if child is not None:
            spot.url = cases_url(area=child, choice=choice, figure="reported")
            spot.previous_url = cases_url(area=child, choice=before, figure="reported")
    keys = [spot.key for spot in spots.get("categories", [])]
    categories = {c.pk: c for c in Category.objects.filter(pk__in=keys)}
    for spot in spots.get("categories", []):
        category = categories.get(spot.key)
        if category is None:
            continue
        # The hot spot counts the category alone, without its subcategories.
        extra = {"category": category.pk, "category_exact": 1}
        spot.url = cases_url(area=area, choice=choice, figure="reported", **extra)
        spot.previous_url = cases_url(area=area, choice=before, figure="reported", **extra)


def under_area(area: Area):
    return under("area_path", area.path)


def period_choices() -> list[tuple[str, str]]:
    return [
        ("last30", _("last 30 days")),
        ("day", _("day")),
        ("week", _("week")),
        ("month", _("month")),
        ("quarter", _("quarter")),
        ("year", _("year")),
        ("custom", _("custom")),
        ("since_pilot", _("since the pilot")),
    ]


# -- figure tables ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str  # a count or a figure of ``Figures``
    label: str
    kind: str  # "count", "rate" or "hours"
    figure: str = ""  # the case-list filter behind a count (FIGURE_FILTERS)


def table_columns() -> list[Column]:
    return [
        Column("reported", _("reported"), "count", "reported"),
        Column("response_on_time", _("responded in time"), "count", "response_on_time"),
        Column("response_rate", _("response rate"), "rate"),
        # P004-16 lists the late ones: answered late, and not answered at all.
        Column("response_late", _("responded late"), "count", "response_late"),
        Column("unresponded", _("not responded"), "count", "response_none"),
        Column("rejected", _("rejected"), "count", "rejected"),
        Column("merged", _("merged"), "count", "merged"),
        Column("closed", _("closed"), "count", "closed"),
        Column("resolution_rate", _("resolution rate"), "rate"),
        Column("closed_on_time", _("closed on time"), "count", "closed_on_time"),
        Column("on_time_rate", _("on-time rate"), "rate"),
        Column("one_pass", _("closed at one pass"), "count", "one_pass"),
        Column("one_pass_rate", _("one-pass rate"), "rate"),
        Column("rated", _("rated"), "count", "rated"),
        Column("satisfied", _("satisfied or basically satisfied"), "count", "satisfied"),
        Column("rated_auto", _("rated automatically"), "count", "rated_auto"),
        Column("satisfaction_rate", _("satisfaction rate"), "rate"),
        Column("in_building", _("resolved in the building"), "count", "in_building"),
        Column("in_building_rate", _("resolved-in-building rate"), "rate"),
        Column("in_estate", _("resolved in the estate"), "count", "in_estate"),
        Column("in_estate_rate", _("resolved-in-estate rate"), "rate"),
        Column("handling_hours", _("average handling time (hours)"), "hours"),
    ]


TABLE_BY = ["child", "category", "kind", "channel", "handler_type"]


def table_by_choices() -> list[tuple[str, str]]:
    return [
        ("child", _("by area")),
        ("category", _("by category")),
        ("kind", _("by kind")),
        ("channel", _("by channel")),
        ("handler_type", _("by handler type")),
    ]


@dataclass
class TableRow:
    label: str
    figures: Figures
    links: dict  # column key -> case list URL ({} when the case list cannot filter this row)


def cell(row_or_figures, column: Column):
    figures = row_or_figures.figures if isinstance(row_or_figures, TableRow) else row_or_figures
    value = figures.value(column.key)
    if column.kind == "rate":
        return round(value * 100, 1) if value is not None else None
    if column.kind == "hours":
        return round(value, 1) if value is not None else None
    return value


def figure_table(*, area: Area, choice: Choice, by: str) -> tuple[list[TableRow], Figures]:
    """The figures of the area split ``by`` area (its children), category, kind, channel or handler type,
    each row with links to the cases behind its counts; and the total row."""
    from lianxin.cases.models import Channel, HandlerType

    if by not in TABLE_BY:
        by = "child"
    split = figures_for_area(area=area, period=choice.period, by=by, **choice.filters())
    rows = []
    columns = [c for c in table_columns() if c.kind == "count"]

    def links(target_area, **extra):
        sub = Choice(choice.period, extra.pop("kind", choice.kind), extra.pop("category", choice.category))
        return {c.key: cases_url(area=target_area, choice=sub, figure=c.figure, **extra) for c in columns}

    # The total is the area's own figure, as on the dashboard, the big screen, the API and the bulletin.
    total = figures_for_area(area=area, period=choice.period, **choice.filters())
    if by == "child":
        children = area_children(area)
        below = Figures()
        for child in children:
            rows.append(TableRow(child.name, split.get(child.path, Figures()), links(child)))
            below = below + split.get(child.path, Figures())
        # Cases placed at the area itself (an Open311 report with only a position lands at the county):
        # a row of their own, so the rows add up to the total.
        rows.append(
            TableRow(
                _("%(area)s itself / direct") % {"area": area.short_name or area.name},
                total - below,
                links(area, area_itself=1),
            )
        )
    elif by == "category":
        names = {c.pk: c for c in Category.objects.filter(pk__in=split)}
        for pk, f in sorted(split.items(), key=lambda kv: names[kv[0]].path if kv[0] in names else ""):
            if pk in names:
                # A row counts the cases of its category alone; its subcategories have rows of their own.
                exact = {"category_exact": 1} if names[pk].numchild else {}
                rows.append(TableRow(names[pk].name, f, links(area, category=names[pk], **exact)))
    elif by == "kind":
        for value, f in split.items():
            rows.append(TableRow(str(Kind(value).label), f, links(area, kind=value)))
    elif by == "channel":
        for value, f in split.items():
            label = str(Channel(value).label) if value in Channel.values else value
            rows.append(TableRow(label, f, links(area, channel=value)))
    else:
        for value, f in split.items():
            label = str(HandlerType(value).label) if value in HandlerType.values else _("no handler yet")
            rows.append(TableRow(label, f, links(area, handler_type=value or "none")))
    return rows, total
