"""Matching a service order to providers (平台派单, P004-23, P001-61): the listed (在册) providers whose
listing offers the item and covers the place. Issue 21's rule for a new order: one match takes it at
intake; of several, the one with the fewest open orders, then the best stars; none leaves it to the
community's queue (the category tree's first level). A provider chosen by hand must be a match too."""

from django.utils.translation import gettext as _

from lianxin.areas.models import Area
from lianxin.core.errors_domain import DomainError
from lianxin.provision.models import ListingState, ProviderListing, ServiceItem
from lianxin.provision.selectors import provider_records


def _prefixes(path: str) -> list[str]:
    return [path[:n] for n in range(Area.steplen, len(path) + 1, Area.steplen)]


def provider_match(*, item: ServiceItem, area: Area) -> list[ProviderListing]:
    """The listings that may take an order of ``item`` at ``area``, best first: fewest open orders, then
    the highest mean stars (unrated last), then the longest listed."""
    listings = list(
        ProviderListing.objects.filter(
            state=ListingState.LISTED,
            service_items=item,
            coverage__area_path__in=_prefixes(area.path),
        )
        .select_related("organisation")
        .distinct()
    )
    records = provider_records(listing.organisation_id for listing in listings)

    def rank(listing):
        record = records[listing.organisation_id]
        stars = record.stars if record.stars is not None else -1
        return (record.open_cases, -stars, listing.pk)

    return sorted(listings, key=rank)


def service_item_of(category) -> ServiceItem | None:
    if category is None or category.kind != "service_order":
        return None
    return ServiceItem.objects.filter(category_id=category.pk).first()


def provider_check(*, item: ServiceItem, area: Area, organisation) -> None:
    """Refuse a provider that is not a match for this order (400, field ``target``)."""
    if not any(
        listing.organisation_id == organisation.pk for listing in provider_match(item=item, area=area)
    ):
        raise DomainError(
            _("This provider does not offer this service or does not cover this place."), field="target"
        )
