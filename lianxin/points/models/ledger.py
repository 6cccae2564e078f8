"""The points ledger: an account per person and its entries, each carrying the balance after it.

An entry is a fact, never changed: the application refuses it (model and queryset) and the database does
too (migration 0002: a trigger refuses UPDATE, and DELETE on PostgreSQL). A correction is a reversal entry.
The balance is the last entry's ``balance_after``, one indexed read; ``manage.py verify_points`` checks
that each account's chain adds up.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImmutableEntryError(Exception):
    pass


class PointsAccount(models.Model):
    """A person's points. One per person, made at the first entry; a unit's account may come later, as
    another owner column beside ``person``."""

    person = models.OneToOneField(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="points_account"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("points account")
        verbose_name_plural = _("points accounts")

    def __str__(self):
        return str(self.person)


class EntryKind(models.TextChoices):
    AWARD = "award", _("award")
    REVERSAL = "reversal", _("reversal")
    REDEEM = "redeem", _("redemption")
    REFUND = "refund", _("refund")


class PointsEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableEntryError("points entries are never changed")

    def delete(self):
        raise ImmutableEntryError("points entries are never deleted")


class PointsEntry(models.Model):
    # (account, seq) and (account, key) below lead with the account: no index of its own.
    account = models.ForeignKey(
        PointsAccount, on_delete=models.PROTECT, related_name="entries", db_index=False
    )
    seq = models.PositiveIntegerField(_("entry number"))
    # What the writer calls this entry (the paying app's "wish:123", a redemption's code): the same key
    # twice on an account is one entry.
    key = models.CharField(_("key"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=EntryKind.choices)
    amount = models.IntegerField(_("points"))
    balance_after = models.IntegerField(_("balance after"))
    reason = models.CharField(_("reason"), max_length=200)
    # What paid or took the points, in the words of the app that did (wish, project, activity_hours,
    # redemption …) and its id there: no foreign key, so the ledger never imports the apps that pay.
    source_kind = models.CharField(_("source"), max_length=30, blank=True)
    source_id = models.CharField(_("source id"), max_length=40, blank=True)
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("reverses"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
    )
    # Where the person lived when the points were written: the roll-up's place, fixed with the entry.
    area_path = models.CharField(max_length=255, blank=True, default="", editable=False)
    created_at = models.DateTimeField(_("at"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )

    objects = PointsEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("points entry")
        verbose_name_plural = _("points entries")
        ordering = ["account_id", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["account", "seq"], name="points_entry_seq_unique"),
            models.UniqueConstraint(fields=["account", "key"], name="points_entry_key_unique"),
            models.CheckConstraint(
                condition=Q(balance_after__gte=0), name="points_entry_balance_not_negative"
            ),
            models.CheckConstraint(condition=~Q(amount=0), name="points_entry_amount_not_zero"),
        ]

    def __str__(self):
        return f"{self.account_id}#{self.seq} {self.amount:+d}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise ImmutableEntryError("points entries are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableEntryError("points entries are never deleted")
