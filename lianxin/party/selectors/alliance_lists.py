"""Reads of an alliance's three lists (P003-38–40). The caller has the user's ``alliance_standing``: the
lists are the alliance's, published to its members, so every row of the alliance is in reach once he
has it."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum

from lianxin.party.models import AllianceDeal, AllianceDemand, AllianceOffer, DemandState


def demands_of(alliance, *, state: str | None = None):
    rows = AllianceDemand.objects.filter(alliance=alliance).select_related(
        "organisation", "offer__organisation"
    )
    return rows.filter(state=state) if state else rows


def offers_of(alliance, *, active: bool | None = None):
    rows = AllianceOffer.objects.filter(alliance=alliance).select_related("organisation")
    return rows if active is None else rows.filter(active=active)


def matches_of(alliance):
    """Demands matched to an offer, whether their deal is recorded yet or not."""
    return demands_of(alliance).filter(offer__isnull=False)


def deals_of(alliance):
    return AllianceDeal.objects.filter(alliance=alliance).select_related(
        "demand__organisation", "offer__organisation"
    )


@dataclass(frozen=True)
class ListCounts:
    demands: dict[str, int]  # by state, every state present
    offers: int
    offers_active: int
    deals: int
    deal_value: Decimal


def list_counts(alliance) -> ListCounts:
    by_state = dict(
        AllianceDemand.objects.filter(alliance=alliance).values_list("state").annotate(n=Count("id"))
    )
    offers = AllianceOffer.objects.filter(alliance=alliance)
    deals = AllianceDeal.objects.filter(alliance=alliance).aggregate(n=Count("id"), value=Sum("value"))
    return ListCounts(
        demands={state: by_state.get(state, 0) for state in DemandState.values},
        offers=offers.count(),
        offers_active=offers.filter(active=True).count(),
        deals=deals["n"] or 0,
        deal_value=deals["value"] or Decimal("0.00"),
    )


def _bigrams(text: str) -> set[str]:
    # Chinese titles have no spaces: two characters in common (防腐, 喷涂) is what "shares a word" means here.
    text = "".join(ch for ch in (text or "") if not ch.isspace())
    return {text[i : i + 2] for i in range(len(text) - 1)}


def offer_suggestions(demand, offers=None) -> list:
    """Active offers of other members sharing words with the demand's title, most shared first (P003-39)."""
    wanted = _bigrams(demand.title)
    if not wanted:
        return []
    candidates = offers if offers is not None else offers_of(demand.alliance_id, active=True)
    scored = []
    for offer in candidates:
        if offer.organisation_id == demand.organisation_id or not offer.active:
            continue
        shared = len(wanted & _bigrams(f"{offer.title} {offer.description}"))
        if shared:
            scored.append((-shared, offer.pk, offer))
    return [offer for _s, _pk, offer in sorted(scored, key=lambda row: row[:2])]
