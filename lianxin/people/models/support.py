"""Support given to landless residents of converted villages (P001-17): jobs, social insurance, school places.

Registered by ``people/models/__init__.py``. Each form of support is one dated row on the person, placed
where he is (``area_path`` copies the person's), so the list of those with no support is scoped like persons.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager

# The person tag that marks landless residents (失地居民), as the demo dictionaries name it.
LANDLESS_TAG = "landless"


class SupportKind(models.TextChoices):
    JOB = "job", _("employment")
    SOCIAL_INSURANCE = "social_insurance", _("social insurance")
    SCHOOL = "school", _("school place")
    OTHER = "other", _("other support")


class Support(models.Model):
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="supports"
    )
    kind = models.CharField(_("kind of support"), max_length=20, choices=SupportKind.choices)
    given_on = models.DateField(_("given on"), default=timezone.localdate)
    note = models.CharField(_("note"), max_length=200, blank=True)
    area_path = models.CharField(max_length=255, blank=True, default="", db_index=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedManager()
    scope = Scope(area_path="area_path", residents=True)

    class Meta:
        verbose_name = _("support given")
        verbose_name_plural = _("support given")
        ordering = ["-given_on", "-id"]

    def __str__(self):
        return f"{self.person_id} · {self.get_kind_display()}"
