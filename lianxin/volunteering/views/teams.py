"""Teams: the list of an area's teams with their counts (teams, distinct members, by kind), a team's page
with its members, and the staff's forms to set up a team and to add or end members."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lianxin.areas.models import Area, Level, Place
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, get_for_user
from lianxin.party.models import PartyOrg
from lianxin.volunteering import links, selectors, services
from lianxin.volunteering.forms import MemberForm, TeamForm
from lianxin.volunteering.models import TeamMember, VolunteerTeam
from lianxin.volunteering.permissions import has_person, is_staff, is_volunteer
from lianxin.volunteering.views.common import error_status, form_error, require

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
    status = 200
    if request.method == "POST":
        require(staff)
        if form.is_valid():
            try:
                team = services.team_create(user, **form.cleaned_data)
            except DomainError as error:
                status = form_error(form, error)
            else:
                messages.success(request, _("The team has been set up."))
                return redirect("volunteering:team", pk=team.pk)
        else:
            status = 400
    rows = selectors.teams_for(user=user, kind=request.GET.get("kind", "")).order_by("area_path", "name")
    return render(
        request,
        "volunteering/teams.html",
        {"form": form, "rows": rows[:300], "figures": selectors.team_figures(user=user)},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def team(request, pk: int):
    user = request.user
    team = get_for_user(VolunteerTeam, user, pk)
    staff = is_staff(user) and VolunteerTeam.objects.restrict(user, CHANGE).filter(pk=team.pk).exists()
    form = MemberForm(request.POST or None) if staff else None
    status = 200
    if request.method == "POST":
        require(staff)
        if form.is_valid():
            try:
                person = links.person_find(user=user, text=form.cleaned_data["person"])
                services.team_member_add(user, team=team, person=person, role=form.cleaned_data["role"])
            except DomainError as error:
                status = form_error(form, error)
            else:
                messages.success(request, _("The member has been added."))
                return redirect("volunteering:team", pk=team.pk)
        else:
            status = 400
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
    user = request.user
    require(is_staff(user))
    member = get_for_user(TeamMember, user, pk, CHANGE)
    try:
        services.team_member_end(user, member=member)
    except DomainError as error:
        return render(
            request,
            "volunteering/decision_error.html",
            {"message": error.message, "back": "volunteering:teams"},
            status=error_status(error),
        )
    messages.success(request, _("The member has left the team."))
    return redirect("volunteering:team", pk=member.team_id)
