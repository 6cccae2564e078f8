"""Teams and their members, kept by the staff of the team's area."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.models import Place
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import VIEW
from lianxin.party.models import PartyOrg, Sector
from lianxin.people.models import Person
from lianxin.volunteering.models import MemberRole, TeamKind, TeamMember, VolunteerTeam
from lianxin.volunteering.services.common import acting_person, row_end, staff_over


def _visible(model, actor, obj, field: str, message: str) -> None:
    if obj is not None and not model.objects.restrict(actor, VIEW).filter(pk=obj.pk).exists():
        raise DomainError(message, field=field)


@transaction.atomic
def team_create(
    actor,
    *,
    name: str,
    kind: str,
    area,
    sector: str = "",
    leading_org: PartyOrg | None = None,
    base: Place | None = None,
    founded_on: date | None = None,
) -> VolunteerTeam:
    acting_person(actor)
    if area is None:
        raise DomainError(_("Choose the area the team serves."), field="area")
    staff_over(actor, area)
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the team a name."), field="name")
    if len(name) > 100:
        raise DomainError(_("At most %(n)s characters.") % {"n": 100}, field="name")
    if kind not in TeamKind.values:
        raise DomainError(_("Choose the kind of team."), field="kind")
    if sector and sector not in Sector.values:
        raise DomainError(_("Choose a sector from the list."), field="sector")
    _visible(PartyOrg, actor, leading_org, "leading_org", _("Choose a party organisation within your scope."))
    _visible(Place, actor, base, "base", _("Choose a place within your scope."))
    if VolunteerTeam.objects.filter(area=area, name=name).exists():
        raise DomainError(
            _("%(area)s already has a team named %(name)s.") % {"area": area.name, "name": name},
            code="invalid_state",
            field="name",
        )
    return VolunteerTeam.objects.create(
        name=name,
        kind=kind,
        area=area,
        sector=sector,
        leading_org=leading_org,
        base=base,
        founded_on=founded_on or timezone.localdate(),
    )


@transaction.atomic
def team_member_add(
    actor, *, team: VolunteerTeam, person: Person, role: str = MemberRole.MEMBER
) -> TeamMember:
    """Add a person the actor's posts serve; he may be in other teams too (counted once in the figures)."""
    staff_over(actor, team.area)
    if person is None or not Person.objects.restrict(actor, VIEW).filter(pk=person.pk).exists():
        raise DomainError(_("Choose a person within your scope."), field="person")
    if role not in MemberRole.values:
        raise DomainError(_("Choose the member's role."), field="role")
    VolunteerTeam.objects.select_for_update().filter(pk=team.pk).first()
    if TeamMember.objects.filter(team=team, person=person, left_on__isnull=True).exists():
        raise DomainError(
            _("%(name)s is already in %(team)s.") % {"name": person.name, "team": team.name},
            code="invalid_state",
            field="person",
        )
    try:
        with transaction.atomic():
            return TeamMember.objects.create(team=team, person=person, role=role)
    except IntegrityError:
        raise DomainError(
            _("%(name)s is already in %(team)s.") % {"name": person.name, "team": team.name},
            code="invalid_state",
            field="person",
        ) from None


@transaction.atomic
def team_member_end(actor, *, member: TeamMember, on: date | None = None) -> TeamMember:
    """The member leaves the team (the row stays, with the day he left)."""
    staff_over(actor, member.team.area)
    return row_end(
        TeamMember,
        member.pk,
        end_field="left_on",
        start_field="joined_on",
        on=on,
        already=_("This member has already left the team."),
        before=_("A member cannot leave before he joined."),
    )
