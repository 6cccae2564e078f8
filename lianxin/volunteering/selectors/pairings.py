"""Reads of pairings, agreements and people sent down; the figures the practices ask for: households in
need without a pairing per area (P001-29), the share of organisations with a co-building agreement and the
agreements by unit type (P001-58, P004-49), people sent down by kind (P004-50)."""

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from lianxin.areas.models import Area, Household
from lianxin.core.scope import VIEW, under
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.volunteering.models import (
    CoBuildingAgreement,
    Pairing,
    PairingVisit,
    SentDownKind,
    SentDownStaff,
    UnitType,
)

# The grassroots organisations a co-building agreement is counted for (street, community, estate levels).
AGREEMENT_ORG_KINDS = (OrgKind.WORKING_COMMITTEE, OrgKind.COMMITTEE, OrgKind.GENERAL_BRANCH, OrgKind.BRANCH)


def _under(rows, root, field="area_path"):
    return rows.filter(under(field, root.path)) if root is not None else rows


def pairings_for(*, user, root=None, active_only: bool = True, action: str = VIEW):
    rows = Pairing.objects.restrict(user, action).select_related("household", "captain")
    if active_only:
        rows = rows.filter(ended_on__isnull=True)
    return _under(rows, root).prefetch_related("volunteers").annotate(visit_count=Count("visits"))


def pairing_visits(*, user, pairing):
    return (
        PairingVisit.objects.restrict(user)
        .filter(pairing=pairing)
        .select_related("visitor")
        .order_by("-visited_on", "-id")
    )


def needy_households(*, user, root=None):
    """Households the user may see that carry one of the pairing tags (settings.LIANXIN_PAIRING_TAGS)."""
    tagged = Household.objects.filter(tags__code__in=settings.LIANXIN_PAIRING_TAGS).values("pk")
    return _under(Household.objects.restrict(user).filter(pk__in=tagged), root)


def unpaired_households(*, user, root=None):
    paired = Pairing.objects.filter(ended_on__isnull=True).values("household_id")
    return (
        needy_households(user=user, root=root)
        .exclude(pk__in=paired)
        .prefetch_related("tags")
        .order_by("area_path", "id")
    )


def unpaired_by_area(*, user, root) -> list[dict]:
    """Under ``root``, per child area: households in need, paired and unpaired (the figure's rows)."""
    needy = needy_households(user=user, root=root)
    paired_ids = set(Pairing.objects.filter(ended_on__isnull=True).values_list("household_id", flat=True))
    rows = []
    for child in Area.objects.get_children(root).order_by("path") if root is not None else []:
        ids = list(needy.filter(under("area_path", child.path)).values_list("pk", flat=True))
        if ids:
            paired = len(paired_ids.intersection(ids))
            rows.append({"area": child, "needy": len(ids), "paired": paired, "unpaired": len(ids) - paired})
    return rows


def agreements_for(*, user, root=None, action: str = VIEW):
    """Agreements in the user's scope; for reading, also those his unit signed (a unit's contact follows the
    agreements of the party organisations his posts with UNIT_REGISTER sit on, wherever they were signed)."""
    from lianxin.volunteering.permissions import unit_orgs_kept

    rows = CoBuildingAgreement.objects.restrict(user, action)
    if action == VIEW:
        units = unit_orgs_kept(user)
        if units.exists():
            rows = CoBuildingAgreement.objects.filter(Q(pk__in=rows.values("pk")) | Q(unit_org__in=units))
    return _under(rows.select_related("party_org", "unit_org"), root).annotate(
        joint_activities=_joint_activities()
    )


def _joint_activities():
    """The activities held together under an agreement (an activity names the agreement it was held under:
    P004-49), counted per agreement."""
    from django.db.models import Count, IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from lianxin.volunteering.models import ActivityDetail

    held = (
        ActivityDetail.objects.filter(agreement=OuterRef("pk"))
        .order_by()
        .values("agreement")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(held, output_field=IntegerField()), 0)


def agreement_figures(*, user, root=None) -> dict:
    """Grassroots organisations under ``root`` with an agreement in force, their share, and the agreements
    in force by unit type."""
    today = timezone.localdate()
    in_force = (
        agreements_for(user=user, root=root)
        .filter(signed_on__lte=today)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    )
    orgs = _under(
        PartyOrg.objects.restrict(user).filter(kind__in=AGREEMENT_ORG_KINDS, area__isnull=False), root
    )
    total = orgs.count()
    with_one = orgs.filter(pk__in=in_force.values("party_org_id")).count()
    by_type = dict(in_force.values_list("unit_type").annotate(n=Count("pk")).values_list("unit_type", "n"))
    return {
        "orgs": total,
        "with_agreement": with_one,
        "share": (with_one / total) if total else None,
        "by_type": [(label, by_type.get(value, 0)) for value, label in UnitType.choices],
        "in_force": in_force.count(),
    }


def sent_down_for(*, user, root=None, current_only: bool = True, action: str = VIEW):
    rows = SentDownStaff.objects.restrict(user, action).select_related("person", "party_org")
    if current_only:
        rows = rows.filter(until__isnull=True)
    return _under(rows, root)


def sent_down_figures(*, user, root=None) -> dict:
    rows = sent_down_for(user=user, root=root)
    by_kind = dict(
        rows.values_list("kind").annotate(n=Count("person_id", distinct=True)).values_list("kind", "n")
    )
    return {
        "persons": rows.values("person_id").distinct().count(),
        "by_kind": [(label, by_kind.get(value, 0)) for value, label in SentDownKind.choices],
    }
