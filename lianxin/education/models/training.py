"""The grassroots party school (P002-49, P002-51): five-year and annual training plans, classes under a plan,
enrolments with attendance, the trainees' evaluation of the teaching, and training funds by source."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager


class PlanKind(models.TextChoices):
    FIVE_YEAR = "five_year", _("five-year plan")
    ANNUAL = "annual", _("annual plan")


class Audience(models.TextChoices):
    COMMITTEES = "committees", _("village and community committee members")
    ROTATION = "rotation", _("rotation training of members")
    SECRETARIES = "secretaries", _("branch secretaries")
    APPLICANTS = "applicants", _("activists and prospective members")
    OTHER = "other", _("other")


class TrainingPlan(models.Model):
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=PlanKind.choices)
    title = models.CharField(_("title"), max_length=100)
    year_from = models.PositiveSmallIntegerField(_("from year"))
    year_to = models.PositiveSmallIntegerField(_("to year"))
    parent = models.ForeignKey(
        "self", verbose_name=_("under the five-year plan"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="annual_plans",
    )  # fmt: skip
    target_person_times = models.PositiveIntegerField(_("target person-times"), null=True, blank=True)
    content = models.TextField(_("content"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("training plan")
        verbose_name_plural = _("training plans")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.area_path = self.area.path
        super().save(*args, **kwargs)


class TrainingClass(models.Model):
    plan = models.ForeignKey(
        TrainingPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="classes"
    )
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    title = models.CharField(_("title"), max_length=100)
    audience = models.CharField(
        _("trainees"), max_length=12, choices=Audience.choices, default=Audience.ROTATION
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    days = models.PositiveSmallIntegerField(_("days"), default=1)
    courses = models.ManyToManyField(
        "volunteering.Course", verbose_name=_("courses"), blank=True, related_name="+"
    )
    teaching_point = models.ForeignKey(
        "education.TeachingPoint", verbose_name=_("teaching point"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="classes",
    )  # fmt: skip
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("training class")
        verbose_name_plural = _("training classes")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.area_path = self.area.path
        super().save(*args, **kwargs)


class Enrolment(models.Model):
    training_class = models.ForeignKey(
        TrainingClass, verbose_name=_("class"), on_delete=models.CASCADE, related_name="enrolments"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("trainee"), on_delete=models.PROTECT, related_name="+"
    )
    enrolled_on = models.DateField(_("enrolled on"), default=timezone.localdate)
    days_attended = models.PositiveSmallIntegerField(_("days attended"), default=0)
    completed = models.BooleanField(_("completed"), default=False)
    area_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", own="person_id", residents=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [models.UniqueConstraint(fields=["training_class", "person"], name="enrolment_once")]

    def __str__(self):
        return f"{self.training_class} · {self.person}"

    def save(self, *args, **kwargs):
        self.area_path = self.training_class.area_path
        super().save(*args, **kwargs)


class TeachingEvaluation(models.Model):
    """A trainee's evaluation of a class's teaching (教学评估): a score 1–5 for a course or trainer."""

    training_class = models.ForeignKey(
        TrainingClass, verbose_name=_("class"), on_delete=models.CASCADE, related_name="evaluations"
    )
    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="evaluations"
    )
    course = models.ForeignKey(
        "volunteering.Course", verbose_name=_("course"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    score = models.PositiveSmallIntegerField(_("score (1–5)"))
    comment = models.CharField(_("comment"), max_length=300, blank=True)
    area_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("teaching evaluation")
        verbose_name_plural = _("teaching evaluations")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "course"], name="evaluation_once_per_course"),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="evaluation_score_1_5"
            ),
        ]

    def __str__(self):
        return f"{self.training_class} · {self.score}"

    def save(self, *args, **kwargs):
        self.area_path = self.training_class.area_path
        super().save(*args, **kwargs)


class FundSource(models.TextChoices):
    BUDGET = "budget", _("fiscal budget")
    PARTY_DUES = "party_dues", _("party dues subsidy")
    OTHER = "other", _("other")


class TrainingFund(models.Model):
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("source"), max_length=12, choices=FundSource.choices)
    yuan = models.DecimalField(_("amount (yuan)"), max_digits=12, decimal_places=2)
    plan = models.ForeignKey(
        TrainingPlan,
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funds",
    )
    training_class = models.ForeignKey(
        TrainingClass,
        verbose_name=_("class"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funds",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("training fund")
        verbose_name_plural = _("training funds")

    def __str__(self):
        return f"{self.year} · {self.get_source_display()} · {self.yuan}"

    def save(self, *args, **kwargs):
        self.area_path = self.area.path
        super().save(*args, **kwargs)
