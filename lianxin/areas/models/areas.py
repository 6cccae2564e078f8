"""The territorial tree and what hangs on it: households and places.

One materialised-path tree from the city down to the unit of a building. Every record that belongs to a
place stores its area and that area's path (``AreaPathMixin``), so "everything under this street" is one
indexed prefix condition for scoping and roll-ups alike; ``services.area_move`` keeps those copies right.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from lianxin.core.scope import Scope, ScopedQuerySet, under


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
