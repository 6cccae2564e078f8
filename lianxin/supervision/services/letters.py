"""Letters to units (P001-10, P004-58): a 交办单 or 提醒函 with content, a time limit in working days and a
required reply, numbered per kind and year; each is a task (``task_issue``) to the unit, so the unit's staff
acknowledge it (签收 = the engine's ``take``) and reply (反馈 = ``handle``), and the engine marks it overdue.
The OVERDUE listener (``letter_overdue``, registered in ``setup_letters``) issues one 提醒函 per overdue
交办单.

Interviews (约谈, P004-58): recorded by the issuing side, acknowledged by the unit.
"""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.cases import clock
from lianxin.cases.models import Action, Kind
from lianxin.cases.services import case_handle, case_take
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import may
from lianxin.core.scope import CHANGE, grants_for
from lianxin.core.text import text_clean
from lianxin.people.models import Department, Organisation
from lianxin.supervision.models import Interview, Letter, LetterKind
from lianxin.supervision.permissions import TASK_ISSUE
from lianxin.supervision.services.tasks import task_issue

DEFAULT_CATEGORY = "task_governance_assignment"
# The task's title names the letter (Chinese data, as the running number's prefix).
LETTER_NAME = {LetterKind.ASSIGNMENT: "交办单", LetterKind.REMINDER: "提醒函"}


def _text(value, field: str, message: str, *, limit: int, required: bool = True) -> str:
    value = text_clean(value or "").strip()
    if required and not value:
        raise DomainError(message, code="required", field=field)
    if len(value) > limit:
        raise DomainError(_("At most %(n)d characters.") % {"n": limit}, code="invalid", field=field)
    return value


def issuer_require(actor) -> None:
    if not may(actor, TASK_ISSUE):
        raise DomainError(
            _("Only the organisation department, secretaries and group leaders issue letters."),
            code="forbidden",
        )


def unit_area(unit, area=None):
    """Where a letter to the unit is filed: the area given, else the unit's own."""
    area = area or getattr(unit, "area", None)
    if area is None:
        raise DomainError(_("Choose the area the letter is for."), field="area")
    return area


def unit_fields(unit) -> dict:
    if isinstance(unit, Department):
        return {"department": unit, "organisation": None}
    if isinstance(unit, Organisation):
        return {"department": None, "organisation": unit}
    raise DomainError(_("Choose the unit the letter is sent to."), field="unit")


def unit_handler(unit) -> dict:
    return {"department": unit} if isinstance(unit, Department) else {"organisation": unit}


def is_unit_staff(user, *, department_id=None, organisation_id=None) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    grants = grants_for(user)
    if department_id and department_id in grants.department_ids[CHANGE]:
        return True
    return bool(organisation_id and organisation_id in grants.organisation_ids[CHANGE])


def _next_number(kind: str, year: int) -> int:
    top = Letter.objects.filter(kind=kind, year=year).aggregate(n=Max("number"))["n"]
    return (top or 0) + 1


def _letter_create(**fields) -> Letter:
    """Insert with the next running number of its kind and year (retried once if another took it)."""
    for _attempt in range(3):
        fields["number"] = _next_number(fields["kind"], fields["year"])
        try:
            with transaction.atomic():
                return Letter.objects.create(**fields)
        except IntegrityError:
            continue
    raise DomainError(_("Please try again."), code="conflict")


@transaction.atomic
def letter_issue(
    actor,
    *,
    kind: str,
    unit,
    title: str,
    content: str,
    working_days,
    reply_required: bool = True,
    area=None,
    category: str = DEFAULT_CATEGORY,
    idempotency_key: str = "",
) -> Letter:
    """Issue a 交办单 or 提醒函 to a department or organisation: the letter and its task, one transaction."""
    issuer_require(actor)
    if kind not in LetterKind.values:
        raise DomainError(_("Choose the kind of letter."), field="kind")
    fields = unit_fields(unit)
    title = _text(title, "title", _("Give the letter a title."), limit=100)
    content = _text(content, "content", _("Write what the unit is to do."), limit=5000)
    area = unit_area(unit, area)
    if idempotency_key:
        earlier = Letter.objects.filter(
            issued_by=actor, case__events__idempotency_key=idempotency_key
        ).first()
        if earlier is not None:
            return earlier
    case = task_issue(
        actor,
        category=category,
        area=area,
        title=f"{LETTER_NAME[kind]}：{title}",
        description=content,
        handler=unit_handler(unit),
        working_days=working_days,
        idempotency_key=idempotency_key,
    )
    now = clock.now()
    return _letter_create(
        kind=kind,
        year=timezone.localtime(now).year,
        area=area,
        area_path=area.path,
        title=title,
        content=content,
        working_days=working_days,
        reply_required=reply_required,
        case=case,
        issued_by=actor,
        issued_at=now,
        **fields,
    )


def _unit_staff_require(actor, letter) -> None:
    if not is_unit_staff(actor, department_id=letter.department_id, organisation_id=letter.organisation_id):
        raise DomainError(_("Only the unit's staff acknowledge and reply to its letters."), code="forbidden")


@transaction.atomic
def letter_acknowledge(actor, *, letter: Letter, idempotency_key: str = "") -> Letter:
    """签收: the unit's staff take the letter's task (the listener records the time); a letter without a task
    (the automatic reminder) is acknowledged on itself. Twice: nothing more."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    _unit_staff_require(actor, letter)
    if letter.acknowledged_at is not None:
        return letter
    if letter.case_id:
        case_take(actor, case=letter.case, idempotency_key=idempotency_key)
        letter.refresh_from_db()
    else:
        letter.acknowledged_at = clock.now()
        letter.acknowledged_by = actor
        letter.save(update_fields=["acknowledged_at", "acknowledged_by"])
    return letter


@transaction.atomic
def letter_reply(actor, *, letter: Letter, reply: str, idempotency_key: str = "") -> Letter:
    """反馈: the unit's written reply; the issuer then accepts (验收) the task on the case page."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    _unit_staff_require(actor, letter)
    reply = _text(reply, "reply", _("Write the reply."), limit=5000)
    if letter.replied_at is not None:
        raise DomainError(_("This letter has been replied to."), code="invalid_state")
    if letter.acknowledged_at is None:
        letter_acknowledge(actor, letter=letter)
        letter.refresh_from_db()
    if letter.case_id:
        case_handle(actor, case=letter.case, note=reply, idempotency_key=idempotency_key)
        letter.refresh_from_db()
    else:
        letter.reply, letter.replied_at = reply, clock.now()
        letter.save(update_fields=["reply", "replied_at"])
    return letter


# The engine's steps on a letter's task, mirrored on the letter (step listeners, setup_letters).


def letter_step(*, case, event) -> None:
    """TAKE → acknowledged; HANDLE → replied (the note is the reply)."""
    if case.kind != Kind.TASK:
        return
    letter = Letter.objects.filter(case_id=case.pk).first()
    if letter is None:
        return
    if event.action == Action.TAKE and letter.acknowledged_at is None:
        letter.acknowledged_at = event.at
        letter.acknowledged_by_id = event.actor_id
        letter.save(update_fields=["acknowledged_at", "acknowledged_by"])
    elif event.action == Action.HANDLE:
        letter.reply = event.note or letter.reply
        letter.replied_at = event.at
        letter.save(update_fields=["reply", "replied_at"])


def letter_overdue(*, case, event) -> None:
    """OVERDUE on a 交办单's task: issue its one 提醒函 (the database refuses a second)."""
    if case.kind != Kind.TASK or not case.handle_overdue:
        return
    letter = Letter.objects.filter(case_id=case.pk, kind=LetterKind.ASSIGNMENT).first()
    if letter is None or Letter.objects.filter(about=letter, automatic=True).exists():
        return
    now = clock.now()
    _letter_create(
        kind=LetterKind.REMINDER,
        year=timezone.localtime(now).year,
        area=letter.area,
        area_path=letter.area_path,
        department=letter.department,
        organisation=letter.organisation,
        title=f"关于{letter.number_label}逾期未办结的提醒",
        content=(f"{letter.number_label}《{letter.title}》已超过办理时限，请抓紧办理并书面反馈。"),
        working_days=0,
        reply_required=True,
        about=letter,
        automatic=True,
        issued_by=None,
        issued_at=now,
    )


# Interviews.


@transaction.atomic
def interview_record(
    actor, *, unit, held_on, participants: str, subject: str, notes: str = "", area=None
) -> Interview:
    issuer_require(actor)
    fields = unit_fields(unit)
    if held_on is None:
        raise DomainError(_("Give the date of the interview."), code="required", field="held_on")
    area = unit_area(unit, area)
    return Interview.objects.create(
        area=area,
        area_path=area.path,
        held_on=held_on,
        participants=_text(participants, "participants", _("Name the participants."), limit=300),
        subject=_text(subject, "subject", _("Give the subject of the interview."), limit=200),
        notes=_text(notes, "notes", "", limit=5000, required=False),
        created_by=actor,
        **fields,
    )


@transaction.atomic
def interview_acknowledge(actor, *, interview: Interview) -> Interview:
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    if not is_unit_staff(
        actor, department_id=interview.department_id, organisation_id=interview.organisation_id
    ):
        raise DomainError(_("Only the unit's staff acknowledge its interview record."), code="forbidden")
    if interview.acknowledged_at is None:
        interview.acknowledged_at = clock.now()
        interview.acknowledged_by = actor
        interview.save(update_fields=["acknowledged_at", "acknowledged_by"])
    return interview
