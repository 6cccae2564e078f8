"""The coops part's writes: cooperatives and their status lifecycle, the 12 standards and their evidence,
monthly jobs and wages (its chair), financial summaries, evaluation rounds (the three departments' scores)
and the one-off award from the county's fund, income-share rewards, the township company's stakes and a
village's conversion. Keyword-only, acting user first, one transaction each; refusals are DomainErrors with a
Chinese message (conflicts ``invalid_state`` → 409, bad input 400), nothing half-written."""

from datetime import date
from decimal import ROUND_DOWN, Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Household, Level
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import may, require
from lianxin.people.models import Organisation, OrganisationKind, Person, Post
from lianxin.rural.models import (
    Award,
    CompanyStake,
    Conversion,
    ConversionAsset,
    ConversionShare,
    ConversionStep,
    Cooperative,
    CooperativeFinance,
    CooperativeMonth,
    CooperativeStatusChange,
    CoopStatus,
    Disposition,
    EvaluationRound,
    Reward,
    RewardRole,
    StakeForm,
    Standard,
    StandardCheck,
)
from lianxin.rural.permissions import COOPERATIVE_CHAIR, COOPERATIVE_COUNCIL_MEMBER

COOP_KEEP = "rural.coop_keep"
COOP_EVIDENCE = "rural.coop_evidence"
COOP_MONTH = "rural.coop_month"
COOP_SCORE = "rural.coop_score"
COOP_AWARD = "rural.coop_award"
COOP_STANDARDS = "rural.coop_standards"

STANDARD_COUNT = 12
EVIDENCE_FOLDER = "rural/coops"
FUND_NAME = "合作社发展专项资金"
EXCELLENT = "优秀"
# The three departments of an evaluation round, in the order of its indicators: the organisation
# department (org_admin posts), and the county departments known by their codes.
DEPARTMENTS = ("org", "finance", "agriculture")
DEPARTMENT_CODES = {"finance": "caizheng", "agriculture": "nongye"}
DEFAULT_WEIGHTS = (Decimal("34"), Decimal("33"), Decimal("33"))
CENT = Decimal("0.01")


def acting_person(actor) -> Person:
    if not getattr(actor, "is_authenticated", False) or not actor.person_id:
        raise DomainError(_("Your account is not linked to a person."), code="forbidden")
    return actor.person


def today() -> date:
    from lianxin.cases.clock import now

    return timezone.localtime(now()).date()


def money(value, field: str, *, negative: bool = False) -> Decimal:
    """Yuan with at most two decimals (400 naming the field otherwise); ≥ 0 unless ``negative``."""
    try:
        number = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError, TypeError):
        raise DomainError(_("Give an amount in yuan."), field=field) from None
    if not number.is_finite() or number != number.quantize(CENT) or abs(number) >= Decimal("1e12"):
        raise DomainError(_("Give an amount in yuan, to the fen."), field=field)
    if number < 0 and not negative:
        raise DomainError(_("The amount cannot be negative."), field=field)
    return number.quantize(CENT)


# Cooperatives ----------------------------------------------------------------------------------------------


def cooperative_of(organisation: Organisation) -> Cooperative | None:
    return Cooperative.objects.filter(organisation=organisation).first()


@transaction.atomic
def cooperative_register(
    actor,
    *,
    organisation: Organisation,
    leading_branch=None,
    status: str = CoopStatus.RUNNING,
    member_households: int = 0,
    party_member_households: int = 0,
    founded_on: date | None = None,
    business: str = "",
) -> Cooperative:
    """Register a cooperative (an ``Organisation(kind=cooperative)`` at a village) with its leading branch
    and status; its first status row is written with it."""
    person = acting_person(actor)
    if organisation.kind != OrganisationKind.COOPERATIVE:
        raise DomainError(_("Choose a cooperative."), field="organisation")
    village = organisation.area
    if village is None or village.level != Level.VILLAGE:
        raise DomainError(_("A cooperative sits at a village."), field="organisation")
    require(actor, COOP_KEEP, village)
    if Cooperative.objects.filter(organisation=organisation).exists():
        raise DomainError(
            _("%(name)s is already registered.") % {"name": organisation.name}, code="invalid_state"
        )
    _status_clean(status)
    _households_clean(member_households, party_member_households)
    coop = Cooperative.objects.create(
        organisation=organisation,
        village=village,
        leading_branch=_branch_clean(leading_branch, village),
        status=status,
        status_since=today(),
        member_households=member_households,
        party_member_households=party_member_households,
        founded_on=founded_on,
        business=(business or "").strip()[:200],
    )
    CooperativeStatusChange.objects.create(
        cooperative=coop, to_status=status, on=coop.status_since, recorded_by=person
    )
    return coop


def _status_clean(status: str) -> None:
    if status not in CoopStatus.values:
        raise DomainError(_("Choose a status."), field="status")


def _households_clean(members, party_members) -> None:
    if members is None or party_members is None or int(members) < 0 or int(party_members) < 0:
        raise DomainError(_("Give the households as numbers from 0."), field="member_households")
    if int(party_members) > int(members):
        raise DomainError(
            _("Party members' households cannot exceed the member households."),
            field="party_member_households",
        )


def _branch_clean(branch, village: Area):
    if branch is None:
        return None
    from lianxin.core.paths import is_under

    if not branch.area_id or not (
        is_under(village.path, branch.area.path) or is_under(branch.area.path, village.path)
    ):
        raise DomainError(_("Choose a party organisation of the village."), field="leading_branch")
    return branch


@transaction.atomic
def cooperative_update(
    actor,
    *,
    cooperative: Cooperative,
    leading_branch=None,
    member_households: int,
    party_member_households: int,
    business: str = "",
) -> Cooperative:
    acting_person(actor)
    require(actor, COOP_KEEP, cooperative)
    _households_clean(member_households, party_member_households)
    cooperative.leading_branch = _branch_clean(leading_branch, cooperative.village)
    cooperative.member_households = int(member_households)
    cooperative.party_member_households = int(party_member_households)
    cooperative.business = (business or "").strip()[:200]
    cooperative.save()
    return cooperative


@transaction.atomic
def cooperative_status_set(
    actor,
    *,
    cooperative: Cooperative,
    status: str,
    disposition: str = "",
    on: date | None = None,
    note: str = "",
) -> Cooperative:
    """Move a cooperative along 筹建 → 运行 → 规范运行 (or to 空壳); a shell gets its disposition (关停/暂停/
    合并/转型, P002-69). A closed, merged or converted cooperative stays as it is (409)."""
    person = acting_person(actor)
    require(actor, COOP_KEEP, cooperative)
    cooperative = Cooperative.objects.select_for_update().get(pk=cooperative.pk)
    _status_clean(status)
    disposition = disposition or ""
    if disposition and disposition not in Disposition.values:
        raise DomainError(_("Choose a disposition."), field="disposition")
    if disposition and status != CoopStatus.SHELL:
        raise DomainError(_("Only a shell cooperative is disposed of."), field="disposition")
    if cooperative.disposition in (Disposition.CLOSE, Disposition.MERGE, Disposition.CONVERT):
        raise DomainError(
            _("%(name)s has been %(disposition)s.")
            % {"name": cooperative.name, "disposition": cooperative.get_disposition_display()},
            code="invalid_state",
        )
    if status == cooperative.status and disposition == cooperative.disposition:
        raise DomainError(_("Nothing changes."), code="invalid_state", field="status")
    on = on or today()
    CooperativeStatusChange.objects.create(
        cooperative=cooperative,
        from_status=cooperative.status,
        to_status=status,
        disposition=disposition,
        on=on,
        note=(note or "").strip()[:200],
        recorded_by=person,
    )
    if status != cooperative.status:
        cooperative.status_since = on
    cooperative.status = status
    cooperative.disposition = disposition
    cooperative.disposition_on = on if disposition else None
    cooperative.save()
    return cooperative


# Standards and evidence ------------------------------------------------------------------------------------


def standards_ensure() -> list[Standard]:
    """The 12 standards, unworded (第1条 … 第12条) until the county words them."""
    have = {s.number: s for s in Standard.objects.all()}
    for number in range(1, STANDARD_COUNT + 1):
        if number not in have:
            have[number] = Standard.objects.create(number=number, title=f"第{number}条")
    return [have[n] for n in sorted(have)]


@transaction.atomic
def standard_update(actor, *, standard: Standard, text: str, title: str = "") -> Standard:
    acting_person(actor)
    require(actor, COOP_STANDARDS)
    standard.text = (text or "").strip()[:5000]
    if title and title.strip():
        standard.title = title.strip()[:50]
    standard.save()
    return standard


def may_evidence(user, cooperative: Cooperative) -> bool:
    return may(user, COOP_EVIDENCE, cooperative)


@transaction.atomic
def standard_check(
    actor, *, cooperative: Cooperative, standard: Standard, evidence: str = "", evidence_file=None
) -> StandardCheck:
    """The cooperative meets ``standard``: evidence as a note or a file (one of them required). A later
    check replaces the evidence (the audit trail keeps the old)."""
    person = acting_person(actor)
    require(actor, COOP_EVIDENCE, cooperative)
    evidence = (evidence or "").strip()[:5000]
    if not evidence and not evidence_file:
        raise DomainError(_("Give the evidence: a note or a file."), field="evidence")
    stored = None
    if evidence_file is not None:
        from lianxin.core.uploads import image_store

        stored = image_store(evidence_file, folder=EVIDENCE_FOLDER).name
    check = StandardCheck.objects.filter(cooperative=cooperative, standard=standard).first()
    if check is None:
        check = StandardCheck(cooperative=cooperative, standard=standard)
    check.evidence = evidence
    if stored is not None:
        check.evidence_file = stored
    check.checked_by = person
    check.checked_at = timezone.now()
    check.save()
    return check


@transaction.atomic
def standard_uncheck(actor, *, cooperative: Cooperative, standard: Standard) -> None:
    acting_person(actor)
    require(actor, COOP_EVIDENCE, cooperative)
    StandardCheck.objects.filter(cooperative=cooperative, standard=standard).delete()


def standards_missing(cooperative: Cooperative) -> list[Standard]:
    done = set(StandardCheck.objects.filter(cooperative=cooperative).values_list("standard_id", flat=True))
    return [s for s in standards_ensure() if s.pk not in done]


# Months and finances ---------------------------------------------------------------------------------------


def is_chair(user, cooperative: Cooperative) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.person_id:
        return False
    return (
        Post.objects.current(today())
        .filter(person_id=user.person_id, role=COOPERATIVE_CHAIR, organisation_id=cooperative.organisation_id)
        .exists()
    )


def month_parse(value) -> date:
    if isinstance(value, date):
        return value.replace(day=1)
    text = str(value or "").strip()
    try:
        year, month = text[:7].split("-")
        return date(int(year), int(month), 1)
    except (ValueError, TypeError):
        raise DomainError(_("Give the month as YYYY-MM."), field="month") from None


@transaction.atomic
def month_record(actor, *, cooperative: Cooperative, month, person_times, wages) -> CooperativeMonth:
    """Jobs (person-times) and wages paid in a month, entered by the cooperative's chair (理事长) only; the
    same month again corrects it."""
    person = acting_person(actor)
    if not (may(actor, COOP_MONTH, cooperative) and is_chair(actor, cooperative)):
        raise DomainError(_("Only the cooperative's chair enters its months."), code="forbidden")
    first = month_parse(month)
    if first > today():
        raise DomainError(_("The month has not come yet."), field="month")
    try:
        times = int(person_times)
    except (TypeError, ValueError):
        raise DomainError(_("Give the person-times as a whole number."), field="person_times") from None
    if times < 0:
        raise DomainError(_("Give the person-times as a whole number."), field="person_times")
    amount = money(wages, "wages")
    row = CooperativeMonth.objects.filter(cooperative=cooperative, month=first).first()
    if row is None:
        row = CooperativeMonth(cooperative=cooperative, month=first)
    row.person_times = times
    row.wages = amount
    row.recorded_by = person
    row.recorded_at = timezone.now()
    row.save()
    return row


@transaction.atomic
def finance_record(
    actor,
    *,
    cooperative: Cooperative,
    year: int,
    fixed_assets,
    equity_change,
    dividends,
    surplus_distributed,
) -> CooperativeFinance:
    """A cooperative's financial summary for a year (from the provincial finance system); the same year
    again replaces it."""
    person = acting_person(actor)
    if not (may(actor, COOP_KEEP, cooperative) or is_chair(actor, cooperative)):
        raise DomainError(_("You may not record this cooperative's finances."), code="forbidden")
    if not isinstance(year, int) or year < 2000 or year > today().year:
        raise DomainError(_("Give a year that has begun."), field="year")
    values = {
        "fixed_assets": money(fixed_assets, "fixed_assets"),
        "equity_change": money(equity_change, "equity_change", negative=True),
        "dividends": money(dividends, "dividends"),
        "surplus_distributed": money(surplus_distributed, "surplus_distributed"),
    }
    row, _created = CooperativeFinance.objects.update_or_create(
        cooperative=cooperative, year=year, defaults={**values, "recorded_by": person}
    )
    return row


# Evaluation rounds and awards -----------------------------------------------------------------------------


def department_of(user, county: Area) -> str | None:
    """Which of the three departments the user scores for: 组织部 (an org_admin post over the county),
    财政局 or 农业农村局 (a department_staff post at the county department with that code)."""
    if not getattr(user, "is_authenticated", False) or not user.person_id:
        return None
    posts = Post.objects.current(today()).filter(person_id=user.person_id).select_related("department")
    for post in posts:
        if post.role == "org_admin" and county.path.startswith(post.area_path or "\x00"):
            return "org"
    for post in posts:
        if post.role == "department_staff" and post.department_id and post.department.area_id == county.pk:
            for key, code in DEPARTMENT_CODES.items():
                if post.department.code == code:
                    return key
    return None


def department_label(key: str) -> str:
    return {
        "org": _("Organisation department"),
        "finance": _("Finance bureau"),
        "agriculture": _("Agriculture and rural affairs bureau"),
    }.get(key, key)


@transaction.atomic
def evaluation_create(actor, *, county: Area, year: int, weights=None, name: str = "") -> EvaluationRound:
    """A county's evaluation round for ``year``: an assessment scheme scoring cooperatives with three
    hand-marked indicators (组织部, 财政局, 农业农村局; weights adding up to 100), scores entered until
    the end of the next year."""
    from lianxin.assessment.models import SubjectKind
    from lianxin.assessment.services.scoring import scheme_create

    person = acting_person(actor)
    require(actor, COOP_AWARD, county)
    if county.level != Level.COUNTY:
        raise DomainError(_("An evaluation round is the county's."), field="county")
    if not isinstance(year, int) or year < 2000 or year > today().year:
        raise DomainError(_("Give a year that has begun."), field="year")
    if EvaluationRound.objects.filter(county=county, year=year).exists():
        raise DomainError(
            _("The %(year)s evaluation round exists already.") % {"year": year}, code="invalid_state"
        )
    weights = list(weights or DEFAULT_WEIGHTS)
    if len(weights) != 3:
        raise DomainError(_("Give the three departments' weights."), field="weights")
    labels = ["组织部评分", "财政局评分", "农业农村局评分"]
    scheme = scheme_create(
        actor,
        name=(name or f"{year}年度合作社评审")[:100],
        subject_kind=SubjectKind.COOPERATIVE,
        area=county,
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        entry_opens=min(today(), date(year, 12, 31)),
        entry_closes=date(year + 1, 12, 31),
        indicators=[{"name": label, "weight": w} for label, w in zip(labels, weights, strict=True)],
    )
    return EvaluationRound.objects.create(scheme=scheme, county=county, year=year, created_by=person)


def _indicator(evaluation: EvaluationRound, department: str):
    return list(evaluation.scheme.indicators.order_by("order", "id"))[DEPARTMENTS.index(department)]


def _subject(cooperative: Cooperative):
    from lianxin.assessment.scoring_functions import Subject

    return Subject(organisation=cooperative.organisation)


@transaction.atomic
def evaluation_score(actor, *, evaluation: EvaluationRound, cooperative: Cooperative, score, note: str = ""):
    """A department's score (0–100) of a cooperative in the round, by a post of that department (组织部,
    财政局, 农业农村局); a later score by the same department corrects it. The round's results (score,
    grade) are refreshed at once."""
    from lianxin.assessment.models import Mark
    from lianxin.assessment.services.scoring import _decimal, results_refresh, window_check

    person = acting_person(actor)
    department = department_of(actor, evaluation.county)
    if department is None or not may(actor, COOP_SCORE):
        raise DomainError(
            _("Only the organisation department, the finance bureau and the agriculture bureau score."),
            code="forbidden",
        )
    if not cooperative.area_path.startswith(evaluation.area_path):
        raise DomainError(_("Choose a cooperative of the county."), field="cooperative")
    window_check(evaluation.scheme)
    value = _decimal(score, "score")
    mark = Mark.objects.create(
        scheme=evaluation.scheme,
        indicator=_indicator(evaluation, department),
        marker=person,
        score=value,
        note=(note or "").strip()[:200],
        subject_organisation=cooperative.organisation,
    )
    results_refresh(scheme=evaluation.scheme)
    return mark


def evaluation_result(evaluation: EvaluationRound, cooperative: Cooperative):
    """The cooperative's latest result in the round (score, grade), or None before any score."""
    from lianxin.assessment.models import Result
    from lianxin.assessment.services.scoring import current_batch

    batch = current_batch(evaluation.scheme)
    if not batch:
        return None
    return Result.objects.filter(
        scheme=evaluation.scheme, batch=batch, subject_organisation=cooperative.organisation
    ).first()


def award_gap(evaluation: EvaluationRound, cooperative: Cooperative) -> str:
    """Why the cooperative may not be awarded now ('' when it may): once only, 优秀 in the round, all 12
    standards evidenced."""
    if Award.objects.filter(cooperative=cooperative).exists():
        return _("Already awarded")
    result = evaluation_result(evaluation, cooperative)
    if result is None or result.grade != EXCELLENT:
        return _("%(name)s is rated %(grade)s, not excellent") % {
            "name": cooperative.name,
            "grade": result.grade if result else _("not yet"),
        }
    missing = standards_missing(cooperative)
    if missing:
        return _("%(name)s has no evidence for %(standards)s") % {
            "name": cooperative.name,
            "standards": "、".join(s.title for s in missing),
        }
    return ""


def county_fund(county: Area):
    from lianxin.rural.models import Fund

    return Fund.objects.filter(area=county, name=FUND_NAME).first()


@transaction.atomic
def award_grant(actor, *, evaluation: EvaluationRound, cooperative: Cooperative) -> Award:
    """The one-off award (LIANXIN_COOP_AWARD) to a cooperative rated 优秀 with all standards evidenced,
    drawn from the county's 合作社发展专项资金 (an allocation of the fund, 409 "资金余额不足" over its
    balance). Once per cooperative: 409 "已获奖补"; the gap named otherwise (409)."""
    from lianxin.rural.services.pools import fund_allocate

    person = acting_person(actor)
    require(actor, COOP_AWARD, evaluation)
    Cooperative.objects.select_for_update().filter(pk=cooperative.pk).first()
    if not cooperative.area_path.startswith(evaluation.area_path):
        raise DomainError(_("Choose a cooperative of the county."), field="cooperative")
    gap = award_gap(evaluation, cooperative)
    if gap:
        raise DomainError(gap, code="invalid_state")
    fund = county_fund(evaluation.county)
    if fund is None:
        raise DomainError(
            _("The county has no %(fund)s.") % {"fund": FUND_NAME}, code="invalid_state", field="fund"
        )
    result = evaluation_result(evaluation, cooperative)
    award = Award.objects.create(
        cooperative=cooperative,
        evaluation=evaluation,
        grade=result.grade,
        score=result.score,
        amount=money(settings.LIANXIN_COOP_AWARD, "amount"),
        awarded_by=person,
    )
    award.fund_entry = fund_allocate(
        actor,
        fund=fund,
        amount=award.amount,
        purpose=f"{cooperative.name} {evaluation.year}年度评审优秀奖补",
        area=cooperative.village,
        source_object=award,
    )
    award.save(update_fields=["fund_entry"])
    return award


# Income-share rewards --------------------------------------------------------------------------------------


def village_secretary(village: Area) -> Person | None:
    """The village's party secretary: a secretary post at the village, or at its branch."""
    post = (
        Post.objects.current(today())
        .filter(role="secretary")
        .filter(models_q_village(village))
        .select_related("person")
        .order_by("id")
        .first()
    )
    return post.person if post else None


def models_q_village(village: Area):
    from django.db.models import Q

    branches = ["branch", "general_branch", "committee"]
    return Q(area=village) | Q(party_org__area=village, party_org__kind__in=branches)


def managers_of(cooperative: Cooperative, *, besides: Person | None = None) -> list[Person]:
    """The cooperative's other managers: its council members (理事会成员) now, each once, but ``besides``."""
    people = []
    for post in (
        Post.objects.current(today())
        .filter(organisation_id=cooperative.organisation_id, role=COOPERATIVE_COUNCIL_MEMBER)
        .select_related("person")
        .order_by("id")
    ):
        if post.person not in people and (besides is None or post.person_id != besides.pk):
            people.append(post.person)
    return people


def income_total(village: Area, year: int) -> Decimal | None:
    from lianxin.rural.models import CollectiveIncome

    row = CollectiveIncome.objects.filter(area=village, year=year).first()
    return row.total if row else None


def split(total: Decimal, parts: int) -> list[Decimal]:
    """``total`` split into ``parts`` amounts to the fen, summing exactly (the first ones take the fens
    left over)."""
    if parts <= 0:
        return []
    each = (total / parts).quantize(CENT, rounding=ROUND_DOWN)
    left = int((total - each * parts) / CENT)
    return [each + (CENT if i < left else 0) for i in range(parts)]


def reward_preview(cooperative: Cooperative, year: int) -> dict:
    """The rewards for ``year``: 15 % (LIANXIN_REWARD_SHARES[0]) of the village's collective-income increase
    to its party secretary, 15 % ([1]) split among the cooperative's other managers, to the fen. 409 when
    a year is not recorded or there is no increase."""
    village = cooperative.village
    before, after = income_total(village, year - 1), income_total(village, year)
    for y, value in ((year - 1, before), (year, after)):
        if value is None:
            raise DomainError(
                _("%(village)s's %(year)s collective income is not recorded.")
                % {"village": village.name, "year": y},
                code="invalid_state",
                field="year",
            )
    increase = after - before
    if increase <= 0:
        raise DomainError(
            _("%(village)s's collective income did not increase in %(year)s.")
            % {"village": village.name, "year": year},
            code="invalid_state",
            field="year",
        )
    secretary_share, managers_share = (Decimal(str(v)) for v in settings.LIANXIN_REWARD_SHARES[:2])
    secretary = village_secretary(village)
    parts = []
    if secretary is not None:
        parts.append(
            (secretary, RewardRole.SECRETARY, (increase * secretary_share).quantize(CENT, ROUND_DOWN))
        )
    managers = managers_of(cooperative, besides=secretary)
    pool = (increase * managers_share).quantize(CENT, ROUND_DOWN)
    for manager, amount in zip(managers, split(pool, len(managers)), strict=True):
        parts.append((manager, RewardRole.MANAGER, amount))
    return {"before": before, "after": after, "increase": increase, "parts": parts}


@transaction.atomic
def reward_record(actor, *, cooperative: Cooperative, year: int) -> list[Reward]:
    """Write the year's rewards (once per cooperative and year: 409 the second time)."""
    person = acting_person(actor)
    require(actor, COOP_KEEP, cooperative)
    Cooperative.objects.select_for_update().filter(pk=cooperative.pk).first()
    if Reward.objects.filter(cooperative=cooperative, year=year).exists():
        raise DomainError(
            _("The %(year)s rewards are recorded already.") % {"year": year}, code="invalid_state"
        )
    preview = reward_preview(cooperative, year)
    return [
        Reward.objects.create(
            cooperative=cooperative,
            year=year,
            person=who,
            role=role,
            income_before=preview["before"],
            income_after=preview["after"],
            increase=preview["increase"],
            amount=amount,
            computed_by=person,
        )
        for who, role, amount in preview["parts"]
    ]


# The township company's stakes ----------------------------------------------------------------------------


@transaction.atomic
def company_register(actor, *, township: Area, name: str) -> Organisation:
    """A township's collective-economy development company (镇级集体经济发展公司)."""
    acting_person(actor)
    if township.level != Level.TOWNSHIP:
        raise DomainError(_("The company is a township's."), field="township")
    require(actor, COOP_KEEP, township)
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the company a name."), field="name")
    return Organisation.objects.create(kind=OrganisationKind.TOWNSHIP_COMPANY, name=name[:100], area=township)


@transaction.atomic
def stake_record(
    actor, *, company: Organisation, village: Area, form: str, percent, joined_on: date | None = None
) -> CompanyStake:
    """A village takes part in the township company by land shares, capital shares or partnership, with its
    stake (%); the stakes together never pass 100 % (400 naming the total). The same village again
    changes its stake."""
    person = acting_person(actor)
    if company.kind != OrganisationKind.TOWNSHIP_COMPANY:
        raise DomainError(_("Choose a township collective-economy company."), field="company")
    require(actor, COOP_KEEP, company)
    if village.level != Level.VILLAGE or not village.path.startswith(company.area_path or "\x00"):
        raise DomainError(_("Choose a village of the company's township."), field="village")
    if form not in StakeForm.values:
        raise DomainError(_("Choose how the village takes part."), field="form")
    try:
        value = Decimal(str(percent)).quantize(CENT)
    except (InvalidOperation, ValueError, TypeError):
        raise DomainError(_("Give the stake in per cent."), field="percent") from None
    if not value.is_finite() or value <= 0 or value > 100:
        raise DomainError(_("Give the stake in per cent."), field="percent")
    Organisation.objects.select_for_update().filter(pk=company.pk).first()
    others = sum(
        CompanyStake.objects.filter(company=company)
        .exclude(village=village)
        .values_list("percent", flat=True),
        Decimal(0),
    )
    if others + value > 100:
        raise DomainError(
            _("The stakes would add up to %(total)s%%, over 100%%.") % {"total": f"{others + value:.2f}"},
            field="percent",
        )
    stake, _created = CompanyStake.objects.update_or_create(
        company=company,
        village=village,
        defaults={"form": form, "percent": value, "joined_on": joined_on, "recorded_by": person},
    )
    return stake


# Conversion of a village into a community ------------------------------------------------------------------


@transaction.atomic
def conversion_start(actor, *, village: Area, economic_organisation_name: str = "") -> Conversion:
    """Start a village's conversion (村改社区): the checklist, and its collective economic organisation kept
    apart from the community committee (an ``Organisation(kind=economic_organisation)`` with its own
    officers' posts)."""
    person = acting_person(actor)
    if village.level not in (Level.VILLAGE, Level.COMMUNITY):
        raise DomainError(_("Choose a village."), field="village")
    require(actor, COOP_KEEP, village)
    if Conversion.objects.filter(village=village).exists():
        raise DomainError(
            _("%(village)s's conversion is recorded already.") % {"village": village.name},
            code="invalid_state",
        )
    name = (economic_organisation_name or "").strip() or f"{village.name}股份经济合作社"
    organisation = Organisation.objects.create(
        kind=OrganisationKind.ECONOMIC_ORGANISATION, name=name[:100], area=village
    )
    return Conversion.objects.create(
        village=village, economic_organisation=organisation, started_on=today(), created_by=person
    )


@transaction.atomic
def conversion_step(actor, *, conversion: Conversion, step: str, done_on: date | None = None, undo=False):
    acting_person(actor)
    require(actor, COOP_KEEP, conversion)
    if step not in ConversionStep.values:
        raise DomainError(_("Choose a step of the checklist."), field="step")
    steps = dict(conversion.steps_done or {})
    if undo:
        steps.pop(step, None)
    else:
        steps[step] = (done_on or today()).isoformat()
    conversion.steps_done = steps
    conversion.save(update_fields=["steps_done"])
    return conversion


@transaction.atomic
def conversion_asset_add(actor, *, conversion: Conversion, name: str, value, kind: str = "", note: str = ""):
    acting_person(actor)
    require(actor, COOP_KEEP, conversion)
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Name the asset."), field="name")
    return ConversionAsset.objects.create(
        conversion=conversion,
        name=name[:100],
        kind=(kind or "").strip()[:30],
        value=money(value, "value"),
        note=(note or "").strip()[:200],
    )


@transaction.atomic
def conversion_share_set(actor, *, conversion: Conversion, household: Household, shares) -> ConversionShare:
    acting_person(actor)
    require(actor, COOP_KEEP, conversion)
    if not household.area_path.startswith(conversion.area_path):
        raise DomainError(_("Choose a household of the village."), field="household")
    try:
        value = Decimal(str(shares)).quantize(CENT)
    except (InvalidOperation, ValueError, TypeError):
        raise DomainError(_("Give the shares as a number."), field="shares") from None
    if not value.is_finite() or value < 0:
        raise DomainError(_("Give the shares as a number."), field="shares")
    row, _created = ConversionShare.objects.update_or_create(
        conversion=conversion, household=household, defaults={"shares": value}
    )
    return row
