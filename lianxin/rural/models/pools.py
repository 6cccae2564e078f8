"""The pools part's models (1+5, 四个统筹): the fund pool (Fund › FundEntry, P002-07), multi-year commitments
with yearly tranches (FundCommitment › Tranche, P002-17), the cadre pool (CadreDeployment, P002-06) and the
activity pool (ClusterActivity › ClusterAttendance, P002-08; the issue's JointActivity: the party app
already has a JointActivity for alliances). The assessment pool (P002-09) is the assessment app's Scheme
with subject kind VILLAGE over a cluster: no model here."""

from decimal import Decimal

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager

__all__ = [
    "FundSource",
    "Fund",
    "EntryKind",
    "FundEntry",
    "FundCommitment",
    "Tranche",
    "CadreDeployment",
    "ClusterActivity",
    "ClusterAttendance",
]

MONEY = {"max_digits": 14, "decimal_places": 2}
ZERO = Decimal("0.00")


class FundSource(models.TextChoices):
    FINANCE = "finance", _("fiscal funds")
    DEPARTMENT = "department", _("department funds")
    SUPPORT = "support", _("paired support")
    SOCIAL = "social", _("social capital")
    COLLECTIVE = "collective", _("village collective")
    OTHER = "other", _("other sources")


class Fund(models.Model):
    """A pool of money held by a county (e.g. 合作社发展专项资金) or by a cluster (片区资金池): inflows from
    several sources, allocations to projects or purposes; its balance never falls below zero."""

    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    name = models.CharField(_("name"), max_length=100)
    source_kinds = models.JSONField(_("source kinds"), default=list, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("fund")
        verbose_name_plural = _("funds")
        ordering = ["area_path", "name"]
        constraints = [models.UniqueConstraint(fields=["area", "name"], name="rural_fund_area_name")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.area_path = self.area.path
        super().save(*args, **kwargs)


class EntryKind(models.TextChoices):
    INFLOW = "inflow", _("inflow")
    ALLOCATION = "allocation", _("allocation")


class FundEntry(models.Model):
    """One movement of a fund: an inflow from a source, or an allocation to a project or purpose (optionally
    for an area, e.g. a village, and for a record such as a cooperative's award or a tranche). The balance
    after it is kept on the row (written under the fund's row lock)."""

    fund = models.ForeignKey(Fund, verbose_name=_("fund"), on_delete=models.PROTECT, related_name="entries")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=EntryKind.choices)
    amount = models.DecimalField(_("amount (yuan)"), **MONEY)
    balance_after = models.DecimalField(_("balance after"), **MONEY)
    source_kind = models.CharField(_("source kind"), max_length=12, choices=FundSource.choices, blank=True)
    source = models.CharField(_("source"), max_length=100, blank=True)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("for area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    object_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    source_object = GenericForeignKey("object_type", "object_id")
    occurred_on = models.DateField(_("date"), default=timezone.localdate)
    recorded_by = models.ForeignKey(
        "people.Person",
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("fund entry")
        verbose_name_plural = _("fund entries")
        ordering = ["fund", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="rural_fundentry_amount_positive"),
            models.CheckConstraint(condition=Q(balance_after__gte=0), name="rural_fundentry_balance_nonneg"),
        ]

    def __str__(self):
        return f"{self.fund} {self.get_kind_display()} {self.amount}"

    def save(self, *args, **kwargs):
        self.area_path = self.fund.area_path
        super().save(*args, **kwargs)

    @property
    def signed_amount(self) -> Decimal:
        return self.amount if self.kind == EntryKind.INFLOW else -self.amount


class FundCommitment(models.Model):
    """A multi-year funding commitment (e.g. a model village's 1,000,000.00 a year for three years), paid in
    yearly tranches, optionally from a fund (a paid tranche is then an allocation of that fund)."""

    county = models.ForeignKey(
        "areas.Area", verbose_name=_("county"), on_delete=models.PROTECT, related_name="+"
    )
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("beneficiary"), on_delete=models.PROTECT, related_name="+"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    fund = models.ForeignKey(
        Fund,
        verbose_name=_("fund"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    name = models.CharField(_("name"), max_length=100)
    yearly_amount = models.DecimalField(_("amount per year"), **MONEY)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    years = models.PositiveSmallIntegerField(_("years"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        "people.Person",
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("funding commitment")
        verbose_name_plural = _("funding commitments")
        ordering = ["first_year", "area_path", "name"]

    def __str__(self):
        return f"{self.name}（{self.area}）"

    def save(self, *args, **kwargs):
        self.area_path = self.area.path
        super().save(*args, **kwargs)

    @property
    def total(self) -> Decimal:
        return self.yearly_amount * self.years


class Tranche(models.Model):
    commitment = models.ForeignKey(
        FundCommitment, verbose_name=_("commitment"), on_delete=models.CASCADE, related_name="tranches"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount (yuan)"), **MONEY)
    due_on = models.DateField(_("due on"))
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    entry = models.ForeignKey(
        FundEntry,
        verbose_name=_("fund entry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reminded_on = models.DateField(null=True, blank=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("tranche")
        verbose_name_plural = _("tranches")
        ordering = ["commitment", "year"]
        constraints = [
            models.UniqueConstraint(fields=["commitment", "year"], name="rural_tranche_commitment_year"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="rural_tranche_amount_positive"),
        ]

    def __str__(self):
        return f"{self.commitment} {self.year}"

    def save(self, *args, **kwargs):
        self.area_path = self.commitment.area_path
        super().save(*args, **kwargs)


class CadreDeployment(models.Model):
    """A cadre of a cluster's village deployed, for a period, by the cluster to one of its task forces or to
    another village (干部统筹调配)."""

    cluster = models.ForeignKey(
        "areas.Area", verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="+"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    person = models.ForeignKey(
        "people.Person", verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="+"
    )
    home_area = models.ForeignKey(
        "areas.Area", verbose_name=_("home village"), on_delete=models.PROTECT, related_name="+"
    )
    to_area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("to village"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_party_org = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("to task force"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    duty = models.CharField(_("duty"), max_length=100, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True)
    created_by = models.ForeignKey(
        "people.Person",
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("cadre deployment")
        verbose_name_plural = _("cadre deployments")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_area__isnull=False) | Q(to_party_org__isnull=False),
                name="rural_deployment_has_target",
            )
        ]

    def __str__(self):
        return f"{self.person} → {self.to_party_org or self.to_area}"

    def save(self, *args, **kwargs):
        self.area_path = self.cluster.path
        super().save(*args, **kwargs)

    @property
    def target(self):
        return self.to_party_org or self.to_area


class ClusterActivity(models.Model):
    """One party activity (e.g. 党员活动日) held by a cluster for all its branches (活动统筹开展); the
    issue's JointActivity."""

    cluster = models.ForeignKey(
        "areas.Area", verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="+"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    name = models.CharField(_("name"), max_length=100)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    content = models.TextField(_("content"), blank=True)
    branches = models.ManyToManyField(
        "party.PartyOrg", verbose_name=_("branches"), related_name="cluster_activities", blank=True
    )
    created_by = models.ForeignKey(
        "people.Person",
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("cluster activity")
        verbose_name_plural = _("cluster activities")
        ordering = ["-held_on", "name"]

    def __str__(self):
        return f"{self.name}（{self.held_on:%Y-%m-%d}）"

    def save(self, *args, **kwargs):
        self.area_path = self.cluster.path
        super().save(*args, **kwargs)


class ClusterAttendance(models.Model):
    activity = models.ForeignKey(
        ClusterActivity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="attendance"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    branch = models.ForeignKey(
        "party.PartyOrg", verbose_name=_("branch"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    present = models.BooleanField(_("present"), default=False)
    note = models.CharField(_("note"), max_length=100, blank=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["activity", "branch", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "person"], name="rural_attendance_activity_person")
        ]

    def __str__(self):
        return f"{self.activity} {self.person}"

    def save(self, *args, **kwargs):
        self.area_path = self.activity.area_path
        super().save(*args, **kwargs)
