"""Key-task lists and their key tasks (重点任务清单, P001-05, P004-53, P000-64, P000-66, P003-47), the
follow-up review of a finished task (跟踪问效, P004-54), and progress rounds (定期调度, P004-54).

Each key task is a case issued through ``task_issue`` (the street ban of P004-03 included); this module
keeps the list, the heading, the lead unit, the owner and the working group beside it.
"""

from datetime import date

from dateutil.rrule import rrulestr
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.models import Area
from lianxin.cases import clock
from lianxin.cases.models import State
from lianxin.cases.models.enums import FINAL_STATES
from lianxin.cases.permissions import is_issuer_over
from lianxin.cases.services import case_reopen
from lianxin.core.errors_domain import DomainError
from lianxin.people.models import Department, DepartmentKind, Organisation, Person
from lianxin.supervision.models import KeyTask, ListScheme, ProgressReport, ProgressRound, TaskList
from lianxin.supervision.services.tasks import task_category, task_issue

MAX_TITLE = 200


def _issuer_require(actor, area: Area) -> None:
    if not is_issuer_over(actor, area.path):
        raise DomainError(_("Your post does not allow this: issue key tasks and letters."), code="forbidden")


def rrule_clean(value: str, *, field: str) -> str:
    """A recurrence rule (RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=MO), refused in Chinese when unreadable."""
    value = (value or "").strip()
    if value.upper().startswith("RRULE:"):
        value = value[6:]
    if not value:
        return ""
    try:
        rrulestr(value, dtstart=timezone.now().replace(tzinfo=None))
    except (ValueError, TypeError):
        raise DomainError(
            _("The schedule is not a recurrence rule (for example FREQ=WEEKLY;BYDAY=MO)."), field=field
        ) from None
    return value


def rrule_next(rule: str, after: date) -> date | None:
    """The first day of the rule strictly after ``after`` (the rule counted from that day)."""
    from datetime import datetime, time

    if not rule:
        return None
    start = datetime.combine(after, time())
    found = rrulestr(rule, dtstart=start).after(start, inc=False)
    return found.date() if found else None


@transaction.atomic
def tasklist_create(
    actor,
    *,
    area: Area,
    title: str,
    plan: str = "",
    scheme: str = ListScheme.FREE,
    year: int | None = None,
    group: Department | None = None,
    progress_rrule: str = "",
    progress_next_on: date | None = None,
) -> TaskList:
    """A key-task list at a level, drawn from a plan document (《实施方案》)."""
    _issuer_require(actor, area)
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Give the list a title."), field="title")
    if scheme not in ListScheme.values:
        raise DomainError(_("Choose how the headings are named."), field="scheme")
    if group is not None and group.kind != DepartmentKind.LEADING_GROUP:
        raise DomainError(_("Choose a leading group."), field="group")
    rule = rrule_clean(progress_rrule, field="progress_rrule")
    today = timezone.localdate(clock.now())
    return TaskList.objects.create(
        area=area,
        area_path=area.path,
        title=title[:MAX_TITLE],
        plan=(plan or "").strip()[:MAX_TITLE],
        scheme=scheme,
        year=year or today.year,
        group=group,
        progress_rrule=rule,
        progress_next_on=progress_next_on or (rrule_next(rule, today) if rule else None),
        created_by=actor if getattr(actor, "pk", None) else None,
    )


def _street_handler(area: Area, owner: Person | None) -> Person | None:
    """Who takes a street's key task (签收): its owner when he holds a post over the street, else the
    street's secretary; none (the street's pool) when it has no secretary."""
    from django.db.models import Q

    from lianxin.people.models import Post
    from lianxin.people.roles import Role

    today = timezone.localdate(clock.now())
    current = Post.objects.filter(start_date__lte=today).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    )
    if owner is not None:
        areas = current.filter(person=owner, area__isnull=False).values_list("area__path", flat=True)
        if any(area.path.startswith(path) for path in areas):
            return owner
    post = (
        current.filter(area=area, role=Role.SECRETARY)
        .select_related("person")
        .order_by("start_date", "pk")
        .first()
    )
    return post.person if post else None


def _lead(*, lead_department, lead_organisation, lead_area, task_list: TaskList, owner=None):
    given = [x for x in (lead_department, lead_organisation, lead_area) if x is not None]
    if len(given) != 1:
        raise DomainError(
            _("Name one lead unit: a department, an enterprise or a street."), field="lead_unit"
        )
    if lead_area is not None:
        if not lead_area.path.startswith(task_list.area_path):
            raise DomainError(_("The lead unit lies outside the list's area."), field="lead_unit")
        person = _street_handler(lead_area, owner)
        return lead_area, ({"person": person} if person is not None else None)
    if lead_department is not None:
        if not task_list.area_path.startswith(lead_department.area_path) and not (
            lead_department.area_path.startswith(task_list.area_path)
        ):
            raise DomainError(_("The lead unit lies outside the list's area."), field="lead_unit")
        area = (
            lead_department.area
            if lead_department.area_path.startswith(task_list.area_path)
            else task_list.area
        )
        return area, {"department": lead_department}
    org_area = lead_organisation.area or task_list.area
    if not org_area.path.startswith(task_list.area_path):
        org_area = task_list.area
    return org_area, {"organisation": lead_organisation}


@transaction.atomic
def keytask_create(
    actor,
    *,
    task_list: TaskList,
    title: str,
    category="task_party_key",
    heading: str = "",
    lead_department: Department | None = None,
    lead_organisation: Organisation | None = None,
    lead_area: Area | None = None,
    owner: Person | None = None,
    working_group: Department | None = None,
    working_days=None,
    due=None,
    description: str = "",
    idempotency_key: str = "",
) -> KeyTask:
    """Issue one key task of a list: a task case for its lead unit (a street's pool, a department, an
    enterprise), due in working days or on a day; a street is refused 招商引资 and 协税护税 (P004-03)."""
    _issuer_require(actor, task_list.area)
    if isinstance(category, str):
        category = task_category(category)
    area, handler = _lead(
        lead_department=lead_department,
        lead_organisation=lead_organisation,
        lead_area=lead_area,
        task_list=task_list,
        owner=owner,
    )
    if working_group is not None and working_group.kind != DepartmentKind.WORKING_GROUP:
        raise DomainError(_("Choose a working group."), field="working_group")
    if working_days in (None, "") and due is None:
        raise DomainError(_("Give the task a deadline."), field="working_days")
    heading = (heading or "").strip()[:50]
    case = task_issue(
        actor,
        category=category,
        area=area,
        title=title,
        description=description,
        handler=handler,
        working_days=working_days,
        due=due,
        idempotency_key=idempotency_key,
    )
    existing = KeyTask.objects.filter(case=case).first()
    if existing is not None:  # the same idempotency key again
        return existing
    position = task_list.tasks.count() + 1
    return KeyTask.objects.create(
        task_list=task_list,
        case=case,
        heading=heading,
        position=position,
        lead_department=lead_department,
        lead_organisation=lead_organisation,
        lead_area=lead_area,
        owner=owner,
        working_group=working_group,
        area_path=case.area_path,
    )


@transaction.atomic
def keytask_assign_group(actor, *, key_task: KeyTask, working_group: Department | None) -> KeyTask:
    """Put a key task under a working group of the list's leading group (or none)."""
    _issuer_require(actor, key_task.task_list.area)
    if working_group is not None and working_group.kind != DepartmentKind.WORKING_GROUP:
        raise DomainError(_("Choose a working group."), field="working_group")
    key_task.working_group = working_group
    key_task.save(update_fields=["working_group"])
    return key_task


@transaction.atomic
def keytask_review(actor, *, key_task: KeyTask, effective: bool, note: str = "") -> KeyTask:
    """跟踪问效: after a key task is closed, its issuer records whether it worked; an ineffective one is
    reopened (``case_reopen``) and goes back to its lead unit."""
    case = key_task.case
    if case.state != State.CLOSED:
        raise DomainError(_("Only a finished task is reviewed for its effect."), code="invalid_state")
    note = (note or "").strip()
    if not effective and not note:
        raise DomainError(_("Say why the task had no effect."), field="note")
    if not effective:
        case_reopen(actor, case=case, reason=_("Follow-up review: not effective. %(note)s") % {"note": note})
    else:
        _issuer_require(actor, key_task.task_list.area)
    key_task.reviewed_at = clock.now()
    key_task.review_effective = bool(effective)
    key_task.review_note = note[:500]
    key_task.save(update_fields=["reviewed_at", "review_effective", "review_note"])
    return key_task


# -- progress rounds (定期调度) ------------------------------------------------------------------------


def progressround_open(
    actor, *, task_list: TaskList, opens_on: date | None = None, due_on=None
) -> ProgressRound:
    """Open a round: one empty report per key task still open, to be filled by its lead unit."""
    if actor is not None:
        _issuer_require(actor, task_list.area)
    today = timezone.localdate(clock.now())
    opens_on = opens_on or today
    due_on = due_on or opens_on
    if due_on < opens_on:
        raise DomainError(_("Reports cannot be due before the round opens."), field="due_on")
    try:
        with transaction.atomic():
            number = (task_list.rounds.order_by("-number").values_list("number", flat=True).first() or 0) + 1
            progress_round = ProgressRound.objects.create(
                task_list=task_list,
                number=number,
                opens_on=opens_on,
                due_on=due_on,
                area_path=task_list.area_path,
            )
            tasks = task_list.tasks.exclude(case__state__in=FINAL_STATES).select_related("case")
            ProgressReport.objects.bulk_create(
                [ProgressReport(round=progress_round, key_task=t, area_path=t.area_path) for t in tasks]
            )
    except IntegrityError:
        raise DomainError(
            _("Another round was opened at the same moment. Try again."), code="conflict"
        ) from None
    return progress_round


@transaction.atomic
def progressreport_submit(
    actor, *, report: ProgressReport, progress: str, percent=None, evidence: str = ""
) -> ProgressReport:
    """A lead unit reports a task's progress in a round (again: the latest report stands)."""
    progress = (progress or "").strip()
    if not progress:
        raise DomainError(_("Say what progress was made."), field="progress")
    if percent in ("", None):
        percent = None
    else:
        try:
            percent = int(percent)
        except (TypeError, ValueError):
            raise DomainError(
                _("Give the share done as a whole number from 0 to 100."), field="percent"
            ) from None
        if not 0 <= percent <= 100:
            raise DomainError(_("Give the share done as a whole number from 0 to 100."), field="percent")
    report.progress = progress[:4000]
    report.percent = percent
    report.evidence = (evidence or "").strip()[:500]
    report.reported_at = clock.now()
    report.reported_by = actor
    report.save()
    return report


def progress_rounds_due(*, today: date | None = None) -> int:
    """The Huey job: open the rounds of every list whose schedule says today (or earlier), and move its
    next day on."""
    today = today or timezone.localdate(clock.now())
    opened = 0
    due = TaskList.objects.exclude(progress_rrule="").filter(progress_next_on__lte=today)
    for task_list in due:
        with transaction.atomic():
            progressround_open(None, task_list=task_list, opens_on=today)
            task_list.progress_next_on = rrule_next(task_list.progress_rrule, today)
            task_list.save(update_fields=["progress_next_on"])
            opened += 1
    return opened
