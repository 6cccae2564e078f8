"""Assigning a property company to an estate (P001-33): service start and fee start, where the fee may start
later than the service but never earlier ("先服务、后收费"). The previous service ends the day before."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Level
from lianxin.core.errors_domain import DomainError
from lianxin.people.models import EstateService, Organisation, OrganisationKind


def property_companies_choosable():
    """Every property company: their names are public, and an estate may take one from anywhere."""
    return Organisation.objects.filter(kind=OrganisationKind.PROPERTY_COMPANY).order_by("name")


@transaction.atomic
def estate_service_assign(
    *,
    actor,
    estate: Area,
    company: Organisation,
    service_start: datetime.date,
    fee_start: datetime.date | None = None,
) -> EstateService:
    if estate.level != Level.ESTATE:
        raise DomainError(_("A property company serves an estate."), field="estate")
    from lianxin.areas.estate_facts import area_facts_check

    # A property fact, owned like the estate's property mode: never by the company that serves it.
    area_facts_check(actor=actor, area=estate, fields=("property_mode",))
    if company.kind != OrganisationKind.PROPERTY_COMPANY:
        raise DomainError(_("Choose a property company."), field="company")
    if service_start is None:
        raise DomainError(_("Enter the date the service starts."), field="service_start")
    if fee_start is not None and fee_start < service_start:
        raise DomainError(
            _("Fees may start later than the service, never earlier (先服务、后收费)."), field="fee_start"
        )
    current = EstateService.objects.filter(estate=estate, service_end__isnull=True)
    for service in current:
        if service.service_start >= service_start:
            raise DomainError(
                _("%(company)s already serves this estate from %(date)s.")
                % {"company": service.company.name, "date": service.service_start.isoformat()},
                field="service_start",
            )
        service.service_end = service_start - datetime.timedelta(days=1)
        service.save(update_fields=["service_end"])
    return EstateService.objects.create(
        company=company, estate=estate, service_start=service_start, fee_start=fee_start
    )
