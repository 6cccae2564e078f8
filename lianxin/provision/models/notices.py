"""One-time notification (一次性告知, P002-44): a window that returns an application names every material
still missing in one notice; a further notice on the same case is a second notice, counted."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.cases.models import Case


class MaterialNotice(models.Model):
    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="+")
    seq = models.PositiveSmallIntegerField(_("notice number"))
    # The case's place when the notice was given: the figures count it there, whatever the case does next.
    area_path = models.CharField(max_length=255, editable=False, default="", db_index=True)
    missing = models.JSONField(_("missing materials"), default=list)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("given at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("material notice")
        verbose_name_plural = _("material notices")
        constraints = [models.UniqueConstraint(fields=["case", "seq"], name="material_notice_seq_once")]
        ordering = ["case_id", "seq"]

    def __str__(self):
        return f"{self.case_id} #{self.seq}"

    @property
    def is_second(self) -> bool:
        return self.seq > 1
