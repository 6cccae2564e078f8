"""The authorization matrix of the supervision pages and API (lianxin.core.access)."""

ACCESS: dict = {}
