"""The authorization matrix of the deliberation pages and API (lianxin.core.access)."""

ACCESS: dict = {}
