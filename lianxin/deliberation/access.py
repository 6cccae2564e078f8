"""The authorization matrix of the deliberation pages and API (lianxin.core.access)."""

from lianxin.core.access import ALL_ROLES, Rule, capable, everyone

_RECORDERS = capable("meeting.record")  # staff and workers of a level (permissions.RECORDER_ROLES)
_STAFF = capable("meeting.decide")  # the staff of a level
_TESTS = "lianxin/deliberation/tests (JSON body)"


def _missing(*names: str):
    return lambda w: {name: 999999 for name in names}


ACCESS = {
    # 议事公开: everyone signed in (a resident his estate's topics and the public meetings; others what
    # their scope holds).
    "deliberation/": everyone(),
    "deliberation/topics/<int:pk>/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk")),
    "deliberation/topics/<int:pk>/second/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk"), method="POST"),
    "deliberation/topics/<int:pk>/agenda/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk"), method="POST"),
    "deliberation/topics/<int:pk>/outcome/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk"), method="POST"),
    "deliberation/meetings/": Rule(allowed=_RECORDERS),
    "deliberation/meetings/export.xlsx": Rule(allowed=_RECORDERS),
    "deliberation/meetings/new/": Rule(allowed=_RECORDERS),
    "deliberation/meetings/<int:pk>/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk")),
    "deliberation/meetings/<int:pk>/matters/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk"), method="POST"),
    "deliberation/meetings/<int:pk>/votes/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk"), method="POST"),
    "deliberation/meetings/<int:pk>/decisions/": Rule(scoped=ALL_ROLES, kwargs=_missing("pk"), method="POST"),
    "deliberation/missed/": Rule(allowed=_STAFF),
    "deliberation/forums/": Rule(allowed=_STAFF),
    "deliberation/rota/": Rule(allowed=_RECORDERS),
    "api/v1/meetings/": everyone(),
    "api/v1/meetings/figures": everyone(),
    "api/v1/meetings/<meeting_id>": Rule(scoped=ALL_ROLES, kwargs=_missing("meeting_id")),
    "api/v1/meetings/<meeting_id>/matters": Rule(skip=_TESTS),
    "api/v1/meetings/<meeting_id>/votes": Rule(skip=_TESTS),
    "api/v1/meetings/<meeting_id>/decisions": Rule(skip=_TESTS),
    "api/v1/topics/": everyone(),
    "api/v1/topics/<topic_id>": Rule(scoped=ALL_ROLES, kwargs=_missing("topic_id")),
    "api/v1/topics/<topic_id>/seconds": Rule(scoped=ALL_ROLES, kwargs=_missing("topic_id"), method="POST"),
    "api/v1/meeting-kinds/": everyone(),
}
