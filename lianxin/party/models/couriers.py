"""Each courier's one fixed grid worker and the WeChat group they keep contact in (P003-27,
网格员固定联系快递小哥, each grid worker 2–3 couriers)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager


class CourierLink(models.Model):
    courier = models.OneToOneField(
        "people.Person", verbose_name=_("courier"), on_delete=models.PROTECT, related_name="courier_link"
    )
    grid_worker = models.ForeignKey(
        "people.Person", verbose_name=_("grid worker"), on_delete=models.PROTECT, related_name="courier_links"
    )
    # The grid (estate or village grid) of the grid worker's post: the link's place in the territory.
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("grid"), on_delete=models.PROTECT, related_name="courier_links"
    )
    group_name = models.CharField(_("WeChat group"), max_length=100)
    since = models.DateField(_("since"), default=timezone.localdate)

    objects = ScopedManager()
    scope = Scope(
        area_path="area__path",
        residents=True,
        own=lambda person_id: Q(courier_id=person_id) | Q(grid_worker_id=person_id),
    )

    class Meta:
        verbose_name = _("courier link")
        verbose_name_plural = _("courier links")

    def __str__(self):
        return f"{self.grid_worker} · {self.courier}"


class CourierRecord(models.Model):
    """A courier's work details in the register of new-employment workers (P003-13): the depot he works
    from and his usual delivery area; his employer is the person's employer, his tag 快递从业人员."""

    person = models.OneToOneField(
        "people.Person", verbose_name=_("courier"), on_delete=models.CASCADE, related_name="courier_record"
    )
    depot = models.CharField(_("depot"), max_length=100, blank=True)
    delivery_area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("usual delivery area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    registered_on = models.DateField(_("registered on"), default=timezone.localdate)

    objects = ScopedManager()
    scope = Scope(area_path="person__area_path", residents=True, own="person_id")

    class Meta:
        verbose_name = _("courier record")
        verbose_name_plural = _("courier records")

    def __str__(self):
        return str(self.person)
