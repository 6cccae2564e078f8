"""The demo county's service catalogue and provider listings (issue 21's demo):
the county's providers (家政、维修、法律、家庭医生), 颐康长者食堂 for 梧桐里社区,
梧桐街道长者饭堂, 惠康助餐服务部 (suspended) and the coal-chemical chain's tax team
serving its alliance. Idempotent: a rerun adds what is missing and leaves the rest as
users changed it. Called by ``load_demo`` and by the tests, which read the same world."""

from django.db import transaction

from lianxin.areas.models import Area, Level, Place
from lianxin.core.scope import under
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.people.models import Organisation, OrganisationKind
from lianxin.provision.models import (
    ListingAction,
    ListingArea,
    ListingEvent,
    ListingState,
    ProviderForm,
    ProviderListing,
    ServiceItem,
)
from lianxin.provision.seeds import catalogue_ensure

# (provider, form, where it is based, items, state, serves the chain alliance)
# where: "county", a street's or a community's name.
LISTINGS = [
    ("巨川家政服务中心", ProviderForm.COMPANY, "county", ["svc_cleaning", "svc_home_care"], "listed", False),
    (
        "安心维修服务队",
        ProviderForm.TEAM,
        "county",
        ["svc_home_repair", "svc_pipe_clearing"],
        "listed",
        False,
    ),
    ("法润律师事务所", ProviderForm.UNIT, "county", ["svc_legal_advice"], "listed", False),
    (
        "仁和家庭医生团队",
        ProviderForm.TEAM,
        "county",
        ["svc_health_consult", "svc_family_doctor"],
        "listed",
        False,
    ),
    ("颐康长者食堂", ProviderForm.COMPANY, "梧桐里社区", ["svc_meal_aid"], "listed", False),
    ("梧桐街道长者饭堂", ProviderForm.UNIT, "梧桐街道", ["svc_meal_aid", "svc_day_care"], "listed", False),
    ("惠康助餐服务部", ProviderForm.INDIVIDUAL, "凤凰街道", ["svc_meal_aid"], "suspended", False),
    ("煤化工产业链税务服务队", ProviderForm.TEAM, "county", ["svc_tax", "svc_licences"], "listed", True),
]


def _area(county: Area, where: str) -> Area | None:
    if where == "county":
        return county
    return Area.objects.filter(under("path", county.path), name=where).order_by("path").first()


def _centre(area: Area) -> Place | None:
    """The service centre of the provider's community, when it has one (a meal service works from it)."""
    if area.level != Level.COMMUNITY:
        return None
    return Place.objects.filter(area=area, name__contains="党群服务中心").order_by("id").first()


def provision_demo_ensure() -> int:
    """The catalogue and the demo listings; returns how many listings were added."""
    catalogue_ensure()
    county = Area.objects.filter(level=Level.COUNTY).order_by("path").first()
    if county is None:
        return 0
    items = {i.category.code: i for i in ServiceItem.objects.select_related("category")}
    alliance = PartyOrg.objects.filter(kind=OrgKind.CHAIN_ALLIANCE).order_by("path").first()
    added = 0
    with transaction.atomic():
        for name, form, where, codes, state, serves_alliance in LISTINGS:
            area = _area(county, where)
            if area is None:
                continue
            provider, _created = Organisation.objects.get_or_create(
                kind=OrganisationKind.PROVIDER,
                name=name,
                defaults={"area": area, "area_path": area.path},
            )
            if ProviderListing.objects.filter(organisation=provider).exists():
                continue
            listing = ProviderListing.objects.create(
                organisation=provider,
                form=form,
                area=area,
                area_path=area.path,
                centre=_centre(area),
                alliance=alliance if serves_alliance else None,
                state=ListingState.APPLIED,
            )
            listing.service_items.set([items[c] for c in codes if c in items])
            ListingArea.objects.create(listing=listing, area=area, area_path=area.path)
            ListingEvent.objects.create(
                listing=listing, action=ListingAction.APPLY, to_state=ListingState.APPLIED
            )
            ListingEvent.objects.create(
                listing=listing,
                action=ListingAction.APPROVE,
                from_state=ListingState.APPLIED,
                to_state=ListingState.LISTED,
            )
            if state == ListingState.SUSPENDED:
                ListingEvent.objects.create(
                    listing=listing,
                    action=ListingAction.SUSPEND,
                    from_state=ListingState.LISTED,
                    to_state=ListingState.SUSPENDED,
                )
            ProviderListing.objects.filter(pk=listing.pk).update(state=state)
            added += 1
    return added
