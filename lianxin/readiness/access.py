"""The authorization matrix of the readiness pages and API (lianxin.core.access)."""

ACCESS: dict = {}
