"""Readiness reads: a plan's uncovered estates, the roster of an area by grid, a mobilisation's figures
(count, the response curve, the 30- and 60-minute shares, the silent list). Every list starts from the
user's scope (``restrict``)."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Q

from lianxin.areas.models import Area, Level
from lianxin.core.paths import ancestor_paths, under
from lianxin.core.scope import VIEW
from lianxin.readiness.models import (
    Audience,
    EmergencyPlan,
    Mobilisation,
    MobilisationRecipient,
    PlanTeam,
    PlanTeamMember,
)

GRID_LEVELS = (Level.ESTATE, Level.GRID)


def plans_for(*, user, action=VIEW):
    return EmergencyPlan.objects.restrict(user, action).select_related("area", "commander")


def mobilisations_for(*, user, action=VIEW):
    return Mobilisation.objects.restrict(user, action).select_related("callout", "area", "plan")


def area_estates(area):
    """The estates (and grids) of an area in use: what a plan must cover."""
    return Area.objects.filter(
        under("path", area.path), level=Level.ESTATE, retired_on__isnull=True
    ).order_by("path")


def plan_gaps(plan: EmergencyPlan) -> list:
    """The estates of the plan's area no team covers: the plan is incomplete while this is not empty."""
    covered = PlanTeam.estates.through.objects.filter(planteam__plan=plan).values("area_id")
    return list(area_estates(plan.area).exclude(pk__in=covered))


def plans_gaps(plans) -> dict[int, int]:
    """The number of uncovered estates of each plan, for a list."""
    return {plan.pk: len(plan_gaps(plan)) for plan in plans}


def team_person_ids(team: PlanTeam) -> set[int]:
    ids = set(PlanTeamMember.objects.filter(team=team).values_list("person_id", flat=True))
    if team.leader_id:
        ids.add(team.leader_id)
    if team.shock_team_id:
        ids.add(team.shock_team.holder_id)
    if team.volunteer_team_id:
        from lianxin.volunteering.models import TeamMember

        ids |= set(
            TeamMember.objects.filter(team_id=team.volunteer_team_id, left_on__isnull=True).values_list(
                "person_id", flat=True
            )
        )
    return ids


def roster_ids(area, *, audience: str = Audience.ALL, plan=None, estate=None) -> dict[int, str]:
    """Who a mobilisation over ``area`` calls: person id → why (members, volunteers, teams). Home party
    memberships of the area's organisations, current volunteer posts in the area, the plan's team members
    (every plan of the area when none is given); ``estate`` keeps those who live there."""
    from lianxin.party.models import Membership
    from lianxin.people.models import Person, Post
    from lianxin.people.roles import Role

    found: dict[int, str] = {}
    if audience in (Audience.ALL, Audience.TEAMS):
        plans = [plan] if plan is not None else EmergencyPlan.objects.filter(under("area_path", area.path))
        for p in plans:
            for team in PlanTeam.objects.filter(plan=p):
                for pk in team_person_ids(team):
                    found.setdefault(pk, "teams")
    if audience in (Audience.ALL, Audience.MEMBERS):
        for pk in (
            Membership.objects.current()
            .filter(under("area_path", area.path), is_home=True)
            .values_list("person_id", flat=True)
        ):
            found.setdefault(pk, "members")
    if audience in (Audience.ALL, Audience.VOLUNTEERS):
        for pk in (
            Post.objects.current()
            .filter(under("area_path", area.path), role=Role.VOLUNTEER)
            .values_list("person_id", flat=True)
        ):
            found.setdefault(pk, "volunteers")
    if estate is not None:
        living = set(
            Person.objects.filter(pk__in=list(found))
            .filter(under("area_path", estate.path))
            .values_list("pk", flat=True)
        )
        found = {pk: why for pk, why in found.items() if pk in living}
    return found


def grids_of(area, person_ids) -> dict[int, object]:
    """Each person's grid (the estate or grid over where he lives, under ``area`` or anywhere)."""
    from lianxin.people.models import Person

    paths = dict(Person.objects.filter(pk__in=list(person_ids)).values_list("pk", "area_path"))
    wanted = {p for path in paths.values() if path for p in ancestor_paths(path)}
    grids = {a.path: a for a in Area.objects.filter(path__in=wanted, level__in=GRID_LEVELS)}
    result = {}
    for pk, path in paths.items():
        grid = None
        for p in reversed(ancestor_paths(path)) if path else []:
            if p in grids:
                grid = grids[p]
                break
        result[pk] = grid
    return result


@dataclass
class RosterGrid:
    grid: object
    members: int = 0
    volunteers: int = 0
    teams: int = 0
    people: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.people)


def roster(area, *, plan=None) -> list[RosterGrid]:
    """The roster by grid: for each grid, the people a full mobilisation would call, by why."""
    from lianxin.people.models import Person

    ids = roster_ids(area, plan=plan)
    grids = grids_of(area, ids)
    names = dict(Person.objects.filter(pk__in=list(ids)).values_list("pk", "name"))
    rows: dict = {}
    for pk, why in ids.items():
        grid = grids.get(pk)
        row = rows.setdefault(grid.pk if grid else 0, RosterGrid(grid=grid))
        setattr(row, why, getattr(row, why) + 1)
        row.people.append((names.get(pk, ""), why))
    ordered = sorted(rows.values(), key=lambda r: (r.grid is None, r.grid.path if r.grid else ""))
    for row in ordered:
        row.people.sort()
    return ordered


@dataclass
class MobilisationFigures:
    called: int
    answered: int
    on_duty: int
    standby: int
    unable: int
    within_30: int
    within_60: int
    silent: list
    curve: list  # [(minutes since launch, answered so far)]
    silent_total: int = 0

    @property
    def silent_count(self) -> int:
        return self.silent_total

    @staticmethod
    def share(part: int, whole: int):
        return round(part * 100.0 / whole, 1) if whole else None

    @property
    def share_30(self):
        return self.share(self.within_30, self.called)

    @property
    def share_60(self):
        return self.share(self.within_60, self.called)

    @property
    def answered_share(self):
        return self.share(self.answered, self.called)


def answers_of(mobilisation: Mobilisation):
    from lianxin.volunteering.models import CalloutAnswer

    # Only those the mobilisation called: the call-out's own page may take answers from others it reaches.
    called = MobilisationRecipient.objects.filter(mobilisation_id=mobilisation.pk).values("person_id")
    return CalloutAnswer.objects.filter(callout_id=mobilisation.callout_id, person_id__in=called)


def mobilisation_figures(
    mobilisation: Mobilisation, *, curve_step: int = 5, silent_limit: int | None = None
) -> MobilisationFigures:
    """The figures of the live page, the API and the export (one computation); ``silent_limit`` lists only
    the first so many of the silent (the page; the count is always whole)."""
    from lianxin.volunteering.models import Answer

    answers = answers_of(mobilisation)
    start = mobilisation.launched_at
    counts = answers.aggregate(
        answered=Count("pk"),
        on_duty=Count("pk", filter=Q(answer=Answer.ON_DUTY)),
        standby=Count("pk", filter=Q(answer=Answer.STANDBY)),
        unable=Count("pk", filter=Q(answer=Answer.UNABLE)),
        within_30=Count("pk", filter=Q(answered_at__lte=start + timedelta(minutes=30))),
        within_60=Count("pk", filter=Q(answered_at__lte=start + timedelta(minutes=60))),
    )
    times = sorted(answers.values_list("answered_at", flat=True))
    minutes = [max(0, int((t - start).total_seconds() // 60)) for t in times]
    # The first 24 hours at most, in at most ~100 steps (5 minutes for a drill's first hours).
    end = min(max([60, *minutes]) if minutes else 60, 24 * 60)
    curve_step = max(curve_step, -(-end // 100))
    end = ((end + curve_step - 1) // curve_step) * curve_step
    curve, i = [], 0
    for m in range(0, end + 1, curve_step):
        while i < len(minutes) and minutes[i] <= m:
            i += 1
        curve.append((m, i))
    answered_ids = answers.values("person_id")
    silent_qs = (
        MobilisationRecipient.objects.filter(mobilisation=mobilisation)
        .exclude(person_id__in=answered_ids)
        .select_related("person", "grid")
        .order_by("grid__path", "person__name")
    )
    silent = list(silent_qs[:silent_limit] if silent_limit is not None else silent_qs)
    return MobilisationFigures(
        called=mobilisation.called,
        silent=silent,
        silent_total=mobilisation.called - counts["answered"],
        curve=curve,
        **counts,
    )


def recipient_rows(mobilisation: Mobilisation):
    """Every person called, with his answer (or none): the export's rows."""
    answers = {a.person_id: a for a in answers_of(mobilisation)}
    rows = (
        MobilisationRecipient.objects.filter(mobilisation=mobilisation)
        .select_related("person", "grid")
        .order_by("grid__path", "person__name")
    )
    return [(r, answers.get(r.person_id)) for r in rows]


def mine(*, user):
    """The mobilisations that call the user, newest first, with his answer if any."""
    if not user.is_authenticated or not user.person_id:
        return []
    rows = (
        MobilisationRecipient.objects.filter(person_id=user.person_id)
        .select_related("mobilisation__callout", "mobilisation__area")
        .order_by("-mobilisation__launched_at")[:50]
    )
    from lianxin.volunteering.models import CalloutAnswer

    callout_ids = [r.mobilisation.callout_id for r in rows]
    answers = {
        a.callout_id: a
        for a in CalloutAnswer.objects.filter(person_id=user.person_id, callout_id__in=callout_ids)
    }
    return [(r, answers.get(r.mobilisation.callout_id)) for r in rows]


def is_called(user) -> bool:
    return bool(
        user.is_authenticated
        and user.person_id
        and MobilisationRecipient.objects.filter(person_id=user.person_id).exists()
    )
