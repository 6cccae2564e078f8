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

    _navigation()
    _workbench()


def _sees_letters(user) -> bool:
    from lianxin.supervision.views.letters import sees_letters

    return sees_letters(user)


def _sees_projects(user) -> bool:
    from lianxin.supervision.views.projects import sees_projects

    return sees_projects(user)


def _sees_alliances(user) -> bool:
    from lianxin.party.services.alliance_lists import lists_reachable

    return lists_reachable(user)


def _navigation() -> None:
    from django.utils.translation import gettext_lazy as _

    from lianxin.core.navigation import NavItem, nav_register

    items = [
        (
            NavItem(
                "supervision_letters", _("Letters"), "supervision:letters", "work", "clipboard", order=140
            ),
            _sees_letters,
        ),
        (
            NavItem(
                "supervision_interviews",
                _("Interviews"),
                "supervision:interviews",
                "work",
                "clipboard",
                order=141,
            ),
            _sees_letters,
        ),
        (
            NavItem(
                "supervision_inspections",
                _("Inspections"),
                "supervision:inspections",
                "work",
                "clipboard",
                order=142,
            ),
            _sees_letters,
        ),
        (
            NavItem(
                "supervision_contact_projects",
                _("Contact projects"),
                "supervision:contact_projects",
                "work",
                "list",
                order=143,
            ),
            _sees_projects,
        ),
        (
            NavItem(
                "alliance_chairs",
                _("Alliance chairs and policy lists"),
                "supervision:alliance_chairs",
                "work",
                "users",
                order=144,
            ),
            _sees_alliances,
        ),
    ]
    from dataclasses import replace

    for item, visible in items:
        nav_register(replace(item, visible=visible))


def letters_panel(*, user):
    """The unit's staff: letters awaiting its acknowledgement or reply (none: no panel)."""
    from lianxin.supervision.selectors.letters import letters_for
    from lianxin.supervision.views.letters import is_unit_staff

    if not is_unit_staff(user):
        return None
    to_acknowledge = letters_for(user=user, pending="acknowledge").count()
    to_reply = letters_for(user=user, pending="reply").count()
    if not (to_acknowledge or to_reply):
        return None
    return {"to_acknowledge": to_acknowledge, "to_reply": to_reply}


def _workbench() -> None:
    from lianxin.core.workbench import WorkbenchPanel, workbench_panel_register

    workbench_panel_register(
        WorkbenchPanel(
            "supervision_letters",
            "supervision/letters/_workbench.html",
            letters_panel,
            order=58,
            region="grid",
        )
    )
