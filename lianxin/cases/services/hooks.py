"""What follows a step, in the step's own transaction: who hears of it (the outbox; Huey delivers).

The figures' roll-up also hangs here, so that every step that changes a case changes its counts in the
same transaction.
"""

from django.utils.translation import gettext as _

from lianxin.cases.figures import rollup_apply
from lianxin.cases.links import case_url
from lianxin.cases.models import Action, Case, CaseEvent, HandlerType, Rating
from lianxin.notifications.services import notify


def _handler_targets(case: Case) -> dict:
    if case.handler_type == HandlerType.PERSON:
        return {"persons": [case.handler_person_id]}
    if case.handler_type == HandlerType.DEPARTMENT:
        return {"departments": [case.handler_department_id]}
    if case.handler_type == HandlerType.ORGANISATION:
        return {"organisations": [case.handler_organisation_id]}
    if case.handler_type == HandlerType.AREA:
        return {"areas": [case.handler_area_id]}
    return {}


def _superior_targets(case: Case) -> dict:
    # The level that dispatched the case answers for it; for a case held by a level's pool, that pool.
    if case.dispatcher_area_id and case.handler_type != HandlerType.AREA:
        return {"areas": [case.dispatcher_area_id]}
    if case.handler_area_id:
        from lianxin.areas.models import Area

        parent = Area.objects.filter(pk=case.handler_area_id).first()
        parent = Area.objects.get_parent(parent) if parent else None
        return {"areas": [parent.pk]} if parent else {}
    return {}


def _send(case: Case, verb: str, title: str, body: str = "", **targets) -> None:
    notify(
        verb=verb,
        title=title,
        body=body,
        case=case,
        url=case_url(case.pk),
        **targets,
    )


def case_changed(*, case: Case, event: CaseEvent) -> None:
    rollup_apply(case=case, event=event)
    action = event.action
    number = case.number
    if action in (Action.DISPATCH, Action.ESCALATE, Action.RETURN_DECIDE) and case.handler_type:
        _send(
            case,
            "case_sent",
            _("Case %(number)s has been sent to you: %(title)s") % {"number": number, "title": case.title},
            **_handler_targets(case),
        )
    elif action == Action.REPORT and case.handler_type == HandlerType.AREA:
        _send(
            case,
            "case_reported",
            _("New case %(number)s awaits acceptance: %(title)s") % {"number": number, "title": case.title},
            **_handler_targets(case),
        )
    elif action == Action.WHISTLE:
        departments = [a.department_id for a in case.assignments.filter(is_current=True) if a.department_id]
        _send(
            case,
            "case_whistled",
            _("You are summoned to case %(number)s: report within the time limit") % {"number": number},
            departments=departments,
        )
    elif action == Action.RETURN:
        _send(
            case,
            "case_returned",
            _("Case %(number)s was returned: %(reason)s") % {"number": number, "reason": event.note},
            **_handler_targets(case),
        )
    elif action == Action.RETURN_DISPUTE:
        _send(
            case,
            "return_disputed",
            _("A disputed return of case %(number)s awaits your decision") % {"number": number},
            **_superior_targets(case),
        )
    elif action == Action.HANDLE and case.reporter_id:
        _send(
            case,
            "case_handled",
            _("Your case %(number)s has been handled. Please check and rate it.") % {"number": number},
            persons=[case.reporter_id],
        )
    elif action == Action.RATE and event.data.get("rating") == Rating.UNSATISFIED:
        _send(
            case,
            "case_reopened",
            _("The reporter is not satisfied with case %(number)s: it is back with you") % {"number": number},
            **_handler_targets(case),
        )
    elif action == Action.VERIFY_FAIL:
        _send(
            case,
            "case_reopened",
            _("Case %(number)s failed verification: it is back with you") % {"number": number},
            **_handler_targets(case),
        )
    elif action == Action.SUPERVISE:
        _send(
            case,
            "case_supervised",
            _("Case %(number)s is under supervision: %(note)s") % {"number": number, "note": event.note},
            **_handler_targets(case),
        )
    elif action == Action.OVERDUE:
        targets = _handler_targets(case)
        for key, values in _superior_targets(case).items():
            targets[key] = sorted(set(targets.get(key, [])) | set(values))
        _send(
            case,
            "case_overdue",
            _("Case %(number)s has passed its time limit") % {"number": number},
            **targets,
        )
    elif action == Action.EXTEND_REQUEST:
        _send(
            case,
            "extension_requested",
            _("An extension of case %(number)s awaits your decision") % {"number": number},
            **_superior_targets(case),
        )
    elif action in (Action.EXTEND_APPROVE, Action.EXTEND_REFUSE):
        _send(
            case,
            "extension_decided",
            _("The extension of case %(number)s was decided") % {"number": number},
            **_handler_targets(case),
        )
    elif action == Action.MERGE and case.reporter_id:
        _send(
            case,
            "case_merged",
            _("Your case %(number)s was merged with a report of the same problem") % {"number": number},
            persons=[case.reporter_id],
        )
    elif action == Action.CLOSE and case.reporter_id:
        _send(
            case,
            "case_closed",
            _("Your case %(number)s is closed") % {"number": number},
            persons=[case.reporter_id],
        )
