"""The letters part's models (issue 22, supervision): letters to units (交办单 / 提醒函, P001-10, P004-58),
interviews (约谈, P004-58), unannounced inspections and their findings (四不两直, P004-55, P000-65) and
contact-duty projects with their problems and visits (包联项目, P001-09, P001-11, P003-37).

Every letter, finding and project problem that must be done is a ``Case(kind=task)`` issued through
``supervision.services.tasks.task_issue``; these rows keep their own link to it. Acknowledgement (签收) is
the engine's ``take``, the reply (反馈) its ``handle``, overdue its ``overdue`` step.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager


class LetterKind(models.TextChoices):
    ASSIGNMENT = "assignment", _("assignment sheet")
    REMINDER = "reminder", _("reminder letter")


# The running number's prefix, per kind: 交办〔2026〕3号, 提醒〔2026〕1号 (Chinese data, as category names).
LETTER_PREFIX = {LetterKind.ASSIGNMENT: "交办", LetterKind.REMINDER: "提醒"}


def _street_projects(grants):
    """The projects carried out by a street above one of the user's areas (read only)."""
    from lianxin.core.paths import ancestor_paths

    paths = {a for p in grants.area_paths["view"] for a in ancestor_paths(p, include_self=False)}
    return models.Q(area_path__in=paths) if paths else None


def _finding_inspections(**lookup):
    return Finding.objects.filter(**lookup).values("inspection_id")


def _unit_scope():
    return {"area_path": "area_path", "department": "department", "organisation": "organisation"}


class Letter(models.Model):
    """A 交办单 or 提醒函 to one unit (a department or an organisation), numbered per kind and year."""

    kind = models.CharField(_("kind"), max_length=12, choices=LetterKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    department = models.ForeignKey(
        "people.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=100)
    content = models.TextField(_("content"))
    working_days = models.DecimalField(_("working days"), max_digits=5, decimal_places=1)
    reply_required = models.BooleanField(_("written reply required"), default=True)
    case = models.OneToOneField(
        "cases.Case",
        verbose_name=_("task"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A reminder sent about an assignment sheet (the automatic one when the sheet is overdue).
    about = models.ForeignKey(
        "self",
        verbose_name=_("about the assignment sheet"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reminders",
    )
    automatic = models.BooleanField(_("issued automatically"), default=False)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reply = models.TextField(_("reply"), blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"))

    objects = ScopedManager()
    scope = Scope(**_unit_scope())

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "year", "number"], name="letter_number_once"),
            # One automatic reminder per assignment sheet (the OVERDUE listener's).
            models.UniqueConstraint(
                fields=["about"], condition=models.Q(automatic=True), name="letter_one_automatic_reminder"
            ),
            models.CheckConstraint(
                condition=models.Q(department__isnull=False) | models.Q(organisation__isnull=False),
                name="letter_names_a_unit",
            ),
        ]

    def __str__(self):
        return f"{self.number_label} {self.title}"

    @property
    def number_label(self) -> str:
        return f"{LETTER_PREFIX.get(self.kind, '')}〔{self.year}〕{self.number}号"

    @property
    def unit(self):
        return self.department or self.organisation


class Interview(models.Model):
    """约谈: a unit lagging behind is interviewed; the unit acknowledges the record (P004-58)."""

    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    department = models.ForeignKey(
        "people.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    held_on = models.DateField(_("held on"))
    participants = models.CharField(_("participants"), max_length=300)
    subject = models.CharField(_("subject"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(**_unit_scope())

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(department__isnull=False) | models.Q(organisation__isnull=False),
                name="interview_names_a_unit",
            ),
        ]

    def __str__(self):
        return self.subject

    @property
    def unit(self):
        return self.department or self.organisation


class Inspection(models.Model):
    """An inspection visit by a supervision group (专项督导组), unannounced or not (四不两直, P004-55)."""

    group = models.ForeignKey(
        "people.Department",
        verbose_name=_("supervision group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    group_name = models.CharField(_("supervision group"), max_length=100)
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200)
    unannounced = models.BooleanField(_("unannounced (四不两直)"), default=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ScopedManager()
    # The units that own one of its findings see it too (read only through their letters' units).
    scope = Scope(
        area_path="area_path",
        department=lambda ids: models.Q(pk__in=_finding_inspections(letter__department__in=ids)),
        organisation=lambda ids: models.Q(pk__in=_finding_inspections(letter__organisation__in=ids)),
    )

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.held_on} {self.place}"


class Finding(models.Model):
    """A problem found on an inspection, sent to its owner as a 交办单; closed only with a photo."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE, related_name="findings"
    )
    description = models.CharField(_("finding"), max_length=300)
    formalism = models.BooleanField(_("formalism"), default=False)
    letter = models.OneToOneField(
        Letter, verbose_name=_("assignment sheet"), on_delete=models.PROTECT, related_name="finding"
    )
    evidence = models.CharField(_("photo of the rectification"), max_length=200, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ScopedManager()
    scope = Scope(
        area_path="inspection__area_path",
        department="letter__department",
        organisation="letter__organisation",
    )

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["inspection", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_at__isnull=True) | ~models.Q(evidence=""),
                name="finding_closed_with_evidence",
            ),
        ]

    def __str__(self):
        return self.description


class ContactProjectKind(models.TextChoices):
    PROJECT = "project", _("project")
    ENTERPRISE = "enterprise", _("enterprise")


class ContactProject(models.Model):
    """包联项目 (P001-09): a project or an enterprise with its 包保领导, 联系人 and 责任人; the organisation
    department coordinates, a lead unit drives it, a street carries it out. Each of them sees it."""

    kind = models.CharField(_("kind"), max_length=12, choices=ContactProjectKind.choices)
    name = models.CharField(_("name"), max_length=100)
    enterprise = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    alliance = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("alliance"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    leader = models.ForeignKey(
        "people.Person", verbose_name=_("responsible leader"), on_delete=models.PROTECT, related_name="+"
    )
    contact = models.ForeignKey(
        "people.Person", verbose_name=_("contact person"), on_delete=models.PROTECT, related_name="+"
    )
    responsible = models.ForeignKey(
        "people.Person", verbose_name=_("accountable person"), on_delete=models.PROTECT, related_name="+"
    )
    coordinating_department = models.ForeignKey(
        "people.Department",
        verbose_name=_("coordinating unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lead_department = models.ForeignKey(
        "people.Department", verbose_name=_("lead unit"), on_delete=models.PROTECT, related_name="+"
    )
    street = models.ForeignKey(
        "areas.Area", verbose_name=_("implementing street"), on_delete=models.PROTECT, related_name="+"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ScopedManager()
    # The street (by area), the lead and coordinating units (by department) and the three people named
    # (their own rows) each reach it.
    scope = Scope(
        area_path="area_path",
        department=lambda ids: models.Q(lead_department__in=ids) | models.Q(coordinating_department__in=ids),
        own=lambda pid: models.Q(leader=pid) | models.Q(contact=pid) | models.Q(responsible=pid),
        # Read only: the communities under the implementing street see its projects, to log problems.
        also=lambda grants: _street_projects(grants),
    )

    class Meta:
        verbose_name = _("contact project")
        verbose_name_plural = _("contact projects")
        ordering = ["-id"]

    def __str__(self):
        return self.name


class ProjectProblem(models.Model):
    """A problem blocking a project, logged by a community; the task goes to the level above, which takes
    it up (签收) and solves it (反馈); the community accepts it (P001-11)."""

    project = models.ForeignKey(
        ContactProject, verbose_name=_("project"), on_delete=models.CASCADE, related_name="problems"
    )
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("community"), on_delete=models.PROTECT, related_name="+"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    title = models.CharField(_("problem"), max_length=100)
    case = models.OneToOneField(
        "cases.Case", verbose_name=_("task"), on_delete=models.PROTECT, related_name="+"
    )
    solved_at = models.DateTimeField(_("solved at"), null=True, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("logged by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logged_at = models.DateTimeField(_("logged at"))

    objects = ScopedManager()
    scope = Scope(
        area_path="area_path",
        department=lambda ids: (
            models.Q(project__lead_department__in=ids)
            | models.Q(project__coordinating_department__in=ids)
            | models.Q(case__handler_department__in=ids)
        ),
        own=lambda pid: (
            models.Q(project__leader=pid)
            | models.Q(project__contact=pid)
            | models.Q(project__responsible=pid)
        ),
    )

    class Meta:
        verbose_name = _("project problem")
        verbose_name_plural = _("project problems")
        ordering = ["-logged_at", "-id"]

    def __str__(self):
        return self.title


class NeedCategory(models.TextChoices):
    FINANCING = "financing", _("financing")
    LAND = "land", _("land")
    LABOUR = "labour", _("labour")
    APPROVAL = "approval", _("approvals")
    MARKET = "market", _("market")
    TECHNOLOGY = "technology", _("technology")
    OTHER = "other", _("other")


class ContactVisit(models.Model):
    """A cadre's visit to the enterprise he is assigned to (把脉问诊, P003-37)."""

    project = models.ForeignKey(
        ContactProject, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="visits"
    )
    visitor = models.ForeignKey(
        "people.Person", verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="+"
    )
    visited_on = models.DateField(_("visited on"))
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ScopedManager()
    scope = Scope(
        area_path="project__area_path",
        department=lambda ids: (
            models.Q(project__lead_department__in=ids) | models.Q(project__coordinating_department__in=ids)
        ),
        own=lambda pid: (
            models.Q(visitor=pid) | models.Q(project__leader=pid) | models.Q(project__contact=pid)
        ),
    )

    class Meta:
        verbose_name = _("contact visit")
        verbose_name_plural = _("contact visits")
        ordering = ["-visited_on", "-id"]

    def __str__(self):
        return f"{self.project} {self.visited_on}"


class ContactNeed(models.Model):
    """A need found on a visit, by category; it is put on the alliance's demand list."""

    visit = models.ForeignKey(
        ContactVisit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="needs"
    )
    category = models.CharField(_("category"), max_length=12, choices=NeedCategory.choices)
    description = models.CharField(_("need"), max_length=200)
    demand = models.OneToOneField(
        "party.AllianceDemand", verbose_name=_("alliance demand"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("enterprise need")
        verbose_name_plural = _("enterprise needs")
        ordering = ["visit", "id"]

    def __str__(self):
        return self.description


__all__ = [
    "LETTER_PREFIX",
    "ContactNeed",
    "ContactProject",
    "ContactProjectKind",
    "ContactVisit",
    "Finding",
    "Inspection",
    "Interview",
    "Letter",
    "LetterKind",
    "NeedCategory",
    "ProjectProblem",
]
