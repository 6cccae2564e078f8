"""Staff category changes (P004-40): a full-time grid worker brought under community-worker management by
selection (择优划转) or by the unified examination (统一考录). The grid worker post ends the day before, a
community worker post starts on the date, and this row keeps what he was, what he became, how and when."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager
from lianxin.people.roles import Role


class TransferMethod(models.TextChoices):
    SELECTION = "selection", _("transfer by selection")
    EXAMINATION = "examination", _("unified examination")


class StaffCategoryChange(models.Model):
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="category_changes"
    )
    from_post = models.ForeignKey(
        "people.Post", verbose_name=_("previous post"), on_delete=models.PROTECT, related_name="+"
    )
    to_post = models.ForeignKey(
        "people.Post", verbose_name=_("new post"), on_delete=models.PROTECT, related_name="+"
    )
    from_role = models.CharField(_("previous category"), max_length=32, choices=Role.choices)
    to_role = models.CharField(_("new category"), max_length=32, choices=Role.choices)
    method = models.CharField(_("method"), max_length=16, choices=TransferMethod.choices)
    changed_on = models.DateField(_("changed on"))
    area_path = models.CharField(max_length=255, blank=True, default="", db_index=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedManager()
    scope = Scope(area_path="area_path", own="person_id")

    class Meta:
        verbose_name = _("staff category change")
        verbose_name_plural = _("staff category changes")
        ordering = ["-changed_on", "-id"]

    def __str__(self):
        return f"{self.person} · {self.get_to_role_display()}"
