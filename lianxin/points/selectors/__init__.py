"""Reads of the points app: balances, ledgers, rewards on offer, redemptions by whom may see them."""

from lianxin.points.selectors.ledger import (
    account_of,
    balance_of,
    entries_of,
    entries_page,
    ledger_problems,
)
from lianxin.points.selectors.rewards import (
    redemptions_for,
    redemptions_mine,
    redemptions_of_shops,
    rewards_on_offer,
)

__all__ = [
    "account_of",
    "entries_page",
    "balance_of",
    "entries_of",
    "ledger_problems",
    "redemptions_for",
    "redemptions_mine",
    "redemptions_of_shops",
    "rewards_on_offer",
]
