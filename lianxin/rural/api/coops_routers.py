"""The coops part's API routers: (prefix, router) pairs mounted under /api/v1/."""

ROUTERS: list = []
