"""The tasks part's models: key-task lists (重点任务清单) and their key tasks, the working groups under a
leading group, and progress rounds (定期调度) with each responsible unit's report.

A key task's status, deadline and overdue flag are its case's (``Case(kind=task)``, issued through
``supervision.services.tasks.task_issue``); these rows keep only what the case does not: the list, the
heading, the lead unit, the owner and the working group.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager

__all__ = [
    "KeyTask",
    "ListScheme",
    "ProgressReport",
    "ProgressRound",
    "TaskList",
    "WorkingGroup",
]


class ListScheme(models.TextChoices):
    """How a list's headings are named: free, or one of the set schemes of the source reports."""

    FREE = "free", _("free headings")
    FOUR_BREAKTHROUGHS = "four_breakthroughs", _("four breakthrough actions")  # P000-64
    SOE_FIVE_PROJECTS = "soe_five_projects", _("five projects of state-owned enterprises")  # P000-66
    TEN_ACTIONS = "ten_actions", _("ten actions")  # P003-47


# The headings each set scheme offers (Chinese data, as category names are).
SCHEME_HEADINGS = {
    ListScheme.FOUR_BREAKTHROUGHS: ["机关", "国有企业", "学校", "公立医院"],
    ListScheme.SOE_FIVE_PROJECTS: ["强基工程", "品牌工程", "头雁工程", "对标工程", "激励工程"],
    ListScheme.TEN_ACTIONS: [f"行动{n}" for n in "一二三四五六七八九十"],
}


def _list_departments(ids) -> Q:
    return Q(group_id__in=ids) | Q(
        pk__in=KeyTask.objects.filter(Q(lead_department_id__in=ids) | Q(working_group_id__in=ids)).values(
            "task_list_id"
        )
    )


def _list_own(person_id) -> Q:
    return Q(
        pk__in=KeyTask.objects.filter(Q(owner_id=person_id) | Q(case__reporter_id=person_id)).values(
            "task_list_id"
        )
    )


class TaskList(models.Model):
    """A key-task list drawn from a plan document (《实施方案》), issued at a level."""

    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    plan = models.CharField(_("plan document"), max_length=200, blank=True)
    scheme = models.CharField(
        _("headings"), max_length=24, choices=ListScheme.choices, default=ListScheme.FREE
    )
    year = models.PositiveSmallIntegerField(_("year"))
    # The leading group the list belongs to (its progress by working group), if any.
    group = models.ForeignKey(
        "people.Department",
        verbose_name=_("leading group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Progress rounds (定期调度): a recurrence rule (RFC 5545) and the next day a round opens.
    progress_rrule = models.CharField(_("progress rounds (RRULE)"), max_length=200, blank=True)
    progress_next_on = models.DateField(_("next progress round"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ScopedManager()
    scope = Scope(area_path="area_path", department=_list_departments, own=_list_own)

    class Meta:
        verbose_name = _("key-task list")
        verbose_name_plural = _("key-task lists")
        ordering = ["-year", "-created_at"]

    def __str__(self):
        return self.title


class WorkingGroup(models.Model):
    """A special working group (专项工作组, P004-48) under a leading group: both are ``Department`` rows
    (kinds working_group and leading_group) whose seats are posts."""

    department = models.OneToOneField(
        "people.Department", verbose_name=_("working group"), on_delete=models.CASCADE, related_name="+"
    )
    leading_group = models.ForeignKey(
        "people.Department",
        verbose_name=_("leading group"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    remit = models.CharField(_("remit"), max_length=200, blank=True)
    area_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(
        area_path="area_path",
        department=lambda ids: Q(department_id__in=ids) | Q(leading_group_id__in=ids),
    )

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self):
        return str(self.department)


def _working_groups_of(ids):
    return WorkingGroup.objects.filter(leading_group_id__in=ids).values("department_id")


def _task_departments(ids) -> Q:
    # The lead department's, the working group's, and a leading group's: its lists' and its working groups'.
    return (
        Q(lead_department_id__in=ids)
        | Q(working_group_id__in=ids)
        | Q(task_list__group_id__in=ids)
        | Q(working_group_id__in=_working_groups_of(ids))
    )


class KeyTask(models.Model):
    """One key task of a list: its case (status, deadline, overdue), heading, lead unit and owner."""

    task_list = models.ForeignKey(
        TaskList, verbose_name=_("key-task list"), on_delete=models.CASCADE, related_name="tasks"
    )
    case = models.OneToOneField(
        "cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="+"
    )
    heading = models.CharField(_("heading"), max_length=50, blank=True)
    position = models.PositiveIntegerField(_("number"), default=0)
    # The lead unit (牵头单位): a department, an organisation (state-owned enterprise) or an area (street).
    lead_department = models.ForeignKey(
        "people.Department",
        verbose_name=_("lead department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lead_organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("lead organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lead_area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("lead area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    owner = models.ForeignKey(
        "people.Person",
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    working_group = models.ForeignKey(
        "people.Department",
        verbose_name=_("working group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    # 跟踪问效: the review of a finished task's effect; an ineffective one is reopened.
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_effective = models.BooleanField(_("effective"), null=True, blank=True)
    review_note = models.CharField(_("review"), max_length=500, blank=True)

    objects = ScopedManager()
    scope = Scope(
        area_path="area_path",
        department=_task_departments,
        organisation="lead_organisation",
        own=lambda person_id: Q(owner_id=person_id) | Q(case__reporter_id=person_id),
    )

    class Meta:
        verbose_name = _("key task")
        verbose_name_plural = _("key tasks")
        ordering = ["task_list", "position", "pk"]

    def __str__(self):
        return self.case.title if self.case_id else ""

    @property
    def unit_key(self) -> str:
        if self.lead_department_id:
            return f"department:{self.lead_department_id}"
        if self.lead_organisation_id:
            return f"organisation:{self.lead_organisation_id}"
        return f"area:{self.lead_area_id}"

    @property
    def unit_name(self) -> str:
        unit = self.lead_department or self.lead_organisation or self.lead_area
        return unit.name if unit else ""


class ProgressRound(models.Model):
    """A progress round (调度) of a list: each open key task's lead unit reports its progress."""

    task_list = models.ForeignKey(
        TaskList, verbose_name=_("key-task list"), on_delete=models.CASCADE, related_name="rounds"
    )
    number = models.PositiveIntegerField(_("round"))
    opens_on = models.DateField(_("opens on"))
    due_on = models.DateField(_("reports due"))
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(
        area_path="area_path",
        department=lambda ids: Q(task_list__in=TaskList.objects.filter(_list_departments(ids)).values("pk")),
    )

    class Meta:
        verbose_name = _("progress round")
        verbose_name_plural = _("progress rounds")
        ordering = ["-opens_on", "-number"]
        constraints = [models.UniqueConstraint(fields=["task_list", "number"], name="progress_round_number")]

    def __str__(self):
        return f"{self.task_list} · {self.number}"


class ProgressReport(models.Model):
    """One key task's report in a round; written empty when the round opens, so the units that have not
    reported are the rows without ``reported_at``."""

    round = models.ForeignKey(
        ProgressRound, verbose_name=_("progress round"), on_delete=models.CASCADE, related_name="reports"
    )
    key_task = models.ForeignKey(
        KeyTask, verbose_name=_("key task"), on_delete=models.CASCADE, related_name="reports"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    progress = models.TextField(_("progress"), blank=True)
    percent = models.PositiveSmallIntegerField(_("per cent done"), null=True, blank=True)
    evidence = models.CharField(_("evidence"), max_length=500, blank=True)
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ScopedManager()
    scope = Scope(
        area_path="area_path",
        department=lambda ids: (
            Q(key_task__lead_department_id__in=ids) | Q(key_task__working_group_id__in=ids)
        ),
        organisation="key_task__lead_organisation",
    )

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [models.UniqueConstraint(fields=["round", "key_task"], name="progress_report_once")]

    def __str__(self):
        return f"{self.round} · {self.key_task_id}"
