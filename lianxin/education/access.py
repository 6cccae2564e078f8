"""The authorization matrix of the education pages and API (lianxin.core.access)."""

ACCESS: dict = {}
