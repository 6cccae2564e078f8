"""/api/v1/topics/: an estate's topics (its residents, branch and community only; others 404), raising one,
seconding one (one per household: again 409)."""

from datetime import datetime

from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from lianxin.areas.models import Area
from lianxin.cases.models import Category
from lianxin.core.api_pagination import PageParams, page_schema, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.scope import get_for_user
from lianxin.deliberation.api.common import pick
from lianxin.deliberation.models import Topic
from lianxin.deliberation.selectors.topics import topics_for
from lianxin.deliberation.services import topics as services

router = Router(tags=[_("Topics")])


class TopicOut(Schema):
    id: int
    estate_id: int
    estate_name: str
    title: str
    description: str
    weight: str
    weight_name: str
    status: str
    status_name: str
    seconds: int
    cases: int
    meeting_id: int | None
    outcome: str
    created_at: datetime


def _topic_out(t: Topic) -> dict:
    return {
        "id": t.pk,
        "estate_id": t.estate_id,
        "estate_name": t.estate.name,
        "title": t.title,
        "description": t.description,
        "weight": t.weight,
        "weight_name": str(t.get_weight_display()),
        "status": t.status,
        "status_name": str(t.get_status_display()),
        "seconds": t.seconds_count,
        "cases": t.cases.count(),
        "meeting_id": t.meeting_id,
        "outcome": t.outcome,
        "created_at": t.created_at,
    }


TopicPage = page_schema(TopicOut, "TopicPage")


class TopicPageCounted(TopicPage):
    count: int = Field(0, description=_("Topics listed, as on the topics page"))


@router.get("/", response=TopicPageCounted, summary=_("Topics"))
def topic_list(request, page: Query[PageParams], estate_id: ObjectId | None = None, status: str = ""):
    estate = get_for_user(Area, request.user, estate_id) if estate_id else None
    rows = topics_for(user=request.user, estate=estate, status=status[:12])
    chunk = paginate(rows, page, key="id", descending=True)
    return {
        "count": rows.count(),
        "items": [_topic_out(t) for t in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


class TopicIn(Schema):
    estate_id: ObjectId
    title: str = Field(max_length=100)
    description: str = Field("", max_length=4000)
    weight: str = Field("important", max_length=10)
    category: str = Field("", max_length=60)


@router.post("/", response={201: TopicOut}, summary=_("Raise a topic"))
def topic_create(request, payload: TopicIn):
    user = request.user
    estate = Area.objects.filter(pk=payload.estate_id).first()
    if estate is None or not (services.lives_in(user, estate) or services.keeps(user, estate)):
        estate = pick(Area, user, payload.estate_id, "estate_id")
    category = Category.objects.filter(code=payload.category).first() if payload.category else None
    topic = services.topic_raise(
        user,
        estate=estate,
        title=payload.title,
        description=payload.description,
        weight=payload.weight,
        category=category,
    )
    return Status(201, _topic_out(topic))


@router.get("/{topic_id}", response=TopicOut, summary=_("A topic"))
def topic_get(request, topic_id: ObjectId):
    return _topic_out(get_for_user(Topic, request.user, topic_id))


class SecondOut(Schema):
    topic_id: int
    seconds: int


@router.post("/{topic_id}/seconds", response={201: SecondOut}, summary=_("Second a topic"))
def topic_second(request, topic_id: ObjectId):
    """One second per household: a second time is 409 (本户已附议)."""
    topic = get_for_user(Topic, request.user, topic_id)
    services.topic_second(request.user, topic=topic)
    topic.refresh_from_db()
    return Status(201, {"topic_id": topic.pk, "seconds": topic.seconds_count})
