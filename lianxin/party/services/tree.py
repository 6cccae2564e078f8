"""Changes to party organisations and memberships. Each checks its rule and keeps the history."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Level
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, under
from lianxin.party.models import Membership, MembershipKind, OrgKind, PartyOrg


def party_org_anchor_check(parent: PartyOrg | None, kind: str, area: Area | None) -> None:
    """A building group sits in a building of its parent branch's estate (P003-03). A sector committee is
    held by sector and level: anchored to a city or a county (or nowhere), never under a street (P003-14)."""
    if kind == OrgKind.SECTOR_COMMITTEE and area is not None and area.level not in (Level.CITY, Level.COUNTY):
        raise DomainError(
            _("A sector committee is anchored to a city or a county, not to %(area)s.") % {"area": area.name},
            code="bad_anchor",
            field="area",
        )
    if kind == OrgKind.GROUP and area is not None:
        if area.level != Level.BUILDING:
            raise DomainError(_("A party group is anchored to a building."), code="bad_anchor", field="area")
        if parent is None or parent.area_id is None or not area.path.startswith(parent.area_path):
            raise DomainError(
                _("The building %(building)s lies outside the estate of %(parent)s.")
                % {"building": area.name, "parent": parent.name if parent else "—"},
                code="outside_parent",
                field="area",
            )


@transaction.atomic
def party_org_create(
    *, actor, parent: PartyOrg | None, kind: str, name: str, area: Area | None = None, **fields
):
    if not name.strip():
        raise DomainError(_("Enter a name."), code="required", field="name")
    if parent is not None and not PartyOrg.objects.restrict(actor, CHANGE).filter(pk=parent.pk).exists():
        raise DomainError(
            _("You may not add organisations under %(org)s.") % {"org": parent.name}, code="forbidden"
        )
    party_org_anchor_check(parent, kind, area)
    values = {
        "kind": kind,
        "name": name.strip(),
        "area": area,
        "area_path": area.path if area else "",
        **fields,
    }
    if parent is None:
        return PartyOrg.objects.add_root(values)
    return PartyOrg.objects.add_child(PartyOrg.objects.get(pk=parent.pk), values)


@transaction.atomic
def membership_move(*, actor, membership: Membership, to: PartyOrg, on=None) -> Membership:
    """Move a member's home to another organisation: the old membership ends, a new one starts the same
    day, so his history stays whole."""
    on = on or timezone.localdate()
    if membership.end_date is not None:
        raise DomainError(_("This membership has already ended."), code="ended")
    # The old membership ends the day before the new one starts: exactly one is current on any day.
    membership.end_date = max(membership.start_date, on - timedelta(days=1))
    membership.save(update_fields=["end_date"])
    return Membership.objects.create(
        person=membership.person,
        org=to,
        org_path=to.path,
        area_path=membership.area_path,
        kind=membership.kind,
        is_home=membership.is_home,
        is_mobile=membership.is_mobile,
        work_place=membership.work_place,
        applied_on=membership.applied_on,
        joined_on=membership.joined_on,
        start_date=on,
    )


@transaction.atomic
def estate_branch_create(*, actor, estate: Area) -> PartyOrg:
    """Create an estate's own branch from a coverage line (P003-02): named "<estate>党支部", anchored to the
    estate, under the community's committee; the full members living there whose home organisation is
    that committee move into it."""
    if estate.level != Level.ESTATE:
        raise DomainError(_("Only an estate gets an estate branch."), code="bad_anchor")
    if not Area.objects.restrict(actor, CHANGE).filter(pk=estate.pk).exists():
        raise DomainError(_("You may not change %(area)s.") % {"area": estate.name}, code="forbidden")
    if PartyOrg.objects.filter(kind=OrgKind.BRANCH, area=estate).exists():
        raise DomainError(
            _("%(area)s already has a branch of its own.") % {"area": estate.name}, code="exists"
        )
    community = Area.objects.get_parent(estate)
    committee = PartyOrg.objects.filter(kind=OrgKind.COMMITTEE, area=community).first()
    if committee is None:
        raise DomainError(
            _("%(community)s has no community party committee to put the branch under.")
            % {"community": community.name},
            code="no_parent",
        )
    branch = PartyOrg.objects.add_child(
        committee,
        {
            "kind": OrgKind.BRANCH,
            "name": _("%(estate)s Party Branch") % {"estate": estate.name},
            "area": estate,
            "area_path": estate.path,
            "field": committee.field,
            "founded_on": timezone.localdate(),
        },
    )
    moving = Membership.objects.current().filter(
        under("area_path", estate.path),
        org=committee,
        is_home=True,
        kind__in=[MembershipKind.FULL, MembershipKind.PROBATIONARY],
    )
    for membership in list(moving):
        membership_move(actor=actor, membership=membership, to=branch)
    return branch
