"""An alliance's rotating chair (P003-35), versioned policy list (P003-41) and joint activities of five kinds
(P003-44). The alliance's managers (``alliance_standing(...).manages``: the organisation department and
secretaries over it, its chain lead department's staff) keep them; member enterprises read them.

- ``chair_rotation_set`` stores the rotation order; ``chair_rotation_start`` opens the first term;
  ``alliance_chairs_rotate`` (Huey, daily) hands over at the end of each term of
  ``LIANXIN_ALLIANCE_CHAIR_MONTHS`` months to the next member in order, keeping every term as history.
- ``policy_list_publish`` publishes a whole new version; ``policy_diff`` says what changed against the
  version before (added, removed, changed policies).
- ``joint_activity_record`` logs a co-building ``PlaceActivity`` with its alliance and kind.
"""

from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.models import PlaceActivityKind
from lianxin.areas.place_activities import place_activity_record
from lianxin.core.errors_domain import DomainError
from lianxin.core.text import text_clean
from lianxin.party.models import (
    AllianceChairSeat,
    AllianceChairTerm,
    AllianceMember,
    JointActivity,
    JointKind,
    OrgKind,
    PartyOrg,
    PolicyItem,
    PolicyList,
)
from lianxin.party.services.alliance_lists import alliance_standing


def _manager_require(actor, alliance) -> None:
    standing = alliance_standing(actor, alliance)
    if not standing:
        raise Http404
    if not standing.manages:
        raise DomainError(_("Only the alliance's leads keep this."), code="forbidden")


def _alliance_check(alliance) -> None:
    if alliance is None or alliance.kind != OrgKind.CHAIN_ALLIANCE:
        raise DomainError(_("Choose an alliance."), field="alliance")


def term_months() -> int:
    return int(getattr(settings, "LIANXIN_ALLIANCE_CHAIR_MONTHS", 12) or 12)


# The chair.


@transaction.atomic
def chair_rotation_set(actor, *, alliance, members: list) -> list[AllianceChairSeat]:
    """The rotation order: member units of the alliance, first to last (replaces the order before)."""
    _alliance_check(alliance)
    _manager_require(actor, alliance)
    if not members:
        raise DomainError(_("Name the members in their rotation order."), code="required", field="members")
    ids = [m.pk for m in members]
    if len(set(ids)) != len(ids):
        raise DomainError(_("Each member takes one place in the order."), field="members")
    known = set(AllianceMember.objects.filter(alliance=alliance, pk__in=ids).values_list("pk", flat=True))
    if known != set(ids):
        raise DomainError(_("Choose members of this alliance."), field="members")
    AllianceChairSeat.objects.filter(alliance=alliance).delete()
    return [
        AllianceChairSeat.objects.create(alliance=alliance, position=i, member=m)
        for i, m in enumerate(members, start=1)
    ]


@transaction.atomic
def chair_rotation_start(actor, *, alliance, starts_on: date) -> AllianceChairTerm:
    """The first term: the first in order takes the chair on ``starts_on``."""
    _alliance_check(alliance)
    _manager_require(actor, alliance)
    if AllianceChairTerm.objects.filter(alliance=alliance).exists():
        raise DomainError(_("The rotation has started already."), code="invalid_state")
    seat = AllianceChairSeat.objects.filter(alliance=alliance).order_by("position").first()
    if seat is None:
        raise DomainError(_("Set the rotation order first."), code="invalid_state")
    if starts_on is None:
        raise DomainError(_("Give the day the first term starts."), code="required", field="starts_on")
    return AllianceChairTerm.objects.create(
        alliance=alliance,
        member=seat.member,
        position=seat.position,
        starts_on=starts_on,
        ends_on=starts_on + relativedelta(months=term_months()),
    )


def chair_current(alliance, today: date | None = None) -> AllianceChairTerm | None:
    today = today or timezone.localdate()
    return (
        AllianceChairTerm.objects.filter(alliance=alliance, starts_on__lte=today, ends_on__gt=today)
        .select_related("member__enterprise", "member__department", "member__party_org")
        .first()
    )


def _next_seat(alliance, position: int):
    seats = list(AllianceChairSeat.objects.filter(alliance=alliance).order_by("position"))
    if not seats:
        return None
    for seat in seats:
        if seat.position > position:
            return seat
    return seats[0]


@transaction.atomic
def alliance_chairs_rotate(today: date | None = None) -> int:
    """Hand over every chair whose term has ended to the next member in order; returns the terms opened.
    Run daily; running it again the same day opens nothing more."""
    today = today or timezone.localdate()
    opened = 0
    alliance_ids = AllianceChairTerm.objects.values_list("alliance_id", flat=True).distinct()
    for alliance in PartyOrg.objects.filter(pk__in=list(alliance_ids)).select_for_update():
        last = AllianceChairTerm.objects.filter(alliance=alliance).order_by("-starts_on").first()
        while last is not None and last.ends_on <= today:
            seat = _next_seat(alliance, last.position)
            if seat is None:
                break
            last = AllianceChairTerm.objects.create(
                alliance=alliance,
                member=seat.member,
                position=seat.position,
                starts_on=last.ends_on,
                ends_on=last.ends_on + relativedelta(months=term_months()),
                automatic=True,
            )
            opened += 1
    return opened


def member_label(member) -> str:
    return str(member.enterprise or member.department or member.party_org or "—")


# The policy list.


@dataclass
class PolicyDiff:
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    changed: list = field(default_factory=list)  # (old item, new item)
    unchanged: int = 0

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def policy_diff(old: PolicyList | None, new: PolicyList) -> PolicyDiff:
    before = {i.title: i for i in old.items.all()} if old is not None else {}
    after = {i.title: i for i in new.items.all()}
    diff = PolicyDiff()
    for title, item in after.items():
        if title not in before:
            diff.added.append(item)
        elif (before[title].content, before[title].provider) != (item.content, item.provider):
            diff.changed.append((before[title], item))
        else:
            diff.unchanged += 1
    diff.removed = [item for title, item in before.items() if title not in after]
    return diff


def policy_previous(policy_list: PolicyList) -> PolicyList | None:
    return (
        PolicyList.objects.filter(alliance_id=policy_list.alliance_id, version__lt=policy_list.version)
        .order_by("-version")
        .first()
    )


def policy_current(alliance) -> PolicyList | None:
    return PolicyList.objects.filter(alliance=alliance).order_by("-version").first()


@transaction.atomic
def policy_list_publish(actor, *, alliance, title: str, items: list[dict], published_on=None) -> PolicyList:
    """A new version: ``items`` are {"title", "content", "provider"}; titles are unique within a version."""
    _alliance_check(alliance)
    _manager_require(actor, alliance)
    title = text_clean(title or "").strip()
    if not title:
        raise DomainError(_("Give the policy list a title."), code="required", field="title")
    cleaned, seen = [], set()
    for item in items or []:
        name = text_clean(item.get("title") or "").strip()[:100]
        if not name:
            raise DomainError(_("Give every policy a title."), code="required", field="items")
        if name in seen:
            raise DomainError(_("“%(title)s” is listed twice.") % {"title": name}, field="items")
        seen.add(name)
        cleaned.append(
            (
                name,
                text_clean(item.get("content") or "").strip(),
                text_clean(item.get("provider") or "")[:100],
            )
        )
    if not cleaned:
        raise DomainError(_("A policy list holds at least one policy."), code="required", field="items")
    PartyOrg.objects.select_for_update().filter(pk=alliance.pk).first()
    last = policy_current(alliance)
    policy_list = PolicyList.objects.create(
        alliance=alliance,
        version=(last.version if last else 0) + 1,
        title=title[:100],
        published_on=published_on or timezone.localdate(),
        published_by=actor,
    )
    PolicyItem.objects.bulk_create(
        PolicyItem(policy_list=policy_list, position=i, title=t, content=c, provider=p)
        for i, (t, c, p) in enumerate(cleaned, start=1)
    )
    return policy_list


# Joint activities.


@transaction.atomic
def joint_activity_record(
    actor, *, alliance, kind: str, title: str, held_on, participants: int = 0, host: str = "", note: str = ""
) -> JointActivity:
    _alliance_check(alliance)
    _manager_require(actor, alliance)
    if kind not in JointKind.values:
        raise DomainError(_("Choose one of the five kinds of joint activity."), field="kind")
    activity = place_activity_record(
        actor=actor,
        place=None,
        function=None,
        area=alliance.area,
        title=title,
        held_on=held_on,
        participants=participants,
        host=host,
        note=note,
        kind=PlaceActivityKind.CO_BUILDING,
        organiser=alliance,
    )
    return JointActivity.objects.create(alliance=alliance, activity=activity, kind=kind)


def joint_counts(rows) -> list[dict]:
    """Counts per kind and year of the joint activities given (a scoped queryset)."""
    got = {
        (r["year"], r["kind"]): r["n"]
        for r in rows.annotate(year=ExtractYear("activity__held_on"))
        .values("year", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    }
    years = sorted({y for y, _k in got}, reverse=True)
    return [
        {
            "year": y,
            "kinds": [
                {"kind": k, "label": str(label), "count": got.get((y, k), 0)}
                for k, label in JointKind.choices
            ],
            "total": sum(got.get((y, k), 0) for k in JointKind.values),
        }
        for y in years
    ]
