"""The coops part's models (issue 23, docs/rural/coops.md): cooperatives led by village party branches
(P002-22, P002-69, P002-70), the 12 standards and their evidence (P002-72), monthly jobs and wages
(P002-23), imported financial summaries (P002-76), evaluation rounds and the one-off award (P002-67),
income-share rewards (P002-68), the township collective-economy company's stakes (P002-21) and a
village's conversion into a community (P001-15). The boards (理事长, 理事会, 监事会) are posts on
the cooperative's organisation (P001-16, P002-71)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager

MONEY = {"max_digits": 14, "decimal_places": 2}


class CoopStatus(models.TextChoices):
    PREPARING = "preparing", _("in preparation")
    RUNNING = "running", _("running")
    STANDARD = "standard", _("running to standard")
    SHELL = "shell", _("shell cooperative")


class Disposition(models.TextChoices):
    CLOSE = "close", _("closed")
    SUSPEND = "suspend", _("suspended")
    MERGE = "merge", _("merged")
    CONVERT = "convert", _("converted")


class Cooperative(models.Model):
    """A cooperative led by a village party branch (村党支部领办合作社): one per ``Organisation(kind=
    cooperative)``; its status lifecycle (history in ``CooperativeStatusChange``), a shell's disposition,
    its member households and the party members among the first to join."""

    organisation = models.OneToOneField(
        "people.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="cooperative",
    )
    village = models.ForeignKey(
        "areas.Area", verbose_name=_("village"), on_delete=models.PROTECT, related_name="+"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    leading_branch = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("leading branch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=CoopStatus.choices, default=CoopStatus.RUNNING
    )
    status_since = models.DateField(_("status since"), default=timezone.localdate)
    disposition = models.CharField(_("disposition"), max_length=12, choices=Disposition.choices, blank=True)
    disposition_on = models.DateField(_("disposition date"), null=True, blank=True)
    member_households = models.PositiveIntegerField(_("member households"), default=0)
    party_member_households = models.PositiveIntegerField(_("party members' households"), default=0)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    business = models.CharField(_("business"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager()
    # The village's posts and those above; the cooperative's own board (posts on its organisation).
    scope = Scope(area_path="area_path", organisation="organisation_id")

    class Meta:
        verbose_name = _("cooperative")
        verbose_name_plural = _("cooperatives")
        ordering = ["area_path", "organisation__name"]

    def __str__(self):
        return self.organisation.name

    def save(self, *args, **kwargs):
        self.area_path = self.village.path
        super().save(*args, **kwargs)

    @property
    def name(self) -> str:
        return self.organisation.name


class CooperativeStatusChange(models.Model):
    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="status_changes")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    from_status = models.CharField(_("from"), max_length=12, choices=CoopStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=CoopStatus.choices)
    disposition = models.CharField(_("disposition"), max_length=12, choices=Disposition.choices, blank=True)
    on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", organisation="cooperative__organisation_id")

    class Meta:
        verbose_name = _("cooperative status change")
        verbose_name_plural = _("cooperative status changes")
        ordering = ["on", "id"]

    def __str__(self):
        return f"{self.cooperative_id} {self.to_status} {self.on}"

    def save(self, *args, **kwargs):
        self.area_path = self.cooperative.area_path
        super().save(*args, **kwargs)


class Standard(models.Model):
    """One of the county handbook's 12 standards (规范提升12条标准): numbered 1–12, worded by the county."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=50)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("cooperative standard")
        verbose_name_plural = _("cooperative standards")
        ordering = ["number"]

    def __str__(self):
        return self.title


class StandardCheck(models.Model):
    """A cooperative meets a standard, with its evidence (a note, a file, or both)."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="checks")
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="checks")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to="rural/coops", blank=True)
    checked_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", organisation="cooperative__organisation_id")

    class Meta:
        verbose_name = _("standard check")
        verbose_name_plural = _("standard checks")
        ordering = ["standard__number"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "standard"], name="rural_standardcheck_once")
        ]

    def __str__(self):
        return f"{self.cooperative} · {self.standard}"

    def save(self, *args, **kwargs):
        self.area_path = self.cooperative.area_path
        super().save(*args, **kwargs)


class CooperativeMonth(models.Model):
    """Jobs (person-times) and wages a cooperative paid in a month (带动用工、发放劳务工资), entered by
    its chair."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="months")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    month = models.DateField(_("month"))  # the first day of the month
    person_times = models.PositiveIntegerField(_("person-times employed"))
    wages = models.DecimalField(_("wages paid (yuan)"), **MONEY)
    recorded_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", organisation="cooperative__organisation_id")

    class Meta:
        verbose_name = _("cooperative month")
        verbose_name_plural = _("cooperative months")
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["cooperative", "month"], name="rural_coopmonth_once")]

    def __str__(self):
        return f"{self.cooperative} {self.month:%Y-%m}"

    def save(self, *args, **kwargs):
        self.area_path = self.cooperative.area_path
        super().save(*args, **kwargs)


class CooperativeFinance(models.Model):
    """A cooperative's yearly financial summary from the provincial cooperative finance system (imported)."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.CASCADE, related_name="finances")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    fixed_assets = models.DecimalField(_("fixed assets (yuan)"), **MONEY)
    equity_change = models.DecimalField(_("change in equity (yuan)"), **MONEY)
    dividends = models.DecimalField(_("dividends (yuan)"), **MONEY)
    surplus_distributed = models.DecimalField(_("surplus distributed (yuan)"), **MONEY)
    recorded_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", organisation="cooperative__organisation_id")

    class Meta:
        verbose_name = _("cooperative financial summary")
        verbose_name_plural = _("cooperative financial summaries")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["cooperative", "year"], name="rural_coopfinance_once")]

    def __str__(self):
        return f"{self.cooperative} {self.year}"

    def save(self, *args, **kwargs):
        self.area_path = self.cooperative.area_path
        super().save(*args, **kwargs)


def _scoring_departments(grants):
    """The finance and agriculture bureaus' staff read their county's rounds (they score in them)."""
    from django.db.models import Q

    ids = grants.department_ids["view"]
    if not ids:
        return None
    from lianxin.people.models import Department

    counties = Department.objects.filter(pk__in=sorted(ids), code__in=["caizheng", "nongye"]).values(
        "area_id"
    )
    return Q(county_id__in=counties)


class EvaluationRound(models.Model):
    """A county's yearly evaluation of its cooperatives by the organisation, finance and agriculture
    departments: an assessment ``Scheme`` (subject cooperatives) with one hand-marked indicator each."""

    scheme = models.OneToOneField(
        "assessment.Scheme", verbose_name=_("scheme"), on_delete=models.PROTECT, related_name="coop_round"
    )
    county = models.ForeignKey(
        "areas.Area", verbose_name=_("county"), on_delete=models.PROTECT, related_name="+"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    created_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", also=_scoring_departments)

    class Meta:
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        ordering = ["-year", "-id"]

    def __str__(self):
        return self.scheme.name

    def save(self, *args, **kwargs):
        self.area_path = self.county.path
        super().save(*args, **kwargs)


class Award(models.Model):
    """The one-off award (奖补) to a cooperative rated 优秀 with all 12 standards evidenced, drawn from the
    county's cooperative development fund (an allocation of the pools part's ``Fund``)."""

    cooperative = models.OneToOneField(Cooperative, on_delete=models.PROTECT, related_name="award")
    evaluation = models.ForeignKey(EvaluationRound, on_delete=models.PROTECT, related_name="awards")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    grade = models.CharField(_("grade"), max_length=20)
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2)
    amount = models.DecimalField(_("amount (yuan)"), **MONEY)
    fund_entry = models.ForeignKey(
        "rural.FundEntry", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    awarded_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    awarded_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", organisation="cooperative__organisation_id")

    class Meta:
        verbose_name = _("cooperative award")
        verbose_name_plural = _("cooperative awards")
        ordering = ["-awarded_at"]

    def __str__(self):
        return f"{self.cooperative} {self.amount}"

    def save(self, *args, **kwargs):
        self.area_path = self.cooperative.area_path
        super().save(*args, **kwargs)


class RewardRole(models.TextChoices):
    SECRETARY = "secretary", _("village party secretary")
    MANAGER = "manager", _("cooperative manager")


class Reward(models.Model):
    """An income-share reward (P002-68): a part of the village's collective-income increase for a year."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="rewards")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("as"), max_length=12, choices=RewardRole.choices)
    income_before = models.DecimalField(_("last year's income (yuan)"), **MONEY)
    income_after = models.DecimalField(_("this year's income (yuan)"), **MONEY)
    increase = models.DecimalField(_("increase (yuan)"), **MONEY)
    amount = models.DecimalField(_("reward (yuan)"), **MONEY)
    computed_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    computed_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", organisation="cooperative__organisation_id", own="person_id")

    class Meta:
        verbose_name = _("income-share reward")
        verbose_name_plural = _("income-share rewards")
        ordering = ["-year", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "year", "person"], name="rural_reward_once")
        ]

    def __str__(self):
        return f"{self.person} {self.year} {self.amount}"

    def save(self, *args, **kwargs):
        self.area_path = self.cooperative.area_path
        super().save(*args, **kwargs)


class StakeForm(models.TextChoices):
    LAND = "land", _("land shares")
    CAPITAL = "capital", _("capital shares")
    PARTNERSHIP = "partnership", _("company partnership")


class CompanyStake(models.Model):
    """A village's stake in a township collective-economy company (镇级集体经济发展公司, P002-21)."""

    company = models.ForeignKey(
        "people.Organisation", verbose_name=_("company"), on_delete=models.PROTECT, related_name="stakes"
    )
    village = models.ForeignKey(
        "areas.Area", verbose_name=_("village"), on_delete=models.PROTECT, related_name="+"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    form = models.CharField(_("form"), max_length=12, choices=StakeForm.choices)
    percent = models.DecimalField(_("stake (%)"), max_digits=5, decimal_places=2)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    recorded_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", organisation="company_id")

    class Meta:
        verbose_name = _("company stake")
        verbose_name_plural = _("company stakes")
        ordering = ["company", "-percent"]
        constraints = [models.UniqueConstraint(fields=["company", "village"], name="rural_stake_once")]

    def __str__(self):
        return f"{self.company} · {self.village} {self.percent}%"

    def save(self, *args, **kwargs):
        # The company's township: its staff and those above see every village's stake.
        self.area_path = self.company.area_path
        super().save(*args, **kwargs)


class ConversionStep(models.TextChoices):
    TASK_FORCE = "task_force", _("working task force")
    ASSET_VERIFICATION = "asset_verification", _("assets verified")
    REFORM_CATALOGUE = "reform_catalogue", _("property-rights reform catalogue")
    RIGHTS_CONFIRMED = "rights_confirmed", _("rights confirmed to households")
    SEPARATION = "separation", _("economy separated from the community")


class Conversion(models.Model):
    """A village converted into a community (村改社区, P001-15): the checklist (steps done, with dates), the
    collective economic organisation kept apart from the community committee (its own officers: posts on
    that organisation), its asset list and the member households' shares."""

    village = models.OneToOneField(
        "areas.Area", verbose_name=_("village"), on_delete=models.PROTECT, related_name="+"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    economic_organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("collective economic organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    steps_done = models.JSONField(_("steps done"), default=dict, blank=True)  # step -> ISO date
    started_on = models.DateField(_("started on"), default=timezone.localdate)
    created_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("village conversion")
        verbose_name_plural = _("village conversions")
        ordering = ["area_path"]

    def __str__(self):
        return str(self.village)

    def save(self, *args, **kwargs):
        self.area_path = self.village.path
        super().save(*args, **kwargs)


class ConversionAsset(models.Model):
    conversion = models.ForeignKey(Conversion, on_delete=models.CASCADE, related_name="assets")
    name = models.CharField(_("asset"), max_length=100)
    kind = models.CharField(_("kind"), max_length=30, blank=True)
    value = models.DecimalField(_("value (yuan)"), **MONEY)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("collective asset")
        verbose_name_plural = _("collective assets")
        ordering = ["id"]

    def __str__(self):
        return self.name


class ConversionShare(models.Model):
    conversion = models.ForeignKey(Conversion, on_delete=models.CASCADE, related_name="shares")
    household = models.ForeignKey(
        "areas.Household", verbose_name=_("household"), on_delete=models.PROTECT, related_name="+"
    )
    shares = models.DecimalField(_("shares"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("household share")
        verbose_name_plural = _("household shares")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["conversion", "household"], name="rural_conversionshare_once")
        ]

    def __str__(self):
        return f"{self.household} {self.shares}"


COOPS_AUDITED = [Cooperative, CooperativeStatusChange, Standard, StandardCheck, CooperativeMonth,
                 CooperativeFinance, EvaluationRound, Award, Reward, CompanyStake, Conversion,
                 ConversionAsset, ConversionShare]  # fmt: skip

__all__ = [
    "COOPS_AUDITED", "Award", "CompanyStake", "Conversion", "ConversionAsset", "ConversionShare",
    "ConversionStep", "CoopStatus", "Cooperative", "CooperativeFinance", "CooperativeMonth",
    "CooperativeStatusChange", "Disposition", "EvaluationRound", "Reward", "RewardRole", "StakeForm",
    "Standard", "StandardCheck",
]  # fmt: skip
