"""The tasks part's routes in the authorization matrix."""

from lianxin.core.access import ALL_ROLES, Rule, capable, everyone, holding

_TESTS = "lianxin/supervision/tests/test_tasks_* (JSON body)"
# Who opens the key-task pages: issuers (task.issue with a level), the seats of leading and working groups,
# and department staff (the tasks their department leads).
_SEES = capable("task.issue") | holding(
    "group_leader", "deputy_group_leader", "group_member", "department_staff"
)
_ISSUES = capable("task.issue")
_GROUPS = capable("task.issue") | holding("group_leader", "deputy_group_leader", "group_member")


# Every demo account, the issue-22 ones too (core.access.ALL_ROLES predates them): a missing id is 404.
_ANYONE = ALL_ROLES | {"county_leader", "reviewer"}


def _missing(*names: str):
    return lambda w: {name: 999999 for name in names}


ACCESS: dict = {
    "supervision/key-task-lists/": Rule(allowed=_SEES),
    "supervision/key-task-lists/<int:pk>/": Rule(scoped=_ANYONE, kwargs=_missing("pk")),
    "supervision/key-task-lists/<int:pk>/tasks.xlsx": Rule(scoped=_ANYONE, kwargs=_missing("pk")),
    "supervision/key-tasks/": Rule(allowed=_SEES),
    "supervision/key-tasks.xlsx": Rule(allowed=_SEES),
    "supervision/key-tasks/<int:pk>/review/": Rule(scoped=_ANYONE, kwargs=_missing("pk"), method="POST"),
    "supervision/groups/": Rule(allowed=_GROUPS),
    "supervision/groups/<int:pk>/": Rule(scoped=_ANYONE, kwargs=_missing("pk")),
    "supervision/progress-rounds/": Rule(allowed=_SEES),
    "supervision/progress-rounds/<int:pk>/": Rule(scoped=_ANYONE, kwargs=_missing("pk")),
    "supervision/performance/": Rule(allowed=_ISSUES),
    "supervision/performance.xlsx": Rule(allowed=_ISSUES),
    # The API answers each user the rows his scope holds (none: an empty list).
    "api/v1/key-task-lists/": everyone(),
    "api/v1/key-task-lists/<list_id>": Rule(scoped=_ANYONE, kwargs=_missing("list_id")),
    "api/v1/key-task-lists/performance/": everyone(),
    "api/v1/key-tasks/": everyone(),
    "api/v1/key-tasks/<task_id>": Rule(scoped=_ANYONE, kwargs=_missing("task_id")),
    "api/v1/key-tasks/<task_id>/review": Rule(skip=_TESTS),
    "api/v1/leading-groups/": everyone(),
    "api/v1/leading-groups/<group_id>": Rule(scoped=_ANYONE, kwargs=_missing("group_id")),
    "api/v1/progress-rounds/": everyone(),
    "api/v1/progress-rounds/<round_id>": Rule(scoped=_ANYONE, kwargs=_missing("round_id")),
    "api/v1/progress-rounds/<round_id>/reports": Rule(skip=_TESTS),
}
