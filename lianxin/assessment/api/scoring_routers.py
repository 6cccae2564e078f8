"""The scoring part's (prefix, router) pairs."""

ROUTERS: list = []
