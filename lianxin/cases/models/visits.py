"""Household visits by grid workers, members and liaisons (拉呱、串门、调解、帮办, P000-31, P002-31), and care
visits to people such as couriers (暖心慰问, P003-22: the persons visited, the items given, the organiser)."""

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
    # Care visits and festival greetings (P003-22): recorded with the persons visited, not a household.
    CARE = "care", _("care visit (慰问)")


# The kinds of a household visit (the visit form and visit_record); care visits have their own service.
HOUSEHOLD_VISIT_KINDS = [(k, label) for k, label in VisitKind.choices if k != VisitKind.CARE]


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

    # A care visit's persons (couriers, riders …), what they were given and the party organisation that
    # organised it. Each person counts once per visit (person-times); the list counts distinct persons too.
    persons = models.ManyToManyField(
        "people.Person", verbose_name=_("persons visited"), blank=True, related_name="care_visits"
    )
    items = models.CharField(_("items given"), max_length=200, blank=True)
    organiser = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
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
