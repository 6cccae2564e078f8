"""The alliances a user reaches (their managers and member enterprises' contacts, as for the three lists),
with their chair, policy lists and joint activities: one reading for the pages and the API."""

from django.utils import timezone

from lianxin.party.models import AllianceChairSeat, AllianceChairTerm, JointActivity, PolicyList
from lianxin.party.services.alliance_chairs import chair_current, member_label, term_months
from lianxin.party.services.alliance_lists import alliances_of_user


def chair_rows(user) -> list[dict]:
    today = timezone.localdate()
    rows = []
    for alliance in alliances_of_user(user):
        seats = AllianceChairSeat.objects.filter(alliance=alliance).select_related(
            "member__enterprise", "member__department", "member__party_org"
        )
        history = list(
            AllianceChairTerm.objects.filter(alliance=alliance)
            .select_related("member__enterprise", "member__department", "member__party_org")
            .order_by("-starts_on")
        )
        rows.append(
            {
                "alliance": alliance,
                "months": term_months(),
                "current": chair_current(alliance, today),
                "order": [member_label(s.member) for s in seats],
                "history": history,
            }
        )
    return rows


def policy_rows(user, *, alliance_id=None, all_versions: bool = False) -> list[PolicyList]:
    """The current version of each reachable alliance's list (every version with ``all_versions``)."""
    alliances = [a for a in alliances_of_user(user) if alliance_id in (None, a.pk)]
    rows = []
    for alliance in alliances:
        versions = (
            PolicyList.objects.filter(alliance=alliance).select_related("alliance").prefetch_related("items")
        )
        versions = versions.order_by("-version")
        rows.extend(versions if all_versions else versions[:1])
    return rows


def joint_rows(user, *, year: int | None = None):
    alliances = [a.pk for a in alliances_of_user(user)]
    rows = JointActivity.objects.filter(alliance_id__in=alliances).select_related("alliance", "activity")
    if year:
        rows = rows.filter(activity__held_on__year=year)
    return rows.order_by("-activity__held_on", "-id")
