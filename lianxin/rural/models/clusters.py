"""The clusters part's models (docs/rural/clusters.md): a demonstration cluster's profile and central village
(P000-04, P002-01), the villages' grades and their history (P002-02, P002-26), mentoring pairs and their
help activities (P002-26), each village's development factors (P002-16), the cluster's industry plan
(P000-09), the resources a task-force head's department brings (P000-07), the joint branch's links to the
village branches it spans (P000-05, P002-04) and the cluster tasks a joint committee issues (P000-08).

The cluster itself is an ``Area(level=cluster)``; the joint committee, its five task forces and the joint
branch are ``party.PartyOrg`` rows; the posts on them are ``people.Post`` rows. Every row carries the area
path it is scoped by (the cluster's or the village's)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lianxin.areas.models import Area
from lianxin.core.scope import Scope, ScopedManager

__all__ = [
    "ClusterProfile",
    "ClusterPlan",
    "ClusterTask",
    "ClusterTaskParty",
    "DepartmentResource",
    "DepartmentResourceKind",
    "GRADE_RANK",
    "HelpKind",
    "JointBranchLink",
    "MentoringActivity",
    "MentoringPair",
    "VillageGrade",
    "VillageGradeLevel",
    "VillageResource",
]


class VillageGradeLevel(models.TextChoices):
    MODEL = "model", _("model village")
    STRENGTHENING = "strengthening", _("strengthening village")
    WEAK = "weak", _("weak village")


# An upgrade (晋位升级) is a new grade ranking above the one before it.
GRADE_RANK = {VillageGradeLevel.WEAK: 0, VillageGradeLevel.STRENGTHENING: 1, VillageGradeLevel.MODEL: 2}


class ClusterProfile(models.Model):
    """One per cluster: its central (lead) village and when it was formed."""

    cluster = models.OneToOneField(
        Area, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="cluster_profile"
    )
    central_village = models.ForeignKey(
        Area,
        verbose_name=_("central village"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    formed_on = models.DateField(_("formed on"), default=timezone.localdate)
    note = models.TextField(_("note"), blank=True)
    area_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("cluster profile")
        verbose_name_plural = _("cluster profiles")

    def __str__(self):
        return self.cluster.name


class VillageGrade(models.Model):
    """A village's grade from a date until the next one: the history of its 晋位升级."""

    village = models.ForeignKey(
        Area, verbose_name=_("village"), on_delete=models.PROTECT, related_name="village_grades"
    )
    grade = models.CharField(
        pgettext_lazy("village grade", "grade"), max_length=16, choices=VillageGradeLevel.choices
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    area_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("village grade")
        verbose_name_plural = _("village grades")
        ordering = ["village_id", "start_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["village"], condition=Q(end_date__isnull=True), name="rural_one_current_grade"
            )
        ]

    def __str__(self):
        return f"{self.village.name} · {self.get_grade_display()}"


class MentoringPair(models.Model):
    """A model village helping a strengthening or weak village of its cluster (帮带)."""

    cluster = models.ForeignKey(Area, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="+")
    mentor = models.ForeignKey(
        Area, verbose_name=_("mentor village"), on_delete=models.PROTECT, related_name="+"
    )
    mentee = models.ForeignKey(
        Area, verbose_name=_("mentee village"), on_delete=models.PROTECT, related_name="+"
    )
    start_date = models.DateField(_("from"), default=timezone.localdate)
    end_date = models.DateField(_("until"), null=True, blank=True)
    area_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("mentoring pair")
        verbose_name_plural = _("mentoring pairs")
        constraints = [
            models.UniqueConstraint(
                fields=["mentor", "mentee"], condition=Q(end_date__isnull=True), name="rural_one_current_pair"
            )
        ]

    def __str__(self):
        return f"{self.mentor.name} → {self.mentee.name}"


class HelpKind(models.TextChoices):
    PLAQUE_EXCHANGE = "plaque_exchange", _("plaque exchange")
    LEARNING_ON_JOB = "learning_on_job", _("learning on the job")
    OTHER = "other", _("other help")


class MentoringActivity(models.Model):
    pair = models.ForeignKey(
        MentoringPair, verbose_name=_("mentoring pair"), on_delete=models.PROTECT, related_name="activities"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=HelpKind.choices)
    held_on = models.DateField(_("held on"))
    title = models.CharField(_("title"), max_length=200)
    participants = models.PositiveIntegerField(_("participants"), default=0)
    note = models.TextField(_("note"), blank=True)
    area_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("help activity")
        verbose_name_plural = _("help activities")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return self.title


class VillageResource(models.Model):
    """A village's development factors (land, funds, technology, labour), summed per cluster (P002-16)."""

    village = models.OneToOneField(
        Area, verbose_name=_("village"), on_delete=models.PROTECT, related_name="rural_resource"
    )
    land_mu = models.DecimalField(_("land (mu)"), max_digits=12, decimal_places=2, default=0)
    funds = models.DecimalField(
        pgettext_lazy("village factors", "funds (yuan)"), max_digits=14, decimal_places=2, default=0
    )
    labour = models.PositiveIntegerField(_("labour (persons)"), default=0)
    technology = models.CharField(_("technology"), max_length=300, blank=True)
    updated_on = models.DateField(_("updated on"), default=timezone.localdate)
    area_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("village resources")
        verbose_name_plural = _("village resources")

    def __str__(self):
        return self.village.name


class ClusterPlan(models.Model):
    """A cluster's unified industry-development plan (统一编制产业发展规划, P000-09)."""

    cluster = models.ForeignKey(
        Area, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="cluster_plans"
    )
    title = models.CharField(_("title"), max_length=200)
    period_start = models.PositiveSmallIntegerField(_("first year"))
    period_end = models.PositiveSmallIntegerField(_("last year"))
    document = models.CharField(_("document"), max_length=200, blank=True)
    content = models.TextField(_("text of the plan"), blank=True)
    projects = models.TextField(_("projects"), blank=True)
    shared_resources = models.TextField(_("shared resources"), blank=True)
    joint_brands = models.CharField(_("joint brands"), max_length=300, blank=True)
    area_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("cluster plan")
        verbose_name_plural = _("cluster plans")
        ordering = ["-period_start", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "period_start"], name="rural_one_plan_per_start"),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="rural_plan_period_order"
            ),
        ]

    def __str__(self):
        return self.title


class DepartmentResourceKind(models.TextChoices):
    FUNDS = "funds", pgettext_lazy("department resource", "funds")
    PROJECT = "project", _("project")


class DepartmentResource(models.Model):
    """What a task-force head's county department brings down to the cluster (资源力量下沉, P000-07)."""

    task_force = models.ForeignKey(
        "party.PartyOrg", verbose_name=_("task force"), on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        "people.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=DepartmentResourceKind.choices)
    title = models.CharField(_("title"), max_length=200)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=14, decimal_places=2, default=0)
    brought_on = models.DateField(_("brought on"), default=timezone.localdate)
    note = models.TextField(_("note"), blank=True)
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    party_org_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", party_org_path="party_org_path")

    class Meta:
        verbose_name = _("department resource")
        verbose_name_plural = _("department resources")
        ordering = ["-brought_on", "-id"]

    def __str__(self):
        return self.title


class JointBranchLink(models.Model):
    """A village branch spanned by a joint branch (跨村联建): its members keep their home branch."""

    joint_branch = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("joint branch"),
        on_delete=models.PROTECT,
        related_name="member_links",
    )
    branch = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("village branch"),
        on_delete=models.PROTECT,
        related_name="joint_links",
    )
    since = models.DateField(_("since"), default=timezone.localdate)
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    party_org_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", party_org_path="party_org_path")

    class Meta:
        verbose_name = _("joint branch link")
        verbose_name_plural = _("joint branch links")
        constraints = [
            models.UniqueConstraint(fields=["joint_branch", "branch"], name="rural_one_link_per_branch")
        ]

    def __str__(self):
        return f"{self.joint_branch} · {self.branch}"


class ClusterTask(models.Model):
    """A cluster task (片区任务): the joint committee assigns it to a lead task force (its case) with
    village branches co-operating (one case each, ``ClusterTaskParty``). The engine keeps every state."""

    cluster = models.ForeignKey(Area, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="+")
    committee = models.ForeignKey(
        "party.PartyOrg", verbose_name=_("joint committee"), on_delete=models.PROTECT, related_name="+"
    )
    task_force = models.ForeignKey(
        "party.PartyOrg", verbose_name=_("lead task force"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=100)
    case = models.OneToOneField(
        "cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="cluster_task"
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    party_org_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", party_org_path="party_org_path")

    class Meta:
        verbose_name = _("cluster task")
        verbose_name_plural = _("cluster tasks")
        ordering = ["-issued_at", "-id"]

    def __str__(self):
        return self.title


class ClusterTaskParty(models.Model):
    """A village branch co-operating in a cluster task, with its own case to take and report on."""

    task = models.ForeignKey(
        ClusterTask, verbose_name=_("cluster task"), on_delete=models.PROTECT, related_name="parties"
    )
    party_org = models.ForeignKey(
        "party.PartyOrg", verbose_name=_("co-operating branch"), on_delete=models.PROTECT, related_name="+"
    )
    case = models.OneToOneField(
        "cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="cluster_task_party"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    party_org_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", party_org_path="party_org_path")

    class Meta:
        verbose_name = _("co-operating party")
        verbose_name_plural = _("co-operating parties")
        constraints = [models.UniqueConstraint(fields=["task", "party_org"], name="rural_one_party_per_task")]

    def __str__(self):
        return f"{self.task} · {self.party_org}"
