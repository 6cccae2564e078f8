"""Who hears of a case's step: one step listener per kind of notice, registered from this app's ``ready()``.

Each writes an outbox row in the step's own transaction (``notify``); Huey delivers it once the step
commits, so a step that is refused or rolled back tells nobody. The cases engine does not know this app:
it calls whatever listeners are registered (``lianxin.cases.listeners``).
"""

from django.utils.translation import gettext as _

from lianxin.cases.kinds import kind_spec
from lianxin.cases.links import case_url
from lianxin.cases.listeners import step_listener_register
from lianxin.cases.models import Action, Case, CaseEvent, HandlerType, Rating
from lianxin.notifications.services import notify

# After every other listener: people hear of a step once nothing can refuse it any more.
ORDER = 900


def _handler_targets(case: Case) -> dict:
    if case.handler_type == HandlerType.PERSON:
        return {"persons": [case.handler_person_id]}
    if case.handler_type == HandlerType.DEPARTMENT:
        return {"departments": [case.handler_department_id]}
    if case.handler_type == HandlerType.ORGANISATION:
        return {"organisations": [case.handler_organisation_id]}
    if case.handler_type == HandlerType.PARTY_ORG:
        return {"persons": party_org_holders(case.handler_party_org_id)}
    if case.handler_type == HandlerType.AREA:
        return {"areas": [case.handler_area_id]}
    return {}


def party_org_holders(party_org_id) -> list[int]:
    """The persons holding a current post in the party organisation (its secretary, its committee): they
    hear of what is sent to it. The outbox names them, as it names a department for its staff."""
    from lianxin.people.models import Post

    holders = Post.objects.current().filter(party_org_id=party_org_id)
    return sorted(set(holders.values_list("person_id", flat=True)))


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


def case_sent(*, case: Case, event: CaseEvent) -> None:
    if case.handler_type:
        names = {"number": case.number, "title": case.title}
        _send(
            case,
            "case_sent",
            _("Case %(number)s has been sent to you: %(title)s") % names,
            **_handler_targets(case),
        )


def case_reported(*, case: Case, event: CaseEvent) -> None:
    if case.handler_type == HandlerType.AREA:
        names = {"number": case.number, "title": case.title}
        _send(
            case,
            "case_reported",
            _("New case %(number)s awaits acceptance: %(title)s") % names,
            **_handler_targets(case),
        )


def case_whistled(*, case: Case, event: CaseEvent) -> None:
    departments = [a.department_id for a in case.assignments.filter(is_current=True) if a.department_id]
    _send(
        case,
        "case_whistled",
        _("You are summoned to case %(number)s: report within the time limit") % {"number": case.number},
        departments=departments,
    )


def case_returned(*, case: Case, event: CaseEvent) -> None:
    _send(
        case,
        "case_returned",
        _("Case %(number)s was returned: %(reason)s") % {"number": case.number, "reason": event.note},
        **_handler_targets(case),
    )


def return_disputed(*, case: Case, event: CaseEvent) -> None:
    _send(
        case,
        "return_disputed",
        _("A disputed return of case %(number)s awaits your decision") % {"number": case.number},
        **_superior_targets(case),
    )


def case_handled(*, case: Case, event: CaseEvent) -> None:
    if not case.reporter_id:
        return
    if kind_spec(case.kind).verify_closes:
        # A task's issuer accepts its result (验收); he does not rate it.
        title = _("Task %(number)s has been handled. Please check and accept it.")
    else:
        title = _("Your case %(number)s has been handled. Please check and rate it.")
    _send(case, "case_handled", title % {"number": case.number}, persons=[case.reporter_id])


def case_rated_unsatisfied(*, case: Case, event: CaseEvent) -> None:
    if event.data.get("rating") == Rating.UNSATISFIED:
        _send(
            case,
            "case_reopened",
            _("The reporter is not satisfied with case %(number)s: it is back with you")
            % {"number": case.number},
            **_handler_targets(case),
        )


def case_verify_failed(*, case: Case, event: CaseEvent) -> None:
    _send(
        case,
        "case_reopened",
        _("Case %(number)s failed verification: it is back with you") % {"number": case.number},
        **_handler_targets(case),
    )


def case_supervised(*, case: Case, event: CaseEvent) -> None:
    _send(
        case,
        "case_supervised",
        _("Case %(number)s is under supervision: %(note)s") % {"number": case.number, "note": event.note},
        **_handler_targets(case),
    )


def case_overdue(*, case: Case, event: CaseEvent) -> None:
    targets = _handler_targets(case)
    for key, values in _superior_targets(case).items():
        targets[key] = sorted(set(targets.get(key, [])) | set(values))
    _send(
        case,
        "case_overdue",
        _("Case %(number)s has passed its time limit") % {"number": case.number},
        **targets,
    )


def extension_requested(*, case: Case, event: CaseEvent) -> None:
    _send(
        case,
        "extension_requested",
        _("An extension of case %(number)s awaits your decision") % {"number": case.number},
        **_superior_targets(case),
    )


def extension_decided(*, case: Case, event: CaseEvent) -> None:
    _send(
        case,
        "extension_decided",
        _("The extension of case %(number)s was decided") % {"number": case.number},
        **_handler_targets(case),
    )


def case_merged(*, case: Case, event: CaseEvent) -> None:
    if case.reporter_id:
        _send(
            case,
            "case_merged",
            _("Your case %(number)s was merged with a report of the same problem") % {"number": case.number},
            persons=[case.reporter_id],
        )


def case_closed(*, case: Case, event: CaseEvent) -> None:
    if case.reporter_id:
        _send(
            case,
            "case_closed",
            _("Your case %(number)s is closed") % {"number": case.number},
            persons=[case.reporter_id],
        )


def case_claimed(*, case: Case, event: CaseEvent) -> None:
    # The one who raised it and the one handling it hear that someone took it on, or gave it up.
    names = {"number": case.number, "title": case.title}
    title = (
        _("Case %(number)s was claimed: %(title)s")
        if event.action == Action.CLAIM
        else _("A claim on case %(number)s was withdrawn: %(title)s")
    ) % names
    targets = _handler_targets(case)
    if case.reporter_id:
        targets["persons"] = sorted({*targets.get("persons", []), case.reporter_id})
    _send(case, "case_claimed", title, **targets)


# Each step has at most one notice; the steps not named here (accept, take, comment …) tell nobody.
NOTICES = [
    (case_sent, [Action.DISPATCH, Action.ESCALATE, Action.RETURN_DECIDE]),
    (case_reported, [Action.REPORT]),
    (case_whistled, [Action.WHISTLE]),
    (case_returned, [Action.RETURN]),
    (return_disputed, [Action.RETURN_DISPUTE]),
    (case_handled, [Action.HANDLE]),
    (case_rated_unsatisfied, [Action.RATE]),
    (case_verify_failed, [Action.VERIFY_FAIL]),
    (case_supervised, [Action.SUPERVISE]),
    (case_overdue, [Action.OVERDUE]),
    (extension_requested, [Action.EXTEND_REQUEST]),
    (extension_decided, [Action.EXTEND_APPROVE, Action.EXTEND_REFUSE]),
    (case_merged, [Action.MERGE]),
    (case_closed, [Action.CLOSE]),
    (case_claimed, [Action.CLAIM, Action.CLAIM_WITHDRAW]),
]


def register() -> None:
    for func, steps in NOTICES:
        step_listener_register(func, steps=steps, order=ORDER, name=f"notifications.{func.__name__}")
