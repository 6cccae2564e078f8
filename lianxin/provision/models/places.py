"""What a service place runs by and what it houses: the work rules and documents in force there
(工作制度、管理办法, P002-42), kept with their periods so a replaced rule keeps its history; and the formats
of an embedded service complex (嵌入式服务综合体: 党群服务、养老、医疗、托幼、食堂、超市、银行, P000-44),
each run by a provider."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lianxin.areas.models import Place
from lianxin.core.scope import Scope, ScopedManager
from lianxin.people.models import Organisation


class RuleKind(models.TextChoices):
    RULE = "rule", _("work rule")
    MEASURES = "measures", _("management measures")
    DOCUMENT = "document", _("other document")


# The twelve work rules a service centre keeps on its wall (工作制度12项, P002-42): offered on the form.
WORK_RULE_TITLES = (
    "窗口值班制度", "议事协商制度", "首问负责制度", "情况报告制度", "一次性告知制度", "档案管理制度",
    "限时办结制度", "服务承诺制度", "代办帮办制度", "考勤管理制度", "学习培训制度", "考核评议制度",
)  # fmt: skip


class PlaceRule(models.Model):
    """A rule or document in force at a place from a day, until a day (open-ended while in force). A new
    version replaces the one in force: the old row keeps its period and points to its successor."""

    place = models.ForeignKey(Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(_("kind"), max_length=12, choices=RuleKind.choices, default=RuleKind.RULE)
    title = models.CharField(_("title"), max_length=100)
    body = models.TextField(_("text"), blank=True)
    in_force_from = models.DateField(_("in force from"))
    in_force_to = models.DateField(_("in force until"), null=True, blank=True)
    replaced_by = models.OneToOneField(
        "self",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    area_path = models.CharField(max_length=255, editable=False, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("place rule")
        verbose_name_plural = _("place rules")
        ordering = ["place_id", "kind", "title", "-in_force_from", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(in_force_to__isnull=True) | Q(in_force_to__gte=models.F("in_force_from")),
                name="place_rule_period",
            ),
        ]

    def __str__(self):
        return f"{self.place.name} · {self.title}"


class FormatKind(models.TextChoices):
    """The formats an embedded service complex combines (党群服务+养老医疗+托幼+食堂+超市+银行)."""

    PARTY_SERVICES = "party_services", _("party-mass services")
    ELDERLY_CARE = "elderly_care", _("elderly care")
    MEDICAL = "medical", _("medical care")
    CHILDCARE = "childcare", _("childcare")
    CANTEEN = "canteen", _("canteen")
    SUPERMARKET = "supermarket", _("supermarket")
    BANK = "bank", _("bank")


class PlaceFormat(models.Model):
    """One format at a complex, run by a provider (an ``Organisation``; none when the place runs it
    itself, as the party-mass services usually are)."""

    place = models.ForeignKey(
        Place, verbose_name=_("complex"), on_delete=models.CASCADE, related_name="formats"
    )
    format = models.CharField(_("format"), max_length=20, choices=FormatKind.choices)
    provider = models.ForeignKey(
        Organisation,
        verbose_name=_("run by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="place_formats",
    )
    since = models.DateField(_("since"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    area_path = models.CharField(max_length=255, editable=False, db_index=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("place format")
        verbose_name_plural = _("place formats")
        ordering = ["place_id", "format"]
        constraints = [models.UniqueConstraint(fields=["place", "format"], name="place_format_once")]

    def __str__(self):
        return f"{self.place.name} · {self.get_format_display()}"
