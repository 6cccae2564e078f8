"""Claims (认领): a named person, or an organisation, takes on an open case that accepts claims (a micro-wish,
a service project), up to the case's capacity. Each claim is written with its CLAIM event, and a withdrawal
with its CLAIM_WITHDRAW event, in the step's transaction; ``engine.claims_replay`` derives the same rows
from the events, so ``cases_rebuild`` checks and restores them like the case row."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lianxin.cases.models.cases import Case
from lianxin.cases.models.events import CaseEvent


class CaseClaim(models.Model):
    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="claims")
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("claimed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case_claims",
        db_index=False,
    )
    organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("claiming organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case_claims",
        db_index=False,
    )
    claimed_at = models.DateTimeField(_("claimed at"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    event = models.ForeignKey(CaseEvent, on_delete=models.PROTECT, related_name="+")
    withdraw_event = models.ForeignKey(
        CaseEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, organisation__isnull=True)
                | Q(person__isnull=True, organisation__isnull=False),
                name="case_claim_one_claimant",
            ),
            # One live claim per claimant and case: a repeated claim (a double tap, two devices) finds the
            # first instead of taking a second place.
            models.UniqueConstraint(
                fields=["case", "person"],
                condition=Q(withdrawn_at__isnull=True, person__isnull=False),
                name="case_claim_live_person",
            ),
            models.UniqueConstraint(
                fields=["case", "organisation"],
                condition=Q(withdrawn_at__isnull=True, organisation__isnull=False),
                name="case_claim_live_organisation",
            ),
        ]
        indexes = [
            # "我认领的", and the claimant's way into the case's scope.
            models.Index(fields=["person", "case"], name="claim_person", condition=Q(person__isnull=False)),
            models.Index(
                fields=["organisation", "case"],
                name="claim_organisation",
                condition=Q(organisation__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.case_id} · {self.person or self.organisation}"

    @property
    def is_live(self) -> bool:
        return self.withdrawn_at is None

    @property
    def claimant(self) -> dict:
        """The claimant as the events name it."""
        return {"person": self.person_id} if self.person_id else {"organisation": self.organisation_id}
