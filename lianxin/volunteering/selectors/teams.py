"""Reads of teams: the lists the pages and the API share, and the counts the practices ask for (teams and
distinct members per area, a volunteer in several teams counted once: P002-59, P003-26, P004-46)."""

from django.db.models import Count, Q

from lianxin.core.scope import VIEW, under
from lianxin.volunteering.models import TeamKind, TeamMember, VolunteerTeam

CURRENT = Q(members__left_on__isnull=True)


def teams_for(*, user, root=None, kind: str = "", action: str = VIEW):
    rows = VolunteerTeam.objects.restrict(user, action).select_related("area", "leading_org", "base")
    if root is not None:
        rows = rows.filter(under("area_path", root.path))
    if kind:
        rows = rows.filter(kind=kind)
    return rows.annotate(member_count=Count("members", filter=CURRENT))


def team_members(*, user, team):
    """The current members of a team the user may see (staff: all; a member: himself)."""
    return (
        TeamMember.objects.restrict(user)
        .filter(team=team, left_on__isnull=True)
        .select_related("person")
        .order_by("-role", "joined_on", "id")
    )


def team_figures(*, user, root=None) -> dict:
    """Teams and distinct current members under ``root`` (or the user's whole scope), by kind."""
    teams = VolunteerTeam.objects.restrict(user)
    if root is not None:
        teams = teams.filter(under("area_path", root.path))
    members = TeamMember.objects.filter(team__in=teams.values("pk"), left_on__isnull=True)
    by_kind = dict(teams.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    return {
        "teams": teams.count(),
        "members": members.values("person_id").distinct().count(),
        "by_kind": [(label, by_kind[value]) for value, label in TeamKind.choices if by_kind.get(value)],
    }
