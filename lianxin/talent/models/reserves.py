"""The reserves part's models (issue 23, docs/talent/reserves.md):

- ``Reserve``: the 雏雁 pool of a community or street (a village or township too): a person with birth year,
  education and current role, reported by age band (``LIANXIN_RESERVE_AGE_BANDS``); appointing him marks him
  used (P004-39).
- ``Candidate`` + ``Gate``: a community or village party secretary candidate and his three gates (政治关,
  能力关, 群众关), each with a result, a reviewer and a date; appointed only when all three are passed
  (P004-35).
- ``Selection``: a talent of the pool (``talent.TalentProfile``) moved into a village party organisation, as
  a committee member or a reserve cadre, with a date; a running county count (P002-15).
- ``Programme`` + ``ProgrammeMember`` + ``ProgrammeSession``: talent and training programmes
  (百千万, 周末党校, 百优人才) with a capacity and members; their sessions are the education app's
  ``TrainingClass`` under the programme's ``TrainingPlan``, attendance its ``Enrolment`` (P003-52).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager

__all__ = [
    "Candidate",
    "CandidateStatus",
    "Education",
    "Gate",
    "GateKind",
    "GateResult",
    "Programme",
    "ProgrammeKind",
    "ProgrammeMember",
    "ProgrammeSession",
    "Reserve",
    "ReserveStatus",
    "Selection",
    "SelectionAs",
]


class Education(models.TextChoices):
    JUNIOR = "junior", _("junior secondary or below")
    SENIOR = "senior", _("senior secondary or vocational")
    COLLEGE = "college", _("junior college")
    BACHELOR = "bachelor", _("bachelor's degree")
    POSTGRADUATE = "postgraduate", _("postgraduate")


class ReserveStatus(models.TextChoices):
    IN_POOL = "in_pool", _("in the pool")
    USED = "used", _("appointed (used)")
    WITHDRAWN = "withdrawn", _("withdrawn from the pool")


class Reserve(models.Model):
    """One reserve (雏雁) in the pool of an area: a community or street, a village or township."""

    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    birth_year = models.PositiveSmallIntegerField(_("birth year"))
    education = models.CharField(_("education"), max_length=12, choices=Education.choices)
    current_role = models.CharField(_("current role"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReserveStatus.choices, default=ReserveStatus.IN_POOL
    )
    added_on = models.DateField(_("added on"), default=timezone.localdate)
    used_on = models.DateField(_("appointed on"), null=True, blank=True)
    used_post = models.ForeignKey(
        "people.Post", verbose_name=_("post"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("reserve")
        verbose_name_plural = _("reserves")
        ordering = ["area_path", "birth_year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "person"],
                condition=models.Q(status="in_pool"),
                name="talent_reserve_once_in_pool",
            )
        ]

    def __str__(self):
        return f"{self.person.name} · {self.area.name}"

    def save(self, *args, **kwargs):
        self.area_path = self.area.path
        super().save(*args, **kwargs)


class CandidateStatus(models.TextChoices):
    VETTING = "vetting", _("being vetted")
    APPOINTED = "appointed", _("appointed")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Candidate(models.Model):
    """A candidate for party secretary of a community or village (社区/村党组织书记人选)."""

    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    reserve = models.ForeignKey(
        Reserve, verbose_name=_("reserve"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="candidacies",
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=10, choices=CandidateStatus.choices, default=CandidateStatus.VETTING
    )
    proposed_on = models.DateField(_("proposed on"), default=timezone.localdate)
    appointed_on = models.DateField(_("appointed on"), null=True, blank=True)
    post = models.ForeignKey(
        "people.Post", verbose_name=_("post"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("secretary candidate")
        verbose_name_plural = _("secretary candidates")
        ordering = ["-proposed_on", "-id"]

    def __str__(self):
        return f"{self.person.name} · {self.area.name}"

    def save(self, *args, **kwargs):
        self.area_path = self.area.path
        super().save(*args, **kwargs)


class GateKind(models.TextChoices):
    POLITICAL = "political", _("political gate")
    ABILITY = "ability", _("ability gate")
    PUBLIC = "public", _("public standing gate")


# The order the gates are checked and shown in.
GATE_ORDER = [GateKind.POLITICAL, GateKind.ABILITY, GateKind.PUBLIC]


class GateResult(models.TextChoices):
    PENDING = "pending", _("pending")
    PASSED = "passed", _("passed")
    FAILED = "failed", _("not passed")


class Gate(models.Model):
    """One of a candidate's three gates: its result, who reviewed it and when."""

    candidate = models.ForeignKey(
        Candidate, verbose_name=_("candidate"), on_delete=models.CASCADE, related_name="gates"
    )
    kind = models.CharField(_("gate"), max_length=10, choices=GateKind.choices)
    result = models.CharField(
        _("result"), max_length=8, choices=GateResult.choices, default=GateResult.PENDING
    )
    reviewer = models.CharField(_("reviewer"), max_length=50, blank=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    area_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("vetting gate")
        verbose_name_plural = _("vetting gates")
        constraints = [models.UniqueConstraint(fields=["candidate", "kind"], name="talent_gate_once")]

    def __str__(self):
        return f"{self.candidate} · {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        self.area_path = self.candidate.area_path
        super().save(*args, **kwargs)


class SelectionAs(models.TextChoices):
    MEMBER = "member", _("committee member")
    RESERVE_CADRE = "reserve_cadre", _("reserve cadre")


class Selection(models.Model):
    """A talent of the pool selected into a village party organisation (甄选优秀人才充实村党组织队伍)."""

    talent = models.ForeignKey(
        "talent.TalentProfile", verbose_name=_("talent"), on_delete=models.PROTECT, related_name="selections"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    party_org = models.ForeignKey(
        "party.PartyOrg", verbose_name=_("party organisation"), on_delete=models.PROTECT, related_name="+"
    )
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("village"), on_delete=models.PROTECT, related_name="+"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    selected_as = models.CharField(_("selected as"), max_length=14, choices=SelectionAs.choices)
    selected_on = models.DateField(_("selected on"))
    post = models.ForeignKey(
        "people.Post", verbose_name=_("post"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    reserve = models.ForeignKey(
        Reserve, verbose_name=_("reserve"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("talent selection")
        verbose_name_plural = _("talent selections")
        ordering = ["-selected_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["talent", "party_org"], name="talent_selection_once_per_org")
        ]

    def __str__(self):
        return f"{self.person.name} · {self.party_org.name}"

    def save(self, *args, **kwargs):
        self.area_path = self.area.path
        super().save(*args, **kwargs)


class ProgrammeKind(models.TextChoices):
    MEMBER_TRAINING = "member_training", _("hundred-thousand-ten-thousand member training")
    WEEKEND_SCHOOL = "weekend_school", _("weekend party school")
    HUNDRED_TALENTS = "hundred_talents", _("hundred outstanding talents plan")
    OTHER = "other", _("other")


class Programme(models.Model):
    """A talent or training programme: a pool with a capacity and members; its sessions are training
    classes under its training plan (the education app)."""

    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=ProgrammeKind.choices)
    name = models.CharField(_("name"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"))
    capacity = models.PositiveIntegerField(_("capacity"))
    plan = models.ForeignKey(
        "education.TrainingPlan", verbose_name=_("training plan"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("talent programme")
        verbose_name_plural = _("talent programmes")
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["area", "name", "year"], name="talent_programme_name_once")
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.area_path = self.area.path
        super().save(*args, **kwargs)


class ProgrammeMember(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)
    area_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("programme member")
        verbose_name_plural = _("programme members")
        constraints = [
            models.UniqueConstraint(fields=["programme", "person"], name="talent_programme_member_once")
        ]

    def __str__(self):
        return f"{self.programme} · {self.person}"

    def save(self, *args, **kwargs):
        self.area_path = self.programme.area_path
        super().save(*args, **kwargs)


class ProgrammeSession(models.Model):
    """A programme's training session: an education ``TrainingClass``, with the hours of each day."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="sessions"
    )
    training_class = models.OneToOneField(
        "education.TrainingClass", verbose_name=_("training class"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    hours_per_day = models.DecimalField(_("hours per day"), max_digits=4, decimal_places=1)
    area_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("programme session")
        verbose_name_plural = _("programme sessions")

    def __str__(self):
        return f"{self.programme} · {self.training_class}"

    def save(self, *args, **kwargs):
        self.area_path = self.programme.area_path
        super().save(*args, **kwargs)
