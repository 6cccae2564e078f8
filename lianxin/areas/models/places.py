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


class PlaceAmenity(models.TextChoices):
    """The fixed list of what a station offers a passer-by (P001-46, P004-31): searched by couriers, so a
    closed list rather than free text."""

    WATER = "water", _("drinking water")
    CHARGING = "charging", _("charging")
    PUMP = "pump", _("tyre pump")
    HOT_MEAL = "hot_meal", _("heating meals")
    REST = "rest", _("rest")
    TOILET = "toilet", _("toilet")
    FIRST_AID = "first_aid", _("first-aid kit")
    WIFI = "wifi", _("wifi")
    SHELTER = "shelter", _("cooling and warming")


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
    # The amenities as codes of PlaceAmenity, read from ``amenities`` by place_save when not given.
    amenity_items = models.JSONField(_("amenity items"), default=list, blank=True)
    # Counted in the 15-minute service circle (P000-25, P002-36): a centre or station people walk to.
    in_service_circle = models.BooleanField(_("in the 15-minute service circle"), default=False)
    subsidy = models.DecimalField(_("subsidy (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True)
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
    # Open places are also readable by everyone signed in, on the place pages and API only
    # (lianxin.areas.places.places_readable): figures over a scope still count the scope's places.
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self):
        return self.name


class PlaceHours(models.Model):
    """One opening period of a place on one weekday, parsed from ``Place.opening_hours`` by place_save.
    ``closes`` 00:00 means midnight (the end of the day); a period past midnight is split in two. Hours that
    could not be read leave no rows, so the place never counts as open."""

    place = models.ForeignKey(Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"))  # 0 Monday … 6 Sunday, as date.weekday()
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening period")
        verbose_name_plural = _("opening periods")
        ordering = ["place", "weekday", "opens"]
        indexes = [models.Index(fields=["weekday", "opens"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(weekday__lte=6), name="place_hours_weekday"),
        ]

    def __str__(self):
        return f"{self.weekday} {self.opens:%H:%M}-{self.closes:%H:%M}"


class PlaceActivityKind(models.TextChoices):
    SERVICE = "service", _("service")
    VOLUNTEERING = "volunteering", _("volunteering")
    MEETING = "meeting", _("meeting")
    TRAINING = "training", _("training")
    CULTURE = "culture", _("culture and sports")
    # Issue 22: an alliance's joint activity (共建活动; its five kinds are kept by the app that records
    # it, P003-44) and a party-education session (党员教育; its configurable kinds are the education
    # app's, P002-41, P002-52).
    CO_BUILDING = "co_building", _("joint co-building activity")
    EDUCATION = "education", _("party education")
    OTHER = "other", _("other")


class PlaceActivity(models.Model):
    """An activity held at a place under one of its functions (a class, a product launch, a live stream,
    P000-53). ``area_path`` copies the place's for scope."""

    # An activity is held at a place or, without one, in an area (a street, an estate's square).
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="place_activities",
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=PlaceActivityKind.choices, default=PlaceActivityKind.SERVICE
    )
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    organiser = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("organising party organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="place_activities",
    )
    residents_served = models.PositiveIntegerField(_("residents served"), default=0)
    problems_solved = models.PositiveIntegerField(_("problems solved"), default=0)
    function = models.ForeignKey(
        PlaceFunction,
        verbose_name=_("function"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
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
