"""The weekly 两代表一委员 studio (P002-62): deputies on a rota, one week each; a week passed without a
session of the studio at its area is a missed week."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager


class DeputyType(models.TextChoices):
    PARTY = "party", _("party congress deputy")  # 党代表
    PEOPLE = "people", _("people's congress deputy")  # 人大代表
    CPPCC = "cppcc", _("CPPCC member")  # 政协委员


class RotaWeek(models.Model):
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    week = models.DateField(_("week of (Monday)"))
    deputy = models.ForeignKey(
        "people.Person", verbose_name=_("deputy"), on_delete=models.PROTECT, related_name="+"
    )
    deputy_type = models.CharField(_("deputy type"), max_length=10, choices=DeputyType.choices)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", own="deputy_id")

    class Meta:
        verbose_name = _("rota week")
        verbose_name_plural = _("rota weeks")
        constraints = [
            models.UniqueConstraint(fields=["area", "week", "deputy"], name="rota_week_deputy_once")
        ]
        ordering = ["week"]

    def __str__(self):
        return f"{self.week} · {self.deputy}"

    def save(self, *args, **kwargs):
        self.area_path = self.area.path
        super().save(*args, **kwargs)
