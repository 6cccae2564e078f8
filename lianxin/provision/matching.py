"""Matching a service order to providers (平台派单, P004-23, P001-61): the listed (在册) providers whose
listing offers the item and covers the place. Issue 21's rule for a new order: one match takes it at
intake; of several, the one with the fewest open orders, then the best stars; none leaves it to the
community's queue (the category tree's first level). A provider chosen by hand must be a match too."""

from functools import cache

from django.db import connection

from lianxin.areas.models import Area
from lianxin.core.paths import ancestor_paths
from lianxin.people.models import Organisation
from lianxin.provision.models import ListingArea, ListingState, ProviderListing, ServiceItem
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


# The organisation's columns the router's target reads (its name for the dispatch note, its kind, its
# place), all bound as the database gives them (text and integers: no converter). Any other field of the
# organisation is deferred: read from the database if something asks for it.
_ORGANISATION_COLUMNS = ("id", "kind", "name", "area_id", "area_path")


@cache
def _match_sql(paths: int) -> str:
    """Each matching listing's id, organisation (the columns above) and alliance, for a place with ``paths``
    ancestors. Written out once per depth: the ORM's query for the same listings (``listed_at(area).filter(
    service_items=item)``: three joins, DISTINCT, every column of both models) cost more to compile than
    SQLite takes to answer it, on every service order (docs/operations.md, "Speed"). Our own table and
    column names only; every value is a parameter."""
    q = connection.ops.quote_name
    listing, coverage = ProviderListing._meta, ListingArea._meta
    through = ProviderListing.service_items.through._meta
    pk = q(listing.pk.column)
    organisation, alliance, state = (
        q(listing.get_field(f).column) for f in ("organisation", "alliance", "state")
    )
    offer, offered = (q(through.get_field(f).column) for f in ("providerlisting", "serviceitem"))
    covers, covered = (q(coverage.get_field(f).column) for f in ("listing", "area_path"))
    columns = ", ".join(f"o.{q(Organisation._meta.get_field(f).column)}" for f in _ORGANISATION_COLUMNS)
    return (
        f"SELECT l.{pk}, l.{alliance}, {columns} FROM {q(listing.db_table)} l "  # noqa: S608  # nosec B608
        f"JOIN {q(Organisation._meta.db_table)} o ON o.{q(Organisation._meta.pk.column)} = l.{organisation} "
        f"WHERE l.{state} = %s "
        f"AND EXISTS (SELECT 1 FROM {q(through.db_table)} s WHERE s.{offer} = l.{pk} AND s.{offered} = %s) "
        f"AND EXISTS (SELECT 1 FROM {q(coverage.db_table)} c WHERE c.{covers} = l.{pk} "
        f"AND c.{covered} IN ({', '.join(['%s'] * paths)})) "
        f"ORDER BY l.{pk}"
    )


def matched_rows(*, item_id: int, area: Area) -> list[tuple]:
    """(listing id, alliance id, organisation id, kind, name, area id, area path) of each listed provider
    offering the item at ``area`` (covering the place itself or an area above it), by listing id:
    ``listed_at(area).filter(service_items=item)``'s listings, in one prepared statement."""
    paths = ancestor_paths(area.path)
    with connection.cursor() as cursor:
        cursor.execute(_match_sql(len(paths)), [ListingState.LISTED, item_id, *paths])
        return [tuple(row) for row in cursor.fetchall()]


def provider_match(*, item: ServiceItem, area: Area, alliances=()) -> list[ProviderListing]:
    """The listings that may take an order of ``item`` at ``area``, best first. Given the ``alliances`` of
    the enterprise ordering (ids of its industry-chain alliances), the teams serving those alliances come
    first (P000-62: an enterprise reaches its chain's service team)."""
    return _ranked(matched_rows(item_id=item.pk, area=area), alliances)


def _ranked(rows, alliances) -> list[ProviderListing]:
    if not rows:
        return []
    listings = list(
        ProviderListing.objects.filter(pk__in=[row[0] for row in rows])
        .select_related("organisation")
        .order_by("pk")
    )
    # One match needs no ranking: its open orders and stars (an aggregate over its cases) are not read.
    ranked = listings if len(listings) < 2 else [listing for listing, _record in providers_ranked(listings)]
    if alliances:
        wanted = set(alliances)
        ranked.sort(key=lambda listing: listing.alliance_id not in wanted)
    return ranked


def first_match(*, item: ServiceItem, area: Area, alliances=()) -> Organisation | None:
    """The organisation ``provider_match`` puts first (None without a match): what the intake router sends
    a new order to. A single match, the usual case, is answered from the match's own row and the
    organisation's, without the listing objects or the ranking ``provider_match`` builds for several."""
    rows = matched_rows(item_id=item.pk, area=area)
    if not rows:
        return None
    if len(rows) > 1:
        return _ranked(rows, alliances)[0].organisation
    return Organisation.from_db(connection.alias, list(_ORGANISATION_COLUMNS), rows[0][2:])


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
