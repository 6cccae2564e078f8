"""Service windows at stations and centres (窗口, P002-44, P004-22): a window at a place handles some
catalogue items; its staff are the people whose posts are on that place (``Post.place``), on duty by a
dated roster; a walk-in (到站办事) is a case the window's staff report for the resident at the window."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.areas.models import Place
from lianxin.cases.models import Case
from lianxin.core.scope import Scope, ScopedManager
from lianxin.people.models import Person
from lianxin.provision.models.catalogue import ServiceItem


class ServiceWindow(models.Model):
    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.PROTECT, related_name="windows"
    )
    name = models.CharField(_("name"), max_length=50)
    items = models.ManyToManyField(ServiceItem, verbose_name=_("service items"), related_name="windows")
    # The place's, for scope and for counting walk-ins under the estate the station serves.
    area_path = models.CharField(max_length=255, editable=False, db_index=True)
    is_active = models.BooleanField(_("open"), default=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("service window")
        verbose_name_plural = _("service windows")
        constraints = [models.UniqueConstraint(fields=["place", "name"], name="service_window_name_once")]

    def __str__(self):
        return f"{self.place.name} · {self.name}"


class WindowDuty(models.Model):
    """Who is on duty at a window on a day (the roster, 值班表)."""

    window = models.ForeignKey(ServiceWindow, on_delete=models.CASCADE, related_name="duties")
    date = models.DateField(_("date"))
    person = models.ForeignKey(Person, verbose_name=_("on duty"), on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("window duty")
        verbose_name_plural = _("window duties")
        constraints = [models.UniqueConstraint(fields=["window", "date", "person"], name="window_duty_once")]
        ordering = ["date", "window_id", "id"]

    def __str__(self):
        return f"{self.window} · {self.date}"


class WalkIn(models.Model):
    """A walk-in (到站办事): the case a window's staff reported for a resident who came to the window,
    counted under the window's place (``provision.walk_ins``)."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="+")
    window = models.ForeignKey(ServiceWindow, on_delete=models.PROTECT, related_name="walk_ins")
    area_path = models.CharField(max_length=255, editable=False, db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("walk-in")
        verbose_name_plural = _("walk-ins")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.window} · {self.case_id}"
