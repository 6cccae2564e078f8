"""Teams: the list of an area's teams with their counts (teams, distinct members, by kind), a team's page
with its members, and the staff's forms to set up a team and to add or end members."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lianxin.areas.models import Area, Level, Place
from lianxin.core.scope import CHANGE, get_for_user
from lianxin.party.models import PartyOrg
from lianxin.volunteering import links, selectors, services
from lianxin.volunteering.forms import MemberForm, TeamForm
from lianxin.volunteering.models import TeamMember, VolunteerTeam
from lianxin.volunteering.permissions import has_person, is_staff, is_volunteer
from lianxin.volunteering.views.common import area_root, form_run, require, row_action

TEAM_LEVELS = (Level.STREET, Level.TOWNSHIP, Level.COMMUNITY, Level.VILLAGE, Level.ESTATE)


def team_form(user, data=None) -> TeamForm:
    return TeamForm(
        data,
        areas=Area.objects.restrict(user, CHANGE).filter(level__in=TEAM_LEVELS, retired_on__isnull=True),
        orgs=PartyOrg.objects.restrict(user).exclude(kind="group"),
        places=Place.objects.restrict(user).order_by("name"),
    )


def sees_teams(user) -> bool:
    """Staff keep teams; a volunteer, or a member of a team, sees the teams his post or membership reaches."""
    return has_person(user) and (
        is_staff(user) or is_volunteer(user) or VolunteerTeam.objects.restrict(user).exists()
    )


@login_required
@require_http_methods(["GET", "POST"])
def teams(request):
    user = request.user
    require(sees_teams(user))
    staff = is_staff(user)
    form = team_form(user, request.POST or None) if staff else None
    require(staff or request.method != "POST")
    done, status = form_run(
        request,
        form,
        lambda data: services.team_create(user, **data),
        success=_("The team has been set up."),
        then=lambda team: reverse("volunteering:team", args=[team.pk]),
    )
    if done:
        return done
    root = area_root(request, default_first=False)
    rows = selectors.teams_for(user=user, root=root, kind=request.GET.get("kind", "")).order_by(
        "area_path", "name"
    )
    return render(
        request,
        "volunteering/teams.html",
        {
            "form": form,
            "rows": rows[:300],
            "root": root,
            "figures": selectors.team_figures(user=user, root=root),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def team(request, pk: int):
    user = request.user
    team = get_for_user(VolunteerTeam, user, pk)
    staff = is_staff(user) and VolunteerTeam.objects.restrict(user, CHANGE).filter(pk=team.pk).exists()
    form = MemberForm(request.POST or None) if staff else None
    require(staff or request.method != "POST")

    def add(data):
        person = links.person_find(user=user, text=data["person"])
        return services.team_member_add(user, team=team, person=person, role=data["role"])

    done, status = form_run(
        request, form, add, success=_("The member has been added."), then=lambda m: request.path
    )
    if done:
        return done
    return render(
        request,
        "volunteering/team.html",
        {
            "team": team,
            "members": selectors.team_members(user=user, team=team),
            "member_count": team.members.filter(left_on__isnull=True).count(),
            "form": form,
            "staff": staff,
        },
        status=status,
    )


@login_required
@require_POST
def team_member_end(request, pk: int):
    require(is_staff(request.user))
    return row_action(
        request,
        TeamMember,
        pk,
        lambda member: services.team_member_end(request.user, member=member),
        success=_("The member has left the team."),
        back="volunteering:teams",
        then=lambda member: reverse("volunteering:team", args=[member.team_id]),
    )
