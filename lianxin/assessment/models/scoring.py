"""The scoring part's models: one engine (Scheme › Indicator, Mark, SurveyAnswer, Result) for property
companies (P001-34, P001-35), building captains (P004-13, P000-37) and stationed units (P001-41); property
fees (P004-30); report-and-review of secretaries (P000-56) with their annual file (P004-38 正负清单, P002-75
承诺践诺); the estates' 五有 standard (P004-08)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager


class SubjectKind(models.TextChoices):
    PROPERTY_COMPANY = "property_company", _("property companies")
    BUILDING_CAPTAIN = "building_captain", _("building captains")
    STATIONED_UNIT = "stationed_unit", _("stationed county units")
    SECRETARY = "secretary", _("party secretaries")
    ORGANISATION = "organisation", _("other organisations")
    # Issue 23: a cluster's villages scored by one scheme (工作统筹考核, P002-09; the village is the subject
    # area) and the cooperatives rated by the organisation, finance and agriculture departments (P002-67).
    VILLAGE = "village", _("villages")
    COOPERATIVE = "cooperative", _("cooperatives")


class Source(models.TextChoices):
    MARK = "mark", _("marked by hand")
    SURVEY = "survey", _("residents' survey")
    FUNCTION = "function", _("computed from records")


def _scored_companies(grants) -> Q | None:
    ids = grants.organisation_ids["view"]
    if not ids:
        return None
    return Q(pk__in=Result.objects.filter(subject_organisation__in=sorted(ids)).values("scheme_id"))


class Scheme(models.Model):
    """An assessment scheme: whom it scores (subject kind) in which area and period, when marks may be
    entered, and the grade bands ([[from, grade], …] highest first)."""

    name = models.CharField(_("name"), max_length=100)
    subject_kind = models.CharField(_("subjects"), max_length=20, choices=SubjectKind.choices)
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    entry_opens = models.DateField(_("entry opens"))
    entry_closes = models.DateField(_("entry closes"))
    grade_bands = models.JSONField(_("grade bands"), default=list)
    created_by = models.ForeignKey(
        "people.Person", verbose_name=_("created by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = ScopedManager()
    # A property company's staff read the schemes that scored his company (its results name it).
    scope = Scope(area_path="area_path", also=_scored_companies)

    class Meta:
        verbose_name = _("assessment scheme")
        verbose_name_plural = _("assessment schemes")
        ordering = ["-period_start", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.area_path = self.area.path
        super().save(*args, **kwargs)


class Indicator(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("name"), max_length=100)
    weight = models.DecimalField(_("weight (%)"), max_digits=5, decimal_places=2)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    function = models.CharField(_("function"), max_length=50, blank=True)
    category = models.CharField(_("category"), max_length=50, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "id"]

    def __str__(self):
        return self.name


class SubjectMixin(models.Model):
    """Whom a row is about: an organisation (a property company), a person (a captain, a secretary) or a
    department (a stationed unit); ``subject_area`` is where he is scored (a captain's estate)."""

    subject_organisation = models.ForeignKey(
        "people.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_department = models.ForeignKey(
        "people.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_area = models.ForeignKey(
        "areas.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def subject(self):
        return self.subject_organisation or self.subject_department or self.subject_person

    def subject_key(self) -> tuple:
        key = (self.subject_organisation_id, self.subject_person_id, self.subject_department_id)
        if key == (None, None, None) and self.subject_area_id:
            return (*key, self.subject_area_id)  # a village scored itself (issue 23)
        return key


class Mark(SubjectMixin):
    """A marker's score (0–100) of a subject on one indicator; a later row by the same marker corrects it."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="marks")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="marks")
    marker = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    note = models.CharField(_("note"), max_length=200, blank=True)
    marked_at = models.DateTimeField(_("marked at"), default=timezone.now)

    class Meta:
        verbose_name = _("mark")
        verbose_name_plural = _("marks")

    def __str__(self):
        return f"{self.indicator} {self.score}"


class SurveyAnswer(SubjectMixin):
    """One household's answer in a scheme's survey (one per household and period): satisfied or not."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="answers")
    household = models.ForeignKey("areas.Household", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    satisfied = models.BooleanField(_("satisfied"))
    answered_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(_("answered at"), default=timezone.now)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "household"], name="survey_answer_once_per_household")
        ]

    def __str__(self):
        return f"{self.scheme} · {self.household_id}"

    def save(self, *args, **kwargs):
        self.area_path = self.household.area_path
        super().save(*args, **kwargs)


class Result(SubjectMixin):
    """A subject's computed score in a scheme: each refresh that changes anything writes a new batch of
    rows; the scheme's latest batch is its result (rows are never edited)."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="results")
    batch = models.PositiveIntegerField(_("batch"))
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2)
    grade = models.CharField(_("grade"), max_length=20)
    rank = models.PositiveIntegerField(_("rank"))
    flagged = models.BooleanField(_("rectify or exit"), default=False)
    inputs = models.JSONField(_("inputs"), default=dict)
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now)

    objects = ScopedManager()
    # The scheme's area; a company's staff read their company's results, a unit's staff their unit's (its
    # assessment file, P001-41); a person reads his own.
    scope = Scope(
        area_path="area_path",
        organisation="subject_organisation",
        department="subject_department",
        own="subject_person_id",
    )

    class Meta:
        verbose_name = _("assessment result")
        verbose_name_plural = _("assessment results")
        indexes = [models.Index(fields=["scheme", "batch"], name="assessment_result_batch")]

    def __str__(self):
        return f"{self.subject} {self.score}"


class CompanyExit(models.Model):
    """A property company leaving an estate after a failing result (P001-35): its service there ends."""

    company = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+")
    estate = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    scheme = models.ForeignKey(Scheme, null=True, blank=True, on_delete=models.PROTECT, related_name="exits")
    exit_on = models.DateField(_("exit date"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    recorded_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", organisation="company")

    class Meta:
        verbose_name = _("property company exit")
        verbose_name_plural = _("property company exits")

    def __str__(self):
        return f"{self.company} · {self.estate} · {self.exit_on}"

    def save(self, *args, **kwargs):
        self.area_path = self.estate.path
        super().save(*args, **kwargs)


class FeeRecord(models.Model):
    """Property fees of an estate for a year (P004-30): due and collected in yuan, households billed; billing
    starts no earlier than the property service (先服务、后收费)."""

    estate = models.ForeignKey(
        "areas.Area", verbose_name=_("estate"), on_delete=models.PROTECT, related_name="+"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    company = models.ForeignKey(
        "people.Organisation", verbose_name=_("property company"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    billing_start = models.DateField(_("billing start"))
    due_yuan = models.DecimalField(_("due (yuan)"), max_digits=14, decimal_places=2)
    collected_yuan = models.DecimalField(_("collected (yuan)"), max_digits=14, decimal_places=2)
    households = models.PositiveIntegerField(_("households billed"))
    recorded_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", organisation="company")

    class Meta:
        verbose_name = _("property fee record")
        verbose_name_plural = _("property fee records")
        constraints = [models.UniqueConstraint(fields=["estate", "year"], name="fee_record_estate_year")]

    def __str__(self):
        return f"{self.estate} {self.year}"

    def save(self, *args, **kwargs):
        self.area_path = self.estate.path
        super().save(*args, **kwargs)

    @property
    def rate(self):
        return float(self.collected_yuan / self.due_yuan) if self.due_yuan else None

    @property
    def rate_percent(self):
        """The collection rate in per cent, one decimal (page, API and export show this one)."""
        return round(float(self.collected_yuan * 100 / self.due_yuan), 1) if self.due_yuan else None

    @property
    def below_target(self) -> bool:
        from django.conf import settings

        return self.rate is not None and self.rate < settings.LIANXIN_TARGET_FEE_COLLECTION


class CaptainAward(models.Model):
    """优秀楼长 (P000-37): a captain chosen from his evaluation, for a year."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="awards")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    estate = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=50, default="优秀楼长")
    awarded_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    awarded_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", own="person_id")

    class Meta:
        verbose_name = _("outstanding building captain")
        verbose_name_plural = _("outstanding building captains")
        constraints = [models.UniqueConstraint(fields=["scheme", "person"], name="captain_award_once")]

    def __str__(self):
        return f"{self.title} {self.year}"

    def save(self, *args, **kwargs):
        self.area_path = self.estate.path
        super().save(*args, **kwargs)


# Report-and-review (P000-56) ------------------------------------------------------------------------------


class ReviewSession(models.Model):
    title = models.CharField(_("title"), max_length=100)
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    held_on = models.DateField(_("held on"))
    reviewers = models.ManyToManyField("people.Person", verbose_name=_("reviewers"), related_name="+")
    created_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager()
    scope = Scope(
        area_path="area_path",
        own=lambda pid: (
            Q(pk__in=ReviewSession.reviewers.through.objects.filter(person_id=pid).values("reviewsession_id"))
            | Q(pk__in=ReviewReport.objects.filter(secretary_id=pid).values("session_id"))
        ),
    )

    class Meta:
        verbose_name = _("review session")
        verbose_name_plural = _("review sessions")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.area_path = self.area.path
        super().save(*args, **kwargs)


class ReviewReport(models.Model):
    """A secretary's report: achievements, shortcomings and measures (each measure a tracked task)."""

    session = models.ForeignKey(ReviewSession, on_delete=models.PROTECT, related_name="reports")
    secretary = models.ForeignKey(
        "people.Person", verbose_name=_("secretary"), on_delete=models.PROTECT, related_name="+"
    )
    party_org = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("party organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    achievements = models.TextField(_("achievements"))
    shortcomings = models.TextField(_("shortcomings"))
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("review report")
        verbose_name_plural = _("review reports")
        constraints = [models.UniqueConstraint(fields=["session", "secretary"], name="review_report_once")]

    def __str__(self):
        return f"{self.session} · {self.secretary}"


class ReviewMeasure(models.Model):
    report = models.ForeignKey(ReviewReport, on_delete=models.CASCADE, related_name="measures")
    text = models.CharField(_("measure"), max_length=200)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self):
        return self.text


class ReviewScore(models.Model):
    """A seated reviewer's score (0–100) of a report; his later row corrects it."""

    report = models.ForeignKey(ReviewReport, on_delete=models.PROTECT, related_name="scores")
    reviewer = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    scored_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("review score")
        verbose_name_plural = _("review scores")

    def __str__(self):
        return f"{self.reviewer} {self.score}"


class ConductKind(models.TextChoices):
    POSITIVE = "positive", _("positive (should do)")
    NEGATIVE = "negative", _("negative (must not do)")


class ConductItem(models.Model):
    """An item of the secretaries' 正负清单 (P004-38), configurable per area."""

    kind = models.CharField(_("kind"), max_length=10, choices=ConductKind.choices)
    text = models.CharField(_("item"), max_length=200)
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    is_active = models.BooleanField(default=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("conduct list item")
        verbose_name_plural = _("conduct list items")

    def __str__(self):
        return self.text

    def save(self, *args, **kwargs):
        self.area_path = self.area.path
        super().save(*args, **kwargs)


class ConductIncident(models.Model):
    item = models.ForeignKey(ConductItem, on_delete=models.PROTECT, related_name="incidents")
    secretary = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True)
    occurred_on = models.DateField(_("occurred on"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", own="secretary_id")

    class Meta:
        verbose_name = _("conduct incident")
        verbose_name_plural = _("conduct incidents")

    def __str__(self):
        return f"{self.item} · {self.occurred_on}"


class Commitment(models.Model):
    """A secretary's yearly commitment (P002-75), marked fulfilled at year end with evidence."""

    secretary = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True)
    year = models.PositiveSmallIntegerField(_("year"))
    text = models.CharField(_("commitment"), max_length=200)
    fulfilled = models.BooleanField(_("fulfilled"), default=False)
    evidence = models.CharField(_("evidence"), max_length=300, blank=True)
    fulfilled_on = models.DateField(_("fulfilled on"), null=True, blank=True)
    recorded_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")

    objects = ScopedManager()
    scope = Scope(area_path="area_path", own="secretary_id")

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self):
        return self.text


# 五有 (P004-08) --------------------------------------------------------------------------------------------


class FiveHave(models.TextChoices):
    PLACE = "place", _("a bright place")
    STAFF = "staff", _("capable staff")
    FUNDS = "funds", _("regular funds")
    RULES = "rules", _("working rules")
    ASSESSMENT = "assessment", _("assessment with reward and penalty")


class FiveHaveTick(models.Model):
    """One of an estate's 五有 items, ticked with its evidence (the estate meets the standard at 5/5)."""

    estate = models.ForeignKey(
        "areas.Area", verbose_name=_("estate"), on_delete=models.PROTECT, related_name="+"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    item = models.CharField(_("item"), max_length=12, choices=FiveHave.choices)
    evidence = models.CharField(_("evidence"), max_length=300)
    ticked_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    ticked_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("five-haves tick")
        verbose_name_plural = _("five-haves ticks")
        constraints = [models.UniqueConstraint(fields=["estate", "item"], name="five_have_tick_once")]

    def __str__(self):
        return f"{self.estate} · {self.item}"

    def save(self, *args, **kwargs):
        self.area_path = self.estate.path
        super().save(*args, **kwargs)


SCORING_AUDITED = [Scheme, Indicator, Mark, SurveyAnswer, CompanyExit, FeeRecord, CaptainAward, ReviewSession,
           ReviewReport, ReviewScore, ConductItem, ConductIncident, Commitment, FiveHaveTick]  # fmt: skip

__all__ = [
    "SCORING_AUDITED", "CaptainAward", "Commitment", "CompanyExit", "ConductIncident", "ConductItem",
    "ConductKind", "FeeRecord", "FiveHave", "FiveHaveTick", "Indicator", "Mark", "Result", "ReviewMeasure",
    "ReviewReport", "ReviewScore", "ReviewSession", "Scheme", "Source", "SubjectKind", "SurveyAnswer",
]  # fmt: skip
