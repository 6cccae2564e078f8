"""The deliberation app's routers, mounted under /api/v1/ by lianxin/api.py: (prefix, router) pairs."""

ROUTERS: list = []
