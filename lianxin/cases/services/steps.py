"""The steps of the loop after the report. Each one: lock the case, check its state and the actor's right
(data scope + post), write its event (and any that follow from it) in one transaction, return the case.

Each takes ``idempotency_key``: the same key from the same user returns the case as the first call left
it, without a second event.
"""

from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from lianxin.cases import clock, permissions
from lianxin.cases.claims import claim_check, claimant_of, live_claim, withdraw_check
from lianxin.cases.kinds import kind_spec
from lianxin.cases.models import (
    Action,
    Case,
    CaseClaim,
    DisputeOutcome,
    HandlerType,
    HandlingLevel,
    Kind,
    Rating,
    State,
)
from lianxin.cases.models.enums import OPEN_STATES, SATISFIED_RATINGS
from lianxin.cases.ratings import rating_resolve
from lianxin.cases.routing import (
    Target,
    chain,
    department_at,
    dispatcher_of,
    first_target,
    level_of,
    next_target,
)
from lianxin.cases.services.events import case_lock, event_record, idempotent, photos_own
from lianxin.cases.services.handlers import due_clean, handler_target
from lianxin.cases.transitions import (
    escalation_check,
    rates_on_callback,
    reporter_verifies,
    state_error,
    step_check,
    step_require,
    summoned_pending,
)
from lianxin.cases.worktime import days_to_hours, working_add
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import VIEW
from lianxin.party.models import PartyOrg
from lianxin.people.models import Department, Organisation, Person

MAX_NOTE = 2000
# The kinds' rules and the state machine live in cases/kinds.py and cases/transitions.py; the names below
# stay importable from here.


def _state_error(case: Case, action: str):
    state_error(case, action)


def _check(case: Case, action: str) -> None:
    step_check(case, action)


def _note(note, *, required: bool = False, field: str = "note", message: str | None = None) -> str:
    note = (note or "").strip()
    if required and not note:
        raise DomainError(message or _("Give a reason."), code="invalid", field=field)
    if len(note) > MAX_NOTE:
        raise DomainError(_("The note is longer than %(n)s characters.") % {"n": MAX_NOTE}, field=field)
    return note


def _visible(actor, case: Case) -> None:
    if not Case.objects.restrict(actor, VIEW).filter(pk=case.pk).exists():
        raise DomainError(_("Case not found."), code="not_found")


def _handle_due(case: Case, now) -> str:
    return working_add(now, days_to_hours(case.category.handling_days)).isoformat()


def _due_data(case: Case, now, given=None) -> dict:
    """The deadline a step writes: one given for this case, else the one set for it before (nothing to
    write), else the category's from now."""
    if given is not None:
        return {"handle_due": given.isoformat(), "due_fixed": True}
    if case.handle_due_fixed:
        return {}
    return {"handle_due": _handle_due(case, now)}


def _staff(actor) -> bool:
    return permissions.is_worker(actor)


def _pool(area, level=None) -> Target:
    return Target(level or level_of(area), area)


# -- accept, reject, dispatch -------------------------------------------------------------------------


@idempotent(Action.ACCEPT)
def case_accept(actor, *, case: Case, note: str = "", idempotency_key: str = "") -> Case:
    """受理: the level holding a reported case takes responsibility for it; the handling clock starts."""
    with transaction.atomic():
        case = case_lock(case)
        _visible(actor, case)
        step_require(actor, case, "accept")
        now = clock.now()
        area = case.handler_area or case.area
        event_record(
            case=case,
            actor=actor,
            action=Action.ACCEPT,
            note=_note(note),
            target=_pool(area, case.handling_level),
            data={**_due_data(case, now), "staff": True},
            key=idempotency_key,
            at=now,
        )
    return case


@idempotent(Action.REJECT)
def case_reject(actor, *, case: Case, reason: str, idempotency_key: str = "") -> Case:
    """不予受理: only with a reason, shown to the reporter. Final."""
    reason = _note(reason, required=True, field="reason", message=_("Say why the case is not accepted."))
    with transaction.atomic():
        case = case_lock(case)
        _visible(actor, case)
        step_require(actor, case, "reject")
        event_record(
            case=case,
            actor=actor,
            action=Action.REJECT,
            note=reason,
            data={"staff": True},
            key=idempotency_key,
        )
    return case


def _auto_target(case: Case) -> Target:
    """Whom the category and place name: the first taker up from the place (captain, grid worker, company),
    or, when the first taker is a level's own staff, the category's county department."""
    target = first_target(category=case.category, case_area=case.area)
    if target.is_pool:
        county = chain(case.area).get(HandlingLevel.COUNTY)
        department = department_at(county, case.category.department_code) if county else None
        if department is not None:
            target = Target(HandlingLevel.COUNTY, county, department=department)
    if target.is_pool:
        raise DomainError(
            _("Nobody takes this category here automatically. Choose a handler."), field="target"
        )
    return target


@idempotent(Action.DISPATCH)
def case_dispatch(
    actor,
    *,
    case: Case,
    person: Person | None = None,
    department: Department | None = None,
    organisation: Organisation | None = None,
    party_org=None,
    auto: bool = False,
    handle_due=None,
    note: str = "",
    idempotency_key: str = "",
) -> Case:
    """派单: the dispatching level sends the case to a handler it chooses, or (``auto``) to whom the
    category and place say. A returned case is dispatched again the same way. ``handle_due`` sets this
    case's handling deadline instead of the category's; a deadline set before stays when none is given."""
    handle_due = due_clean(handle_due)
    with transaction.atomic():
        case = case_lock(case)
        _visible(actor, case)
        step_require(actor, case, "dispatch")
        if auto:
            target = _auto_target(case)
        else:
            target = handler_target(
                actor,
                area=case.area,
                person=person,
                department=department,
                organisation=organisation,
                party_org=party_org,
                category=case.category,
            )
        now = clock.now()
        dispatcher = (
            case.handler_area
            if case.handler_type == HandlerType.AREA and case.handler_area_id
            else case.dispatcher_area or case.area
        )
        event_record(
            case=case,
            actor=actor,
            action=Action.DISPATCH,
            target=target,
            note=_note(note),
            data={
                **_due_data(case, now, handle_due),
                "return_due": working_add(now, days_to_hours(case.category.return_days)).isoformat(),
                "dispatcher_area": dispatcher.pk,
                "staff": True,
            },
            key=idempotency_key,
            at=now,
        )
    return case


# -- take, return, disputed returns ------------------------------------------------------------------


@idempotent(Action.TAKE)
def case_take(actor, *, case: Case, note: str = "", idempotency_key: str = "") -> Case:
    """接单: the handler (or, for a level's pool, one of its staff) takes the case and starts work."""
    with transaction.atomic():
        case = case_lock(case)
        _visible(actor, case)
        step_require(actor, case, "take")
        now = clock.now()
        data = {"staff": True}
        target = None
        if case.state == State.REPORTED or case.handle_due is None:
            data.update(_due_data(case, now))
        if case.handler_type == HandlerType.AREA and actor.person_id:
            # One of the level's staff takes it himself: he becomes its handler.
            target = Target(case.handling_level, case.handler_area, person=actor.person)
        event_record(
            case=case,
            actor=actor,
            action=Action.TAKE,
            target=target,
            note=_note(note),
            data=data,
            key=idempotency_key,
            at=now,
        )
    return case


@idempotent(Action.RETURN)
def case_return(actor, *, case: Case, reason: str, idempotency_key: str = "") -> Case:
    """退单: a handler sends a wrongly dispatched case back to its dispatcher, with a reason, within the
    category's return window; after a decided dispute it cannot return it again."""
    reason = _note(reason, required=True, field="reason", message=_("Say why the case is returned."))
    with transaction.atomic():
        case = case_lock(case)
        _visible(actor, case)
        step_require(actor, case, "return")
        now = clock.now()
        dispatcher = case.dispatcher_area
        event_record(
            case=case,
            actor=actor,
            action=Action.RETURN,
            note=reason,
            target=_pool(dispatcher),
            data={"returned_by": _handler_ref(case)},
            key=idempotency_key,
            at=now,
        )
    return case


def _handler_ref(case: Case) -> dict:
    return {
        "person": case.handler_person_id,
        "department": case.handler_department_id,
        "organisation": case.handler_organisation_id,
        "party_org": case.handler_party_org_id,
        "area": case.handler_area_id,
        "level": case.handling_level,
    }


@idempotent(Action.RETURN_DISPUTE)
def case_return_dispute(actor, *, case: Case, note: str, idempotency_key: str = "") -> Case:
    """The dispatcher disputes a return: the level above decides (退单审定), so a case cannot bounce."""
    note = _note(note, required=True, message=_("Say why the return is wrong."))
    with transaction.atomic():
        case = case_lock(case)
        _visible(actor, case)
        step_require(actor, case, "return_dispute")
        event_record(
            case=case,
            actor=actor,
            action=Action.RETURN_DISPUTE,
            note=note,
            key=idempotency_key,
            is_public=False,
        )
    return case


def _last_return(case: Case):
    return case.events.filter(action=Action.RETURN).order_by("-seq").first()


@idempotent(Action.RETURN_DECIDE)
def case_return_decide(actor, *, case: Case, upheld: bool, note: str = "", idempotency_key: str = "") -> Case:
    """The level above the dispatcher decides a disputed return: upheld, the dispatcher sends the case
    elsewhere; not upheld, it goes back to the one who returned it, who can no longer return it."""
    note = _note(note)
    with transaction.atomic():
        case = case_lock(case)
        _visible(actor, case)
        step_require(actor, case, "return_decide")
        target = None
        data = {"upheld": bool(upheld)}
        if not upheld:
            ref = _last_return(case).data.get("returned_by", {})
            area = case.area.__class__.objects.get(pk=ref["area"]) if ref.get("area") else case.area
            target = Target(
                ref.get("level") or level_of(area),
                area,
                person=Person.objects.filter(pk=ref.get("person")).first(),
                department=Department.objects.filter(pk=ref.get("department")).first(),
                organisation=Organisation.objects.filter(pk=ref.get("organisation")).first(),
                party_org=PartyOrg.objects.filter(pk=ref.get("party_org")).first()
                if ref.get("party_org")
                else None,
            )
        event_record(
            case=case,
            actor=actor,
            action=Action.RETURN_DECIDE,
            note=note,
            target=target,
            data=data,
            key=idempotency_key,
        )
    return case


# -- escalate and whistle ----------------------------------------------------------------------------


@idempotent(Action.ESCALATE)
def case_escalate(
    actor, *, case: Case, note: str = "", idempotency_key: str = "", system: bool = False
) -> Case:
    """上报上级: the case goes up one level of the tree (building → estate → community → street →
    county department); it keeps its place, its handling level rises."""
    note = _note(note, required=not system, message=_("Say why the case goes up a level."))
    with transaction.atomic():
        case = case_lock(case)
        if not system:
            _visible(actor, case)
        if system:
            _check(case, Action.ESCALATE)
        else:
            step_require(actor, case, "escalate")
        escalation_apply(case, actor=actor, note=note, key=idempotency_key)
    return case


def escalation_apply(case: Case, *, actor, note: str, key: str = "") -> None:
    """Send the locked case one level up, its checks already passed: ``case_escalate`` and the overdue
    timer (which escalates for the system) both end here."""
    level = case.handling_level or level_of(case.area)
    target = next_target(category=case.category, case_area=case.area, above=level)
    if target is None:
        escalation_check(case)
    now = clock.now()
    # Who takes back what the new handler returns: the pool itself, the street for a county department,
    # else the community that dispatches the place's cases.
    if target.is_pool:
        dispatcher = target.area
    elif target.level >= HandlingLevel.COUNTY:
        dispatcher = chain(case.area).get(HandlingLevel.STREET) or case.dispatcher_area or case.area
    else:
        dispatcher = dispatcher_of(case.area)
    event_record(
        case=case,
        actor=actor,
        action=Action.ESCALATE,
        note=note,
        target=target,
        data={
            "dispatched": not target.is_pool,
            "dispatcher_area": dispatcher.pk,
            "from_level": level,
            "return_due": working_add(now, days_to_hours(case.category.return_days)).isoformat(),
        },
        key=key,
        at=now,
    )


@idempotent(Action.WHISTLE)
def case_whistle(
    actor,
    *,
    case: Case,
    lead: Department,
    assists=(),
    note: str = "",
    idempotency_key: str = "",
) -> Case:
    """吹哨报到: the street summons departments to a case: one lead (主办) and assisting ones (协办). Each
    must report (respond) within the response limit; the lead handles once all have reported. Summoning an
    enforcement office summons its member departments with it (1+6+N, P001-20)."""
    note = _note(note, required=True, message=_("Say what the departments are summoned for."))
    with transaction.atomic():
        case = case_lock(case)
        _visible(actor, case)
        step_require(actor, case, "whistle")
        street = chain(case.area).get(HandlingLevel.STREET)
        assists = [d for d in assists if d.pk != lead.pk]
        summoned = [lead, *assists]
        for department in summoned:
            if not case.area_path.startswith(department.area.path):
                raise DomainError(
                    _("%(name)s does not serve the place of this case.") % {"name": department.name},
                    field="departments",
                )
        assist_ids = []
        for department in summoned:
            for member in [department, *department.member_departments.all()]:
                if member.pk != lead.pk and member.pk not in assist_ids:
                    assist_ids.append(member.pk)
        now = clock.now()
        level = max(case.handling_level or 0, HandlingLevel.STREET)
        event_record(
            case=case,
            actor=actor,
            action=Action.WHISTLE,
            note=note,
            target=Target(level, street, department=lead),
            data={
                "assists": assist_ids,
                "respond_due": working_add(now, case.category.response_hours).isoformat(),
                "dispatcher_area": street.pk,
                **_due_data(case, now),
            },
            key=idempotency_key,
            at=now,
        )
    return case


@idempotent(Action.RESPOND)
def case_respond(actor, *, case: Case, note: str, idempotency_key: str = "") -> Case:
    """报到: a summoned department reports to the whistled case, saying what it will do."""
    note = _note(note, required=True, message=_("Say what your department will do."))
    with transaction.atomic():
        case = case_lock(case)
        _visible(actor, case)
        step_require(actor, case, "respond")
        pending = summoned_pending(actor, case)
        event_record(
            case=case,
            actor=actor,
            action=Action.RESPOND,
            note=note,
            data={"department": pending[0].department_id, "staff": True},
            key=idempotency_key,
        )
    return case


# -- handle, mediate ---------------------------------------------------------------------------------


@idempotent(Action.MEDIATE)
def case_mediate(actor, *, case: Case, note: str, participants: str = "", idempotency_key: str = "") -> Case:
    """A mediation session of a dispute (who took part, what was said); the dispute stays open."""
    note = _note(note, required=True, message=_("Record what the session achieved."))
    with transaction.atomic():
        case = case_lock(case)
        _visible(actor, case)
        step_require(actor, case, "mediate")
        event_record(
            case=case,
            actor=actor,
            action=Action.MEDIATE,
            note=note,
            data={"participants": participants[:500]},
            key=idempotency_key,
            is_public=False,
        )
    return case


@idempotent(Action.HANDLE)
def case_handle(
    actor,
    *,
    case: Case,
    note: str,
    photos=(),
    outcome: str = "",
    consultation: dict | None = None,
    materials: int | None = None,
    idempotency_key: str = "",
) -> Case:
    """处置: the handler records what was done (with photos); a dispute records its outcome; a captain can
    record a consultation (who took part, what was agreed, P004-14). The case then awaits verification."""
    note = _note(note, required=True, message=_("Say what was done."))
    with transaction.atomic():
        case = case_lock(case)
        _visible(actor, case)
        step_require(actor, case, "handle")
        data = {}
        if case.kind == Kind.DISPUTE:
            if outcome not in DisputeOutcome.values:
                raise DomainError(_("Record the outcome of the mediation."), field="outcome")
            data["outcome"] = outcome
        if consultation:
            data["consultation"] = {
                "participants": str(consultation.get("participants", ""))[:500],
                "agreement": str(consultation.get("agreement", ""))[:1000],
            }
        if materials is not None:
            if not isinstance(materials, int) or materials < 0 or materials > 1000:
                raise DomainError(_("The number of materials must be a whole number."), field="materials")
            data["materials"] = materials
        now = clock.now()
        if reporter_verifies(case):
            data["rating_due"] = (now + timedelta(days=case.category.auto_rate_days)).isoformat()
        event_record(
            case=case,
            actor=actor,
            action=Action.HANDLE,
            note=note,
            data=data,
            photos=photos_own(actor, photos),
            key=idempotency_key,
            at=now,
        )
    return case


# -- verify, rate, close, reopen ---------------------------------------------------------------------


@idempotent(Action.VERIFY)
def case_verify(
    actor, *, case: Case, passed: bool, note: str = "", photos=(), idempotency_key: str = ""
) -> Case:
    """核查: the community (or the estate's grid worker) checks the work on the spot. Failed, the case goes
    back to its handler (reopened); passed, it awaits the reporter's rating. For a task this is 验收 by the
    level that issued it (``transitions.may_verify``): passed closes it, failed sends it back with the
    reason."""
    note = _note(note, required=not passed, message=_("Say what is still wrong."))
    with transaction.atomic():
        case = case_lock(case)
        _visible(actor, case)
        step_require(actor, case, "verify")
        now = clock.now()
        owned = photos_own(actor, photos)
        if passed:
            data = {
                "rating_due": (now + timedelta(days=case.category.auto_rate_days)).isoformat(),
                "staff": True,
            }
            event_record(
                case=case,
                actor=actor,
                action=Action.VERIFY,
                note=note,
                data=data,
                photos=owned,
                key=idempotency_key,
                at=now,
            )
            if kind_spec(case.kind).verify_closes:
                event_record(case=case, actor=actor, action=Action.CLOSE, at=now)
        else:
            event_record(
                case=case,
                actor=actor,
                action=Action.VERIFY_FAIL,
                note=note,
                photos=owned,
                data={"handle_due": _handle_due(case, now)},
                key=idempotency_key,
                at=now,
            )
    return case


@idempotent(Action.RATE)
def case_rate(
    actor,
    *,
    case: Case,
    rating: str = "",
    stars: int | None = None,
    note: str = "",
    idempotency_key: str = "",
) -> Case:
    """评价: the reporter rates the result (or staff record his answer on a call-back when he has no
    account). Satisfied or basically satisfied closes the case; unsatisfied reopens it. He may give 1–5
    stars instead of or with the level; the stars stand for a level (lianxin.cases.ratings)."""
    rating, stars = rating_resolve(rating=rating, stars=stars)
    if rating not in Rating.values:
        raise DomainError(_("Choose satisfied, basically satisfied or unsatisfied."), field="rating")
    note = _note(note, required=rating == Rating.UNSATISFIED, message=_("Say what is not satisfactory."))
    with transaction.atomic():
        case = case_lock(case)
        _visible(actor, case)
        step_require(actor, case, "rate")
        on_callback = rates_on_callback(actor, case)
        rating_apply(
            case,
            actor=actor,
            rating=rating,
            stars=stars,
            note=note,
            key=idempotency_key,
            callback=on_callback,
        )
    return case


def rating_apply(
    case: Case,
    *,
    actor,
    rating: str,
    note: str,
    key: str = "",
    callback: bool = False,
    auto: bool = False,
    stars: int | None = None,
) -> None:
    """Rate the locked case, its checks already passed: ``case_rate`` and the automatic rating timer both
    end here."""
    now = clock.now()
    data = {"rating": rating, "auto": auto, "callback": callback}
    if stars is not None:
        data["stars"] = stars
    if rating == Rating.UNSATISFIED:
        data["handle_due"] = _handle_due(case, now)
    event_record(
        case=case, actor=actor, action=Action.RATE, note=note, data=data, key=key, at=now, is_public=True
    )
    if rating in SATISFIED_RATINGS:
        event_record(case=case, actor=actor, action=Action.CLOSE, at=now)


@idempotent(Action.REOPEN)
def case_reopen(actor, *, case: Case, reason: str, idempotency_key: str = "") -> Case:
    """重新办理: the reporter (within the reopening window) or the dispatching level sends a closed case
    back to its last handler."""
    reason = _note(reason, required=True, field="reason", message=_("Say why the case is reopened."))
    with transaction.atomic():
        case = case_lock(case)
        _visible(actor, case)
        step_require(actor, case, "reopen")
        now = clock.now()
        event_record(
            case=case,
            actor=actor,
            action=Action.REOPEN,
            note=reason,
            data={"handle_due": _handle_due(case, now)},
            key=idempotency_key,
            at=now,
        )
    return case


# -- merge, supervise, extensions, comments ----------------------------------------------------------


@idempotent(Action.MERGE)
def case_merge(actor, *, case: Case, into: Case, note: str = "", idempotency_key: str = "") -> Case:
    """合并: a duplicate report joins the case it repeats; its reporter follows that case from now on."""
    note = _note(note)
    if into.pk == case.pk:
        raise DomainError(_("A case cannot be merged into itself."), field="into")
    with transaction.atomic():
        first, second = sorted([case.pk, into.pk])
        # Both rows, in id order: two merges of the same pair the other way round cannot deadlock.
        list(Case.objects.select_for_update().filter(pk__in=[first, second]).order_by("pk").values_list("pk"))
        case = case_lock(case)
        into = case_lock(into)
        _visible(actor, case)
        _visible(actor, into)
        step_require(actor, case, "merge")
        if into.state not in OPEN_STATES:
            raise DomainError(_("The case to merge into is no longer open."), field="into")
        if into.merged_into_id:
            raise DomainError(_("The case to merge into was itself merged."), field="into")
        permissions.require(permissions.is_dispatcher(actor, into))
        event_record(
            case=case,
            actor=actor,
            action=Action.MERGE,
            note=note or _("Merged into case %(number)s") % {"number": into.number},
            data={"into": into.pk, "staff": True},
            key=idempotency_key,
        )
        event_record(
            case=into,
            actor=actor,
            action=Action.MERGED_IN,
            note=_("Case %(number)s merged into this one") % {"number": case.number},
            data={"from": case.pk},
            is_public=False,
        )
    return case


@idempotent(Action.SUPERVISE)
def case_supervise(actor, *, case: Case, note: str, idempotency_key: str = "") -> Case:
    """督办: a superior flags a slow or stuck case; its handler is told. The state does not change."""
    note = _note(note, required=True, message=_("Say what you expect, and by when."))
    with transaction.atomic():
        case = case_lock(case)
        _visible(actor, case)
        step_require(actor, case, "supervise")
        event_record(
            case=case, actor=actor, action=Action.SUPERVISE, note=note, key=idempotency_key, is_public=False
        )
    return case


@idempotent(Action.EXTEND_REQUEST)
def case_extend_request(actor, *, case: Case, days, reason: str, idempotency_key: str = "") -> Case:
    """申请延期: once per case, at most the category's longest extension, with a reason."""
    reason = _note(reason, required=True, field="reason", message=_("Say why more time is needed."))
    try:
        days = Decimal(str(days))
    except (InvalidOperation, ValueError):
        raise DomainError(_("Give the extension in working days."), field="days") from None
    with transaction.atomic():
        case = case_lock(case)
        _visible(actor, case)
        step_require(actor, case, "extend_request")
        if days <= 0 or days > case.category.extension_days:
            raise DomainError(
                _("An extension is between 0.5 and %(n)s working days.")
                % {"n": case.category.extension_days},
                field="days",
            )
        event_record(
            case=case,
            actor=actor,
            action=Action.EXTEND_REQUEST,
            note=reason,
            data={"days": str(days)},
            key=idempotency_key,
            is_public=False,
        )
    return case


@idempotent(Action.EXTEND_APPROVE)
def _extend_approve(actor, *, case: Case, note: str = "", idempotency_key: str = "") -> Case:
    with transaction.atomic():
        case = case_lock(case)
        _extend_decide_check(actor, case)
        request = case.events.filter(action=Action.EXTEND_REQUEST).order_by("-seq").first()
        days = Decimal(request.data["days"])
        due = working_add(case.handle_due or clock.now(), days_to_hours(days))
        event_record(
            case=case,
            actor=actor,
            action=Action.EXTEND_APPROVE,
            note=_note(note),
            data={"days": str(days), "handle_due": due.isoformat()},
            key=idempotency_key,
            is_public=False,
        )
    return case


@idempotent(Action.EXTEND_REFUSE)
def _extend_refuse(actor, *, case: Case, note: str = "", idempotency_key: str = "") -> Case:
    with transaction.atomic():
        case = case_lock(case)
        _extend_decide_check(actor, case)
        event_record(
            case=case,
            actor=actor,
            action=Action.EXTEND_REFUSE,
            note=_note(note, required=True),
            key=idempotency_key,
            is_public=False,
        )
    return case


def _extend_decide_check(actor, case: Case) -> None:
    _visible(actor, case)
    step_require(actor, case, "extend_decide")


def case_extend_decide(
    actor, *, case: Case, approve: bool, note: str = "", idempotency_key: str = ""
) -> Case:
    """批准/驳回延期: the dispatching level decides; approved, the handling deadline moves on."""
    decide = _extend_approve if approve else _extend_refuse
    return decide(actor, case=case, note=note, idempotency_key=idempotency_key)


@idempotent(Action.COMMENT)
def case_comment(actor, *, case: Case, note: str, is_public: bool = False, idempotency_key: str = "") -> Case:
    """A note on the trail (internal unless made public), by anyone who can see the case."""
    note = _note(note, required=True, message=_("Write the comment."))
    with transaction.atomic():
        case = case_lock(case)
        _visible(actor, case)
        step_require(actor, case, "comment")
        event_record(
            case=case,
            actor=actor,
            action=Action.COMMENT,
            note=note,
            is_public=bool(is_public),
            key=idempotency_key,
        )
    return case


# -- claims ------------------------------------------------------------------------------------------


@idempotent(Action.CLAIM)
def case_claim(
    actor, *, case: Case, organisation: Organisation | None = None, note: str = "", idempotency_key: str = ""
) -> Case:
    """认领: the user (or an organisation he holds a post in) claims an open case that takes claims, up to
    its places. Claiming again while the first claim stands returns the case as the first claim left it."""
    note = _note(note)
    with transaction.atomic():
        case = case_lock(case)
        _visible(actor, case)
        _check(case, Action.CLAIM)
        claimant = claimant_of(actor, organisation)
        if live_claim(case, claimant) is not None:
            return case
        claim_check(actor, case, claimant)
        event = event_record(
            case=case,
            actor=actor,
            action=Action.CLAIM,
            note=note,
            data={"claimant": claimant},
            key=idempotency_key,
        )
        CaseClaim.objects.create(
            case=case, claimed_at=event.at, event=event, **{f"{k}_id": v for k, v in claimant.items()}
        )
    return case


@idempotent(Action.CLAIM_WITHDRAW)
def case_claim_withdraw(
    actor, *, case: Case, organisation: Organisation | None = None, note: str = "", idempotency_key: str = ""
) -> Case:
    """撤回认领: the claimant gives his claim up before work starts; the place is free again."""
    note = _note(note)
    with transaction.atomic():
        case = case_lock(case)
        _visible(actor, case)
        _check(case, Action.CLAIM_WITHDRAW)
        claimant = claimant_of(actor, organisation)
        claim = withdraw_check(actor, case, claimant)
        event = event_record(
            case=case,
            actor=actor,
            action=Action.CLAIM_WITHDRAW,
            note=note,
            data={"claimant": claimant},
            key=idempotency_key,
        )
        claim.withdrawn_at, claim.withdraw_event = event.at, event
        claim.save(update_fields=["withdrawn_at", "withdraw_event"])
    return case
