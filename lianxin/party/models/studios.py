"""Studios of outstanding community secretaries (优秀社区党组织书记工作室, 传帮带, P004-37): a lead secretary
mentors younger secretaries; each mentee's profile names his mentor."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.areas.models import Area
from lianxin.core.scope import Scope, ScopedManager


class SecretaryStudio(models.Model):
    name = models.CharField(_("name"), max_length=100)
    lead = models.ForeignKey(
        "people.Person", verbose_name=_("lead secretary"), on_delete=models.PROTECT, related_name="+"
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="secretary_studios"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    founded_on = models.DateField(_("founded on"), default=timezone.localdate)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", own="lead_id")

    class Meta:
        verbose_name = _("secretary studio")
        verbose_name_plural = _("secretary studios")

    def __str__(self):
        return self.name


class StudioMentee(models.Model):
    studio = models.ForeignKey(
        SecretaryStudio, verbose_name=_("studio"), on_delete=models.PROTECT, related_name="mentees"
    )
    mentee = models.ForeignKey(
        "people.Person", verbose_name=_("mentee secretary"), on_delete=models.PROTECT, related_name="+"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    since = models.DateField(_("since"), default=timezone.localdate)
    until = models.DateField(_("until"), null=True, blank=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", own="mentee_id")

    class Meta:
        verbose_name = _("studio mentee")
        verbose_name_plural = _("studio mentees")
        constraints = [
            models.UniqueConstraint(
                fields=["studio", "mentee"],
                condition=models.Q(until__isnull=True),
                name="studio_mentee_once_at_a_time",
            )
        ]

    def __str__(self):
        return f"{self.studio} · {self.mentee}"
