"""The territorial tree and what hangs on it: households and places.

One materialised-path tree from the city down to the unit of a building. Every record that belongs to a
place stores its area and that area's path (``AreaPathMixin``), so "everything under this street" is one
indexed prefix condition for scoping and roll-ups alike; ``services.area_move`` keeps those copies right.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from lianxin.core.fields import EncryptedCharField
from lianxin.core.scope import Scope, ScopedManager, ScopedQuerySet, under


class Level(models.TextChoices):
    CITY = "city", _("city")
    COUNTY = "county", _("county")
    STREET = "street", _("street")
    TOWNSHIP = "township", _("township")
    CLUSTER = "cluster", _("cluster")
    COMMUNITY = "community", _("community")
    VILLAGE = "village", _("village")
    ESTATE = "estate", _("estate (grid)")
    GRID = "grid", _("grid")
    BUILDING = "building", _("building")
    UNIT = "unit", _("unit")


# Which levels may sit directly under which. A cluster groups villages inside a township; a village may be
# divided into grids; an urban estate is itself the grid (网格与小区合一).
ALLOWED_CHILDREN = {
    None: {Level.CITY, Level.COUNTY},
    Level.CITY: {Level.COUNTY},
    Level.COUNTY: {Level.STREET, Level.TOWNSHIP},
    Level.STREET: {Level.COMMUNITY},
    Level.TOWNSHIP: {Level.CLUSTER, Level.VILLAGE},
    Level.CLUSTER: {Level.VILLAGE},
    Level.COMMUNITY: {Level.ESTATE},
    Level.VILLAGE: {Level.GRID, Level.BUILDING},
    Level.ESTATE: {Level.BUILDING},
    Level.GRID: {Level.BUILDING},
    Level.BUILDING: {Level.UNIT},
    Level.UNIT: set(),
}

# Levels whose households are recorded directly on them.
HOUSEHOLD_LEVELS = {Level.UNIT, Level.BUILDING, Level.VILLAGE, Level.GRID}
# Levels that carry a 12-digit statistical code of their own; the rest extend their parent's code.
STATISTICAL_LEVELS = {Level.CITY, Level.COUNTY, Level.STREET, Level.TOWNSHIP, Level.COMMUNITY, Level.VILLAGE}


class EstateType(models.TextChoices):
    COMMERCIAL = "commercial", _("commercial housing estate")
    OLD = "old", _("old estate")
    RESETTLEMENT = "resettlement", _("resettlement area")


class PropertyMode(models.TextChoices):
    MARKET = "market", _("market property management")
    PURCHASED = "purchased", _("government-purchased service")
    STREET_SOE = "street_soe", _("street-owned property company")
    COUNTY_SOE = "county_soe", _("county state-owned fallback company")
    NONE = "none", _("no property service")


class AreaQuerySet(MP_NodeQuerySet, ScopedQuerySet):
    def live(self):
        return self.filter(retired_on__isnull=True)


class AreaManager(MP_NodeManager.from_queryset(AreaQuerySet)):
    def get_queryset(self):
        # treebeard's manager hard-codes its own queryset class; ours adds restrict() and live().
        return AreaQuerySet(self.model, using=self._db).order_by("path")


class Area(MP_Node):
    steplen = 4

    level = models.CharField(_("level"), max_length=16, choices=Level.choices, db_index=True)
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    boundary_note = models.TextField(_("boundary note"), blank=True)
    official_population = models.PositiveIntegerField(_("official population"), null=True, blank=True)
    # Communities: planning figures and the one party-building brand (社区一品牌).
    planned_households = models.PositiveIntegerField(_("planned households"), null=True, blank=True)
    facilities = models.TextField(_("facilities"), blank=True)
    brand = models.CharField(_("party-building brand"), max_length=100, blank=True)
    # Estates (= grids).
    estate_type = models.CharField(_("estate type"), max_length=16, choices=EstateType.choices, blank=True)
    property_mode = models.CharField(
        _("property mode"), max_length=16, choices=PropertyMode.choices, blank=True
    )
    is_mature = models.BooleanField(_("mature estate"), default=False)
    # Restructuring keeps the old node as a retired name (P001-12) pointing at its successor.
    retired_on = models.DateField(_("retired on"), null=True, blank=True)
    successor = models.ForeignKey(
        "self", verbose_name=_("successor"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = AreaManager()
    scope = Scope(area_path="path")

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        indexes = [models.Index(fields=["level", "path"])]

    def __str__(self):
        return self.name

    @property
    def is_retired(self) -> bool:
        return self.retired_on is not None

    def subtree_q(self, field: str = "area_path") -> Q:
        return under(field, self.path)


class AreaPathMixin(models.Model):
    """A record placed on the tree. ``area_path`` copies ``area.path`` for one-condition subtree queries."""

    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # A denormalised copy, not a rule: it must never disagree with the FK it copies.
        if self.area_id and (not self.area_path or self.area.path != self.area_path):
            self.area_path = self.area.path
        super().save(*args, **kwargs)


class HouseholdTag(models.Model):
    """A group grid work watches (独居老人, 空巢, 低保, 残疾, 留守儿童, 退役军人 …): configurable."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=50, unique=True)

    class Meta:
        verbose_name = _("household tag")
        verbose_name_plural = _("household tags")
        ordering = ["id"]

    def __str__(self):
        return self.name


def _own_household(person_id: int) -> Q:
    from lianxin.people.models import Person

    return Q(pk__in=Person.objects.filter(pk=person_id, household__isnull=False).values("household_id"))


class Household(AreaPathMixin):
    address = models.CharField(_("address"), max_length=200)
    size = models.PositiveSmallIntegerField(_("household size"), default=1)
    tags = models.ManyToManyField(HouseholdTag, verbose_name=_("tags"), blank=True, related_name="households")
    # Household circumstances: personal data, sealed like the numbers.
    note = EncryptedCharField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", own=_own_household, residents=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self):
        return self.address


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


# Feature modules: their models belong to this app (imported here so Django registers them).
from lianxin.areas.models_facts import AreaFact  # noqa: E402, F401
from lianxin.areas.models_restructuring import Restructuring, RestructuringKind  # noqa: E402, F401
