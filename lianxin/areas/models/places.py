"""Places on the tree (service centres and stations, rest stations, education bases) and their activity
log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lianxin.areas.models.areas import AreaPathMixin
from lianxin.core.scope import Scope, ScopedManager


class PlaceDesignation(models.Model):
    """What a place is designated as; one place can carry several (P003-25)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=50, unique=True)
    is_rest_station = models.BooleanField(_("rest station"), default=False)

    class Meta:
        verbose_name = _("place designation")
        verbose_name_plural = _("place designations")
        ordering = ["id"]

    def __str__(self):
        return self.name


class PlaceFunction(models.Model):
    """What a place is used for (党性教育、业务培训、产品推介、电商直播 …, P000-53): configurable; its
    activities are logged by function."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=50, unique=True)

    class Meta:
        verbose_name = _("place function")
        verbose_name_plural = _("place functions")
        ordering = ["id"]

    def __str__(self):
        return self.name


class PlaceStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    BUILDING = "building", _("under construction")
    OPENING = "opening", _("about to open")
    OPEN = "open", _("open")


class Place(AreaPathMixin):
    """Service centres and stations (the 1+N+N matrix), rest stations, education bases."""

    name = models.CharField(_("name"), max_length=100)
    designations = models.ManyToManyField(
        PlaceDesignation, verbose_name=_("designations"), related_name="places"
    )
    functions = models.ManyToManyField(
        PlaceFunction, verbose_name=_("functions"), blank=True, related_name="places"
    )
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    staggered_hours = models.BooleanField(_("staggered hours (evenings and weekends)"), default=False)
    has_one_stop_hall = models.BooleanField(_("one-stop service hall"), default=False)
    services = models.TextField(_("services offered"), blank=True)
    amenities = models.TextField(_("amenities"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=PlaceStatus.choices, default=PlaceStatus.OPEN
    )
    floor_area = models.DecimalField(
        _("floor area (m²)"), max_digits=9, decimal_places=1, null=True, blank=True
    )
    batch = models.CharField(_("batch"), max_length=50, blank=True)
    planned_completion = models.DateField(_("planned completion"), null=True, blank=True)
    builder = models.CharField(_("builder"), max_length=100, blank=True)
    owner = models.CharField(_("owner"), max_length=100, blank=True)
    user_unit = models.CharField(_("user unit"), max_length=100, blank=True)
    street_front = models.BooleanField(_("on a street front"), default=False)
    # The unit that hosts a rest station (P003-23) and an education base's themes (P003-48).
    host = models.CharField(_("host unit"), max_length=100, blank=True)
    themes = models.CharField(
        _("themes"),
        max_length=200,
        blank=True,
        help_text=_("Separated by 、 e.g. 红色教育、政德教育、廉政教育"),
    )
    # A business-district centre is run with its sector committee (P001-45).
    party_org = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("linked party organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="places",
    )
    parent_place = models.ForeignKey(
        "self",
        verbose_name=_("belongs to service centre"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stations",
    )

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self):
        return self.name


class PlaceActivity(models.Model):
    """An activity held at a place under one of its functions (a class, a product launch, a live stream,
    P000-53). ``area_path`` copies the place's for scope."""

    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.PROTECT, related_name="activities"
    )
    function = models.ForeignKey(
        PlaceFunction, verbose_name=_("function"), on_delete=models.PROTECT, related_name="activities"
    )
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("held on"))
    participants = models.PositiveIntegerField(_("participants"), default=0)
    host = models.CharField(_("host or organiser"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    area_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("place activity")
        verbose_name_plural = _("place activities")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["place", "held_on"])]

    def __str__(self):
        return self.title
