"""An alliance's three lists (三张清单, P003-34): the member enterprises' demands (需求清单), the resources
they offer (资源清单) and the deals struck between them (项目清单). A demand moves 待对接 → 已对接 (matched to
another member's offer) → 已完成 (a deal recorded); a completed demand never changes again.

The rows hang on the alliance (a PartyOrg of kind chain_alliance) and are scoped through it, and through the
member enterprise that filed them, so the enterprise's contact reaches his own rows.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager
from lianxin.party.models.alliances import ALLIANCE_SCOPE


class DemandState(models.TextChoices):
    OPEN = "open", _("awaiting matching")
    MATCHED = "matched", _("matched")
    DONE = "done", _("completed")


class _ListEntry(models.Model):
    """What a demand and an offer share: the member enterprise that filed it on the alliance's list."""

    alliance = models.ForeignKey(
        "party.PartyOrg", verbose_name=_("alliance"), on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("member enterprise"),
        on_delete=models.PROTECT,
        related_name="%(class)ss",
    )
    title = models.CharField(_("title"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        "people.User", verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(**ALLIANCE_SCOPE, organisation="organisation")

    class Meta:
        abstract = True
        ordering = ["-id"]

    def __str__(self):
        return self.title


class AllianceOffer(_ListEntry):
    active = models.BooleanField(_("offered"), default=True)

    class Meta(_ListEntry.Meta):
        verbose_name = _("alliance offer")
        verbose_name_plural = _("alliance offers")


class AllianceDemand(_ListEntry):
    quantity = models.CharField(_("quantity"), max_length=50, blank=True, help_text=_("e.g. 500套"))
    needed_by = models.DateField(_("needed by"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=DemandState.choices, default=DemandState.OPEN, db_index=True
    )
    offer = models.ForeignKey(
        AllianceOffer,
        verbose_name=_("matched offer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="demands",
    )
    matched_at = models.DateTimeField(_("matched at"), null=True, blank=True)

    class Meta(_ListEntry.Meta):
        verbose_name = _("alliance demand")
        verbose_name_plural = _("alliance demands")
        constraints = [
            # A matched or completed demand names its offer; an open one names none.
            models.CheckConstraint(
                condition=models.Q(state="open", offer__isnull=True)
                | (models.Q(state__in=["matched", "done"]) & models.Q(offer__isnull=False)),
                name="alliance_demand_offer_follows_state",
            ),
        ]

    def __str__(self):
        return f"{self.title} {self.quantity}".strip()


class AllianceDeal(models.Model):
    """The project that closed a demand: one per demand (the database refuses a second)."""

    alliance = models.ForeignKey(
        "party.PartyOrg", verbose_name=_("alliance"), on_delete=models.CASCADE, related_name="alliance_deals"
    )
    demand = models.OneToOneField(
        AllianceDemand, verbose_name=_("demand"), on_delete=models.PROTECT, related_name="deal"
    )
    offer = models.ForeignKey(
        AllianceOffer, verbose_name=_("offer"), on_delete=models.PROTECT, related_name="deals"
    )
    value = models.DecimalField(_("value (yuan)"), max_digits=14, decimal_places=2)
    signed_on = models.DateField(_("signed on"))
    created_by = models.ForeignKey(
        "people.User", verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedManager()
    # The demanding enterprise's contact reaches the deal that closed his demand.
    scope = Scope(**ALLIANCE_SCOPE, organisation="demand__organisation")

    class Meta:
        verbose_name = _("alliance deal")
        verbose_name_plural = _("alliance deals")
        ordering = ["-signed_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(value__gt=0), name="alliance_deal_value_positive"),
        ]

    def __str__(self):
        return f"{self.demand} · {self.value}"
