"""/api/v1/activities/: activities with sign-up, sign-in and hours, the same services, selectors and scope as
the pages (lianxin/volunteering/views/activities.py). Hours are decimal strings ("2.5")."""

from datetime import date, datetime
from typing import Annotated

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from lianxin.areas.models import Area, Place, PlaceActivity
from lianxin.core.api_pagination import PageParams, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import VIEW, get_for_user
from lianxin.party.models import PartyOrg
from lianxin.volunteering import links
from lianxin.volunteering.models import ActivityDetail, Course, ProjectSource, SignUp, Trainer, VolunteerTeam
from lianxin.volunteering.selectors import activities as sel
from lianxin.volunteering.services import activities as svc

router = Router(tags=[_("Activities")])


class SignUpActivityOut(Schema):
    id: int
    title: str
    kind: str
    kind_label: str
    place_id: int | None
    place_name: str
    area_id: int | None
    starts_at: datetime | None
    ends_at: datetime | None
    held_on: date
    capacity: int | None
    organiser_id: int | None
    organiser_name: str
    team_ids: list[int]
    signed_up: int
    signed_in: int
    participants: int
    residents_served: int
    problems_solved: int
    cases_closed: int
    signin_open: bool
    hours: str | None = Field(description=_("The hours the organiser confirmed, a decimal string"))


def _activity_out(a: PlaceActivity) -> dict:
    detail = ActivityDetail.objects.filter(activity=a).first()
    signups = SignUp.objects.filter(activity=a)
    return {
        "id": a.pk,
        "title": a.title,
        "kind": a.kind,
        "kind_label": str(a.get_kind_display()),
        "place_id": a.place_id,
        "place_name": a.place.name if a.place_id else "",
        "area_id": a.area_id,
        "starts_at": a.starts_at,
        "ends_at": a.ends_at,
        "held_on": a.held_on,
        "capacity": a.capacity,
        "organiser_id": a.organiser_id,
        "organiser_name": a.organiser.name if a.organiser_id else "",
        "team_ids": sorted(detail.teams.values_list("pk", flat=True)) if detail else [],
        "signed_up": signups.count(),
        "signed_in": signups.filter(signed_in_at__isnull=False).count(),
        "participants": a.participants,
        "residents_served": a.residents_served,
        "problems_solved": a.problems_solved,
        "cases_closed": detail.cases.count() if detail else 0,
        "signin_open": bool(detail and detail.signin_open),
        "hours": str(detail.hours) if detail and detail.hours is not None else None,
    }


class ActivityTotals(Schema):
    activities: int
    participants: int
    signed_up: int
    signed_in: int
    persons: int = Field(description=_("Distinct persons signed in: one person counted once"))
    residents_served: int
    problems_solved: int
    cases: int


class ActivityPage(Schema):
    totals: ActivityTotals
    items: list[SignUpActivityOut]
    next_cursor: str | None


class SignUpActivityIn(Schema):
    title: str = Field(max_length=200)
    kind: str = Field(
        "volunteering", description=_("service, volunteering, meeting, training, culture, other")
    )
    place_id: ObjectId | None = None
    area_id: ObjectId | None = None
    starts_at: datetime
    ends_at: datetime | None = None
    capacity: int | None = None
    organiser_id: ObjectId | None = None
    team_ids: list[ObjectId] = []
    course_id: ObjectId | None = None
    trainer_id: ObjectId | None = None
    source_id: ObjectId | None = None
    note: str = ""


class SignUpOut(Schema):
    id: int
    activity_id: int
    person_id: int
    person_name: str
    group: str
    signed_up_at: datetime
    signed_in_at: datetime | None
    signed_in_via: str
    hours: str | None


def _signup_out(s: SignUp) -> dict:
    return {
        "id": s.pk,
        "activity_id": s.activity_id,
        "person_id": s.person_id,
        "person_name": s.person.name,
        "group": s.group,
        "signed_up_at": s.signed_up_at,
        "signed_in_at": s.signed_in_at,
        "signed_in_via": s.signed_in_via,
        "hours": str(s.hours) if s.hours is not None else None,
    }


class SignUpIn(Schema):
    person_id: ObjectId | None = Field(
        None, description=_("Another person (the organiser only); yourself if empty")
    )


class SignInIn(Schema):
    token: str = Field("", max_length=40, description=_("The QR code's token, to sign yourself in"))
    person_id: ObjectId | None = Field(None, description=_("The person the organiser ticks on the roll"))


class HoursIn(Schema):
    hours: str = Field(description=_("Hours as a decimal string, e.g. 2.5"), max_length=8)


class ActivityHoursOut(Schema):
    activity_id: int
    hours: str
    signed_in: int
    points_each: int


class HoursGroup(Schema):
    group: str
    label: str
    hours: str
    person_times: int


class ActivityFiguresOut(Schema):
    area_id: int | None
    totals: ActivityTotals
    by_area: list[dict]
    branch_month: list[dict]
    base_year: list[dict]
    teams: list[dict]
    leading_orgs: list[dict]
    hours_by_group: list[HoursGroup]


class MyHoursOut(Schema):
    activities: int
    hours: str
    points: int
    items: list[SignUpOut]


class TrainerOut(Schema):
    id: int
    name: str
    title: str
    expertise: str
    area_id: int


class ProjectSourceOut(Schema):
    id: int
    name: str
    kind: str
    note: str
    area_id: int


class CourseOut(Schema):
    id: int
    title: str
    topic: str
    trainer_id: int | None
    hours: str | None
    is_featured: bool
    area_id: int


def _scoped(model, user, pk, field):
    if pk is None:
        return None
    obj = model.objects.restrict(user, VIEW).filter(pk=pk).first()
    if obj is None:
        raise DomainError(str(_("Choose one within your scope.")), field=field)
    return obj


def _activity(user, activity_id) -> PlaceActivity:
    item = sel.activities_for(user=user).filter(pk=activity_id).first()
    if item is None:
        raise Http404
    return item


@router.get("/", response=ActivityPage, summary=_("Activities"))
def activity_list(request, page: Query[PageParams], area_id: ObjectId | None = None, kind: str = ""):
    """The activities your posts reach and those open to you, newest first, with their totals."""
    root = get_for_user(Area, request.user, area_id) if area_id else None
    rows = sel.activities_for(user=request.user, root=root, kind=kind)
    chunk = paginate(rows, page, key="id", descending=True)
    return {
        "totals": sel.activity_totals(rows),
        "items": [_activity_out(a) for a in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@router.post("/", response={201: SignUpActivityOut}, summary=_("Publish an activity"))
def activity_publish(request, payload: SignUpActivityIn):
    user = request.user
    teams = [_scoped(VolunteerTeam, user, pk, "team_ids") for pk in payload.team_ids]
    item = svc.activity_publish(
        user,
        title=payload.title,
        kind=payload.kind,
        place=_scoped(Place, user, payload.place_id, "place_id"),
        area=_scoped(Area, user, payload.area_id, "area_id"),
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        capacity=payload.capacity,
        organiser=_scoped(PartyOrg, user, payload.organiser_id, "organiser_id"),
        teams=teams,
        course=_scoped(Course, user, payload.course_id, "course_id"),
        trainer=_scoped(Trainer, user, payload.trainer_id, "trainer_id"),
        source=_scoped(ProjectSource, user, payload.source_id, "source_id"),
        note=payload.note,
    )
    return Status(201, _activity_out(item))


@router.get("/figures", response=ActivityFiguresOut, summary=_("Activity counts"))
def activity_figures(
    request, area_id: ObjectId | None = None, year: Annotated[int | None, Field(ge=1949, le=2100)] = None
):
    """The counts of the activity counts page: by area, by organisation and month, by base and year, by
    team and leading organisation, and (for an area) volunteer hours by group."""
    from django.core.exceptions import PermissionDenied

    from lianxin.volunteering.views.activities import figures_tables

    user = request.user
    if not svc.may_publish_somewhere(user):
        raise PermissionDenied  # as the page: the counts are for those who publish activities
    root = get_for_user(Area, user, area_id) if area_id else None
    tables = figures_tables(user, root, year)
    hours = []
    if root is not None:
        for key, g in sel.hours_by_group(user=user, area=root)["groups"].items():
            hours.append(
                {
                    "group": key,
                    "label": str(g["label"]),
                    "hours": str(g["hours"]),
                    "person_times": g["persons"],
                }
            )
    return {
        "area_id": root.pk if root else None,
        "totals": sel.activity_totals(sel.activities_for(user=user, root=root)),
        "by_area": [{**{k: v for k, v in r.items() if k != "area"}, "area_id": r["area"].pk,
                     "area_name": r["area"].name} for r in tables["by_area"]],
        "branch_month": [{"organiser_id": r["organiser_id"], "organiser_name": r["organiser__name"],
                          "month": f"{r['month']:%Y-%m}", "activities": r["activities"],
                          "participants": r["participants"] or 0} for r in tables["branch_month"]],
        "base_year": [{"place_id": r["place_id"], "place_name": r["place__name"], "year": r["year"],
                       "activities": r["activities"], "person_times": r["person_times"] or 0,
                       "persons": r["persons"]} for r in tables["base_year"]],
        "teams": [{**{k: v for k, v in r.items() if k != "team"}, "team_id": r["team"].pk,
                   "team_name": r["team"].name, "leading_org_id": r["team"].leading_org_id}
                  for r in tables["teams"]],
        "leading_orgs": [{"org_id": r["org"].pk, "org_name": r["org"].name, "teams": r["teams"],
                          "activities": r["activities"], "participants": r["participants"]}
                         for r in tables["leading_orgs"]],
        "hours_by_group": hours,
    }  # fmt: skip


@router.get("/my-hours", response=MyHoursOut, summary=_("My volunteer hours"))
def my_hours(request):
    mine = sel.hours_mine(user=request.user)
    return {
        "activities": mine.activities,
        "hours": str(mine.hours),
        "points": mine.points,
        "items": [_signup_out(s) for s in mine.rows],
    }


@router.get("/trainers", response=list[TrainerOut], summary=_("Trainers"))
def trainer_list(request):
    rows = Trainer.objects.restrict(request.user).order_by("name")[:500]
    return [
        {"id": t.pk, "name": t.name, "title": t.title, "expertise": t.expertise, "area_id": t.area_id}
        for t in rows
    ]


@router.get("/courses", response=list[CourseOut], summary=_("Courses"))
def course_list(request):
    rows = Course.objects.restrict(request.user).order_by("title")[:500]
    return [
        {
            "id": c.pk,
            "title": c.title,
            "topic": c.topic,
            "trainer_id": c.trainer_id,
            "hours": str(c.hours) if c.hours is not None else None,
            "is_featured": c.is_featured,
            "area_id": c.area_id,
        }
        for c in rows
    ]


@router.get("/sources", response=list[ProjectSourceOut], summary=_("Project sources"))
def source_list(request):
    rows = ProjectSource.objects.restrict(request.user).order_by("name")[:500]
    return [{"id": s.pk, "name": s.name, "kind": s.kind, "note": s.note, "area_id": s.area_id} for s in rows]


@router.get("/{activity_id}", response=SignUpActivityOut, summary=_("An activity"))
def activity_detail(request, activity_id: ObjectId):
    return _activity_out(_activity(request.user, activity_id))


@router.get("/{activity_id}/signups", response=list[SignUpOut], summary=_("An activity's sign-ups"))
def signup_list(request, activity_id: ObjectId):
    """Everyone for the organiser's side; your own sign-up for the others."""
    user = request.user
    item = _activity(user, activity_id)
    rows = sel.activity_signups(user=user, activity=item, organiser=svc.may_organise(user, item))
    return [_signup_out(s) for s in rows]


@router.post("/{activity_id}/signups", response={201: SignUpOut}, summary=_("Sign up"))
def signup_create(request, activity_id: ObjectId, payload: SignUpIn):
    """Sign yourself up (409 名额已满 when full, 409 when already signed up or sign-in has ended)."""
    user = request.user
    item = _activity(user, activity_id)
    person = None
    if payload.person_id is not None:
        person = links.person_find(user=user, text=str(payload.person_id), field_name="person_id")
    return Status(201, _signup_out(svc.activity_sign_up(user, activity=item, person=person)))


@router.post("/{activity_id}/signins", response=SignUpOut, summary=_("Sign in"))
def signin_create(request, activity_id: ObjectId, payload: SignInIn):
    """With ``token`` you sign yourself in (the QR code); with ``person_id`` the organiser ticks the roll.
    After sign-in has closed: 409 签到已结束."""
    user = request.user
    item = _activity(user, activity_id)
    person = None
    if payload.person_id is not None:
        person = links.person_find(user=user, text=str(payload.person_id), field_name="person_id")
    return _signup_out(svc.activity_sign_in(user, activity=item, token=payload.token, person=person))


@router.post("/{activity_id}/signins/close", response=SignUpActivityOut, summary=_("Close sign-in"))
def signin_close(request, activity_id: ObjectId):
    user = request.user
    item = _activity(user, activity_id)
    svc.activity_signin_close(user, activity=item)
    return _activity_out(item)


@router.post("/{activity_id}/hours", response=ActivityHoursOut, summary=_("Confirm the hours"))
def hours_confirm(request, activity_id: ObjectId, payload: HoursIn):
    """The organiser's side confirms the hours: everyone signed in gets them and hours ×
    LIANXIN_POINTS_PER_HOUR points. The same hours again change nothing; other hours correct the record."""
    user = request.user
    item = _activity(user, activity_id)
    detail = svc.activity_hours_confirm(user, activity=item, hours=payload.hours)
    return {
        "activity_id": item.pk,
        "hours": str(detail.hours),
        "signed_in": SignUp.objects.filter(activity=item, signed_in_at__isnull=False).count(),
        "points_each": svc.hours_points(detail.hours),
    }
