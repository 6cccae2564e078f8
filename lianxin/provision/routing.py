"""The provision app's part in the case loop (issue 21 "Order"), plugged in from its AppConfig.ready():

- an intake router: a new service order whose item a listed provider offers at the place goes straight to
  the best match (one match: it; several: fewest open orders, then best stars; an enterprise's order goes
  first to the team of its industry-chain alliance); with no match the router says nothing and the category
  tree leaves the order in the community's queue;
- dispatch choices (``cases.routing.dispatch_choices_register``): for a service order the providers offered
  on the dispatch page, and accepted by the dispatch service at intake or dispatch (page, API, any caller),
  are exactly the matches; another provider is refused (400 该服务商不提供此项服务或不覆盖该地点) and the
  step leaves nothing behind.
"""

from django.utils.translation import gettext as _

from lianxin.people.models import OrganisationKind
from lianxin.provision.matching import alliances_of, first_match, provider_match, service_item_of


def service_order_router(*, actor, category, area, extra):
    from lianxin.cases.routing import target_at

    item = service_item_of(category)
    if item is None:
        return None
    organisation = first_match(item=item, area=area, alliances=alliances_of(actor))
    if organisation is None:
        return None
    return target_at(organisation, case_area=area)


def service_order_choices(*, category, area):
    """The providers a service order may be sent to: the listed ones offering its item at its place."""
    from lianxin.cases.routing import DispatchChoices

    item = service_item_of(category)
    if item is None:
        return None
    return DispatchChoices(
        organisation_kinds=(OrganisationKind.PROVIDER,),
        organisations=tuple(listing.organisation for listing in provider_match(item=item, area=area)),
        refusal=_("This provider does not offer this service or does not cover this place."),
    )


def register() -> None:
    from lianxin.cases.models import Kind
    from lianxin.cases.routing import dispatch_choices_register, intake_router_register

    intake_router_register(service_order_router, name="provision.service_order_router")
    dispatch_choices_register(
        Kind.SERVICE_ORDER, service_order_choices, name="provision.service_order_choices"
    )
