"""How far each household is from the nearest place of the 15-minute service circle (P000-25, P002-36):
stored by ``reach_refresh`` (nightly, and after a place is saved) so the coverage figures are a count."""

from django.db import models
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from lianxin.areas.places import place_saved
from lianxin.core.scope import Scope, ScopedManager


class HouseholdReach(models.Model):
    household = models.OneToOneField(
        "areas.Household", verbose_name=_("household"), on_delete=models.CASCADE, related_name="reach"
    )
    # The household's estate (or village), for the per-estate figures without a walk up the tree.
    estate = models.ForeignKey(
        "areas.Area",
        verbose_name=_("estate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    place = models.ForeignKey(
        "areas.Place",
        verbose_name=_("nearest service place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    metres = models.PositiveIntegerField(_("straight-line metres"), null=True, blank=True)
    minutes = models.DecimalField(_("walking minutes"), max_digits=7, decimal_places=1, null=True, blank=True)
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", residents=True)

    class Meta:
        verbose_name = _("household reach")
        verbose_name_plural = _("household reaches")
        indexes = [models.Index(fields=["area_path", "minutes"])]

    def __str__(self):
        return f"{self.household_id}: {self.minutes}"


@receiver(place_saved, dispatch_uid="provision.reach_on_place_save")
def _refresh_after_commit(sender, place, **kwargs):
    from django.db import transaction

    from lianxin.provision.reach import reach_refresh_near_task

    # After the commit: the task reads the saved place, and a rolled-back save refreshes nothing. Only the
    # place's street (and the households it was nearest to) are recomputed; the nightly task does all.
    place_id = place.pk
    transaction.on_commit(lambda: reach_refresh_near_task(place_id))
