"""The land part's models (issue 23): village collective income (村集体经济收入, P002-27, P002-65), rural
per-capita disposable income (P002-24), contracted farmland, land transfer and trusteeship contracts
(土地流转、农业生产托管, P000-10, P000-11, P002-20) and consolidations (小田并大田, P002-77).

Money is yuan ``Decimal(14,2)``, land mu ``Decimal(12,2)``. Every row is scoped by its area's path and
audited (setup_land). The figures (rollups, ``rural.<key>``) are written by ``services/land.py``.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lianxin.areas.models.areas import AreaPathMixin
from lianxin.core.scope import Scope, ScopedManager

__all__ = [
    "INCOME_SOURCES",
    "CollectiveIncome",
    "CollectiveIncomeCorrection",
    "Consolidation",
    "ContractKind",
    "FarmlandRecord",
    "LandContract",
    "RuralIncomeFigure",
]

ZERO = Decimal("0.00")


def _money(label):
    return models.DecimalField(label, max_digits=14, decimal_places=2, default=ZERO)


def _mu(label, **kwargs):
    return models.DecimalField(label, max_digits=12, decimal_places=2, **kwargs)


# The five sources of a village's collective income, in the import's column order: (field, Chinese column).
INCOME_SOURCES = (
    ("operating", "经营收入"),
    ("contracting", "发包及上交收入"),
    ("investment", "投资收益"),
    ("subsidy", "补助收入"),
    ("other", "其他收入"),
)


class VillageRecord(AreaPathMixin):
    """What every land and income record holds beside its own figures: its place on the tree with the copied
    path (``AreaPathMixin``, for scope and the roll-ups), and who recorded it and when. Subclasses name their
    ``area`` (a village) as they need, and declare their manager and scope themselves."""

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        abstract = True


class CollectiveIncome(VillageRecord):
    """A village's collective income (村集体经济收入) for one year, by source; one per village and year.
    ``total`` is the five sources' sum; ``cooperative_gain`` the part of the increase driven by party-led
    cooperatives (合作社带动增收, P002-65). A correction keeps the reason here and the old values in
    ``CollectiveIncomeCorrection`` (and the audit trail)."""

    area = models.ForeignKey(
        "areas.Area", verbose_name=_("village"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    operating = _money(_("operating income"))
    contracting = _money(_("contracting and remitted income"))
    investment = _money(_("investment income"))
    subsidy = _money(_("subsidy income"))
    other = _money(_("other income"))
    total = _money(_("collective income"))
    cooperative_gain = _money(_("increase driven by cooperatives"))
    correction_reason = models.CharField(_("correction reason"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("collective income")
        verbose_name_plural = _("collective incomes")
        ordering = ["-year", "area_path"]
        constraints = [
            models.UniqueConstraint(fields=["area", "year"], name="rural_income_once_per_village_year"),
            models.CheckConstraint(
                condition=models.Q(operating__gte=0)
                & models.Q(contracting__gte=0)
                & models.Q(investment__gte=0)
                & models.Q(subsidy__gte=0)
                & models.Q(other__gte=0)
                & models.Q(total__gte=0)
                & models.Q(cooperative_gain__gte=0),
                name="rural_income_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["year", "area_path"], name="rural_income_year_path")]

    def __str__(self):
        return f"{self.area} {self.year}"

    def save(self, *args, **kwargs):
        self.total = self.sources_total()
        super().save(*args, **kwargs)

    def sources_total(self) -> Decimal:
        return sum((getattr(self, name) or ZERO for name, _label in INCOME_SOURCES), ZERO)


class CollectiveIncomeCorrection(models.Model):
    """One correction of a recorded year: the reason and the values before it (shown on the village's
    income page; the audit trail holds the same)."""

    income = models.ForeignKey(CollectiveIncome, on_delete=models.CASCADE, related_name="corrections")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    reason = models.CharField(_("correction reason"), max_length=200)
    old_values = models.JSONField(_("values before"), default=dict)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("corrected by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    corrected_at = models.DateTimeField(_("corrected at"), auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("collective income correction")
        verbose_name_plural = _("collective income corrections")
        ordering = ["-corrected_at", "-id"]

    def __str__(self):
        return f"{self.income} {self.reason}"

    def save(self, *args, **kwargs):
        self.area_path = self.income.area_path
        super().save(*args, **kwargs)


class RuralIncomeFigure(VillageRecord):
    """Rural per-capita disposable income (农村居民人均可支配收入) of an area (a cluster, a county) in one
    year, as reported by the statistics office (P002-24)."""

    year = models.PositiveSmallIntegerField(_("year"))
    per_capita = models.DecimalField(_("per-capita disposable income"), max_digits=14, decimal_places=2)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("rural per-capita income")
        verbose_name_plural = _("rural per-capita incomes")
        ordering = ["-year", "area_path"]
        constraints = [
            models.UniqueConstraint(fields=["area", "year"], name="rural_percapita_once_per_area_year"),
            models.CheckConstraint(
                condition=models.Q(per_capita__gte=0), name="rural_percapita_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.area} {self.year}"


class FarmlandRecord(VillageRecord):
    """A village's contracted farmland (承包耕地面积) in one year: the base of the transfer rate (P000-11)."""

    area = models.ForeignKey(
        "areas.Area", verbose_name=_("village"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    contracted_mu = _mu(_("contracted farmland (mu)"))

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("contracted farmland")
        verbose_name_plural = _("contracted farmland")
        ordering = ["-year", "area_path"]
        constraints = [
            models.UniqueConstraint(fields=["area", "year"], name="rural_farmland_once_per_village_year"),
            models.CheckConstraint(
                condition=models.Q(contracted_mu__gte=0), name="rural_farmland_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.area} {self.year}"


class ContractKind(models.TextChoices):
    TRANSFER = "transfer", _("land transfer")
    TRUSTEESHIP = "trusteeship", _("farm-production trusteeship")


class LandContract(VillageRecord):
    """A land transfer (土地流转: to a counterparty) or a farm-production trusteeship (农业生产托管: by a
    service provider, for some service links such as 耕、种、防、收) of a village's land, from one day to
    another. Only contracts in force on a day count for that day."""

    kind = models.CharField(_("kind"), max_length=12, choices=ContractKind.choices)
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("village"), on_delete=models.PROTECT, related_name="+"
    )
    mu = _mu(_("area (mu)"))
    # Trusteeship: how many service links the provider carries out (mu-times = mu × links); 1 for a transfer.
    links = models.PositiveSmallIntegerField(_("service links"), default=1)
    link_names = models.CharField(_("service links named"), max_length=100, blank=True)
    counterparty = models.CharField(_("counterparty or provider"), max_length=100)
    organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("land contract")
        verbose_name_plural = _("land contracts")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(mu__gt=0), name="rural_contract_mu_positive"),
            models.CheckConstraint(condition=models.Q(links__gte=1), name="rural_contract_links_positive"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="rural_contract_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["kind", "area_path"], name="rural_contract_kind_path")]

    def __str__(self):
        return f"{self.area} {self.get_kind_display()} {self.mu}"

    @property
    def mu_times(self) -> Decimal:
        return self.mu * self.links

    def in_force(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on


class Consolidation(VillageRecord):
    """A 小田并大田 project (P002-77): land merged in an area (a village or a township), the area planted
    before and after, the collective income it gained, with its partners (an agricultural service centre,
    cooperatives)."""

    name = models.CharField(_("name"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"))
    mu = _mu(_("land merged (mu)"))
    planted_before = _mu(_("planted before (mu)"))
    planted_after = _mu(_("planted after (mu)"))
    income_gained = _money(_("collective income gained"))
    partner = models.CharField(_("partner"), max_length=100, blank=True)
    cooperatives = models.PositiveSmallIntegerField(_("cooperatives taking part"), default=0)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("consolidation")
        verbose_name_plural = _("consolidations")
        ordering = ["-year", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(mu__gt=0), name="rural_consolidation_mu_positive"),
            models.CheckConstraint(
                condition=models.Q(planted_before__gte=0) & models.Q(planted_after__gte=0),
                name="rural_consolidation_planted_not_negative",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def planted_gain(self) -> Decimal:
        return self.planted_after - self.planted_before

    @property
    def gain_per_thousand_mu(self) -> Decimal:
        return (self.planted_gain * 1000 / self.mu).quantize(Decimal("0.01"))

    @property
    def income_per_thousand_mu(self) -> Decimal:
        return (self.income_gained * 1000 / self.mu).quantize(Decimal("0.01"))
