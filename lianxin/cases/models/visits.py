"""Household visits by grid workers, members and liaisons (拉呱、串门、调解、帮办, P000-31, P002-31)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.areas.models import AreaPathMixin
from lianxin.core.scope import Scope, ScopedManager


class VisitKind(models.TextChoices):
    CHAT = "chat", _("chat (拉呱)")
    CALL_ROUND = "call_round", _("calling round (串门)")
    MEDIATION = "mediation", _("mediation (调解)")
    ERRAND = "errand", _("errand on the household's behalf (帮办)")
    INFORMATION = "information", _("collecting information")
    POLICY = "policy", _("policy promotion")


class Visit(AreaPathMixin):
    visitor = models.ForeignKey(
        "people.Person", verbose_name=_("visitor"), on_delete=models.PROTECT, related_name="visits_made"
    )
    household = models.ForeignKey(
        "areas.Household",
        verbose_name=_("household"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visits",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=VisitKind.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)
    attendees = models.PositiveIntegerField(_("people reached"), default=1)
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case opened"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visits",
    )

    # The client's key: a double tap logs one visit (and opens one case).
    idempotency_key = models.CharField(max_length=100, null=True, blank=True, default=None)  # noqa: DJ001

    objects = ScopedManager()
    scope = Scope(area_path="area_path", own="visitor_id", residents=True)

    class Meta:
        verbose_name = _("household visit")
        verbose_name_plural = _("household visits")
        ordering = ["-at"]
        indexes = [models.Index(fields=["area_path", "at"], name="visit_area_at")]
        constraints = [
            models.UniqueConstraint(fields=["visitor", "idempotency_key"], name="visit_idempotency_unique")
        ]

    def __str__(self):
        return f"{self.visitor} · {self.get_kind_display()}"
