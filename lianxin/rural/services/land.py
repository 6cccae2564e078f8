"""The land part's writes (issue 23): collective income (entry, correction with a reason), rural per-capita
income, contracted farmland, land transfer and trusteeship contracts, consolidations. Each write checks the
actor's right and scope, is one transaction, and adds its part of the figures (``rural.<key>`` on the
generic roll-up, ``figures_land``) in the same transaction."""

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Level
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import require
from lianxin.core.scope import CHANGE, path_granted
from lianxin.rollups.services import rollup_add
from lianxin.rural.figures_land import contract_contributions, income_contributions
from lianxin.rural.models import (
    INCOME_SOURCES,
    CollectiveIncome,
    CollectiveIncomeCorrection,
    Consolidation,
    ContractKind,
    FarmlandRecord,
    LandContract,
    RuralIncomeFigure,
)

INCOME_RECORD = "collective_income.record"
LAND_RECORD = "land.record"
PER_CAPITA_RECORD = "rural_per_capita.record"

MONEY_MAX = Decimal("999999999999.99")
MU_MAX = Decimal("9999999999.99")
CENT = Decimal("0.01")


def money_clean(value, *, label: str, field: str) -> Decimal:
    """A yuan amount ≥ 0 to the fen; else a Chinese reason naming the field ("「其他收入」不能为负数")."""
    if value is None or value == "":
        return Decimal("0.00")
    try:
        amount = Decimal(str(value).replace(",", "").strip())
        if not amount.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        raise DomainError(
            _("“%(label)s” is not a number: %(value)s") % {"label": label, "value": value}, field=field
        ) from None
    if amount < 0:
        raise DomainError(_("“%(label)s” must not be negative") % {"label": label}, field=field)
    if amount > MONEY_MAX:
        raise DomainError(_("“%(label)s” is too large") % {"label": label}, field=field)
    if amount != amount.quantize(CENT):
        raise DomainError(_("“%(label)s” has more than two decimal places") % {"label": label}, field=field)
    return amount.quantize(CENT)


def mu_clean(value, *, label: str, field: str, positive: bool = False) -> Decimal:
    try:
        amount = Decimal(str(value).strip())
        if not amount.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        raise DomainError(
            _("“%(label)s” is not a number: %(value)s") % {"label": label, "value": value}, field=field
        ) from None
    if amount < 0 or (positive and amount == 0):
        raise DomainError(
            (_("“%(label)s” must be more than 0") if positive else _("“%(label)s” must not be negative"))
            % {"label": label},
            field=field,
        )
    if amount > MU_MAX or amount != amount.quantize(CENT):
        raise DomainError(_("“%(label)s” is not a valid area in mu") % {"label": label}, field=field)
    return amount.quantize(CENT)


def year_clean(year, *, field: str = "year") -> int:
    try:
        value = int(year)
    except (TypeError, ValueError):
        raise DomainError(_("Enter the year as four digits, such as 2025."), field=field) from None
    if not 2000 <= value <= 2100:
        raise DomainError(_("Enter the year as four digits, such as 2025."), field=field)
    return value


def _village_check(actor, village: Area, capability: str) -> None:
    if village is None or village.level != Level.VILLAGE:
        raise DomainError(_("Choose a village."), field="village")
    if not path_granted(actor, village.path, CHANGE):  # Area's scope is its path: no query per row
        raise DomainError(
            _("%(name)s is outside the areas you may change.") % {"name": village.name},
            code="forbidden",
            field="village",
        )
    require(actor, capability, at=village.path)


def _apply(contributions_before: dict, contributions_after: dict) -> None:
    """Write the difference of two sets of contributions ({(key, path, day): (value, count)})."""
    for k in set(contributions_before) | set(contributions_after):
        v0, c0 = contributions_before.get(k, (0, 0))
        v1, c1 = contributions_after.get(k, (0, 0))
        if v1 - v0 or c1 - c0:
            key, path, day = k
            rollup_add(key=key, area_path=path, day=day, value=v1 - v0, count=c1 - c0)


# -- collective income ---------------------------------------------------------------------------------------


def income_amounts_clean(amounts: dict) -> dict[str, Decimal]:
    return {name: money_clean(amounts.get(name), label=label, field=name) for name, label in INCOME_SOURCES}


def collective_income_record(
    actor,
    *,
    village: Area,
    year: int,
    amounts: dict,
    cooperative_gain=None,
    correction: bool = False,
    reason: str = "",
) -> CollectiveIncome:
    """Record a village's collective income for a year (the five sources, ≥ 0) and the increase driven
    by cooperatives. A year already recorded is changed only as a correction with a reason (409
    otherwise); the old values are kept in a correction row and the audit trail."""
    _village_check(actor, village, INCOME_RECORD)
    year = year_clean(year)
    cleaned = income_amounts_clean(amounts)
    gain = money_clean(cooperative_gain, label="合作社带动", field="cooperative_gain")
    reason = (reason or "").strip()
    if len(reason) > 200:
        raise DomainError(_("The reason is longer than 200 characters."), field="reason")
    with transaction.atomic():
        existing = CollectiveIncome.objects.select_for_update().filter(area=village, year=year).first()
        if existing is not None and not correction:
            raise DomainError(
                _(
                    "%(village)s's collective income for %(year)s is already recorded; to change it, mark it "
                    "as a correction and give the reason"
                )
                % {"village": village.name, "year": year},
                code="invalid_state",
                field="year",
            )
        if existing is not None and not reason:
            raise DomainError(_("A correction needs its reason."), field="reason")
        if existing is None and correction:
            raise DomainError(
                _("%(village)s has no collective income recorded for %(year)s; there is nothing to correct")
                % {"village": village.name, "year": year},
                code="invalid_state",
                field="year",
            )
        before = income_contributions(existing) if existing else {}
        if existing is None:
            row = CollectiveIncome(area=village, year=year, recorded_by=actor)
        else:
            row = existing
            old = {name: str(getattr(row, name)) for name, _label in INCOME_SOURCES}
            old.update(total=str(row.total), cooperative_gain=str(row.cooperative_gain))
        for name, value in cleaned.items():
            setattr(row, name, value)
        row.cooperative_gain = gain
        if existing is not None:
            row.correction_reason = reason
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError:
            raise DomainError(
                _("%(village)s's collective income for %(year)s is already recorded")
                % {"village": village.name, "year": year},
                code="invalid_state",
                field="year",
            ) from None
        if existing is not None:
            CollectiveIncomeCorrection.objects.create(
                income=row, reason=reason, old_values=old, corrected_by=actor
            )
        _apply(before, income_contributions(row))
    return row


def per_capita_record(actor, *, area: Area, year: int, per_capita) -> RuralIncomeFigure:
    """Rural per-capita disposable income of a cluster or a county for a year (P002-24); recorded again,
    the value is replaced (audited)."""
    if area is None or area.level not in (Level.CLUSTER, Level.COUNTY, Level.TOWNSHIP, Level.CITY):
        raise DomainError(_("Choose a cluster, a township or a county."), field="area")
    if not Area.objects.restrict(actor, CHANGE).filter(pk=area.pk).exists():
        raise DomainError(_("Choose one within your scope."), code="forbidden", field="area")
    require(actor, PER_CAPITA_RECORD, at=area.path)
    year = year_clean(year)
    value = money_clean(per_capita, label=str(_("per-capita disposable income")), field="per_capita")
    with transaction.atomic():
        row = RuralIncomeFigure.objects.select_for_update().filter(area=area, year=year).first()
        if row is None:
            row = RuralIncomeFigure(area=area, year=year, recorded_by=actor)
        row.per_capita = value
        row.save()
    return row


# -- land ----------------------------------------------------------------------------------------------------


def farmland_record(actor, *, village: Area, year: int, contracted_mu) -> FarmlandRecord:
    """A village's contracted farmland in a year (recorded again: replaced, audited)."""
    _village_check(actor, village, LAND_RECORD)
    year = year_clean(year)
    mu = mu_clean(contracted_mu, label=str(_("contracted farmland (mu)")), field="contracted_mu")
    with transaction.atomic():
        row = FarmlandRecord.objects.select_for_update().filter(area=village, year=year).first()
        before = {}
        if row is None:
            row = FarmlandRecord(area=village, year=year, recorded_by=actor)
        else:
            before = _farmland_contribution(row)
        row.contracted_mu = mu
        row.save()
        _apply(before, _farmland_contribution(row))
    return row


def _farmland_contribution(row: FarmlandRecord) -> dict:
    from lianxin.rural.figures_land import farmland_contributions

    return farmland_contributions(row)


def land_contract_record(
    actor,
    *,
    village: Area,
    kind: str,
    mu,
    counterparty: str,
    starts_on: date,
    ends_on: date,
    links: int = 1,
    link_names: str = "",
    organisation=None,
    note: str = "",
) -> LandContract:
    """A land transfer (流转) or a trusteeship (托管) contract of a village's land, from one day to another.
    A transfer has one link; a trusteeship names how many service links the provider carries out."""
    _village_check(actor, village, LAND_RECORD)
    if kind not in ContractKind.values:
        raise DomainError(_("Choose transfer or trusteeship."), field="kind")
    area = mu_clean(mu, label=str(_("area (mu)")), field="mu", positive=True)
    counterparty = (counterparty or "").strip()
    if not counterparty:
        raise DomainError(_("Name the counterparty or the service provider."), field="counterparty")
    if len(counterparty) > 100:
        raise DomainError(_("The counterparty's name is longer than 100 characters."), field="counterparty")
    if starts_on is None or ends_on is None:
        raise DomainError(_("Give the contract's first and last day."), field="starts_on")
    if ends_on < starts_on:
        raise DomainError(_("The contract ends before it starts."), field="ends_on")
    try:
        links = int(links or 1)
    except (TypeError, ValueError):
        raise DomainError(_("Service links must be a whole number from 1 to 10."), field="links") from None
    if kind == ContractKind.TRANSFER:
        links = 1
    if not 1 <= links <= 10:
        raise DomainError(_("Service links must be a whole number from 1 to 10."), field="links")
    with transaction.atomic():
        contract = LandContract.objects.create(
            kind=kind,
            area=village,
            mu=area,
            links=links,
            link_names=(link_names or "").strip()[:100],
            counterparty=counterparty,
            organisation=organisation,
            starts_on=starts_on,
            ends_on=ends_on,
            note=(note or "").strip()[:200],
            recorded_by=actor,
        )
        _apply({}, contract_contributions(contract))
    return contract


def land_contract_end(actor, *, contract: LandContract, ends_on: date) -> LandContract:
    """End a contract early (it no longer counts from the day after ``ends_on``)."""
    _village_check(actor, contract.area, LAND_RECORD)
    if ends_on is None or ends_on < contract.starts_on:
        raise DomainError(_("The contract ends before it starts."), field="ends_on")
    if ends_on >= contract.ends_on:
        raise DomainError(_("An early end must come before the contract's last day."), field="ends_on")
    with transaction.atomic():
        locked = LandContract.objects.select_for_update().get(pk=contract.pk)
        before = contract_contributions(locked)
        locked.ends_on = ends_on
        locked.save()
        _apply(before, contract_contributions(locked))
    return locked


def consolidation_record(
    actor,
    *,
    area: Area,
    name: str,
    year: int,
    mu,
    planted_before,
    planted_after,
    income_gained,
    partner: str = "",
    cooperatives: int = 0,
) -> Consolidation:
    """A 小田并大田 project in a village or a township: land merged, planted before and after, income
    gained."""
    if area is None or area.level not in (Level.VILLAGE, Level.TOWNSHIP, Level.CLUSTER):
        raise DomainError(_("Choose a village, a cluster or a township."), field="area")
    if not Area.objects.restrict(actor, CHANGE).filter(pk=area.pk).exists():
        raise DomainError(_("Choose one within your scope."), code="forbidden", field="area")
    require(actor, LAND_RECORD, at=area.path)
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise DomainError(_("Name the project (up to 100 characters)."), field="name")
    with transaction.atomic():
        return Consolidation.objects.create(
            area=area,
            name=name,
            year=year_clean(year),
            mu=mu_clean(mu, label=str(_("land merged (mu)")), field="mu", positive=True),
            planted_before=mu_clean(
                planted_before, label=str(_("planted before (mu)")), field="planted_before"
            ),
            planted_after=mu_clean(planted_after, label=str(_("planted after (mu)")), field="planted_after"),
            income_gained=money_clean(
                income_gained, label=str(_("collective income gained")), field="income_gained"
            ),
            partner=(partner or "").strip()[:100],
            cooperatives=max(0, int(cooperatives or 0)),
            recorded_by=actor,
        )


def day_after(day: date) -> date:
    return day + timedelta(days=1)
