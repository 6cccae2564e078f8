"""Points over the API: the caller's balance and ledger, the rewards on offer, redeeming, and confirming a
code at the shop. Thin: reads through ``lianxin.points.selectors``, writes through
``lianxin.points.services``; a refusal there (``DomainError``) is answered with its status (409 积分不足,
库存不足, 该兑换码已核销). Points are whole numbers. Each caller sees only his own points and codes, and
shop staff their shops' codes: anything else is 404.
"""

from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Path, Query, Router, Schema, Status

from lianxin.core.api_idempotency import IDEMPOTENCY_KEY
from lianxin.core.api_pagination import PageParams, cursor_decode, cursor_encode, page_schema, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.points import selectors, services
from lianxin.points.models import Redemption, Reward

points_router = Router(tags=[gettext_lazy("Points")])
rewards_router = Router(tags=[gettext_lazy("Points")])
redemptions_router = Router(tags=[gettext_lazy("Points")])


class BalanceOut(Schema):
    balance: int = Field(description=gettext_lazy("Points now: the last entry's balance after it."))


class EntryOut(Schema):
    seq: int = Field(description=gettext_lazy("The entry's number in your ledger: 1, 2, 3 …"))
    kind: str
    kind_label: str
    amount: int = Field(description=gettext_lazy("Points added (positive) or taken (negative)."))
    balance_after: int
    reason: str
    source_kind: str
    source_id: str
    created_at: datetime


class RewardOut(Schema):
    id: int
    name: str
    description: str
    points_price: int
    stock: int
    shop: str


class RedemptionOut(Schema):
    code: str = Field(description=gettext_lazy("Shown at the shop, which confirms it once."))
    reward: RewardOut
    points: int
    state: str
    state_label: str
    created_at: datetime
    expires_at: datetime
    confirmed_at: datetime | None


class RedeemIn(Schema):
    reward: ObjectId = Field(description=gettext_lazy("The reward's id (GET /api/v1/rewards/)."))


EntryPage = page_schema(EntryOut, "PointsEntryPage")
RewardPage = page_schema(RewardOut, "RewardPage")
RedemptionPage = page_schema(RedemptionOut, "RedemptionPage")


def _entry(entry) -> dict:
    return {
        "seq": entry.seq,
        "kind": entry.kind,
        "kind_label": entry.get_kind_display(),
        "amount": entry.amount,
        "balance_after": entry.balance_after,
        "reason": entry.reason,
        "source_kind": entry.source_kind,
        "source_id": entry.source_id,
        "created_at": entry.created_at,
    }


def _reward(reward: Reward) -> dict:
    return {
        "id": reward.pk,
        "name": reward.name,
        "description": reward.description,
        "points_price": reward.points_price,
        "stock": reward.stock,
        "shop": reward.shop.name,
    }


def _redemption(redemption: Redemption) -> dict:
    return {
        "code": redemption.code,
        "reward": _reward(redemption.reward),
        "points": redemption.points,
        "state": redemption.state,
        "state_label": redemption.get_state_display(),
        "created_at": redemption.created_at,
        "expires_at": redemption.expires_at,
        "confirmed_at": redemption.confirmed_at,
    }


@points_router.get("/balance", response=BalanceOut, summary=gettext_lazy("Your points"))
def points_balance(request):
    return {"balance": selectors.balance_of(request.user.person)}


@points_router.get(
    "/entries",
    response=EntryPage,
    summary=gettext_lazy("Your points ledger"),
    description=gettext_lazy("Newest first; paged with limit and cursor."),
)
def points_entries(request, page: Query[PageParams]):
    before = cursor_decode(page.cursor, key="-seq", kind=int) if page.cursor else None
    items, last = selectors.entries_page(request.user.person, before=before, limit=page.limit)
    return {
        "items": [_entry(e) for e in items],
        "next_cursor": cursor_encode("-seq", last) if last is not None else None,
    }


@rewards_router.get("/", response=RewardPage, summary=gettext_lazy("Rewards on offer"))
def rewards_list(request, page: Query[PageParams]):
    chunk = paginate(selectors.rewards_on_offer(), page)
    return {"items": [_reward(r) for r in chunk.items], "next_cursor": chunk.next_cursor}


@redemptions_router.get(
    "/",
    response=RedemptionPage,
    summary=gettext_lazy("Redemption codes"),
    description=gettext_lazy("Your own codes; for partner shop staff, their shops' codes. Newest first."),
)
def redemptions_list(request, page: Query[PageParams]):
    chunk = paginate(selectors.redemptions_for(request.user), page, descending=True)
    return {"items": [_redemption(r) for r in chunk.items], "next_cursor": chunk.next_cursor}


@redemptions_router.post(
    "/",
    response={201: RedemptionOut},
    summary=gettext_lazy("Redeem points for a reward"),
    description=gettext_lazy(
        "Takes the reward's points and one of its stock and issues a code to show at the shop; 409 when "
        "your points or its stock are not enough. A retry with the same Idempotency-Key redeems once."
    ),
)
def redemption_create(request, payload: RedeemIn, idempotency_key: str = IDEMPOTENCY_KEY):
    reward = selectors.rewards_on_offer().filter(pk=payload.reward).first()
    if reward is None:
        raise DomainError(_("This reward is not on offer."), code="not_found", field="reward")
    redemption = services.reward_redeem(request.user, reward=reward, key=idempotency_key)
    return Status(201, _redemption(redemption))


@redemptions_router.post(
    "/{code}/confirm",
    response=RedemptionOut,
    summary=gettext_lazy("Confirm a code at the shop (核销)"),
    description=gettext_lazy(
        "For partner shop staff: the reward is handed over. 409 when the code was already confirmed or "
        "has expired; 404 for a code of another shop."
    ),
)
def redemption_confirm(request, code: str = Path(..., max_length=40)):
    return _redemption(services.redemption_confirm(request.user, code=code))
