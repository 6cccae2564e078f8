"""Matching a service order to providers (平台派单, P004-23, P001-61): the listed (在册) providers whose
listing offers the item and covers the place. Issue 21's rule for a new order: one match takes it at
intake; of several, the one with the fewest open orders, then the best stars; none leaves it to the
community's queue (the category tree's first level). A provider chosen by hand must be a match too."""

from lianxin.areas.models import Area
from lianxin.core.paths import ancestor_paths
from lianxin.provision.models import ListingState, ProviderListing, ServiceItem
from lianxin.provision.selectors import ProviderRecord, provider_records


def listed_at(area: Area):
    """The listed providers covering ``area`` (a covered area is the place itself or one above it)."""
    return (
        ProviderListing.objects.filter(
            state=ListingState.LISTED, coverage__area_path__in=ancestor_paths(area.path)
        )
        .select_related("organisation")
        .distinct()
    )


def providers_ranked(listings) -> list[tuple[ProviderListing, ProviderRecord]]:
    """Listings best first, each with its record: fewest open orders, then the highest mean stars (unrated
    last), then the longest listed."""
    listings = list(listings)
    records = provider_records(listing.organisation_id for listing in listings)

    def rank(listing):
        record = records[listing.organisation_id]
        stars = record.stars if record.stars is not None else -1
        return (record.open_cases, -stars, listing.pk)

    return [(listing, records[listing.organisation_id]) for listing in sorted(listings, key=rank)]


def provider_match(*, item: ServiceItem, area: Area, alliances=()) -> list[ProviderListing]:
    """The listings that may take an order of ``item`` at ``area``, best first. Given the ``alliances`` of
    the enterprise ordering (ids of its industry-chain alliances), the teams serving those alliances come
    first (P000-62: an enterprise reaches its chain's service team)."""
    listings = list(listed_at(area).filter(service_items=item))
    # One match needs no ranking: its open orders and stars (an aggregate over its cases) are not read.
    ranked = listings if len(listings) < 2 else [listing for listing, _record in providers_ranked(listings)]
    if alliances:
        wanted = set(alliances)
        ranked.sort(key=lambda listing: listing.alliance_id not in wanted)
    return ranked


def alliances_of(user) -> set[int]:
    """The industry-chain alliances of the enterprises the user holds a current post on (an enterprise
    contact's; empty for everyone else)."""
    from lianxin.party.models import AllianceMember
    from lianxin.people.selectors import user_posts_now

    if not getattr(user, "person_id", None):
        return set()
    # The user's current posts are read once per request (the user context): a resident's order asks nothing.
    organisations = {post.organisation_id for post in user_posts_now(user=user) if post.organisation_id}
    if not organisations:
        return set()
    return set(
        AllianceMember.objects.filter(enterprise_id__in=organisations, alliance__isnull=False).values_list(
            "alliance_id", flat=True
        )
    )


def providers_by_item(area: Area) -> dict[int, list[tuple[ProviderListing, ProviderRecord]]]:
    """For each item offered at ``area``: its matching providers with their records, best first (the
    resident's 服务 page; the same order as ``provider_match``, in two queries for the whole catalogue)."""
    ranked = providers_ranked(listed_at(area).prefetch_related("service_items"))
    offered: dict[int, list] = {}
    for listing, record in ranked:
        for item in listing.service_items.all():
            offered.setdefault(item.pk, []).append((listing, record))
    return offered


def service_item_of(category) -> ServiceItem | None:
    """The catalogue item of a service-order category. Kept on the category object itself: the router, the
    payment and the roll-up of one report read the same instance, so the item is looked up once."""
    if category is None or category.kind != "service_order":
        return None
    cached = getattr(category, "_provision_item", None)
    if cached is not None and cached[0] == category.pk:
        return cached[1]
    item = ServiceItem.objects.filter(category_id=category.pk).first()
    category._provision_item = (category.pk, item)
    return item
