"""Restructurings of the tree (P001-12) and the approval that authorised each (P001-14).

Registered by ``areas/models/__init__.py``. One row per restructuring: which nodes went into which, from
when, and the approving body, date, document number and a scan of the approval (社区建制调整批复).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lianxin.areas.models.areas import Area, AreaPathMixin
from lianxin.core.scope import Scope, ScopedManager


class RestructuringKind(models.TextChoices):
    MERGE = "merge", _("merged into a community")
    CONVERT = "convert", _("village converted into a community")


class Restructuring(AreaPathMixin):
    """``area`` is the receiving node (the new or enlarged community); ``sources`` the nodes merged into it
    (kept as retired names) or the villages converted under a street."""

    kind = models.CharField(_("kind"), max_length=16, choices=RestructuringKind.choices)
    sources = models.ManyToManyField(
        Area, verbose_name=_("restructured areas"), related_name="restructured_in"
    )
    effective_on = models.DateField(_("effective on"))
    note = models.TextField(_("note"), blank=True)
    approving_body = models.CharField(_("approving body"), max_length=100, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    approval_file = models.CharField(_("approval document"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("restructuring")
        verbose_name_plural = _("restructurings")
        ordering = ["-effective_on", "-id"]

    def __str__(self):
        return f"{self.area} · {self.effective_on:%Y-%m-%d}"

    @property
    def is_approved(self) -> bool:
        return bool(self.approving_body and self.approved_on and self.document_number)
