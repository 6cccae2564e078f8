"""An estate's parties to a meeting: its own branch, its owners' committee, its current property company."""

from django.db.models import Q
from django.utils import timezone

from lianxin.areas.models import Area
from lianxin.cases.clock import now
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.people.models import EstateService, Organisation, OrganisationKind


def estate_branch(estate: Area) -> PartyOrg | None:
    return PartyOrg.objects.filter(kind=OrgKind.BRANCH, area=estate).order_by("id").first()


def estate_owners_committee(estate: Area) -> Organisation | None:
    return (
        Organisation.objects.filter(kind=OrganisationKind.OWNERS_COMMITTEE, estate=estate)
        .order_by("-id")
        .first()
    )


def estate_company(estate: Area) -> Organisation | None:
    """The company serving the estate today (EstateService without an end, or ending after today)."""
    today = timezone.localdate(now())
    service = (
        EstateService.objects.filter(estate=estate, service_start__lte=today)
        .filter(Q(service_end__isnull=True) | Q(service_end__gte=today))
        .select_related("company")
        .order_by("-service_start", "-id")
        .first()
    )
    return service.company if service else None
