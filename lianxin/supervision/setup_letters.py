"""What the letters part registers from AppConfig.ready() (navigation, panels, audit, listeners)."""


def ready() -> None:
    from lianxin.cases.listeners import step_listener_register
    from lianxin.cases.models import Action, Kind
    from lianxin.supervision.services import letters, projects

    # The letter and the project problem follow their task: 签收, 反馈, overdue.
    step_listener_register(
        letters.letter_step, steps=[Action.TAKE, Action.HANDLE], kinds=[Kind.TASK], order=150
    )
    step_listener_register(letters.letter_overdue, steps=[Action.OVERDUE], kinds=[Kind.TASK], order=150)
    step_listener_register(projects.problem_step, steps=[Action.HANDLE], kinds=[Kind.TASK], order=150)

    from lianxin.audit.registry import audit_register
    from lianxin.supervision import models

    for model in (
        models.Letter,
        models.Interview,
        models.Inspection,
        models.Finding,
        models.ContactProject,
        models.ProjectProblem,
        models.ContactVisit,
    ):
        audit_register(model)

    from lianxin.core.uploads import upload_access_register
    from lianxin.supervision.services.inspections import evidence_visible

    upload_access_register("supervision/findings", evidence_visible)
