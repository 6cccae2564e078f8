"""The letters part's (prefix, router) pairs."""

ROUTERS: list = []
