"""The pool part's reads: what pages, API and Excel share, so their numbers agree."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from lianxin.areas.models import Area, Level
from lianxin.core.paths import under
from lianxin.core.scope import VIEW
from lianxin.people.models import Post
from lianxin.rural.permissions import FIRST_SECRETARY, RETURNEE_ROLES
from lianxin.talent.models import (
    ClusterEngagement,
    Invitation,
    NeedStatus,
    OutreachEvent,
    ReturnKind,
    TalentChannel,
    TalentField,
    TalentNeed,
    TalentProfile,
    TalentReturn,
    TalentStatus,
    Willingness,
)
from lianxin.talent.services.pool import followup_days, need_shared_skills


def share(part: int, whole: int) -> Decimal | None:
    """A percentage to one decimal place (45.0), None when there is no whole."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# Talents.


def talents_for(
    *,
    user,
    area: Area | None = None,
    field: str = "",
    willingness: str = "",
    status: str = "",
    channel_id: int | None = None,
    q: str = "",
) -> QuerySet:
    rows = TalentProfile.objects.restrict(user, VIEW).select_related("home_area", "channel", "finder")
    if area is not None:
        rows = rows.filter(under("area_path", area.path))
    if field:
        rows = rows.filter(field=field)
    if willingness:
        rows = rows.filter(willingness=willingness)
    if status:
        rows = rows.filter(status=status)
    if channel_id:
        rows = rows.filter(channel_id=channel_id)
    if q:
        rows = rows.filter(Q(name__contains=q) | Q(skills__contains=q) | Q(current_city__contains=q))
    return rows.order_by("id")


def talent_figures(rows: QuerySet) -> dict:
    by_field = dict(rows.order_by().values_list("field").annotate(n=Count("id")))
    by_status = dict(rows.order_by().values_list("status").annotate(n=Count("id")))
    return {
        "total": rows.count(),
        "willing": rows.filter(willingness=Willingness.WILLING).count(),
        "returned": by_status.get(TalentStatus.RETURNED, 0),
        "by_field": [(str(label), by_field.get(value, 0)) for value, label in TalentField.choices],
    }


def channels_for(*, user) -> list[dict]:
    """Each channel of the user's scope with its recruits (talents it reached) and returns (P000-18)."""
    talents = TalentProfile.objects.restrict(user, VIEW)
    returns = TalentReturn.objects.restrict(user, VIEW)
    recruits = dict(talents.order_by().values_list("channel_id").annotate(n=Count("id")))
    returned = dict(returns.order_by().values_list("channel_id").annotate(n=Count("id")))
    out = []
    for channel in TalentChannel.objects.restrict(user, VIEW).select_related("area", "party_org"):
        out.append(
            {
                "channel": channel,
                "recruits": recruits.get(channel.pk, 0),
                "returns": returned.get(channel.pk, 0),
            }
        )
    return out


def visitors_for(talent: TalentProfile) -> QuerySet:
    """Who may be recorded as visiting a talent: the persons holding a post in force over his village (its
    two-committee members, resident cadres, the township's cadres)."""
    from lianxin.core.paths import ancestor_paths
    from lianxin.people.models import Person

    posts = Post.objects.current().filter(area__path__in=ancestor_paths(talent.area_path))
    return Person.objects.filter(pk__in=posts.values("person_id")).order_by("name")


# Needs.


def needs_for(*, user, status: str = "") -> QuerySet:
    rows = (
        TalentNeed.objects.restrict(user, VIEW)
        .select_related("area")
        .annotate(matchings_n=Count("matchings"))
    )
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("-posted_on", "-id")


def need_suggestions(need: TalentNeed, *, user, limit: int = 50) -> list[tuple[TalentProfile, list[str]]]:
    """Talents of the user's scope whose recorded skills match the need's, still in the pool or returned,
    best first (most shared skills)."""
    if not need.skills.strip() or need.status != NeedStatus.OPEN:
        return []
    found = []
    for talent in talents_for(user=user).exclude(status=TalentStatus.SELECTED):
        shared = need_shared_skills(need, talent)
        if shared:
            found.append((talent, shared))
    found.sort(key=lambda pair: (-len(pair[1]), pair[0].pk))
    return found[:limit]


# Outreach events.


def events_for(*, user) -> QuerySet:
    return (
        OutreachEvent.objects.restrict(user, VIEW)
        .select_related("area")
        .annotate(
            invited_n=Count("invitations", distinct=True),
            attended_n=Count("invitations", filter=Q(invitations__attended=True), distinct=True),
            returns_n=Count("returns", distinct=True),
        )
        .order_by("-held_on", "-id")
    )


def event_figures(event: OutreachEvent) -> dict:
    invitations = Invitation.objects.filter(event=event)
    invited = invitations.count()
    attended = invitations.filter(attended=True).count()
    return {
        "invited": invited,
        "attended": attended,
        "attendance_share": share(attended, invited),
        "returns": event.returns.count(),
    }


# Returns.


@dataclass(frozen=True)
class Period:
    since: date
    until: date

    @classmethod
    def year(cls, year: int | None = None) -> "Period":
        year = year or timezone.localdate().year
        return cls(date(year, 1, 1), date(year, 12, 31))

    def previous(self) -> "Period":
        days = (self.until - self.since).days + 1
        return Period(self.since - timedelta(days=days), self.since - timedelta(days=1))

    @property
    def label(self) -> str:
        return f"{self.since.isoformat()} — {self.until.isoformat()}"


def period_parse(since: str | None, until: str | None, year: str | int | None) -> Period:
    from lianxin.core.errors_domain import DomainError

    try:
        if since or until:
            start = date.fromisoformat(since) if since else date(date.fromisoformat(until).year, 1, 1)
            end = date.fromisoformat(until) if until else date(start.year, 12, 31)
            if end < start:
                raise ValueError
            return Period(start, end)
        return Period.year(int(year) if year else None)
    except (TypeError, ValueError):
        raise DomainError("日期不正确", field="since") from None


def returns_for(*, user, area: Area | None = None, period: Period | None = None, kind: str = "") -> QuerySet:
    rows = TalentReturn.objects.restrict(user, VIEW).select_related("talent", "village", "channel", "event")
    if area is not None:
        rows = rows.filter(under("area_path", area.path))
    if period is not None:
        rows = rows.filter(returned_on__gte=period.since, returned_on__lte=period.until)
    if kind:
        rows = rows.filter(kind=kind)
    return rows.order_by("-returned_on", "-id")


def return_figures(*, user, area: Area | None = None, period: Period, kind: str = "") -> dict:
    """Returns in the period: count, by type, by village; share of the pool (talents of the same scope
    and area) and change from the previous period of the same length."""
    rows = returns_for(user=user, area=area, period=period, kind=kind)
    before = returns_for(user=user, area=area, period=period.previous(), kind=kind).count()
    count = rows.count()
    by_kind = dict(rows.order_by().values_list("kind").annotate(n=Count("id")))
    by_village = list(
        rows.order_by().values("village__name").annotate(n=Count("id")).order_by("-n", "village__name")
    )
    pool = talents_for(user=user, area=area).count()
    return {
        "count": count,
        "by_kind": [(value, str(label), by_kind.get(value, 0)) for value, label in ReturnKind.choices],
        "by_village": [(row["village__name"], row["n"]) for row in by_village],
        "pool": pool,
        "share": share(count, pool),
        "previous": before,
        "change": count - before,
        "period": period,
    }


def returns_followup_due(rows: QuerySet, *, on: date | None = None, days: int | None = None) -> QuerySet:
    """Returnees who had no follow-up within the last ``days`` (LIANXIN_RETURNEE_FOLLOWUP_DAYS) on ``on``:
    their latest follow-up (or their return, when none) lies ``days`` or more before ``on``. Returns after
    ``on`` are left out."""
    on = on or timezone.localdate()
    days = followup_days() if days is None else days
    limit = on - timedelta(days=days)
    rows = rows.filter(returned_on__lte=on).annotate(
        last_followup=Max("follow_ups__happened_on", filter=Q(follow_ups__happened_on__lte=on))
    )
    return rows.filter(
        Q(last_followup__isnull=True, returned_on__lte=limit) | Q(last_followup__lte=limit)
    ).order_by("returned_on", "id")


def followups_due_for(*, user, on: date | None = None) -> QuerySet:
    return returns_followup_due(returns_for(user=user), on=on)


# External people in cluster work (P002-11).


def engagements_for(*, user, on: date | None = None) -> list[dict]:
    """Per cluster of the user's scope: the external people engaged on ``on`` by origin and form, their
    count and their share of the cluster's working force (the distinct persons holding a post in force at
    the cluster or its villages, with the engaged ones)."""
    on = on or timezone.localdate()
    in_force = Q(start_date__lte=on) & (Q(end_date__isnull=True) | Q(end_date__gte=on))
    out = []
    clusters = Area.objects.restrict(user, VIEW).filter(level=Level.CLUSTER).order_by("path")
    for cluster in clusters:
        engaged = ClusterEngagement.objects.filter(in_force, cluster=cluster).select_related(
            "person", "talent"
        )
        persons = set(engaged.values_list("person_id", flat=True))
        force = set(
            Post.objects.filter(under("area_path", cluster.path))
            .filter(in_force)
            .values_list("person_id", flat=True)
        )
        whole = len(force | persons)
        out.append(
            {
                "cluster": cluster,
                "rows": list(engaged),
                "count": len(persons),
                "force": whole,
                "share": share(len(persons), whole),
            }
        )
    return out


# The seconded secretary's village.


def my_villages(user, *, on: date | None = None) -> list[Area]:
    """The villages where the user holds a returnee or first-secretary post in force."""
    if not getattr(user, "person_id", None):
        return []
    on = on or timezone.localdate()
    posts = Post.objects.filter(
        person_id=user.person_id, role__in=RETURNEE_ROLES | {FIRST_SECRETARY}, area__level=Level.VILLAGE
    ).filter(Q(start_date__lte=on) & (Q(end_date__isnull=True) | Q(end_date__gte=on)))
    return list(Area.objects.filter(pk__in=posts.values("area_id")).order_by("path"))


def village_posts(village: Area, *, on: date | None = None) -> QuerySet:
    on = on or timezone.localdate()
    return (
        Post.objects.filter(area=village)
        .filter(Q(start_date__lte=on) & (Q(end_date__isnull=True) | Q(end_date__gte=on)))
        .select_related("person")
        .order_by("role", "id")
    )
