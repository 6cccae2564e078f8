"""What the tasks part registers from AppConfig.ready(): the levels group leaders issue tasks from (the
cases' issuer joint), the intake router of tasks issued with no handler, the OVERDUE listener that
supervises (督办) an overdue key task, navigation and audit."""

from django.utils.translation import gettext as _

OVERDUE_NOTE = "逾期自动督办"


def group_issuer_levels(user) -> list[str]:
    """The levels a user issues tasks from through a seat with ``task.issue`` on a leading or working group
    (a group is a department at the level it leads)."""
    from lianxin.core.context import user_context
    from lianxin.core.rights import held_with
    from lianxin.people.models import Department, DepartmentKind
    from lianxin.supervision.permissions import TASK_ISSUE

    def compute():
        ids = [
            held.post.department_id
            for held in held_with(user, TASK_ISSUE)
            if held.post is not None and getattr(held.post, "department_id", None)
        ]
        if not ids:
            return []
        return list(
            Department.objects.filter(
                pk__in=ids, kind__in=[DepartmentKind.LEADING_GROUP, DepartmentKind.WORKING_GROUP]
            ).values_list("area_path", flat=True)
        )

    return user_context(user).memo("supervision.issuer_levels", compute)


def keytask_overdue_supervise(*, case, event) -> None:
    """An overdue key task is supervised (督办) at once by the platform (P000-64, P003-47): one SUPERVISE
    event on its case, telling its handler. The letters part answers the same step with its 提醒函."""
    from lianxin.cases.models import Action
    from lianxin.cases.services.events import event_record
    from lianxin.supervision.models import KeyTask

    if (event.data or {}).get("which") != "handle":
        return
    key_task = KeyTask.objects.filter(case_id=case.pk).select_related("task_list").first()
    if key_task is None:
        return
    event_record(
        case=case,
        actor=None,
        action=Action.SUPERVISE,
        note=_("Overdue key task of “%(list)s”: supervised automatically. Report when it will be done.")
        % {"list": key_task.task_list.title},
        data={"auto": True},
        is_public=False,
    )


def ready() -> None:
    from lianxin.audit.registry import audit_register
    from lianxin.cases.listeners import step_listener_register
    from lianxin.cases.models import Action, Kind
    from lianxin.cases.permissions import issuer_levels_register
    from lianxin.cases.routing import intake_router_register
    from lianxin.supervision import navigation_tasks
    from lianxin.supervision.models import KeyTask, ProgressReport, ProgressRound, TaskList, WorkingGroup
    from lianxin.supervision.services.tasks import task_route

    issuer_levels_register(group_issuer_levels)
    intake_router_register(task_route, name="supervision.task_route")
    step_listener_register(
        keytask_overdue_supervise,
        steps=[Action.OVERDUE],
        kinds=[Kind.TASK],
        order=150,
        name="supervision.keytask_overdue_supervise",
    )
    for model in (TaskList, KeyTask, WorkingGroup, ProgressRound, ProgressReport):
        audit_register(model)
    navigation_tasks.register()
