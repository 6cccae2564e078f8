"""Writes to provider listings: apply, change, and the vetting steps (approve, suspend, resume). Each is one
transaction that writes the listing's history event and, through audit_register, its audit records."""

from django.db import transaction
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Place
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.people.models import Organisation, OrganisationKind
from lianxin.provision import permissions
from lianxin.provision.models import (
    ListingAction,
    ListingArea,
    ListingEvent,
    ListingState,
    ProviderForm,
    ProviderListing,
    ServiceItem,
)

MAX_AREAS = 200

# Vetting steps: the states each leaves from, and where it leads.
STEPS = {
    ListingAction.APPROVE: ({ListingState.APPLIED}, ListingState.LISTED),
    ListingAction.SUSPEND: ({ListingState.LISTED}, ListingState.SUSPENDED),
    ListingAction.RESUME: ({ListingState.SUSPENDED}, ListingState.LISTED),
}


def _may_change(actor, listing: ProviderListing) -> bool:
    """The provider's own staff (its organisation grant) and the staff of the level it is based at."""
    return ProviderListing.objects.restrict(actor, CHANGE).filter(
        pk=listing.pk
    ).exists() or permissions.may_vet(actor, listing)


def _clean_items(items) -> list[ServiceItem]:
    items = list(items or [])
    if not items:
        raise DomainError(_("Choose at least one service item."), field="items")
    inactive = [i for i in items if not i.category.is_active]
    if inactive:
        raise DomainError(
            _("“%(name)s” is no longer offered. Choose another item.") % {"name": inactive[0].name},
            field="items",
        )
    return items


def _clean_areas(areas) -> list[Area]:
    areas = list(dict.fromkeys(areas or []))
    if not areas:
        raise DomainError(_("Choose at least one area the provider covers."), field="areas")
    if len(areas) > MAX_AREAS:
        raise DomainError(_("At most %(n)d areas.") % {"n": MAX_AREAS}, field="areas")
    return areas


def _clean_alliance(alliance):
    if alliance is not None and alliance.kind != OrgKind.CHAIN_ALLIANCE:
        raise DomainError(_("Choose an industry-chain alliance."), field="alliance")
    return alliance


def _coverage_set(listing: ProviderListing, areas: list[Area]) -> None:
    keep = {a.pk for a in areas}
    listing.coverage.exclude(area_id__in=keep).delete()
    have = set(listing.coverage.values_list("area_id", flat=True))
    for area in areas:
        if area.pk not in have:
            ListingArea.objects.create(listing=listing, area=area, area_path=area.path)


def _event(listing, *, action, actor, from_state="", note=""):
    ListingEvent.objects.create(
        listing=listing,
        action=action,
        from_state=from_state,
        to_state=listing.state,
        actor=actor if getattr(actor, "pk", None) else None,
        note=note,
    )


def listing_apply(
    actor,
    *,
    organisation: Organisation,
    form: str,
    items,
    areas,
    area: Area | None = None,
    centre: Place | None = None,
    alliance: PartyOrg | None = None,
) -> ProviderListing:
    """A provider applies to be listed (申请): it receives orders once the staff of its level approve."""
    if organisation.kind != OrganisationKind.PROVIDER:
        raise DomainError(_("Only a service provider can be listed."), field="organisation")
    may = Organisation.objects.restrict(actor, CHANGE).filter(pk=organisation.pk).exists()
    if not may:
        raise DomainError(_("You may not list this provider."), code="forbidden")
    if form not in ProviderForm.values:
        raise DomainError(_("Choose the provider's form: unit, company, individual or team."), field="form")
    area = area or organisation.area
    if area is None:
        raise DomainError(_("Choose the area the provider is based in."), field="area")
    items = _clean_items(items)
    areas = _clean_areas(areas)
    alliance = _clean_alliance(alliance)
    with transaction.atomic():
        # The one-to-one row, locked: two applications at once make one listing and one 409.
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
        if ProviderListing.objects.filter(organisation=organisation).exists():
            raise DomainError(_("This provider is already listed."), code="invalid_state")
        listing = ProviderListing.objects.create(
            organisation=organisation,
            form=form,
            area=area,
            area_path=area.path,
            centre=centre,
            alliance=alliance,
        )
        listing.service_items.set(items)
        _coverage_set(listing, areas)
        _event(listing, action=ListingAction.APPLY, actor=actor)
    return listing


def listing_update(
    actor,
    *,
    listing: ProviderListing,
    form: str | None = None,
    items=None,
    areas=None,
    centre: Place | None = None,
    alliance: PartyOrg | None = None,
    clear_centre: bool = False,
    clear_alliance: bool = False,
) -> ProviderListing:
    """Change what a listing offers and covers; what is not given stays as it is. The state stays: a listed
    provider keeps receiving orders for what it now lists."""
    if not _may_change(actor, listing):
        raise DomainError(_("You may not change this listing."), code="forbidden")
    if form is not None:
        if form not in ProviderForm.values:
            raise DomainError(
                _("Choose the provider's form: unit, company, individual or team."), field="form"
            )
        listing.form = form
    if centre is not None or clear_centre:
        listing.centre = centre
    if alliance is not None or clear_alliance:
        listing.alliance = _clean_alliance(alliance)
    items = _clean_items(items) if items is not None else None
    areas = _clean_areas(areas) if areas is not None else None
    with transaction.atomic():
        ProviderListing.objects.select_for_update().filter(pk=listing.pk).first()
        listing.save()
        if items is not None:
            listing.service_items.set(items)
        if areas is not None:
            _coverage_set(listing, areas)
        _event(listing, action=ListingAction.CHANGE, actor=actor, from_state=listing.state)
    return listing


def listing_step(actor, *, listing: ProviderListing, action: str, note: str = "") -> ProviderListing:
    """Approve (申请 → 在册), suspend (在册 → 暂停) or resume (暂停 → 在册) a listing."""
    if action not in STEPS:
        raise DomainError(_("There is no such step."), field="action")
    if not permissions.may_vet(actor, listing):
        raise DomainError(
            _("Only the staff of the level the provider is based at vet its listing."), code="forbidden"
        )
    sources, target = STEPS[action]
    with transaction.atomic():
        locked = ProviderListing.objects.select_for_update().get(pk=listing.pk)
        if locked.state not in sources:
            raise DomainError(
                _("The listing is %(state)s: this step does not apply.")
                % {"state": locked.get_state_display()},
                code="invalid_state",
            )
        before = locked.state
        locked.state = target
        locked.save(update_fields=["state"])
        _event(locked, action=action, actor=actor, from_state=before, note=note[:200])
    listing.state = target
    return locked
