"""Providers on the platform (服务商, P004-23, P001-62): a provider is a ``people.Organisation`` of kind
provider; its listing says in what form it serves, which catalogue items it offers, which areas it covers,
the centre it works from and the alliance it serves. Only a listed (在册) provider receives orders."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from lianxin.areas.models import Area, Place
from lianxin.core.paths import ancestor_paths
from lianxin.core.scope import VIEW, Grants, Scope, ScopedManager, outermost, under
from lianxin.people.models import Organisation
from lianxin.provision.models.catalogue import ServiceItem


class ProviderForm(models.TextChoices):
    """How a provider serves (辖区单位、专业公司、服务型人才, P001-62; teams such as a chain's tax team,
    P000-62)."""

    UNIT = "unit", _("local unit")
    COMPANY = "company", _("company")
    INDIVIDUAL = "individual", _("individual")
    TEAM = "team", _("team")


class ListingState(models.TextChoices):
    APPLIED = "applied", _("applied")
    LISTED = "listed", _("listed")
    SUSPENDED = "suspended", _("suspended")


def _covering_grants(grants: Grants) -> Q | None:
    """Staff see (read only) the listings of providers that serve their areas, wherever those are based: a
    community sees the county's meal service that covers it, and the county sees one covering a community."""
    paths = outermost(grants.area_paths[VIEW])
    if not paths:
        return None
    inside = Q()
    above: set[str] = set()
    for path in paths:
        inside |= under("area_path", path)
        above.update(ancestor_paths(path))
    covered = ListingArea.objects.filter(listing=OuterRef("pk")).filter(inside | Q(area_path__in=above))
    return Q(Exists(covered))


class ProviderListing(models.Model):
    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="listing",
        limit_choices_to={"kind": "provider"},
    )
    form = models.CharField(_("form"), max_length=12, choices=ProviderForm.choices)
    service_items = models.ManyToManyField(
        ServiceItem, verbose_name=_("service items"), related_name="listings"
    )
    # The level that vets the listing: the provider's own area.
    area = models.ForeignKey(Area, verbose_name=_("based in"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, editable=False, db_index=True)
    centre = models.ForeignKey(
        Place,
        verbose_name=_("centre it works from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="provider_listings",
    )
    alliance = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("alliance served"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="provider_listings",
        limit_choices_to={"kind": "chain_alliance"},
    )
    state = models.CharField(
        _("state"), max_length=12, choices=ListingState.choices, default=ListingState.APPLIED, db_index=True
    )
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", organisation="organisation", also=_covering_grants)

    class Meta:
        verbose_name = _("provider listing")
        verbose_name_plural = _("provider listings")

    def __str__(self):
        return self.organisation.name


class ListingArea(models.Model):
    """An area a listing covers; the path is kept so that matching a place is one indexed lookup of its
    prefixes."""

    listing = models.ForeignKey(ProviderListing, on_delete=models.CASCADE, related_name="coverage")
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        verbose_name = _("area covered")
        verbose_name_plural = _("areas covered")
        constraints = [models.UniqueConstraint(fields=["listing", "area"], name="listing_area_once")]

    def __str__(self):
        return f"{self.listing} · {self.area}"


class ListingAction(models.TextChoices):
    APPLY = "apply", _("applied")
    CHANGE = "change", _("changed")
    APPROVE = "approve", _("approved")
    SUSPEND = "suspend", _("suspended")
    RESUME = "resume", _("resumed")


class ListingEvent(models.Model):
    """One step of a listing's history, written by the service that takes it, in the same transaction."""

    listing = models.ForeignKey(ProviderListing, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("step"), max_length=12, choices=ListingAction.choices)
    from_state = models.CharField(_("state before"), max_length=12, choices=ListingState.choices, blank=True)
    to_state = models.CharField(_("state after"), max_length=12, choices=ListingState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("listing event")
        verbose_name_plural = _("listing events")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.listing} · {self.get_action_display()}"
