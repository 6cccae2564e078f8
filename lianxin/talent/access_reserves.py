"""The reserves part's routes in the authorization matrix (lianxin.core.access)."""

ACCESS: dict = {}
