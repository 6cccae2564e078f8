"""Dated facts of an area (``AreaFact``): the registry of facts with their Chinese names and units, the one
service that records them (the page, the API and the Excel import all go through it and meet the same
rights check), and the reads for the area page, the API and the dashboard's "试点以来" period.

Who records: the county's (or city's) organisation department and secretaries, for their county and
everything in it (a post at county level or above over the area, with the right to change it). A new value
for the same fact and year supersedes the current row; the old one is kept and the change audited.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.areas.models import Area, AreaFact, Level
from lianxin.audit.models import Action
from lianxin.audit.services import audit_record
from lianxin.core.errors_domain import DomainError
from lianxin.core.paths import ancestor_paths
from lianxin.core.rights import held_with, may
from lianxin.core.scope import VIEW

DECIMAL, TEXT, DATE = "decimal", "text", "date"


@dataclass(frozen=True)
class FactKey:
    key: str
    label: object
    kind: str
    unit: object = ""
    practice: str = ""
    minimum: Decimal | None = None
    maximum: Decimal | None = None


FACT_KEYS: dict[str, FactKey] = {
    f.key: f
    for f in (
        FactKey(
            "online_retail_sales",
            gettext_lazy("Online retail sales"),
            DECIMAL,
            gettext_lazy("100 million yuan"),
            "P000-54",
            Decimal(0),
        ),
        FactKey(
            "planned_urban_area",
            gettext_lazy("Planned urban area"),
            DECIMAL,
            gettext_lazy("km²"),
            "P001-03",
            Decimal(0),
        ),
        FactKey("pilot_designation", gettext_lazy("Pilot designation"), TEXT, "", "P001-04"),
        FactKey("pilot_start", gettext_lazy("Pilot start date"), DATE, "", "P001-04"),
        FactKey("honours", gettext_lazy("Honours and rankings"), TEXT, "", "P003-30"),
        FactKey(
            "resident_population",
            gettext_lazy("Resident population"),
            DECIMAL,
            gettext_lazy("persons (count unit)"),
            "P004-01",
            Decimal(0),
        ),
        FactKey(
            "urban_resident_population",
            gettext_lazy("Urban resident population"),
            DECIMAL,
            gettext_lazy("persons (count unit)"),
            "P004-01",
            Decimal(0),
        ),
        FactKey(
            "urbanisation_rate",
            gettext_lazy("Urbanisation rate of the resident population"),
            DECIMAL,
            "%",
            "P004-01",
            Decimal(0),
            Decimal(100),
        ),
    )
}

RECORDER_LEVELS = (Level.CITY, Level.COUNTY)
YEARS = (1949, 2100)
TEXT_LIMIT = 1000


def fact_recorder(*, user, area: Area) -> bool:
    """Whether the user may record facts of ``area``: a current post with "area.record_yearly_facts" at
    county level or above whose area holds it, and which may change it."""
    if not may(user, "area.record_yearly_facts", area):
        return False
    return any(
        held.post.area_id and held.post.area.level in RECORDER_LEVELS and area.path.startswith(held.area_path)
        for held in held_with(user, "area.record_yearly_facts")
    )


def fact_value_parse(key: FactKey, raw) -> dict:
    """The typed value of ``raw`` for the fact: the columns of the row, or a DomainError naming the value."""
    if isinstance(raw, str):
        raw = raw.strip()
    if raw in (None, ""):
        raise DomainError(_("Enter the value."), code="required", field="value")
    if key.kind == DATE:
        if isinstance(raw, datetime.datetime):
            raw = raw.date()
        if not isinstance(raw, datetime.date):
            from lianxin.imports.specs.base import parse_date

            parsed = parse_date(str(raw))
            if parsed is None:
                raise DomainError(
                    _("“%(value)s” is not a date; write it as 2021-07-01") % {"value": raw}, field="value"
                )
            raw = parsed
        return {"value_date": raw, "value_decimal": None, "value_text": ""}
    if key.kind == DECIMAL:
        try:
            number = Decimal(str(raw).replace(",", "").replace("，", ""))
            if not number.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            raise DomainError(_("“%(value)s” is not a number") % {"value": raw}, field="value") from None
        if (key.minimum is not None and number < key.minimum) or (
            key.maximum is not None and number > key.maximum
        ):
            raise DomainError(
                _("%(label)s must be between %(minimum)s and %(maximum)s")
                % {
                    "label": key.label,
                    "minimum": key.minimum,
                    "maximum": key.maximum if key.maximum else "∞",
                },
                field="value",
            )
        if abs(number) >= Decimal(10) ** 16:
            raise DomainError(_("“%(value)s” is too large") % {"value": raw}, field="value")
        return {"value_decimal": round(number, 4), "value_date": None, "value_text": ""}
    text = str(raw)
    if len(text) > TEXT_LIMIT:
        raise DomainError(_("Keep it within %(max)s characters.") % {"max": TEXT_LIMIT}, field="value")
    return {"value_text": text, "value_decimal": None, "value_date": None}


def fact_key_get(key: str) -> FactKey:
    found = FACT_KEYS.get((key or "").strip())
    if found is None:
        raise DomainError(
            _("Choose one of the facts: %(facts)s")
            % {"facts": "、".join(str(f.label) for f in FACT_KEYS.values())},
            code="bad_key",
            field="key",
        )
    return found


def _year(year) -> int:
    try:
        number = int(str(year).strip())
    except (TypeError, ValueError):
        raise DomainError(_("Enter the year, e.g. 2024."), code="bad_year", field="year") from None
    if not YEARS[0] <= number <= YEARS[1]:
        raise DomainError(
            _("The year must be between %(first)s and %(last)s.") % {"first": YEARS[0], "last": YEARS[1]},
            code="bad_year",
            field="year",
        )
    return number


@transaction.atomic
def area_fact_record(actor, *, area: Area, key: str, year, value, source: str = "") -> tuple[AreaFact, bool]:
    """Record the value of a fact of the area for a year. Returns (the current row, whether it changed):
    the same value and source again change nothing; a different one supersedes the current row, which is
    kept. ``actor`` None is the demo loader's own seeding, which no user can reach."""
    fact_key = fact_key_get(key)
    year = _year(year)
    if actor is not None and not fact_recorder(user=actor, area=area):
        raise DomainError(
            _("Only the county's organisation department and secretaries record the facts of this area."),
            code="forbidden",
        )
    values = fact_value_parse(fact_key, value)
    source = (source or "").strip()[:200]
    current = (
        AreaFact.objects.select_for_update()
        .filter(area=area, key=fact_key.key, year=year, superseded_at__isnull=True)
        .first()
    )
    if (
        current is not None
        and all(getattr(current, k) == v for k, v in values.items())
        and current.source == source
    ):
        return current, False
    now = timezone.now()
    if current is not None:
        AreaFact.objects.filter(pk=current.pk).update(superseded_at=now)
    fact = AreaFact.objects.create(
        area=area,
        area_path=area.path,
        key=fact_key.key,
        year=year,
        unit=str(fact_key.unit),
        source=source,
        recorded_by=actor,
        recorded_at=now,
        **values,
    )
    if current is not None:
        AreaFact.objects.filter(pk=current.pk).update(superseded_by=fact)
    if actor is not None:
        audit_record(
            action=Action.UPDATE if current is not None else Action.CREATE,
            actor=actor,
            obj=fact,
            object_repr=f"{area.name} {fact_key.label} {year}",
            changes={"value": [current.value_display if current else None, fact.value_display]},
            detail={"area": area.pk, "key": fact_key.key, "year": year, "source": source},
        )
    return fact, True


# -- reads ---------------------------------------------------------------------------------------------


def _ordered(facts) -> list[AreaFact]:
    order = {k: i for i, k in enumerate(FACT_KEYS)}
    return sorted(facts, key=lambda f: (order.get(f.key, 99), -f.year, -f.recorded_at.timestamp()))


def area_facts_dated(*, user, area: Area, history: bool = False) -> list[AreaFact]:
    """The area's facts the user may see, by fact then newest year first; with ``history`` the superseded
    rows too."""
    facts = AreaFact.objects.restrict(user, VIEW).filter(area=area).select_related("recorded_by")
    if not history:
        facts = facts.filter(superseded_at__isnull=True)
    return _ordered(facts)


def area_facts_latest(*, area: Area) -> list[AreaFact]:
    """For the area page's summary: each fact's latest year, current value."""
    latest = {}
    for fact in _ordered(AreaFact.objects.filter(area=area, superseded_at__isnull=True)):
        latest.setdefault(fact.key, fact)
    return list(latest.values())


def fact_label(key: str) -> str:
    return str(FACT_KEYS[key].label) if key in FACT_KEYS else key


def pilot_start(*, area: Area) -> datetime.date | None:
    """The pilot's start date recorded for the area or the nearest area above it (the base of the
    "试点以来" period), or None."""
    paths = ancestor_paths(area.path)
    fact = (
        AreaFact.objects.filter(
            area__path__in=paths, key="pilot_start", superseded_at__isnull=True, value_date__isnull=False
        )
        .order_by("-area__depth", "-year")
        .first()
    )
    return fact.value_date if fact else None
