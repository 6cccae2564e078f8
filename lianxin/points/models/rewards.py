"""What points buy: rewards a partner shop puts up, and the redemption codes residents show there."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Reward(models.Model):
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=200, blank=True)
    points_price = models.PositiveIntegerField(_("points price"))
    stock = models.IntegerField(_("stock"))
    shop = models.ForeignKey(
        "people.Organisation", verbose_name=_("shop"), on_delete=models.PROTECT, related_name="rewards"
    )
    active = models.BooleanField(_("on offer"), default=True)

    class Meta:
        verbose_name = _("reward")
        verbose_name_plural = _("rewards")
        ordering = ["points_price", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(stock__gte=0), name="reward_stock_not_negative"),
            models.CheckConstraint(condition=Q(points_price__gt=0), name="reward_price_positive"),
        ]

    def __str__(self):
        return self.name


class RedemptionState(models.TextChoices):
    PENDING = "pending", _("awaiting confirmation")
    CONFIRMED = "confirmed", _("confirmed")
    EXPIRED = "expired", _("expired")


class Redemption(models.Model):
    account = models.ForeignKey("points.PointsAccount", on_delete=models.PROTECT, related_name="redemptions")
    reward = models.ForeignKey(Reward, verbose_name=_("reward"), on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("redemption code"), max_length=12, unique=True)
    points = models.PositiveIntegerField(_("points"))
    state = models.CharField(
        _("state"), max_length=10, choices=RedemptionState.choices, default=RedemptionState.PENDING
    )
    created_at = models.DateTimeField(_("redeemed at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    confirmed_by = models.ForeignKey(
        "people.Person",
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # The deduction, and the refund when the code expired unused.
    entry = models.OneToOneField("points.PointsEntry", on_delete=models.PROTECT, related_name="redemption")
    refund = models.OneToOneField(
        "points.PointsEntry", null=True, blank=True, on_delete=models.PROTECT, related_name="refunded"
    )

    class Meta:
        verbose_name = _("redemption")
        verbose_name_plural = _("redemptions")
        indexes = [
            models.Index(fields=["state", "expires_at"], name="redemption_state_expiry"),
        ]

    def __str__(self):
        return self.code
