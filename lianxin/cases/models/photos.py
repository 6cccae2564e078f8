"""Photos of a case: uploaded first through ``core.uploads`` (validated, EXIF stripped, thumbnailed, random
names), then attached to a step."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.cases.models.cases import Case
from lianxin.cases.models.events import CaseEvent


class CasePhoto(models.Model):
    file = models.FileField(_("photo"), max_length=200)
    thumbnail = models.FileField(_("thumbnail"), max_length=200)
    content_type = models.CharField(max_length=30)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT, related_name="photos")
    event = models.ForeignKey(
        CaseEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="photos"
    )

    class Meta:
        verbose_name = _("case photo")
        verbose_name_plural = _("case photos")
        ordering = ["id"]

    def __str__(self):
        return self.file.name
