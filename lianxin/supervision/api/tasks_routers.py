"""The tasks part's (prefix, router) pairs."""

ROUTERS: list = []
