"""The deliberation app's routers, mounted under /api/v1/ by lianxin/api.py: (prefix, router) pairs."""

from lianxin.deliberation.api.meetings import kinds_router
from lianxin.deliberation.api.meetings import router as meetings_router
from lianxin.deliberation.api.topics import router as topics_router

ROUTERS: list = [
    ("/meetings/", meetings_router),
    ("/topics/", topics_router),
    ("/meeting-kinds/", kinds_router),
]
