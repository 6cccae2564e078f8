"""Reading activities, sign-ups and their counts (P000-49, P001-39, P002-37, P003-12, P003-29, P003-49,
P004-47), the same for the pages, the API and the exports. Activities are read in the reader's scope
(``restrict``); a person also sees the open activities of his community and the areas above it."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear, TruncMonth
from django.utils import timezone

from lianxin.areas.models import Area, PlaceActivity
from lianxin.core.paths import ancestor_paths
from lianxin.core.scope import under
from lianxin.volunteering.models import SignUp, SignUpGroup, VolunteerTeam


def _annotated(rows):
    return rows.select_related("place", "area", "organiser", "detail").annotate(
        signed_up=Count("signups", distinct=True),
        signed_in=Count("signups", filter=Q(signups__signed_in_at__isnull=False), distinct=True),
        team_count=Count("detail__teams", distinct=True),
        case_count=Count("detail__cases", distinct=True),
    )


def _open_q(person) -> Q:
    """Activities a person may sign up to: in his community (or under it) or in an area above him."""
    from lianxin.volunteering.services.activities import resident_community_path

    path = resident_community_path(person)
    if not path:
        return Q(pk__in=[])
    return (under("area_path", path) | Q(area_path__in=ancestor_paths(path))) & Q(detail__isnull=False)


def activities_for(
    *,
    user,
    root: Area | None = None,
    kind: str = "",
    with_signups: bool | None = None,
    since=None,
    until=None,
):
    """Activities the user may see: his scope's, and the ones open to him as a person."""
    condition = Q(pk__in=PlaceActivity.objects.restrict(user).values("pk"))
    if user.is_authenticated and user.person_id:
        condition |= _open_q(user.person)
    rows = PlaceActivity.objects.filter(condition)
    if root is not None:
        rows = rows.filter(under("area_path", root.path))
    if kind:
        rows = rows.filter(kind=kind)
    if with_signups:
        rows = rows.filter(detail__isnull=False)
    if since:
        rows = rows.filter(held_on__gte=since)
    if until:
        rows = rows.filter(held_on__lte=until)
    return _annotated(rows).order_by("-held_on", "-id")


def activities_open(*, user):
    """The activities a person may still sign up to (sign-in open, not over), soonest first."""
    if not (user.is_authenticated and user.person_id):
        return PlaceActivity.objects.none()
    rows = PlaceActivity.objects.filter(_open_q(user.person), detail__signin_open=True).filter(
        Q(ends_at__isnull=True) | Q(ends_at__gte=timezone.now())
    )
    return _annotated(rows).order_by("starts_at", "id")


def activity_signups(*, user, activity: PlaceActivity, organiser: bool):
    """The roll: everyone for the organiser's side, one's own row for the others."""
    rows = SignUp.objects.filter(activity=activity).select_related("person")
    if not organiser:
        rows = rows.filter(person_id=user.person_id or 0)
    return rows.order_by("signed_up_at", "id")


def signups_mine(*, user):
    if not (user.is_authenticated and user.person_id):
        return SignUp.objects.none()
    return (
        SignUp.objects.filter(person_id=user.person_id)
        .select_related("activity", "activity__place", "activity__detail")
        .order_by("-activity__held_on", "-id")
    )


@dataclass
class HoursMine:
    rows: list = field(default_factory=list)
    hours: Decimal = Decimal(0)
    points: int = 0
    activities: int = 0


def hours_mine(*, user) -> HoursMine:
    """A volunteer's confirmed hours and the points they paid (net of corrections)."""
    from lianxin.points.models import PointsEntry
    from lianxin.volunteering.services.activities import SOURCE_HOURS

    rows = list(signups_mine(user=user).filter(hours__isnull=False))
    # The points of these activities' hours only (net of corrections), not other entries of that source.
    points = (
        PointsEntry.objects.filter(
            account__person_id=user.person_id,
            source_kind=SOURCE_HOURS,
            source_id__in=[str(r.activity_id) for r in rows],
        ).aggregate(n=Sum("amount"))["n"]
        if rows
        else 0
    )
    return HoursMine(
        rows=rows, hours=sum((r.hours for r in rows), Decimal(0)), points=points or 0, activities=len(rows)
    )


def activity_totals(rows) -> dict:
    """Cumulative counts over a list of activities (P001-39, P004-47)."""
    base = PlaceActivity.objects.filter(pk__in=rows.values("pk"))
    sums = base.aggregate(
        activities=Count("id"),
        participants=Sum("participants"),
        residents_served=Sum("residents_served"),
        problems_solved=Sum("problems_solved"),
    )
    signups = SignUp.objects.filter(activity__in=base)
    return {
        "activities": sums["activities"] or 0,
        "participants": sums["participants"] or 0,
        "residents_served": sums["residents_served"] or 0,
        "problems_solved": sums["problems_solved"] or 0,
        "signed_up": signups.count(),
        "signed_in": signups.filter(signed_in_at__isnull=False).count(),
        "persons": signups.filter(signed_in_at__isnull=False).values("person_id").distinct().count(),
        "cases": base.filter(detail__cases__isnull=False).values("detail__cases").distinct().count(),
    }


def _children(user, root: Area | None):
    from lianxin.areas.selectors import area_children, area_roots

    if root is None:
        return list(area_roots(user=user))
    return list(area_children(user=user, area=root))


def counts_by_area(*, user, root: Area | None, since: date | None = None, until: date | None = None) -> list:
    """P000-49: activities, participants, sign-ups and distinct persons per area one level below ``root``."""
    rows = []
    for area in _children(user, root):
        scoped = activities_for(user=user, root=area, since=since, until=until)
        totals = activity_totals(scoped)
        rows.append({"area": area, **totals})
    return rows


def counts_by_branch_month(*, user, root: Area | None, year: int | None = None) -> list:
    """P003-12: per organising party organisation (an estate branch …) and month, activities and
    participants."""
    rows = activities_for(user=user, root=root).filter(organiser__isnull=False)
    if year:
        rows = rows.filter(held_on__year=year)
    base = PlaceActivity.objects.filter(pk__in=rows.values("pk"))
    return list(
        base.annotate(month=TruncMonth("held_on"))
        .values("organiser_id", "organiser__name", "month")
        .annotate(activities=Count("id"), participants=Sum("participants"))
        .order_by("organiser__name", "month")
    )


def counts_by_base_year(*, user, root: Area | None) -> list:
    """P003-49: per place (a base) and year, person-times (people signed in, or the participants logged)
    and distinct persons signed in."""
    rows = activities_for(user=user, root=root).filter(place__isnull=False)
    base = PlaceActivity.objects.filter(pk__in=rows.values("pk"))
    found = list(
        base.annotate(year=ExtractYear("held_on"))
        .values("place_id", "place__name", "year")
        .annotate(activities=Count("id"), person_times=Sum("participants"))
        .order_by("place__name", "year")
    )
    for row in found:
        row["persons"] = (
            SignUp.objects.filter(
                activity__in=base, activity__place_id=row["place_id"], activity__held_on__year=row["year"],
                signed_in_at__isnull=False,
            ).values("person_id").distinct().count()
        )  # fmt: skip
    return found


def counts_by_team(*, user, root: Area | None) -> list:
    """P004-47, P002-37: per team (with its leading organisation), its activities, volunteers signed in,
    residents served, problems solved and cases closed."""
    teams = VolunteerTeam.objects.restrict(user).select_related("leading_org", "area")
    if root is not None:
        teams = teams.filter(under("area_path", root.path))
    visible = activities_for(user=user).values("pk")
    result = []
    for team in teams.order_by("area_path", "name"):
        acts = PlaceActivity.objects.filter(detail__teams=team, pk__in=visible)
        totals = activity_totals(acts)
        result.append({"team": team, **totals})
    return result


def counts_by_leading_org(*, user, root: Area | None) -> list:
    """P002-37: teams led by each party organisation and their activities."""
    grouped: dict = {}
    for row in counts_by_team(user=user, root=root):
        org = row["team"].leading_org
        if org is None:
            continue
        entry = grouped.setdefault(org.pk, {"org": org, "teams": 0, "activities": 0, "participants": 0})
        entry["teams"] += 1
        entry["activities"] += row["activities"]
        entry["participants"] += row["participants"]
    return sorted(grouped.values(), key=lambda e: e["org"].path)


def hours_by_group(*, user, area: Area, day_from: date | None = None, day_to: date | None = None) -> dict:
    """P003-29: an area's confirmed volunteer hours by group, from the roll-up ``volunteering.hours``."""
    from lianxin.rollups.selectors import rollup_sum
    from lianxin.volunteering.services.activities import HOURS

    day_from = day_from or date(2000, 1, 1)
    day_to = day_to or timezone.localdate().replace(year=timezone.localdate().year + 5)
    groups = {}
    for value, label in SignUpGroup.choices:
        total = rollup_sum(
            key=HOURS, area_path=area.path, day_from=day_from, day_to=day_to, dims={"group": value}
        )
        groups[value] = {"label": label, "hours": total.value, "persons": total.count}
    total = sum((g["hours"] for g in groups.values()), Decimal(0))
    return {"area": area, "groups": groups, "total": total}


def activities_of_place(*, user, place):
    return activities_for(user=user).filter(place=place)
