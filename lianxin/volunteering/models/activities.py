"""Activities with sign-up, sign-in and hours (P000-49, P001-39, P003-12, P003-29, P003-49, P004-47) and the
training registers (P000-63 培训师智库、精品课程库).

``areas.PlaceActivity`` stays the one activity: place or area, kind, times, capacity, organiser, residents
served, problems solved and participants (kept equal to the people signed in). This app adds, beside it:

- ``ActivityDetail`` (one per activity): the teams taking part, the cases it closed, the co-building
  agreement, the course and trainer of a training session, the project source, the QR sign-in token,
  whether sign-in is open, and the hours the organiser confirmed;
- ``SignUp``: one person's sign-up (his group: courier, party member, volunteer, resident), his sign-in
  (by QR or on the organiser's roll) and the hours recorded for him;
- ``Trainer`` and ``Course``: the registers a training session draws on; ``ProjectSource``: where a
  volunteer project came from.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager


def signin_token_new() -> str:
    return secrets.token_urlsafe(16)


class SignUpGroup(models.TextChoices):
    COURIER = "courier", _("courier")
    MEMBER = "member", _("party member")
    VOLUNTEER = "volunteer", _("volunteer")
    RESIDENT = "resident", _("resident")


class SignInVia(models.TextChoices):
    QR = "qr", _("QR code")
    ROLL = "roll", _("roll")


class SourceKind(models.TextChoices):
    NEED = "need", _("residents' needs")
    LIST = "list", _("organisation's list")
    UNIT = "unit", _("unit's resources")
    OTHER = "other", _("other")


class Trainer(models.Model):
    """培训师智库: a trainer who gives courses (a person of the territory, or named only)."""

    name = models.CharField(_("name"), max_length=50)
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    title = models.CharField(_("title or unit"), max_length=100, blank=True)
    expertise = models.CharField(_("expertise"), max_length=200, blank=True)
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("trainer")
        verbose_name_plural = _("trainers")
        constraints = [models.UniqueConstraint(fields=["area", "name"], name="trainer_name_per_area")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.area_path = self.area.path
        super().save(*args, **kwargs)


class Course(models.Model):
    """精品课程库: a course a training session teaches."""

    title = models.CharField(_("title"), max_length=200)
    topic = models.CharField(_("topic"), max_length=100, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    trainer = models.ForeignKey(
        Trainer, verbose_name=_("trainer"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="courses",
    )  # fmt: skip
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1, null=True, blank=True)
    is_featured = models.BooleanField(_("quality course"), default=False)
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        constraints = [models.UniqueConstraint(fields=["area", "title"], name="course_title_per_area")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.area_path = self.area.path
        super().save(*args, **kwargs)


class ProjectSource(models.Model):
    """Where a volunteer project or activity came from (residents' needs, an organisation's list …)."""

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=SourceKind.choices, default=SourceKind.NEED)
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    note = models.TextField(_("note"), blank=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("project source")
        verbose_name_plural = _("project sources")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.area_path = self.area.path
        super().save(*args, **kwargs)


class ActivityDetail(models.Model):
    activity = models.OneToOneField(
        "areas.PlaceActivity", verbose_name=_("activity"), on_delete=models.CASCADE, related_name="detail"
    )
    teams = models.ManyToManyField(
        "volunteering.VolunteerTeam",
        verbose_name=_("teams taking part"),
        blank=True,
        related_name="activities",
    )
    cases = models.ManyToManyField("cases.Case", verbose_name=_("cases closed"), blank=True, related_name="+")
    agreement = models.ForeignKey(
        "volunteering.CoBuildingAgreement", verbose_name=_("co-building agreement"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    course = models.ForeignKey(
        Course, verbose_name=_("course"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="sessions",
    )  # fmt: skip
    trainer = models.ForeignKey(
        Trainer, verbose_name=_("trainer"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="sessions",
    )  # fmt: skip
    source = models.ForeignKey(
        ProjectSource, verbose_name=_("project source"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="activities",
    )  # fmt: skip
    signin_token = models.CharField(max_length=40, unique=True, default=signin_token_new, editable=False)
    signin_open = models.BooleanField(_("sign-in open"), default=True)
    signin_closed_at = models.DateTimeField(_("sign-in closed at"), null=True, blank=True)
    hours = models.DecimalField(_("hours confirmed"), max_digits=4, decimal_places=1, null=True, blank=True)
    hours_version = models.PositiveIntegerField(default=0, editable=False)
    hours_confirmed_at = models.DateTimeField(_("hours confirmed at"), null=True, blank=True)
    hours_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("hours confirmed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    area_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("activity detail")
        verbose_name_plural = _("activity details")

    def __str__(self):
        return str(self.activity)

    def save(self, *args, **kwargs):
        self.area_path = self.activity.area_path
        super().save(*args, **kwargs)


class SignUp(models.Model):
    """One person signed up to one activity; signed in once, by QR or on the organiser's roll."""

    activity = models.ForeignKey(
        "areas.PlaceActivity", verbose_name=_("activity"), on_delete=models.CASCADE, related_name="signups"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    group = models.CharField(_("group"), max_length=10, choices=SignUpGroup.choices)
    signed_up_at = models.DateTimeField(_("signed up at"), default=timezone.now)
    signed_in_at = models.DateTimeField(_("signed in at"), null=True, blank=True)
    signed_in_via = models.CharField(_("signed in by"), max_length=4, choices=SignInVia.choices, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1, null=True, blank=True)
    area_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    # Sign-ups name persons: the area's posts see them, a person his own.
    scope = Scope(area_path="area_path", own="person_id", residents=True)

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        constraints = [models.UniqueConstraint(fields=["activity", "person"], name="signup_once")]
        indexes = [models.Index(fields=["person", "signed_up_at"])]

    def __str__(self):
        return f"{self.activity} · {self.get_group_display()}"

    def save(self, *args, **kwargs):
        self.area_path = self.activity.area_path
        super().save(*args, **kwargs)
