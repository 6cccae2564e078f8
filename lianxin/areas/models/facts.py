"""Dated facts of an area: figures and statements the sources give by year (a county's online retail sales,
its planned urban area, the pilot's start date, a city's honours, urbanisation; P000-54, P001-03, P001-04,
P003-30, P004-01). One current row per area, fact and year; a correction supersedes the row and keeps it,
so the history of every figure stays readable."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lianxin.areas.models.areas import AreaPathMixin
from lianxin.core.scope import Scope, ScopedManager


class AreaFact(AreaPathMixin):
    key = models.CharField(_("fact"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"))
    value_decimal = models.DecimalField(_("figure"), max_digits=20, decimal_places=4, null=True, blank=True)
    value_text = models.TextField(_("text"), blank=True)
    value_date = models.DateField(_("date"), null=True, blank=True)
    unit = models.CharField(_("unit of measure"), max_length=20, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    # Set when a later record of the same fact and year replaced this one; the row itself is kept.
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("area fact")
        verbose_name_plural = _("area facts")
        ordering = ["area_id", "key", "-year", "-recorded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "key", "year"],
                condition=Q(superseded_at__isnull=True),
                name="area_fact_one_current",
            )
        ]
        indexes = [models.Index(fields=["area", "key", "year"])]

    def __str__(self):
        return f"{self.key} {self.year}"

    @property
    def label(self) -> str:
        from lianxin.areas.dated_facts import fact_label

        return fact_label(self.key)

    @property
    def value(self):
        """The value in its own type: a date, a Decimal or text."""
        if self.value_date is not None:
            return self.value_date
        if self.value_decimal is not None:
            return self.value_decimal
        return self.value_text

    @property
    def value_display(self) -> str:
        """The value as people write it: 57, 51.9, 2021-07-01 (no trailing zeros, no exponent)."""
        value = self.value
        if value is None:
            return ""
        if hasattr(value, "normalize"):
            return format(value.normalize(), "f")
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return str(value)
