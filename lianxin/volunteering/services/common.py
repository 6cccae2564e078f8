"""Checks every volunteering service shares: the acting person, the community's staff, the community
levels and the community's party organisation."""

from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Level
from lianxin.core.errors_domain import DomainError
from lianxin.core.paths import ancestor_paths
from lianxin.core.scope import CHANGE
from lianxin.volunteering.permissions import is_approver, is_staff

# Where a person reports: an urban community, or a village in the country.
COMMUNITY_LEVELS = (Level.COMMUNITY, Level.VILLAGE)


def acting_person(actor):
    if not actor.is_authenticated or not actor.person_id:
        raise DomainError(_("Your account is not linked to a person."), code="forbidden")
    return actor.person


def community_of(person) -> Area | None:
    """The community (or village) the person lives in: the one of those levels over his area."""
    path = person.area_path or ""
    if not path:
        return None
    return (
        Area.objects.filter(path__in=ancestor_paths(path), level__in=COMMUNITY_LEVELS)
        .order_by("-depth")
        .first()
    )


def community_check(community) -> None:
    if community is None or community.level not in COMMUNITY_LEVELS:
        raise DomainError(_("Choose a community or a village."), field="community")
    if community.is_retired:
        raise DomainError(_("This area has been retired."), field="community")


def staff_over(actor, area, *, approver: bool = False) -> None:
    """The actor keeps this area's volunteering: a staff post (an appointing one when ``approver``) and the
    right to change the area."""
    allowed = is_approver(actor) if approver else is_staff(actor)
    if not allowed or not Area.objects.restrict(actor, CHANGE).filter(pk=area.pk).exists():
        if approver:
            message = _(
                "Only the organisation department and the party secretaries over %(area)s may decide."
            )
        else:
            message = _("Only the staff of %(area)s may do this.")
        raise DomainError(message % {"area": area.name}, code="forbidden")


def community_party_org(community):
    """The party organisation anchored to the community (its committee, or its branch in a village)."""
    from lianxin.party.models import OrgKind, PartyOrg

    return (
        PartyOrg.objects.filter(
            area=community, kind__in=[OrgKind.COMMITTEE, OrgKind.GENERAL_BRANCH, OrgKind.BRANCH]
        )
        .order_by("depth", "path")
        .first()
    )


def row_end(model, pk: int, *, end_field: str, start_field: str, on, already: str, before: str):
    """End a dated row (a member leaving, a pairing ending, a person coming back): the row stays, with its
    end date; a second end is a 409, an end before the start a 400."""
    from django.utils import timezone

    row = model.objects.select_for_update().get(pk=pk)
    if getattr(row, end_field) is not None:
        raise DomainError(already, code="invalid_state")
    on = on or timezone.localdate()
    if on < getattr(row, start_field):
        raise DomainError(before, field="on")
    setattr(row, end_field, on)
    row.save()
    return row
