"""Party-education sessions (P002-41, P002-52): each is an
``areas.PlaceActivity`` of kind EDUCATION with a configurable
``SessionKind`` (党性体检, 红色电影, 宣讲, 主题党日, 党员现场教学, 发展党员知识测试, 党代表活动周,
暖新服务月, 红色沙龙 …); participants are volunteering's ``SignUp`` rows, and a
result per participant (a test score, passed) is a ``SessionResult``."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager


class SessionKind(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=50, unique=True)
    scored = models.BooleanField(_("records scores"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("education session kind")
        verbose_name_plural = _("education session kinds")
        ordering = ["order", "id"]

    def __str__(self):
        return self.name


class EducationSession(models.Model):
    activity = models.OneToOneField(
        "areas.PlaceActivity", verbose_name=_("activity"), on_delete=models.CASCADE, related_name="education"
    )
    kind = models.ForeignKey(
        SessionKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="sessions"
    )
    course = models.ForeignKey(
        "volunteering.Course", verbose_name=_("course"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    trainer = models.ForeignKey(
        "volunteering.Trainer", verbose_name=_("trainer"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    teaching_point = models.ForeignKey(
        "education.TeachingPoint", verbose_name=_("teaching point"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="sessions",
    )  # fmt: skip
    batch = models.CharField(_("batch"), max_length=50, blank=True)
    results = models.TextField(_("results"), blank=True)
    held_on = models.DateField(_("held on"), db_index=True)
    area_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("education session")
        verbose_name_plural = _("education sessions")

    def __str__(self):
        return str(self.activity)

    def save(self, *args, **kwargs):
        self.area_path = self.activity.area_path
        self.held_on = self.activity.held_on
        super().save(*args, **kwargs)


class SessionResult(models.Model):
    """One participant's result: a score (e.g. 发展党员知识测试), whether he passed, a note."""

    session = models.ForeignKey(
        EducationSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="scores"
    )
    signup = models.OneToOneField(
        "volunteering.SignUp",
        verbose_name=_("sign-up"),
        on_delete=models.CASCADE,
        related_name="education_result",
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    area_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", own="person_id", residents=True)

    class Meta:
        verbose_name = _("session result")
        verbose_name_plural = _("session results")

    def __str__(self):
        return f"{self.session} · {self.person}"

    def save(self, *args, **kwargs):
        self.area_path = self.session.area_path
        super().save(*args, **kwargs)
