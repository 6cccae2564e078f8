"""Categories of cases (a configurable tree), the matters devolved to streets, and the working calendar."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from lianxin.cases.models.enums import DutyRole, HandlingLevel, Kind, Verifier

# Common provincial 12345 rules, in working hours (a working day is settings.LIANXIN_WORKING_DAY_HOURS).
DEFAULT_RESPONSE_HOURS = 1
DEFAULT_HANDLING_DAYS = 5
DEFAULT_EXTENSION_DAYS = 10
DEFAULT_RETURN_DAYS = 2
DEFAULT_AUTO_RATE_DAYS = 7


class DevolvedMatter(models.Model):
    """A power handed down to streets (赋权事项, P001-19, P004-02): handled by the street of the place, with
    its own fixed flow, never sent on to a county department."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    flow = models.TextField(_("handling flow"), blank=True)
    handler_department_code = models.SlugField(
        _("street office that handles it (code)"),
        max_length=40,
        blank=True,
        help_text=_("The code of the street's office that handles the matter, e.g. jianshe."),
    )

    class Meta:
        verbose_name = _("devolved matter")
        verbose_name_plural = _("devolved matters")
        ordering = ["id"]

    def __str__(self):
        return self.name


class Category(MP_Node):
    """What a case is about, with its time limits, first handling level and default department."""

    steplen = 3

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=50)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PROBLEM)
    first_level = models.PositiveSmallIntegerField(
        _("level that handles it first"), choices=HandlingLevel.choices, default=HandlingLevel.ESTATE
    )
    # Where routing looks first at the estate level (P003-10) and the building level (P004-14).
    to_property_company = models.BooleanField(_("goes to the estate's property company"), default=False)
    to_captain = models.BooleanField(_("goes first to the building captain"), default=False)
    duty_role = models.CharField(_("grid duty role"), max_length=20, choices=DutyRole.choices, blank=True)
    department_code = models.SlugField(
        _("default department (code)"),
        max_length=40,
        blank=True,
        help_text=_("The code of the department that takes it at the county level, e.g. zhujian."),
    )
    devolved_matter = models.ForeignKey(
        DevolvedMatter,
        verbose_name=_("devolved matter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="categories",
    )
    sector = models.CharField(
        _("sector whose committee follows these cases"),
        max_length=20,
        blank=True,
        help_text=_("e.g. express: the express-sector committee sees every such case (P003-21)."),
    )
    response_hours = models.DecimalField(
        _("response limit (working hours)"), max_digits=6, decimal_places=2, default=DEFAULT_RESPONSE_HOURS
    )
    handling_days = models.DecimalField(
        _("handling limit (working days)"), max_digits=6, decimal_places=2, default=DEFAULT_HANDLING_DAYS
    )
    extension_days = models.DecimalField(
        _("longest extension (working days)"),
        max_digits=6,
        decimal_places=2,
        default=DEFAULT_EXTENSION_DAYS,
    )
    return_days = models.DecimalField(
        _("return allowed within (working days)"),
        max_digits=6,
        decimal_places=2,
        default=DEFAULT_RETURN_DAYS,
    )
    auto_rate_days = models.PositiveSmallIntegerField(
        _("auto-rated after (days)"), default=DEFAULT_AUTO_RATE_DAYS
    )
    verifier = models.CharField(
        _("who verifies"), max_length=16, choices=Verifier.choices, default=Verifier.COMMUNITY
    )
    escalate_when_overdue = models.BooleanField(_("escalate automatically when overdue"), default=False)
    # A service project (服务项目认领 and 志愿项目认领 in reports 000 and 004): its cases, of whatever kind,
    # take claims up to this many claimants unless the staff filing one say otherwise; empty: as the kind.
    claim_capacity = models.PositiveSmallIntegerField(
        _("open to claims, places"),
        null=True,
        blank=True,
        help_text=_("For a service project: how many people or organisations may claim each case."),
    )
    # Extra fields a reporter fills in (Open311 service attributes): a list of
    # {"code", "datatype": string|number|datetime|text|singlevaluelist|multivaluelist, "required",
    #  "description", "order", "values": [{"key", "name"}]}.
    extra_fields = models.JSONField(_("extra fields"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True)
    keywords = models.CharField(_("keywords"), max_length=200, blank=True)
    is_public = models.BooleanField(_("offered to residents and external systems"), default=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name


class CalendarDay(models.Model):
    """An exception to the Monday–Friday working week: a public holiday, or a weekend made a working day
    (调休)."""

    date = models.DateField(_("date"), unique=True)
    is_working_day = models.BooleanField(_("working day"), default=False)
    name = models.CharField(_("name"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("working calendar")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.name}"
