"""The scoring part's writes: schemes and their indicators, marks, survey answers, result refreshes, company
exits, property fees, captain awards, report-and-review, the secretaries' conduct list and commitments, and
the estates' 五有 ticks. Keyword-only, acting user first, one transaction each; refusals are DomainErrors
with a Chinese message."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Household, Level
from lianxin.assessment.models import (
    CaptainAward,
    Commitment,
    CompanyExit,
    ConductIncident,
    ConductItem,
    FeeRecord,
    FiveHave,
    FiveHaveTick,
    Indicator,
    Mark,
    Result,
    ReviewMeasure,
    ReviewReport,
    ReviewScore,
    ReviewSession,
    Scheme,
    Source,
    SubjectKind,
    SurveyAnswer,
)
from lianxin.assessment.scoring_functions import Subject, indicator_function
from lianxin.assessment.scoring_rights import MARK, SCHEME_KEEP
from lianxin.cases.clock import now as clock_now
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import may
from lianxin.core.scope import VIEW
from lianxin.people.models import EstateService, Person

# Grade bands when a scheme gives none: 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, else 整改/退出 (P001-35).
DEFAULT_BANDS = [[90, "优秀"], [80, "良好"], [60, "合格"], [0, "整改/退出"]]


def acting_person(actor) -> Person:
    if not getattr(actor, "is_authenticated", False) or not actor.person_id:
        raise DomainError(_("Your account is not linked to a person."), code="forbidden")
    return actor.person


def _today() -> date:
    from django.utils import timezone

    return timezone.localtime(clock_now()).date()


def _decimal(value, field: str, *, low=Decimal(0), high=Decimal(100)) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        raise DomainError(_("Give a score from 0 to 100."), field=field) from None
    if not number.is_finite() or number < low or (high is not None and number > high):
        raise DomainError(_("Give a score from 0 to 100."), field=field)
    return number.quantize(Decimal("0.01"))


def _percent(number: Decimal) -> str:
    text = f"{number.normalize():f}"
    return text


def _keeps(actor, area, capability: str = MARK) -> None:
    acting_person(actor)
    if not may(actor, capability, obj=area):
        raise DomainError(
            _("Only the staff of %(area)s may do this.") % {"area": area.name}, code="forbidden"
        )


# Schemes ---------------------------------------------------------------------------------------------------


def bands_clean(bands) -> list:
    if not bands:
        return [list(b) for b in DEFAULT_BANDS]
    cleaned = []
    try:
        for low, grade in bands:
            cleaned.append([float(low), str(grade).strip()[:20]])
    except (TypeError, ValueError):
        raise DomainError(
            _("Give the grade bands as a lowest score and a grade each."), field="grade_bands"
        ) from None
    cleaned.sort(key=lambda b: -b[0])
    if not cleaned or cleaned[-1][0] > 0 or any(not g for _low, g in cleaned):
        raise DomainError(_("Give the grade bands as a lowest score and a grade each."), field="grade_bands")
    return cleaned


@transaction.atomic
def scheme_create(
    actor,
    *,
    name: str,
    subject_kind: str,
    area: Area,
    period_start: date,
    period_end: date,
    entry_opens: date,
    entry_closes: date,
    indicators: list[dict],
    grade_bands=None,
) -> Scheme:
    """A scheme with its indicators (``{"name", "weight", "source", "function", "category"}``); the weights
    must add up to 100 %."""
    person = acting_person(actor)
    _keeps(actor, area, SCHEME_KEEP)
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the scheme a name."), field="name")
    if subject_kind not in SubjectKind.values:
        raise DomainError(_("Choose whom the scheme scores."), field="subject_kind")
    if not period_start or not period_end or period_end < period_start:
        raise DomainError(_("The period ends before it starts."), field="period_end")
    if not entry_opens or not entry_closes or entry_closes < entry_opens:
        raise DomainError(_("The entry window closes before it opens."), field="entry_closes")
    if not indicators:
        raise DomainError(_("Add the scheme's indicators."), field="indicators")
    rows, total = [], Decimal(0)
    for order, spec in enumerate(indicators):
        indicator_name = (spec.get("name") or "").strip()
        if not indicator_name:
            raise DomainError(_("Give each indicator a name."), field="indicators")
        weight = _decimal(spec.get("weight"), "indicators")
        if weight <= 0:
            raise DomainError(_("Give each indicator a weight above 0."), field="indicators")
        source = spec.get("source") or Source.MARK
        if source not in Source.values:
            raise DomainError(_("Choose where each indicator's value comes from."), field="indicators")
        function = (spec.get("function") or "").strip()
        if source == Source.FUNCTION and indicator_function(function) is None:
            raise DomainError(
                _("No indicator function is registered as %(code)s.") % {"code": function or "—"},
                field="indicators",
            )
        category = (spec.get("category") or "").strip()
        if category:
            _category_check(category, area)
        total += weight
        rows.append(
            Indicator(
                name=indicator_name[:100],
                weight=weight,
                source=source,
                function=function if source == Source.FUNCTION else "",
                category=category,
                order=order,
            )
        )
    if total != Decimal(100):
        raise DomainError(
            _("The weights add up to %(total)s%%, they should be 100%%.") % {"total": _percent(total)},
            field="indicators",
        )
    scheme = Scheme.objects.create(
        name=name[:100],
        subject_kind=subject_kind,
        area=area,
        period_start=period_start,
        period_end=period_end,
        entry_opens=entry_opens,
        entry_closes=entry_closes,
        grade_bands=bands_clean(grade_bands),
        created_by=person,
    )
    for row in rows:
        row.scheme = scheme
    Indicator.objects.bulk_create(rows)
    return scheme


def _category_check(code: str, area: Area) -> None:
    """P004-03: a street's scheme takes no 招商引资 / 协税护税 indicator."""
    from lianxin.supervision.services.tasks import street_ban_check, task_category

    street_ban_check(category=task_category(code), area=area)


def window_check(scheme: Scheme) -> None:
    today = _today()
    if today > scheme.entry_closes:
        raise DomainError(
            _("The scoring window closed on %(date)s.") % {"date": scheme.entry_closes.isoformat()},
            field="scheme",
        )
    if today < scheme.entry_opens:
        raise DomainError(
            _("The scoring window opens on %(date)s.") % {"date": scheme.entry_opens.isoformat()},
            field="scheme",
        )


# Subjects --------------------------------------------------------------------------------------------------


def _estate_of(area_path: str) -> Area | None:
    from lianxin.core.paths import ancestor_paths

    return Area.objects.filter(path__in=ancestor_paths(area_path), level=Level.ESTATE).first()


def scheme_subjects(scheme: Scheme) -> list[Subject]:
    """Whom the scheme scores: the companies serving its estates in the period, the captains of its
    buildings, the units placed in it, and anyone marked."""
    from django.db.models import Q

    from lianxin.core.paths import under
    from lianxin.people.models import Department, Organisation, Post
    from lianxin.people.roles import Role

    found: dict[tuple, Subject] = {}
    if scheme.subject_kind == SubjectKind.PROPERTY_COMPANY:
        ids = (
            EstateService.objects.filter(under("estate__path", scheme.area_path))
            .filter(service_start__lte=scheme.period_end)
            .filter(Q(service_end__isnull=True) | Q(service_end__gte=scheme.period_start))
            .values_list("company_id", flat=True)
            .distinct()
        )
        for company in Organisation.objects.filter(pk__in=list(ids)).order_by("name"):
            found[(company.pk, None, None)] = Subject(organisation=company)
    elif scheme.subject_kind == SubjectKind.BUILDING_CAPTAIN:
        posts = (
            Post.objects.filter(role=Role.BUILDING_CAPTAIN, start_date__lte=scheme.period_end)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=scheme.period_start))
            .filter(under("area__path", scheme.area_path))
            .select_related("person", "area")
            .order_by("area__path", "id")
        )
        for post in posts:
            key = (None, post.person_id, None)
            if key not in found:
                found[key] = Subject(person=post.person, area=_estate_of(post.area.path))
    elif scheme.subject_kind == SubjectKind.STATIONED_UNIT:
        for unit in Department.objects.filter(area_path=scheme.area_path).order_by("name"):
            found[(None, None, unit.pk)] = Subject(department=unit)
    elif scheme.subject_kind == SubjectKind.VILLAGE:
        # Issue 23's assessment pool: every live village of the scheme's area (a cluster) is a subject.
        for village in Area.objects.filter(
            under("path", scheme.area_path), level=Level.VILLAGE, retired_on__isnull=True
        ).order_by("path"):
            found[(None, None, None, village.pk)] = Subject(area=village)
    for row in (
        Mark.objects.filter(scheme=scheme)
        .select_related("subject_organisation", "subject_person", "subject_department", "subject_area")
        .order_by("id")
    ):
        found.setdefault(
            row.subject_key(),
            Subject(row.subject_organisation, row.subject_person, row.subject_department, row.subject_area),
        )
    return list(found.values())


def subject_of_household(scheme: Scheme, household: Household) -> Subject | None:
    """Whom a household rates in a scheme's survey: the company serving its estate, or its building's
    captain."""
    from django.db.models import Q

    from lianxin.core.paths import ancestor_paths
    from lianxin.people.models import Post
    from lianxin.people.roles import Role

    paths = ancestor_paths(household.area_path)
    if scheme.subject_kind == SubjectKind.PROPERTY_COMPANY:
        today = min(_today(), scheme.period_end)
        service = (
            EstateService.objects.filter(estate__path__in=paths, service_start__lte=today)
            .filter(Q(service_end__isnull=True) | Q(service_end__gte=today))
            .select_related("company")
            .first()
        )
        return Subject(organisation=service.company) if service else None
    if scheme.subject_kind == SubjectKind.BUILDING_CAPTAIN:
        post = (
            Post.objects.current()
            .filter(role=Role.BUILDING_CAPTAIN, area__path__in=paths)
            .select_related("person", "area")
            .order_by("-area__depth")
            .first()
        )
        return Subject(person=post.person, area=_estate_of(post.area.path)) if post else None
    return None


# Marks and answers -----------------------------------------------------------------------------------------


@transaction.atomic
def mark_record(
    actor, *, scheme: Scheme, indicator: Indicator, subject: Subject, score, note: str = "", refresh=True
) -> Mark:
    """A marker's score of a subject on a hand-marked indicator, within the entry window. His later mark
    corrects the earlier one (both rows stay)."""
    person = acting_person(actor)
    if indicator.scheme_id != scheme.pk:
        raise DomainError(_("Choose an indicator of this scheme."), field="indicator")
    if indicator.source != Source.MARK:
        raise DomainError(_("This indicator is not marked by hand."), field="indicator")
    where = subject.area or scheme.area
    if not (may(actor, MARK, obj=scheme.area) or (subject.area is not None and may(actor, MARK, obj=where))):
        raise DomainError(
            _("Only the staff of %(area)s may do this.") % {"area": where.name}, code="forbidden"
        )
    window_check(scheme)
    value = _decimal(score, "score")
    if (
        subject.organisation is None
        and subject.person is None
        and subject.department is None
        and not (scheme.subject_kind == SubjectKind.VILLAGE and subject.area is not None)
    ):
        raise DomainError(_("Choose whom you score."), field="subject")
    mark = Mark.objects.create(
        scheme=scheme,
        indicator=indicator,
        marker=person,
        score=value,
        note=(note or "").strip()[:200],
        subject_organisation=subject.organisation,
        subject_person=subject.person,
        subject_department=subject.department,
        subject_area=subject.area,
        marked_at=clock_now(),
    )
    if refresh:
        results_refresh(scheme=scheme)
    return mark


@transaction.atomic
def survey_answer(actor, *, scheme: Scheme, satisfied: bool, refresh=True) -> SurveyAnswer:
    """A household's answer in the scheme's survey: once per household and period (409 the second time)."""
    person = acting_person(actor)
    household = person.household
    if household is None:
        raise DomainError(_("Only a registered household answers this survey."), code="forbidden")
    from lianxin.core.paths import is_under

    if not is_under(household.area_path, scheme.area_path):
        raise DomainError(_("This survey is not for your household."), code="not_found")
    if not scheme.indicators.filter(source=Source.SURVEY).exists():
        raise DomainError(_("This scheme has no residents' survey."), field="scheme")
    window_check(scheme)
    subject = subject_of_household(scheme, household)
    if subject is None:
        raise DomainError(_("No one serves your household in this scheme."), field="scheme")
    if SurveyAnswer.objects.filter(scheme=scheme, household=household).exists():
        raise DomainError(_("This household has already answered for this period."), code="invalid_state")
    try:
        with transaction.atomic():
            answer = SurveyAnswer.objects.create(
                scheme=scheme,
                household=household,
                satisfied=bool(satisfied),
                answered_by=person,
                answered_at=clock_now(),
                subject_organisation=subject.organisation,
                subject_person=subject.person,
                subject_department=subject.department,
                subject_area=subject.area,
            )
    except IntegrityError:
        raise DomainError(
            _("This household has already answered for this period."), code="invalid_state"
        ) from None
    if refresh:
        results_refresh(scheme=scheme)
    return answer


# Results ---------------------------------------------------------------------------------------------------


def _subject_filter(subject: Subject) -> dict:
    found = {
        "subject_organisation": subject.organisation,
        "subject_person": subject.person,
        "subject_department": subject.department,
    }
    if len(subject.key) == 4:  # a village scored itself (issue 23)
        found["subject_area"] = subject.area
    return found


def indicator_value(scheme: Scheme, indicator: Indicator, subject: Subject) -> tuple[float | None, dict]:
    if indicator.source == Source.MARK:
        latest: dict[int, Decimal] = {}
        for marker_id, score in (
            Mark.objects.filter(indicator=indicator, **_subject_filter(subject))
            .order_by("marked_at", "id")
            .values_list("marker_id", "score")
        ):
            latest[marker_id] = score
        if not latest:
            return None, {"markers": 0}
        value = sum(latest.values()) / len(latest)
        return float(round(value, 2)), {"markers": len(latest)}
    if indicator.source == Source.SURVEY:
        answers = SurveyAnswer.objects.filter(scheme=scheme, **_subject_filter(subject))
        total = answers.count()
        satisfied = answers.filter(satisfied=True).count()
        return (round(satisfied * 100 / total, 2) if total else None), {
            "answers": total,
            "satisfied": satisfied,
        }
    function = indicator_function(indicator.function)
    if function is None:
        return None, {"function": indicator.function, "missing": True}
    result = function.fn(scheme=scheme, subject=subject)
    return result.value, dict(result.inputs)


def grade_of(scheme: Scheme, score: Decimal) -> str:
    for low, grade in scheme.grade_bands or DEFAULT_BANDS:
        if float(score) >= float(low):
            return grade
    return (scheme.grade_bands or DEFAULT_BANDS)[-1][1]


def scheme_compute(scheme: Scheme) -> list[dict]:
    """Every subject's score, grade, flag and rank (within the scheme, a captain's within his estate)."""
    indicators = list(scheme.indicators.all())
    warning = Decimal(str(settings.LIANXIN_COMPANY_WARNING_SCORE))
    rows = []
    for subject in scheme_subjects(scheme):
        total = Decimal(0)
        inputs = {}
        for indicator in indicators:
            value, details = indicator_value(scheme, indicator, subject)
            contribution = Decimal(str(value or 0)) * indicator.weight / Decimal(100)
            total += contribution
            inputs[str(indicator.pk)] = {
                "name": indicator.name,
                "weight": float(indicator.weight),
                "value": value,
                **details,
            }
        score = total.quantize(Decimal("0.01"))
        rows.append(
            {
                "subject": subject,
                "score": score,
                "grade": grade_of(scheme, score),
                "flagged": scheme.subject_kind == SubjectKind.PROPERTY_COMPANY and score < warning,
                "inputs": inputs,
                "group": subject.area.pk
                if scheme.subject_kind == SubjectKind.BUILDING_CAPTAIN and subject.area
                else 0,
            }
        )
    groups: dict = {}
    for row in rows:
        groups.setdefault(row["group"], []).append(row)
    for members in groups.values():
        members.sort(key=lambda r: -r["score"])
        for row in members:
            row["rank"] = 1 + sum(1 for other in members if other["score"] > row["score"])
    rows.sort(key=lambda r: (r["group"], r["rank"], r["subject"].name))
    return rows


def _signature(rows) -> list:
    """What a batch says, comparable between computed rows and stored ones."""
    import json

    out = []
    for r in rows:
        if "subject" in r:
            key = r["subject"].key
        else:
            key = (r["subject_organisation_id"], r["subject_person_id"], r["subject_department_id"])
            if key == (None, None, None) and r.get("subject_area_id"):
                key = (*key, r["subject_area_id"])  # a village scored itself (issue 23)
        score = str(Decimal(r["score"]).quantize(Decimal("0.01")))
        inputs = json.dumps(r["inputs"], sort_keys=True, ensure_ascii=False, default=str)
        out.append((str(key), score, r["grade"], r["rank"], bool(r["flagged"]), inputs))
    return sorted(out)


def current_batch(scheme: Scheme) -> int:
    return Result.objects.filter(scheme=scheme).aggregate(b=Max("batch"))["b"] or 0


@transaction.atomic
def results_refresh(*, scheme: Scheme) -> int:
    """Compute the scheme's results; when anything differs from its latest batch, write a new batch (rows
    are never edited). Returns the batch now current."""
    Scheme.objects.select_for_update().filter(pk=scheme.pk).first()
    rows = scheme_compute(scheme)
    batch = current_batch(scheme)
    fields = (
        "subject_organisation_id",
        "subject_person_id",
        "subject_department_id",
        "subject_area_id",
        "score",
        "grade",
    )
    previous = list(
        Result.objects.filter(scheme=scheme, batch=batch).values(*fields, "rank", "flagged", "inputs")
    )
    if batch and _signature(previous) == _signature(rows):
        return batch
    if not rows and not batch:
        return 0
    batch += 1
    now = clock_now()
    Result.objects.bulk_create(
        [
            Result(
                scheme=scheme,
                batch=batch,
                area_path=scheme.area_path,
                score=r["score"],
                grade=r["grade"],
                rank=r["rank"],
                flagged=r["flagged"],
                inputs=r["inputs"],
                computed_at=now,
                subject_organisation=r["subject"].organisation,
                subject_person=r["subject"].person,
                subject_department=r["subject"].department,
                subject_area=r["subject"].area,
            )
            for r in rows
        ]
    )
    return batch


def schemes_refresh_all() -> int:
    """The Huey job: every scheme whose period has not long ended (its functions read live records)."""
    from datetime import timedelta

    since = _today() - timedelta(days=400)
    count = 0
    for scheme in Scheme.objects.filter(period_end__gte=since).order_by("id"):
        results_refresh(scheme=scheme)
        count += 1
    return count


# Property companies: exits and fees ------------------------------------------------------------------------


@transaction.atomic
def company_exit_record(
    actor, *, scheme: Scheme, company, exit_on: date, reason: str = ""
) -> list[CompanyExit]:
    """Record a flagged company's exit (P001-35): its services in the scheme's area end on ``exit_on``."""
    from django.db.models import Q

    from lianxin.core.paths import under

    person = acting_person(actor)
    _keeps(actor, scheme.area)
    if scheme.subject_kind != SubjectKind.PROPERTY_COMPANY:
        raise DomainError(_("Only a property company leaves an estate."), field="company")
    if exit_on is None:
        raise DomainError(_("Give the exit date."), field="exit_on")
    services = list(
        EstateService.objects.select_for_update()
        .filter(company=company)
        .filter(under("estate__path", scheme.area_path))
        .filter(Q(service_end__isnull=True) | Q(service_end__gt=exit_on))
        .select_related("estate")
    )
    if not services:
        raise DomainError(
            _("%(company)s serves no estate here after that date.") % {"company": company.name},
            code="invalid_state",
            field="company",
        )
    exits = []
    for service in services:
        if exit_on < service.service_start:
            raise DomainError(_("The exit date is before the service started."), field="exit_on")
        service.service_end = exit_on
        service.save(update_fields=["service_end"])
        exits.append(
            CompanyExit.objects.create(
                company=company,
                estate=service.estate,
                scheme=scheme,
                exit_on=exit_on,
                reason=(reason or "").strip()[:200],
                recorded_by=person,
            )
        )
    return exits


@transaction.atomic
def fee_record_save(
    actor,
    *,
    estate: Area,
    year: int,
    billing_start: date,
    due_yuan,
    collected_yuan,
    households: int,
) -> FeeRecord:
    """An estate's property fees for a year (P004-30): billing starts no earlier than the service."""
    from django.db.models import Q

    person = acting_person(actor)
    if estate is None or estate.level != Level.ESTATE:
        raise DomainError(_("Choose an estate."), field="estate")
    _keeps(actor, estate)
    if not year or year < 1949 or year > 2100:
        raise DomainError(_("Give the year."), field="year")
    if billing_start is None:
        raise DomainError(_("Give the billing start date."), field="billing_start")
    due = _decimal(due_yuan, "due_yuan", high=None)
    collected = _decimal(collected_yuan, "collected_yuan", high=None)
    if due <= 0:
        raise DomainError(_("Give the fees due in yuan."), field="due_yuan")
    if households is None or int(households) <= 0:
        raise DomainError(_("Give the number of households billed."), field="households")
    service = (
        EstateService.objects.filter(estate=estate, service_start__lte=billing_start)
        .filter(Q(service_end__isnull=True) | Q(service_end__gte=billing_start))
        .select_related("company")
        .first()
    )
    if service is None:
        later = EstateService.objects.filter(estate=estate, service_start__gt=billing_start).exists()
        if later:
            raise DomainError(_("Billing starts before the property service starts."), field="billing_start")
        raise DomainError(_("No property company serves this estate on that date."), field="billing_start")
    record, _created = FeeRecord.objects.update_or_create(
        estate=estate,
        year=year,
        defaults={
            "company": service.company,
            "billing_start": billing_start,
            "due_yuan": due,
            "collected_yuan": collected,
            "households": int(households),
            "recorded_by": person,
        },
    )
    return record


# Captains --------------------------------------------------------------------------------------------------


@transaction.atomic
def captain_award(actor, *, scheme: Scheme, person: Person, title: str = "优秀楼长") -> CaptainAward:
    """Award 优秀楼长 to a captain chosen from the evaluation (P000-37)."""
    awarder = acting_person(actor)
    if scheme.subject_kind != SubjectKind.BUILDING_CAPTAIN:
        raise DomainError(_("Only a building captains' evaluation awards this title."), field="scheme")
    result = Result.objects.filter(scheme=scheme, batch=current_batch(scheme), subject_person=person).first()
    if result is None:
        raise DomainError(_("Choose a captain evaluated in this scheme."), field="person")
    estate = result.subject_area or scheme.area
    if not (may(actor, MARK, obj=scheme.area) or may(actor, MARK, obj=estate)):
        raise DomainError(
            _("Only the staff of %(area)s may do this.") % {"area": estate.name}, code="forbidden"
        )
    existing = CaptainAward.objects.filter(scheme=scheme, person=person).first()
    if existing:
        return existing
    return CaptainAward.objects.create(
        scheme=scheme,
        person=person,
        estate=estate,
        year=scheme.period_end.year,
        title=(title or "优秀楼长")[:50],
        awarded_by=awarder,
    )


# Report-and-review (P000-56) -------------------------------------------------------------------------------


@transaction.atomic
def review_session_create(
    actor, *, title: str, area: Area, year: int, held_on: date, reviewers: list[Person]
) -> ReviewSession:
    person = acting_person(actor)
    _keeps(actor, area, SCHEME_KEEP)
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Give the session a title."), field="title")
    if not reviewers:
        raise DomainError(_("Seat the reviewers."), field="reviewers")
    if held_on is None:
        raise DomainError(_("Give the date."), field="held_on")
    session = ReviewSession.objects.create(
        title=title[:100], area=area, year=year or held_on.year, held_on=held_on, created_by=person
    )
    session.reviewers.set(reviewers)
    return session


@transaction.atomic
def review_report_submit(
    actor,
    *,
    session: ReviewSession,
    secretary: Person,
    achievements: str,
    shortcomings: str,
    measures: list[str],
    party_org=None,
    working_days: int = 30,
) -> ReviewReport:
    """A secretary's report (比成绩、查不足、定举措): each measure becomes a tracked task for him."""
    from lianxin.supervision.services.tasks import task_issue

    acting_person(actor)
    _keeps(actor, session.area)
    achievements, shortcomings = (achievements or "").strip(), (shortcomings or "").strip()
    measures = [m.strip() for m in measures or [] if m and m.strip()]
    if not achievements:
        raise DomainError(_("Give the achievements."), field="achievements")
    if not shortcomings:
        raise DomainError(_("Give the shortcomings."), field="shortcomings")
    if not measures:
        raise DomainError(_("Give at least one measure."), field="measures")
    if ReviewReport.objects.filter(session=session, secretary=secretary).exists():
        raise DomainError(
            _("%(name)s has already reported in this session.") % {"name": secretary.name},
            code="invalid_state",
        )
    report = ReviewReport.objects.create(
        session=session,
        secretary=secretary,
        party_org=party_org,
        achievements=achievements,
        shortcomings=shortcomings,
        submitted_at=clock_now(),
    )
    for text in measures:
        case = task_issue(
            actor,
            category="task_party_rectification",
            area=session.area,
            title=f"{secretary.name}：{text}"[:100],
            description=text,
            # The committee he leads takes the task (its post holders see and handle it); else himself.
            handler={"party_org": party_org} if party_org is not None else {"person": secretary},
            working_days=working_days,
        )
        ReviewMeasure.objects.create(report=report, text=text[:200], case=case)
    return report


@transaction.atomic
def review_score(actor, *, report: ReviewReport, score) -> ReviewScore:
    """A seated reviewer scores a report (0–100); his later score corrects the earlier one."""
    person = acting_person(actor)
    session = report.session
    if not session.reviewers.filter(pk=person.pk).exists():
        if not ReviewSession.objects.restrict(actor, VIEW).filter(pk=session.pk).exists():
            raise DomainError(_("Not found."), code="not_found")
        raise DomainError(_("Only the reviewers seated in this session score it."), code="forbidden")
    value = _decimal(score, "score")
    return ReviewScore.objects.create(report=report, reviewer=person, score=value, scored_at=clock_now())


# The secretary's file: conduct list, commitments -----------------------------------------------------------


@transaction.atomic
def conduct_item_create(actor, *, area: Area, kind: str, text: str) -> ConductItem:
    from lianxin.assessment.models import ConductKind

    _keeps(actor, area, SCHEME_KEEP)
    text = (text or "").strip()
    if kind not in ConductKind.values:
        raise DomainError(_("Choose positive or negative."), field="kind")
    if not text:
        raise DomainError(_("Write the item."), field="text")
    return ConductItem.objects.create(area=area, kind=kind, text=text[:200])


@transaction.atomic
def conduct_incident_record(
    actor, *, item: ConductItem, secretary: Person, occurred_on: date, note: str = ""
) -> ConductIncident:
    person = acting_person(actor)
    area = Area.objects.get(pk=item.area_id)
    _keeps(actor, area)
    if occurred_on is None:
        raise DomainError(_("Give the date."), field="occurred_on")
    return ConductIncident.objects.create(
        item=item,
        secretary=secretary,
        area_path=getattr(secretary_area(secretary), "path", "") or item.area_path,
        occurred_on=occurred_on,
        note=(note or "").strip()[:200],
        recorded_by=person,
    )


def secretary_area(person: Person) -> Area | None:
    """Where a secretary works: his own area, else his current post's area or its party organisation's."""
    from lianxin.people.models import Post

    paths = [person.area_path] if person.area_path else []
    for post in Post.objects.current().filter(person=person).select_related("area", "party_org"):
        paths.append(
            post.area.path if post.area_id else (post.party_org.area_path if post.party_org_id else "")
        )
    paths = [p for p in paths if p]
    return Area.objects.filter(path=min(paths, key=len)).first() if paths else None


def _over_secretary(actor, secretary: Person) -> str:
    """The secretary himself, or the staff over where he works; returns that area's path."""
    person = acting_person(actor)
    area = secretary_area(secretary)
    if person.pk != secretary.pk:
        if area is None:
            raise DomainError(_("Only the secretary or the staff over him may do this."), code="forbidden")
        _keeps(actor, area)
    return area.path if area else ""


@transaction.atomic
def commitment_create(actor, *, secretary: Person, year: int, text: str) -> Commitment:
    person = acting_person(actor)
    where = _over_secretary(actor, secretary)
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write the commitment."), field="text")
    return Commitment.objects.create(
        secretary=secretary, area_path=where, year=year, text=text[:200], recorded_by=person
    )


@transaction.atomic
def commitment_fulfil(actor, *, commitment: Commitment, evidence: str) -> Commitment:
    """Mark a commitment fulfilled at the year's end, with its evidence."""
    acting_person(actor)
    _over_secretary(actor, commitment.secretary)
    evidence = (evidence or "").strip()
    if not evidence:
        raise DomainError(_("Give the evidence of fulfilment."), field="evidence")
    today = _today()
    if today < date(commitment.year, 12, 1):
        raise DomainError(
            _("Commitments are marked fulfilled from December of their year."), code="invalid_state"
        )
    commitment.fulfilled = True
    commitment.evidence = evidence[:300]
    commitment.fulfilled_on = today
    commitment.save(update_fields=["fulfilled", "evidence", "fulfilled_on"])
    return commitment


# 五有 (P004-08) --------------------------------------------------------------------------------------------


@transaction.atomic
def five_have_tick(actor, *, estate: Area, item: str, evidence: str) -> FiveHaveTick:
    person = acting_person(actor)
    if estate is None or estate.level != Level.ESTATE:
        raise DomainError(_("Choose an estate."), field="estate")
    _keeps(actor, estate)
    if item not in FiveHave.values:
        raise DomainError(_("Choose one of the five items."), field="item")
    evidence = (evidence or "").strip()
    if not evidence:
        raise DomainError(_("“%(item)s” lacks evidence.") % {"item": FiveHave(item).label}, field="evidence")
    tick, _created = FiveHaveTick.objects.update_or_create(
        estate=estate,
        item=item,
        defaults={"evidence": evidence[:300], "ticked_by": person, "ticked_at": clock_now()},
    )
    return tick


@transaction.atomic
def five_have_untick(actor, *, estate: Area, item: str) -> None:
    acting_person(actor)
    _keeps(actor, estate)
    FiveHaveTick.objects.filter(estate=estate, item=item).delete()
