"""One table for the daily sums of every registered figure (``lianxin.rollups.registry``).

A row holds, for one figure key, one area path, one local day and one combination of dimensions, the sum
of the values written for the area itself and everything below it on that day, and how many writes made
it. Every ancestor of the place written for has its own row, so any area's figure is read from its own
rows alone (no scan over its subtree), as ``CaseRollup`` does for cases.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FigureRollup(models.Model):
    key = models.CharField(_("figure"), max_length=64)
    area_path = models.CharField(max_length=255)
    day = models.DateField(_("day"))
    # The dimensions in their canonical text (``lianxin.rollups.registry.dims_text``), "" for none: a text
    # column, not JSON, so that it can sit in the unique key on SQLite and PostgreSQL alike.
    dims = models.CharField(_("dimensions"), max_length=200, default="", blank=True)
    # Whole units of 10^-places of the figure (fen for yuan with places=2): integer sums are exact on both
    # databases, where SQLite would add decimals as floating point.
    value = models.BigIntegerField(_("value"), default=0)
    count = models.BigIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("daily figure sum")
        verbose_name_plural = _("daily figure sums")
        # The unique index also serves every read: one key, one area path, a range of days.
        constraints = [
            models.UniqueConstraint(fields=["key", "area_path", "day", "dims"], name="figure_rollup_unique")
        ]

    def __str__(self):
        return f"{self.key} {self.area_path} {self.day} {self.dims}"
