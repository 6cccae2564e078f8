"""Topics as the user's scope holds them: a resident his estate's, the branch and community theirs."""

from lianxin.areas.models import Area
from lianxin.core.paths import under
from lianxin.deliberation.models import Topic, TopicSecond


def topics_for(*, user, estate: Area | None = None, status: str = "", root: Area | None = None):
    rows = Topic.objects.restrict(user).select_related("estate", "category", "raised_by", "meeting")
    if estate is not None:
        rows = rows.filter(estate=estate)
    if root is not None:
        rows = rows.filter(under("area_path", root.path))
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("-seconds_count", "-created_at", "-id")


def seconded_by_household(*, user, topics) -> set[int]:
    """The topics the user's household has seconded already."""
    household_id = user.person.household_id if getattr(user, "person_id", None) else None
    if not household_id:
        return set()
    return set(
        TopicSecond.objects.filter(household_id=household_id, topic__in=topics).values_list(
            "topic_id", flat=True
        )
    )
