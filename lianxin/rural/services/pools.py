"""The pools part's services (四个统筹, docs/rural/pools.md): the fund pool (inflows, allocations, balance
never below zero), multi-year commitments and their tranches, cadre deployments, the cluster's activities
and their attendance. Keyword-only, acting user first, one transaction each; refusals are DomainErrors in
Chinese (conflicts ``code="invalid_state"`` → 409).

``actor=None`` is the system (the demo loader, the Huey job): no rights checked; every page and API call
passes the signed-in user, whose rights are checked here."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Level
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import require
from lianxin.rural.models.pools import (
    ZERO,
    CadreDeployment,
    ClusterActivity,
    ClusterAttendance,
    EntryKind,
    Fund,
    FundCommitment,
    FundEntry,
    FundSource,
    Tranche,
)

MAX_AMOUNT = Decimal("999999999999.99")

# Capabilities (registered in setup_pools): funds, commitments and tranches are the county's (county_admin);
# the cluster's cadres and activities are its leaders' (the township secretary, the joint committee leader).
FUND_MANAGE = "rural_fund.manage"
POOLS_MANAGE = "rural_pools.manage"


def _person(actor):
    if actor is None:
        return None
    if not getattr(actor, "is_authenticated", False) or not actor.person_id:
        raise DomainError(_("Your account is not linked to a person."), code="forbidden")
    return actor.person


def _today() -> date:
    from lianxin.cases.clock import now as clock_now

    return timezone.localtime(clock_now()).date()


def money(value, field: str = "amount") -> Decimal:
    """A positive amount of yuan with at most two decimals, or a 400 naming the field."""
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, TypeError, ValueError):
        raise DomainError(_("Give the amount in yuan, e.g. 300000.00."), field=field) from None
    if not amount.is_finite() or amount <= 0:
        raise DomainError(_("The amount must be above zero."), field=field)
    if amount != amount.quantize(Decimal("0.01")):
        raise DomainError(_("Give the amount to the fen (two decimals at most)."), field=field)
    if amount > MAX_AMOUNT:
        raise DomainError(_("The amount is too large."), field=field)
    return amount.quantize(Decimal("0.01"))


# ---------------------------------------------------------------------------------------------- funds


def fund_balance(fund: Fund) -> Decimal:
    """Inflows less allocations (Decimal, two places)."""
    sums = dict(
        FundEntry.objects.filter(fund_id=fund.pk)
        .values_list("kind")
        .annotate(total=Sum("amount"))
        .values_list("kind", "total")
    )
    balance = (sums.get(EntryKind.INFLOW) or ZERO) - (sums.get(EntryKind.ALLOCATION) or ZERO)
    return balance.quantize(Decimal("0.01"))


@transaction.atomic
def fund_create(actor, *, area: Area, name: str, source_kinds=(), note: str = "") -> Fund:
    """A fund pool of a county or of a cluster."""
    if actor is not None:
        require(actor, FUND_MANAGE, at=area.path)
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the fund a name."), field="name")
    if area.level not in (Level.COUNTY, Level.CLUSTER):
        raise DomainError(_("A fund belongs to a county or a cluster."), field="area")
    kinds = [str(k) for k in source_kinds or ()]
    unknown = [k for k in kinds if k not in FundSource.values]
    if unknown:
        raise DomainError(_("Unknown source kind: %(kind)s.") % {"kind": unknown[0]}, field="source_kinds")
    if Fund.objects.filter(area=area, name=name).exists():
        raise DomainError(
            _("%(area)s already has a fund named %(name)s.") % {"area": area.name, "name": name},
            code="invalid_state",
            field="name",
        )
    return Fund.objects.create(area=area, name=name, source_kinds=kinds, note=note or "")


def _locked(fund: Fund) -> Fund:
    return Fund.objects.select_for_update().get(pk=fund.pk)


@transaction.atomic
def fund_inflow(
    actor,
    *,
    fund: Fund,
    amount,
    source: str,
    source_kind: str = FundSource.FINANCE,
    occurred_on: date | None = None,
    purpose: str = "",
) -> FundEntry:
    """Money into the pool from a source (e.g. 县财政局)."""
    if actor is not None:
        require(actor, FUND_MANAGE, fund)
    amount = money(amount)
    source = (source or "").strip()
    if not source:
        raise DomainError(_("Name where the money comes from."), field="source")
    if source_kind not in FundSource.values:
        raise DomainError(_("Unknown source kind: %(kind)s.") % {"kind": source_kind}, field="source_kind")
    fund = _locked(fund)
    balance = fund_balance(fund) + amount
    if balance > MAX_AMOUNT:
        raise DomainError(_("The amount is too large."), field="amount")
    return FundEntry.objects.create(
        fund=fund,
        kind=EntryKind.INFLOW,
        amount=amount,
        balance_after=balance,
        source_kind=source_kind,
        source=source[:100],
        purpose=(purpose or "")[:200],
        occurred_on=occurred_on or _today(),
        recorded_by=_person(actor),
    )


@transaction.atomic
def fund_allocate(
    actor,
    *,
    fund: Fund,
    amount: Decimal,
    purpose: str,
    area: Area | None = None,
    source_object=None,
    occurred_on: date | None = None,
) -> FundEntry:
    """Money out of the pool to a project or purpose (optionally for an area, e.g. a village, and for a
    record, e.g. a cooperative's award or a tranche). Under the fund's row lock: over the balance, 409
    "资金余额不足" and nothing written."""
    if actor is not None:
        require(actor, FUND_MANAGE, fund)
    amount = money(amount)
    purpose = (purpose or "").strip()
    if not purpose:
        raise DomainError(_("Say what the money is for."), field="purpose")
    fund = _locked(fund)
    balance = fund_balance(fund)
    if amount > balance:
        raise DomainError(_("The fund's balance is not enough"), code="invalid_state", field="amount")
    entry = FundEntry(
        fund=fund,
        kind=EntryKind.ALLOCATION,
        amount=amount,
        balance_after=balance - amount,
        purpose=purpose[:200],
        area=area,
        occurred_on=occurred_on or _today(),
        recorded_by=_person(actor),
    )
    if source_object is not None:
        entry.object_type = ContentType.objects.get_for_model(type(source_object))
        entry.object_id = source_object.pk
    entry.save()
    return entry


# ------------------------------------------------------------------------------------------ commitments


def _ancestor(area: Area, level: str) -> Area | None:
    from lianxin.core.paths import ancestor_paths

    return Area.objects.filter(path__in=ancestor_paths(area.path, include_self=False), level=level).first()


@transaction.atomic
def commitment_create(
    actor,
    *,
    area: Area,
    name: str,
    yearly_amount,
    first_year: int,
    years: int,
    fund: Fund | None = None,
    due_month: int = 3,
    due_day: int = 31,
) -> FundCommitment:
    """A multi-year commitment to an area (a model village): one tranche per year, due on the given day."""
    county = area if area.level == Level.COUNTY else _ancestor(area, Level.COUNTY)
    if county is None:
        raise DomainError(_("Choose an area inside a county."), field="area")
    if actor is not None:
        require(actor, FUND_MANAGE, at=county.path)
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the commitment a name."), field="name")
    amount = money(yearly_amount, "yearly_amount")
    try:
        first_year, years = int(first_year), int(years)
    except (TypeError, ValueError):
        raise DomainError(_("Give the first year and the number of years."), field="years") from None
    if not 2000 <= first_year <= 2100:
        raise DomainError(_("Give the first year as four digits."), field="first_year")
    if not 1 <= years <= 10:
        raise DomainError(_("A commitment runs for 1 to 10 years."), field="years")
    if fund is not None and not fund.area.path.startswith(county.path):
        raise DomainError(_("The fund belongs to another county."), field="fund")
    try:
        date(first_year, due_month, due_day)
    except ValueError:
        raise DomainError(_("Give a valid due date."), field="due_month") from None
    commitment = FundCommitment.objects.create(
        county=county,
        area=area,
        fund=fund,
        name=name,
        yearly_amount=amount,
        first_year=first_year,
        years=years,
        created_by=_person(actor),
    )
    for offset in range(years):
        Tranche.objects.create(
            commitment=commitment,
            year=first_year + offset,
            amount=amount,
            due_on=date(first_year + offset, due_month, due_day),
        )
    return commitment


@transaction.atomic
def tranche_pay(actor, *, tranche: Tranche, paid_on: date | None = None) -> Tranche:
    """Pay a tranche: marked paid; when its commitment draws on a fund, the tranche is an allocation of
    that fund (409 "资金余额不足" over the balance). Paid already: 409."""
    tranche = Tranche.objects.select_for_update().select_related("commitment").get(pk=tranche.pk)
    commitment = tranche.commitment
    if actor is not None:
        require(actor, FUND_MANAGE, at=commitment.county.path)
    if tranche.paid_on is not None:
        raise DomainError(
            _("The %(year)s tranche was paid on %(date)s.")
            % {"year": tranche.year, "date": tranche.paid_on.isoformat()},
            code="invalid_state",
        )
    paid_on = paid_on or _today()
    if commitment.fund_id:
        tranche.entry = fund_allocate(
            actor,
            fund=commitment.fund,
            amount=tranche.amount,
            purpose=f"{commitment.name}（{commitment.area.name} {tranche.year}）",
            area=commitment.area,
            source_object=tranche,
            occurred_on=paid_on,
        )
    tranche.paid_on = paid_on
    tranche.save(update_fields=["paid_on", "entry"])
    return tranche


# ------------------------------------------------------------------------------------------ cadre pool


def _cluster_of(area: Area) -> Area | None:
    if area.level == Level.CLUSTER:
        return area
    return _ancestor(area, Level.CLUSTER)


@transaction.atomic
def deployment_create(
    actor,
    *,
    cluster: Area,
    person,
    home_area: Area,
    starts_on: date,
    ends_on: date | None = None,
    to_area: Area | None = None,
    to_party_org=None,
    duty: str = "",
) -> CadreDeployment:
    """Deploy a cadre of one of the cluster's villages to one of its task forces or to another of its
    villages, for a period."""
    if cluster.level != Level.CLUSTER:
        raise DomainError(_("Choose a cluster."), field="cluster")
    if actor is not None:
        require(actor, POOLS_MANAGE, at=cluster.path)
    if person is None:
        raise DomainError(_("Choose the cadre."), field="person")
    if home_area is None or _cluster_of(home_area) is None or _cluster_of(home_area).pk != cluster.pk:
        raise DomainError(
            _("%(village)s is not a village of %(cluster)s.")
            % {"village": getattr(home_area, "name", "—"), "cluster": cluster.name},
            field="home_area",
        )
    if (to_area is None) == (to_party_org is None):
        raise DomainError(
            _("Deploy the cadre either to a task force or to another village."), field="to_area"
        )
    if to_area is not None:
        if to_area.pk == home_area.pk:
            raise DomainError(_("Choose a village other than his own."), field="to_area")
        target_cluster = _cluster_of(to_area)
        if target_cluster is None or target_cluster.pk != cluster.pk:
            raise DomainError(
                _("%(village)s is not a village of %(cluster)s.")
                % {"village": to_area.name, "cluster": cluster.name},
                field="to_area",
            )
    if to_party_org is not None and (
        to_party_org.kind != "task_force" or not (to_party_org.area_path or "").startswith(cluster.path)
    ):
        raise DomainError(_("Choose one of the cluster's task forces."), field="to_party_org")
    if starts_on is None:
        raise DomainError(_("Give the first day."), field="starts_on")
    if ends_on is not None and ends_on < starts_on:
        raise DomainError(_("The period ends before it starts."), field="ends_on")
    overlapping = CadreDeployment.objects.filter(person=person, cluster=cluster).exclude(
        ends_on__lt=starts_on
    )
    if ends_on is not None:
        overlapping = overlapping.exclude(starts_on__gt=ends_on)
    if overlapping.exists():
        raise DomainError(
            _("%(name)s is already deployed in this period.") % {"name": person.name},
            code="invalid_state",
        )
    return CadreDeployment.objects.create(
        cluster=cluster,
        person=person,
        home_area=home_area,
        to_area=to_area,
        to_party_org=to_party_org,
        duty=(duty or "")[:100],
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=_person(actor),
    )


@transaction.atomic
def deployment_end(actor, *, deployment: CadreDeployment, ends_on: date) -> CadreDeployment:
    deployment = CadreDeployment.objects.select_for_update().get(pk=deployment.pk)
    if actor is not None:
        require(actor, POOLS_MANAGE, at=deployment.area_path)
    if ends_on < deployment.starts_on:
        raise DomainError(_("The period ends before it starts."), field="ends_on")
    deployment.ends_on = ends_on
    deployment.save(update_fields=["ends_on"])
    return deployment


# ------------------------------------------------------------------------------------------ activities


def cluster_branches(cluster: Area):
    """The party branches of the cluster's villages (and the cluster's own joint branches): the
    organisations every cluster activity is held for."""
    from lianxin.core.paths import under
    from lianxin.party.models import OrgKind, PartyOrg

    kinds = [OrgKind.BRANCH, OrgKind.GENERAL_BRANCH, OrgKind.JOINT_BRANCH]
    return (
        PartyOrg.objects.filter(under("area_path", cluster.path), kind__in=kinds)
        .select_related("area")
        .order_by("area_path", "name")
    )


@transaction.atomic
def activity_schedule(
    actor, *, cluster: Area, name: str, held_on: date, place: str = "", content: str = ""
) -> ClusterActivity:
    """One activity for every branch of the cluster (活动统筹开展)."""
    if cluster.level != Level.CLUSTER:
        raise DomainError(_("Choose a cluster."), field="cluster")
    if actor is not None:
        require(actor, POOLS_MANAGE, at=cluster.path)
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the activity a name."), field="name")
    if held_on is None:
        raise DomainError(_("Give the date."), field="held_on")
    branches = list(cluster_branches(cluster))
    if not branches:
        raise DomainError(_("The cluster has no party branches."), code="invalid_state")
    activity = ClusterActivity.objects.create(
        cluster=cluster,
        name=name[:100],
        held_on=held_on,
        place=(place or "")[:100],
        content=content or "",
        created_by=_person(actor),
    )
    activity.branches.set(branches)
    return activity


def activity_members(activity: ClusterActivity):
    """(branch, person) of every member of the activity's branches, each person once (his home branch
    when he belongs to a joint branch as well: Membership.is_home)."""
    from lianxin.party.models import Membership, MembershipKind

    rows = (
        Membership.objects.filter(
            org__in=activity.branches.all(),
            kind__in=[MembershipKind.FULL, MembershipKind.PROBATIONARY],
            end_date__isnull=True,
        )
        .select_related("person", "org")
        .order_by("-is_home", "org_path", "person__name")
    )
    seen: dict[int, tuple] = {}
    for m in rows:
        seen.setdefault(m.person_id, (m.org, m.person))
    return sorted(seen.values(), key=lambda pair: (pair[0].path, pair[1].name))


@transaction.atomic
def attendance_record(actor, *, activity: ClusterActivity, present_ids, absent_note: dict | None = None):
    """Take the attendance: every member of the activity's branches is written, present or not."""
    if actor is not None:
        require(actor, POOLS_MANAGE, at=activity.area_path)
    try:
        present = {int(pk) for pk in present_ids or ()}
    except (TypeError, ValueError):
        raise DomainError(_("Choose the members present."), field="present") from None
    members = activity_members(activity)
    known = {person.pk for _branch, person in members}
    unknown = present - known
    if unknown:
        raise DomainError(_("Only members of the cluster's branches attend."), field="present")
    notes = absent_note or {}
    rows = []
    for branch, person in members:
        row, _created = ClusterAttendance.objects.update_or_create(
            activity=activity,
            person=person,
            defaults={
                "branch": branch,
                "present": person.pk in present,
                "note": str(notes.get(person.pk, notes.get(str(person.pk), "")))[:100],
            },
        )
        rows.append(row)
    return rows


# ------------------------------------------------------------------------------------------ assessment


def scheme_indicators(text: str) -> list[dict]:
    """ "名称 权重" lines → the assessment app's indicator specs (hand-marked); a bad line is a 400."""
    rows = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        name, _sep, weight = line.replace("\t", " ").rpartition(" ")
        if not name.strip() or not weight.strip():
            raise DomainError(
                _("Line %(n)d: give the indicator's name and its weight.") % {"n": number}, field="indicators"
            )
        rows.append({"name": name.strip(), "weight": weight.strip().rstrip("%"), "source": "mark"})
    return rows


def assessment_create(actor, *, cluster: Area, year: int, name: str, indicators: str):
    """The assessment pool: a yearly scheme over the cluster's villages, through the assessment app
    (weights not adding up to 100: its 400)."""
    from datetime import date

    from lianxin.assessment.models import SubjectKind
    from lianxin.assessment.services.scoring import scheme_create as assessment_scheme_create

    return assessment_scheme_create(
        actor,
        name=(name or "").strip()
        or _("%(year)s village assessment of %(cluster)s") % {"year": year, "cluster": cluster.name},
        subject_kind=SubjectKind.VILLAGE,
        area=cluster,
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        entry_opens=date(year, 1, 1),
        entry_closes=date(year + 1, 3, 31),
        indicators=scheme_indicators(indicators),
    )


def assessment_scores(actor, *, scheme, scores: dict) -> int:
    """Scores ``{(village_id, indicator_id): value}`` entered through the assessment app, then the ranking
    recomputed once. Returns how many were written."""
    from lianxin.assessment.scoring_functions import Subject
    from lianxin.assessment.services.scoring import mark_record, results_refresh
    from lianxin.core.paths import under

    villages = {
        v.pk: v
        for v in Area.objects.filter(
            under("path", scheme.area_path), level=Level.VILLAGE, retired_on__isnull=True
        )
    }
    indicators = {i.pk: i for i in scheme.indicators.all()}
    written = 0
    with transaction.atomic():
        for (village_id, indicator_id), value in scores.items():
            village, indicator = villages.get(village_id), indicators.get(indicator_id)
            if village is None or indicator is None:
                raise DomainError(
                    _("Score the cluster's villages on the scheme's indicators."), field="scores"
                )
            mark_record(
                actor,
                scheme=scheme,
                indicator=indicator,
                subject=Subject(area=village),
                score=value,
                refresh=False,
            )
            written += 1
        results_refresh(scheme=scheme)
    return written
