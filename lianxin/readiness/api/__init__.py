"""The readiness app's routers, mounted under /api/v1/ by lianxin/api.py: (prefix, router) pairs."""

from lianxin.readiness.api.routers import acks_router, mobilisations_router, plans_router

ROUTERS: list = [
    ("/emergency-plans/", plans_router),
    ("/mobilisations/", mobilisations_router),
    ("/acks/", acks_router),
]
