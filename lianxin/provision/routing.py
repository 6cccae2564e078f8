"""The provision app's part in the case loop (issue 21 "Order"), plugged in from its AppConfig.ready():

- an intake router: a new service order whose item a listed provider offers at the place goes straight to
  the best match (one match: it; several: fewest open orders, then best stars); with no match the router
  says nothing and the category tree leaves the order in the community's queue;
- a dispatch listener: an order sent to a provider, at intake or by a dispatcher, must go to a match, or
  the step is refused (400 该服务商不提供此项服务或不覆盖该地点) and leaves nothing behind.
"""

from lianxin.people.models import OrganisationKind
from lianxin.provision.matching import provider_check, provider_match, service_item_of


def service_order_router(*, actor, category, area, extra):
    from lianxin.cases.routing import target_at

    item = service_item_of(category)
    if item is None:
        return None
    matches = provider_match(item=item, area=area)
    if not matches:
        return None
    return target_at(matches[0].organisation, case_area=area)


def provider_choice_check(*, case, event):
    organisation = event.target_organisation
    if organisation is None or organisation.kind != OrganisationKind.PROVIDER:
        return
    item = service_item_of(case.category)
    if item is None:
        return
    provider_check(item=item, area=case.area, organisation=organisation)


def register() -> None:
    from lianxin.cases.listeners import step_listener_register
    from lianxin.cases.models import Action, Kind
    from lianxin.cases.routing import intake_router_register

    intake_router_register(service_order_router, name="provision.service_order_router")
    # A refusal rolls the whole step back, the roll-up's and the notices' writes with it.
    step_listener_register(
        provider_choice_check,
        steps=[Action.DISPATCH],
        kinds=[Kind.SERVICE_ORDER],
        name="provision.provider_choice_check",
    )
