"""The authorization matrix of the assessment pages and API (lianxin.core.access)."""

ACCESS: dict = {}
