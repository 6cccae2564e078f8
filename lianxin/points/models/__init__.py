from lianxin.points.models.ledger import (
    EntryKind,
    ImmutableEntryError,
    PointsAccount,
    PointsEntry,
)
from lianxin.points.models.rewards import Redemption, RedemptionState, Reward

__all__ = [
    "EntryKind",
    "ImmutableEntryError",
    "PointsAccount",
    "PointsEntry",
    "Redemption",
    "RedemptionState",
    "Reward",
]
