"""The trail: every step of a case is one immutable row. There is no update or delete path for events,
not in code, not in the admin, and not in the database (triggers refuse both, see migration 0002)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.cases.models.cases import Case
from lianxin.cases.models.enums import Action, HandlingLevel, State


class ImmutableEventError(Exception):
    pass


class CaseEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableEventError("case events are never changed")

    def delete(self):
        raise ImmutableEventError("case events are never deleted")

    # bulk_update goes through update(); bulk_create is the generator's and the engine's only write path.


class CaseEvent(models.Model):
    # Neither foreign key needs an index of its own: (case, seq) and (actor, idempotency_key) below lead
    # with them, and every step pays for each index it writes.
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events", db_index=False)
    seq = models.PositiveIntegerField(_("step number"))
    action = models.CharField(_("step"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    actor_person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    from_state = models.CharField(_("state before"), max_length=16, choices=State.choices, blank=True)
    to_state = models.CharField(_("state after"), max_length=16, choices=State.choices, blank=True)
    target_person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    target_department = models.ForeignKey(
        "people.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    target_organisation = models.ForeignKey(
        "people.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    target_party_org = models.ForeignKey(
        "party.PartyOrg", null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    target_area = models.ForeignKey(
        "areas.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    target_level = models.PositiveSmallIntegerField(choices=HandlingLevel.choices, null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    # Everything else the step decided (deadlines, rating, extension, whistle parties …), so that the case
    # row can be rebuilt from the events alone, whatever the configuration says today.
    data = models.JSONField(default=dict, blank=True)
    is_public = models.BooleanField(_("shown to the reporter"), default=True)
    # NULL when the client sent none: a plain unique index then serves the replay lookup on every backend
    # (a partial index on "key <> ''" is not used by SQLite for a bound parameter).
    idempotency_key = models.CharField(max_length=100, null=True, blank=True, default=None)  # noqa: DJ001

    objects = CaseEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["case_id", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["case", "seq"], name="case_event_seq_unique"),
            models.UniqueConstraint(
                fields=["actor", "idempotency_key"], name="case_event_idempotency_unique"
            ),
        ]
        indexes = [models.Index(fields=["at"], name="case_event_at"), models.Index(fields=["action", "at"])]

    def __str__(self):
        return f"{self.case_id}#{self.seq} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise ImmutableEventError("case events are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableEventError("case events are never deleted")
