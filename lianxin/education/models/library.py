"""The course library's other two registers (P002-50): on-site teaching points (a
``areas.Place`` designated 现场教学点, with the courses taught there) and local teachers
(土专家, 田秀才 …), each a ``volunteering.Trainer`` with the teaching points he teaches at.
Courses are volunteering's ``Course`` (its trainer)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager

TEACHING_POINT_CODE = "teaching_point"


class TeachingPoint(models.Model):
    place = models.OneToOneField(
        "areas.Place", verbose_name=_("place"), on_delete=models.PROTECT, related_name="teaching_point"
    )
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    courses = models.ManyToManyField(
        "volunteering.Course", verbose_name=_("courses"), blank=True, related_name="+"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("on-site teaching point")
        verbose_name_plural = _("on-site teaching points")

    def __str__(self):
        return self.place.name

    def save(self, *args, **kwargs):
        self.area_path = self.place.area_path
        super().save(*args, **kwargs)


class TeacherKind(models.TextChoices):
    LOCAL_EXPERT = "local_expert", _("local expert (土专家)")
    FIELD_SCHOLAR = "field_scholar", _("field scholar (田秀才)")
    CADRE = "cadre", _("leading cadre")
    OTHER = "other", _("other")


class LocalTeacher(models.Model):
    trainer = models.OneToOneField(
        "volunteering.Trainer",
        verbose_name=_("trainer"),
        on_delete=models.CASCADE,
        related_name="local_teacher",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=TeacherKind.choices)
    speciality = models.CharField(_("speciality"), max_length=200, blank=True)
    teaching_points = models.ManyToManyField(
        TeachingPoint, verbose_name=_("teaching points"), blank=True, related_name="teachers"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("local teacher")
        verbose_name_plural = _("local teachers")

    def __str__(self):
        return self.trainer.name

    def save(self, *args, **kwargs):
        self.area_path = self.trainer.area_path
        super().save(*args, **kwargs)
