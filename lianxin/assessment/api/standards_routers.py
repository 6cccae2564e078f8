"""The standards part's (prefix, router) pairs."""

ROUTERS: list = []
