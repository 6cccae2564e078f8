"""Deliberation on the workbench: for a resident, his estate's open topics and the latest public meeting."""

from lianxin.core.workbench import WorkbenchPanel, workbench_panel_register


def topics_panel(*, user) -> dict | None:
    if not getattr(user, "is_authenticated", False) or not user.person_id or not user.person.household_id:
        return None
    from lianxin.deliberation.models import TopicStatus
    from lianxin.deliberation.selectors.meetings import MeetingFilters, meetings_for
    from lianxin.deliberation.selectors.topics import topics_for
    from lianxin.deliberation.views.topics import home_estate

    estate = home_estate(user)
    if estate is None:
        return None
    topics = topics_for(user=user, estate=estate, status=TopicStatus.OPEN)
    public = meetings_for(user=user, filters=MeetingFilters(public_only=True)).order_by("-held_on").first()
    count = topics.count()
    if not count and public is None:
        return None
    return {"estate": estate, "topics": list(topics[:3]), "count": count, "latest": public}


def register() -> None:
    workbench_panel_register(
        WorkbenchPanel(
            "deliberation_topics",
            "deliberation/_workbench_topics.html",
            topics_panel,
            order=65,
            region="grid",
        )
    )
