"""Member households (党员中心户) with the households each serves, and liaison links ("1+11", P002-30).

Writes through these functions only; both models are audited (party app). Warnings come back as text, the
refusals as ``DomainError``.
"""

import datetime

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Household
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import under
from lianxin.party.coverage.report import LIAISON_MAX_HOUSEHOLDS
from lianxin.party.models import LiaisonLink, MemberHousehold, Membership, MembershipKind, OrgKind, PartyOrg
from lianxin.people.models import Person, Post
from lianxin.people.roles import Role


@transaction.atomic
def member_household_save(
    *,
    actor,
    household: Household,
    member: Person,
    group: PartyOrg,
    served,
    selected_on: datetime.date | None = None,
) -> MemberHousehold:
    """Record (or update) the member household of ``household``: its member must live there and be a current
    full or probationary member; it belongs to a party group and serves other households."""
    if member.household_id != household.pk:
        raise DomainError(_("The member must live in the member household."), field="member")
    is_member = (
        Membership.objects.current()
        .filter(person=member, kind__in=(MembershipKind.FULL, MembershipKind.PROBATIONARY))
        .exists()
    )
    if not is_member:
        raise DomainError(
            _("%(name)s is not a current party member.") % {"name": member.name}, field="member"
        )
    if group.kind != OrgKind.GROUP:
        raise DomainError(_("A member household belongs to a party group."), field="group")
    served = [h for h in served if h.pk != household.pk]
    record = MemberHousehold.objects.filter(household=household).first() or MemberHousehold(
        household=household
    )
    record.member = member
    record.group = group
    record.area_path = household.area_path
    if selected_on:
        record.selected_on = selected_on
    record.save()
    record.served.set(served)
    return record


@transaction.atomic
def liaison_households_set(*, actor, liaison: Person, area: Area, households) -> str:
    """Link exactly ``households`` (of ``area``) to ``liaison``: unchecked households of the area once his
    are unlinked, the others are linked (taken from another liaison if need be). The liaison must hold a
    current liaison post. Returns a warning when he now links more than the "1+11" limit."""
    if not Post.objects.current().filter(person=liaison, role=Role.LIAISON).exists():
        raise DomainError(_("%(name)s holds no liaison post.") % {"name": liaison.name}, field="liaison")
    households = list(households)
    keep = {h.pk for h in households}
    LiaisonLink.objects.filter(liaison=liaison).filter(under("area_path", area.path)).exclude(
        household_id__in=keep
    ).delete()
    for household in households:
        link = LiaisonLink.objects.filter(household=household).first()
        if link is None:
            LiaisonLink.objects.create(liaison=liaison, household=household, area_path=household.area_path)
        elif link.liaison_id != liaison.pk:
            link.liaison = liaison
            link.since = datetime.date.today()
            link.save(update_fields=["liaison", "since"])
    total = LiaisonLink.objects.filter(liaison=liaison).count()
    if total > LIAISON_MAX_HOUSEHOLDS:
        return _("%(name)s now links %(count)d households, more than %(max)d (“1+11”).") % {
            "name": liaison.name,
            "count": total,
            "max": LIAISON_MAX_HOUSEHOLDS,
        }
    return ""


def area_member_households(*, user, area: Area):
    return (
        MemberHousehold.objects.restrict(user)
        .filter(under("area_path", area.path))
        .select_related("household", "member", "group")
        .annotate(served_count=Count("served"))
        .order_by("area_path", "id")
    )


def households_unserved(*, user, area: Area):
    """Households under the area that neither are a member household nor are served by one (P000-35)."""
    records = MemberHousehold.objects.restrict(user).filter(under("area_path", area.path))
    return (
        Household.objects.restrict(user)
        .filter(under("area_path", area.path))
        .exclude(pk__in=records.values("household_id"))
        .exclude(pk__in=records.filter(served__isnull=False).values("served"))
    )


def member_household_counts(*, user, area: Area) -> dict[str, int]:
    """Member households under the area, the households they cover (themselves and those they serve) and
    the households with none: the figures of the page, the API and the export."""
    households = Household.objects.restrict(user).filter(under("area_path", area.path)).count()
    without = households_unserved(user=user, area=area).count()
    return {
        "count": MemberHousehold.objects.restrict(user).filter(under("area_path", area.path)).count(),
        "households_covered": households - without,
        "households_without": without,
    }


def area_liaisons(*, user, area: Area) -> list[dict]:
    """Liaisons with households in the area: each with his households there and his total."""
    links = (
        LiaisonLink.objects.restrict(user)
        .filter(under("area_path", area.path))
        .select_related("liaison", "household")
        .order_by("liaison_id", "household__address")
    )
    rows: dict[int, dict] = {}
    for link in links:
        row = rows.setdefault(link.liaison_id, {"liaison": link.liaison, "households": []})
        row["households"].append(link.household)
    for row in rows.values():
        row["over_limit"] = len(row["households"]) > LIAISON_MAX_HOUSEHOLDS
    return list(rows.values())


def household_helpers(*, user) -> dict:
    """Who serves the user's own household: the member households (党员中心户) that serve it or that it is,
    and its liaison ("1+11"). A resident sees these whatever his posts: they are about his own home."""
    household_id = getattr(getattr(user, "person", None), "household_id", None)
    if not household_id:
        return {"member_households": [], "liaison": None}
    member_households = list(
        MemberHousehold.objects.filter(Q(served=household_id) | Q(household_id=household_id))
        .select_related("household", "member", "group")
        .distinct()
        .order_by("id")
    )
    liaison = LiaisonLink.objects.filter(household_id=household_id).select_related("liaison").first()
    return {"member_households": member_households, "liaison": liaison}
