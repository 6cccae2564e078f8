"""The alliance's three lists (P003-38–40): member enterprises file demands and offers, a demand is matched
to another member's offer (待对接 → 已对接), and the deal that closes it is recorded with its value in yuan
(→ 已完成). Every write runs in one transaction with its audit records (the models are audit-registered)
and, for a deal, its roll-up.

Who: ``alliance_standing`` says what a user may do on one alliance. The alliance's managers (the secretaries
and organisation department over it, its chain leader, the staff of its chain lead department) act for any
member; a member enterprise's contact acts for his own enterprise. Both see the whole of the alliance's
lists: the lists are published to the alliance's members (P003-38).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.core.context import user_context
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import held_with, may
from lianxin.core.scope import CHANGE, VIEW
from lianxin.core.text import text_clean
from lianxin.party.models import (
    AllianceDeal,
    AllianceDemand,
    AllianceMember,
    AllianceOffer,
    AllianceRole,
    DemandState,
    OrgKind,
    PartyOrg,
)
from lianxin.party.rights import ALLIANCE_LIST_FILE, ALLIANCE_LIST_MANAGE
from lianxin.people.models import Organisation
from lianxin.rollups.services import rollup_add

DEAL_VALUE = "party.alliance_deal_value"
# Deals are recorded to the fen; the column holds 14 digits of which 2 decimals.
_MAX_VALUE = Decimal("999999999999.99")


@dataclass(frozen=True)
class Standing:
    manages: bool
    orgs: frozenset[int]  # the member enterprises the user files for (all members when he manages)

    def __bool__(self) -> bool:
        return self.manages or bool(self.orgs)


def _member_org_ids(alliance) -> set[int]:
    return set(
        AllianceMember.objects.filter(alliance=alliance, enterprise__isnull=False).values_list(
            "enterprise_id", flat=True
        )
    )


def _manages(user, alliance) -> bool:
    if may(user, ALLIANCE_LIST_MANAGE, alliance):
        return True
    # The chain lead department's staff lead the alliance without a post over its county.
    lead = set(
        AllianceMember.objects.filter(
            alliance=alliance, role=AllianceRole.LEAD_DEPARTMENT, department__isnull=False
        ).values_list("department_id", flat=True)
    )
    return any(held.grants.department_ids[CHANGE] & lead for held in held_with(user, ALLIANCE_LIST_MANAGE))


def alliance_standing(user, alliance) -> Standing:
    """What the user may do on the alliance's lists; falsy when nothing (the lists are not his to see)."""
    if not getattr(user, "is_authenticated", False) or alliance.kind != OrgKind.CHAIN_ALLIANCE:
        return Standing(False, frozenset())
    members = _member_org_ids(alliance)
    if _manages(user, alliance):
        return Standing(True, frozenset(members))
    own = set()
    for held in held_with(user, ALLIANCE_LIST_FILE):
        own |= held.grants.organisation_ids[VIEW] | held.grants.organisation_ids[CHANGE]
    return Standing(False, frozenset(own & members))


def alliances_of_user(user) -> list:
    """The alliances whose lists the user reaches, as a lead or as a member enterprise's contact. Only the
    alliances his capable posts could reach are weighed, so a user with neither capability costs nothing."""
    managing, filing = held_with(user, ALLIANCE_LIST_MANAGE), held_with(user, ALLIANCE_LIST_FILE)
    if not getattr(user, "is_authenticated", False) or not (managing or filing):
        return []
    alliances = PartyOrg.objects.filter(kind=OrgKind.CHAIN_ALLIANCE)
    near = Q(pk__in=[])
    if managing:
        departments = set().union(*(held.grants.department_ids[CHANGE] for held in managing))
        near |= Q(
            pk__in=PartyOrg.objects.restrict(user, CHANGE).filter(kind=OrgKind.CHAIN_ALLIANCE).values("pk")
        )
        near |= Q(
            alliance_members__role=AllianceRole.LEAD_DEPARTMENT, alliance_members__department__in=departments
        )
    if filing:
        orgs = set().union(
            *(held.grants.organisation_ids[VIEW] | held.grants.organisation_ids[CHANGE] for held in filing)
        )
        near |= Q(alliance_members__enterprise__in=orgs)
    return [a for a in alliances.filter(near).distinct().order_by("path") if alliance_standing(user, a)]


def lists_reachable(user) -> bool:
    """The menu's test, once per request."""
    return user_context(user).memo("party.alliance_lists", lambda: bool(alliances_of_user(user)))


def _standing_or_404(user, alliance) -> Standing:
    standing = alliance_standing(user, alliance)
    if not standing:
        from django.http import Http404

        raise Http404
    return standing


def _for_org(standing: Standing, organisation_id: int) -> None:
    if organisation_id not in standing.orgs:
        raise DomainError(
            _("You may act only for your own member enterprise."), code="forbidden", field="organisation"
        )


def _managing(standing: Standing) -> None:
    if not standing.manages:
        raise DomainError(_("Only the alliance's leads keep this."), code="forbidden")


def _text(value: str, field: str, *, required: bool = True, limit: int = 100) -> str:
    value = text_clean(value or "").strip()
    if required and not value:
        raise DomainError(_("Enter a title."), code="required", field=field)
    if len(value) > limit:
        raise DomainError(_("At most %(n)d characters.") % {"n": limit}, code="invalid", field=field)
    return value


def _member_org(alliance, organisation) -> Organisation:
    if organisation is None or organisation.pk not in _member_org_ids(alliance):
        raise DomainError(
            _("Choose a member enterprise of this alliance."), code="invalid", field="organisation"
        )
    return organisation


def money_parse(value) -> Decimal:
    """A value in yuan from a decimal string ("1200000.00"): positive, at most two decimals."""
    try:
        amount = Decimal(str(value).replace(",", "").replace("¥", "").strip())
    except (InvalidOperation, ValueError):
        amount = None
    if amount is None or not amount.is_finite() or amount <= 0 or amount > _MAX_VALUE:
        raise DomainError(_("Enter the value in yuan, e.g. 1200000.00."), code="invalid", field="value")
    if amount != amount.quantize(Decimal("0.01")):
        raise DomainError(
            _("The value is in yuan to the fen: two decimals at most."), code="invalid", field="value"
        )
    return amount.quantize(Decimal("0.01"))


@transaction.atomic
def demand_file(
    actor, *, alliance, organisation, title, quantity="", description="", needed_by: date | None = None
) -> AllianceDemand:
    standing = _standing_or_404(actor, alliance)
    _member_org(alliance, organisation)
    _for_org(standing, organisation.pk)
    return AllianceDemand.objects.create(
        alliance=alliance,
        organisation=organisation,
        title=_text(title, "title"),
        quantity=_text(quantity, "quantity", required=False, limit=50),
        description=_text(description, "description", required=False, limit=2000),
        needed_by=needed_by,
        created_by=actor,
    )


def _demand_locked(demand) -> AllianceDemand:
    return AllianceDemand.objects.select_for_update().select_related("alliance").get(pk=demand.pk)


def _not_done(demand) -> None:
    if demand.state == DemandState.DONE:
        raise DomainError(_("This demand is completed."), code="invalid_state")


@transaction.atomic
def demand_update(actor, *, demand, title, quantity="", description="", needed_by=None) -> AllianceDemand:
    demand = _demand_locked(demand)
    standing = _standing_or_404(actor, demand.alliance)
    _for_org(standing, demand.organisation_id)
    _not_done(demand)
    demand.title = _text(title, "title")
    demand.quantity = _text(quantity, "quantity", required=False, limit=50)
    demand.description = _text(description, "description", required=False, limit=2000)
    demand.needed_by = needed_by
    demand.save(update_fields=["title", "quantity", "description", "needed_by"])
    return demand


@transaction.atomic
def offer_file(actor, *, alliance, organisation, title, description="") -> AllianceOffer:
    standing = _standing_or_404(actor, alliance)
    _member_org(alliance, organisation)
    _for_org(standing, organisation.pk)
    return AllianceOffer.objects.create(
        alliance=alliance,
        organisation=organisation,
        title=_text(title, "title"),
        description=_text(description, "description", required=False, limit=2000),
        created_by=actor,
    )


@transaction.atomic
def offer_set_active(actor, *, offer, active: bool) -> AllianceOffer:
    offer = AllianceOffer.objects.select_for_update().select_related("alliance").get(pk=offer.pk)
    _for_org(_standing_or_404(actor, offer.alliance), offer.organisation_id)
    offer.active = bool(active)
    offer.save(update_fields=["active"])
    return offer


@transaction.atomic
def demand_match(actor, *, demand, offer) -> AllianceDemand:
    """Match an open demand to another member's offer (待对接 → 已对接); a matched one may be matched again to
    a better offer until its deal is recorded. The demanding enterprise or the alliance's leads match."""
    demand = _demand_locked(demand)
    standing = _standing_or_404(actor, demand.alliance)
    _for_org(standing, demand.organisation_id)
    _not_done(demand)
    if offer is None or offer.alliance_id != demand.alliance_id:
        raise DomainError(_("Choose an offer of this alliance."), code="invalid", field="offer")
    if offer.organisation_id == demand.organisation_id:
        raise DomainError(
            _("The offer must come from another member enterprise."), code="invalid", field="offer"
        )
    if not offer.active:
        raise DomainError(_("This offer is no longer offered."), code="invalid_state", field="offer")
    demand.offer = offer
    demand.state = DemandState.MATCHED
    demand.matched_at = timezone.now()
    demand.save(update_fields=["offer", "state", "matched_at"])
    return demand


@transaction.atomic
def deal_record(actor, *, demand, value, signed_on: date | None = None) -> AllianceDeal:
    """The deal between the matched enterprises, with its value in yuan: it closes the demand (已完成) and
    adds to the alliance's deal value by area and day."""
    demand = _demand_locked(demand)
    standing = _standing_or_404(actor, demand.alliance)
    _for_org(standing, demand.organisation_id)
    _not_done(demand)
    amount = money_parse(value)
    if demand.state != DemandState.MATCHED or demand.offer_id is None:
        raise DomainError(_("Match the demand to an offer before recording its deal."), code="invalid_state")
    signed_on = signed_on or timezone.localdate()
    if signed_on > timezone.localdate():
        raise DomainError(_("The signing date cannot be in the future."), code="invalid", field="signed_on")
    try:
        with transaction.atomic():
            deal = AllianceDeal.objects.create(
                alliance=demand.alliance,
                demand=demand,
                offer_id=demand.offer_id,
                value=amount,
                signed_on=signed_on,
                created_by=actor,
            )
    except IntegrityError:
        # Another request closed it between our lock and insert (only possible without row locks: SQLite).
        raise DomainError(_("This demand is completed."), code="invalid_state") from None
    demand.state = DemandState.DONE
    demand.save(update_fields=["state"])
    if demand.alliance.area_path:
        rollup_add(key=DEAL_VALUE, area_path=demand.alliance.area_path, day=signed_on, value=amount)
    return deal
