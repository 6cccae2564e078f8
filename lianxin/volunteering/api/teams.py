"""/api/v1/teams/: teams and their members, with the same services, selectors and scope as the pages."""

from datetime import date

from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from lianxin.areas.models import Area, Place
from lianxin.core.api_pagination import PageParams, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, VIEW, get_for_user
from lianxin.party.models import PartyOrg
from lianxin.volunteering import links, selectors, services
from lianxin.volunteering.models import TeamMember, VolunteerTeam

router = Router(tags=[_("Volunteer teams")])


class TeamOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    area_id: int
    area_name: str
    sector: str
    leading_org_id: int | None
    base_id: int | None
    founded_on: date
    member_count: int


def _team_out(t: VolunteerTeam, member_count: int | None = None) -> dict:
    if member_count is None:
        member_count = getattr(t, "member_count", None)
    if member_count is None:
        member_count = t.members.filter(left_on__isnull=True).count()
    return {
        "id": t.pk,
        "name": t.name,
        "kind": t.kind,
        "kind_label": str(t.get_kind_display()),
        "area_id": t.area_id,
        "area_name": t.area.name,
        "sector": t.sector,
        "leading_org_id": t.leading_org_id,
        "base_id": t.base_id,
        "founded_on": t.founded_on,
        "member_count": member_count,
    }


class TeamFigures(Schema):
    teams: int
    members: int = Field(description=_("Distinct current members: a volunteer in several teams counted once"))


class TeamPage(Schema):
    figures: TeamFigures
    items: list[TeamOut]
    next_cursor: str | None


class TeamIn(Schema):
    name: str = Field(max_length=100)
    kind: str = Field(description=_("vanguard, shock, party_volunteer, volunteer, courier, women, youth …"))
    area_id: ObjectId
    sector: str = ""
    leading_org_id: ObjectId | None = None
    base_id: ObjectId | None = None
    founded_on: date | None = None


class TeamMemberOut(Schema):
    id: int
    person_id: int
    person_name: str
    role: str
    joined_on: date
    left_on: date | None


def _member_out(m: TeamMember) -> dict:
    return {
        "id": m.pk,
        "person_id": m.person_id,
        "person_name": m.person.name,
        "role": m.role,
        "joined_on": m.joined_on,
        "left_on": m.left_on,
    }


class TeamMemberIn(Schema):
    person_id: ObjectId
    role: str = Field("member", description=_("leader or member"))


def _scoped(model, user, pk, field):
    if pk is None:
        return None
    obj = model.objects.restrict(user, VIEW).filter(pk=pk).first()
    if obj is None:
        raise DomainError(str(_("Choose one within your scope.")), field=field)
    return obj


@router.get("/", response=TeamPage, summary=_("Volunteer teams"))
def team_list(request, page: Query[PageParams], area_id: ObjectId | None = None, kind: str = ""):
    """The teams your posts reach (and those you are in), with the counts of the teams page."""
    root = get_for_user(Area, request.user, area_id) if area_id else None
    rows = selectors.teams_for(user=request.user, root=root, kind=kind)
    figures = selectors.team_figures(user=request.user, root=root)
    chunk = paginate(rows, page, key="id")
    return {
        "figures": {"teams": figures["teams"], "members": figures["members"]},
        "items": [_team_out(t) for t in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@router.post("/", response={201: TeamOut}, summary=_("Set up a team"))
def team_create(request, payload: TeamIn):
    user = request.user
    team = services.team_create(
        user,
        name=payload.name,
        kind=payload.kind,
        area=_scoped(Area, user, payload.area_id, "area_id"),
        sector=payload.sector,
        leading_org=_scoped(PartyOrg, user, payload.leading_org_id, "leading_org_id"),
        base=_scoped(Place, user, payload.base_id, "base_id"),
        founded_on=payload.founded_on,
    )
    return Status(201, _team_out(team, 0))


@router.get("/{team_id}", response=TeamOut, summary=_("A team"))
def team_detail(request, team_id: ObjectId):
    return _team_out(get_for_user(VolunteerTeam, request.user, team_id))


@router.get("/{team_id}/members", response=list[TeamMemberOut], summary=_("A team's members"))
def member_list(request, team_id: ObjectId):
    """Current members: all of them for the area's staff, his own place for a member."""
    team = get_for_user(VolunteerTeam, request.user, team_id)
    return [_member_out(m) for m in selectors.team_members(user=request.user, team=team)]


@router.post("/{team_id}/members", response={201: TeamMemberOut}, summary=_("Add a member"))
def member_add(request, team_id: ObjectId, payload: TeamMemberIn):
    user = request.user
    team = get_for_user(VolunteerTeam, user, team_id, CHANGE)
    person = links.person_find(user=user, text=str(payload.person_id), field_name="person_id")
    return Status(
        201, _member_out(services.team_member_add(user, team=team, person=person, role=payload.role))
    )


@router.post(
    "/{team_id}/members/{member_id}/end", response=TeamMemberOut, summary=_("A member leaves the team")
)
def member_end(request, team_id: ObjectId, member_id: ObjectId):
    user = request.user
    member = get_for_user(TeamMember.objects.filter(team_id=team_id), user, member_id, CHANGE)
    return _member_out(services.team_member_end(user, member=member))
