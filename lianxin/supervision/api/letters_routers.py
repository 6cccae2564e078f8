"""The letters part's routers: /api/v1/letters/, /interviews/, /inspections/, /contact-projects/ and the
alliances' /alliance-chairs/, /policy-lists/, /joint-activities/. Each list answers its count and figures
from the same selector as the page and its Excel, so the three agree."""

from datetime import date
from decimal import Decimal

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile

from lianxin.areas.models import Area
from lianxin.core.api_pagination import PageParams, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, VIEW, get_for_user
from lianxin.party.models import JointActivity, PartyOrg, PolicyList
from lianxin.people.models import Department, Organisation, Person
from lianxin.supervision.models import ContactProject, Finding, Inspection, Interview, Letter, ProjectProblem
from lianxin.supervision.selectors import letters as sel
from lianxin.supervision.services import inspections as insp
from lianxin.supervision.services import letters as svc
from lianxin.supervision.services import projects as proj
from lianxin.supervision.services.letters_docx import letter_docx, letter_docx_name

letters_router = Router(tags=[_("Letters")])
interviews_router = Router(tags=[_("Interviews")])
inspections_router = Router(tags=[_("Inspections")])
projects_router = Router(tags=[_("Contact projects")])
chairs_router = Router(tags=[_("Alliance chairs")])
policies_router = Router(tags=[_("Policy lists")])
joint_router = Router(tags=[_("Joint activities")])


def _root(user, area_id):
    return get_for_user(Area, user, area_id) if area_id else None


def _pick(model, user, pk, field, action=VIEW):
    if pk is None:
        return None
    obj = model.objects.restrict(user, action).filter(pk=pk).first()
    if obj is None:
        raise DomainError(str(_("Choose one within your scope.")), field=field)
    return obj


def _unit(user, department_id, organisation_id):
    if department_id:
        return _pick(Department, user, department_id, "department_id")
    if organisation_id:
        return _pick(Organisation, user, organisation_id, "organisation_id")
    raise DomainError(
        str(_("Choose the unit the letter is sent to.")), code="required", field="department_id"
    )


class PeriodQuery(Schema):
    year: int | None = Field(None, ge=2000, le=2100)
    since: date | None = None
    until: date | None = None
    area_id: ObjectId | None = None


def _period(q: PeriodQuery) -> sel.Period:
    return sel.period_parse(
        q.since.isoformat() if q.since else None, q.until.isoformat() if q.until else None, q.year
    )


# Letters.


class LetterOut(Schema):
    id: int
    kind: str
    kind_label: str
    number: str
    title: str
    content: str
    unit: str
    department_id: int | None
    organisation_id: int | None
    working_days: Decimal
    reply_required: bool
    case_id: int | None
    handle_due: str | None
    issued_at: str
    acknowledged_at: str | None
    replied_at: str | None
    reply: str
    overdue: bool
    status: str
    about_id: int | None
    automatic: bool


def _iso(value):
    return value.isoformat() if value else None


def letter_out(x: Letter) -> dict:
    return {
        "id": x.pk,
        "kind": x.kind,
        "kind_label": str(x.get_kind_display()),
        "number": x.number_label,
        "title": x.title,
        "content": x.content,
        "unit": str(x.unit),
        "department_id": x.department_id,
        "organisation_id": x.organisation_id,
        "working_days": x.working_days,
        "reply_required": x.reply_required,
        "case_id": x.case_id,
        "handle_due": _iso(x.case.handle_due) if x.case_id else None,
        "issued_at": _iso(x.issued_at),
        "acknowledged_at": _iso(x.acknowledged_at),
        "replied_at": _iso(x.replied_at),
        "reply": x.reply,
        "overdue": bool(x.case_id and x.case.handle_overdue),
        "status": sel.letter_status(x),
        "about_id": x.about_id,
        "automatic": x.automatic,
    }


class LetterFigures(Schema):
    total: int
    assignment: int
    reminder: int
    acknowledged: int
    replied: int
    overdue: int
    automatic: int


class LetterPage(Schema):
    count: int = Field(description=_("Letters in the period, as on the letters page"))
    figures: LetterFigures
    items: list[LetterOut]
    next_cursor: str | None


class LetterIn(Schema):
    kind: str = Field(description="assignment (交办单) | reminder (提醒函)")
    department_id: ObjectId | None = None
    organisation_id: ObjectId | None = None
    title: str = Field(max_length=100)
    content: str = Field(max_length=5000)
    working_days: Decimal = Field(gt=0, le=365)
    reply_required: bool = True
    category: str = Field(svc.DEFAULT_CATEGORY, max_length=40)


class ReplyIn(Schema):
    reply: str = Field(max_length=5000)


@letters_router.get("/", response=LetterPage, summary=_("Letters"))
def letter_list(request, page: Query[PageParams], q: Query[PeriodQuery], kind: str = "", pending: str = ""):
    """交办单 and 提醒函 in the user's scope (a unit's staff: its own), counted by kind for the period."""
    rows = sel.letters_for(
        user=request.user, period=_period(q), kind=kind, root=_root(request.user, q.area_id), pending=pending
    )
    chunk = paginate(rows, page, key="id", descending=True)
    return {
        "count": rows.count(),
        "figures": sel.letter_figures(rows),
        "items": [letter_out(x) for x in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@letters_router.post("/", response={201: LetterOut}, summary=_("Issue a letter"))
def letter_create(request, payload: LetterIn):
    user = request.user
    letter = svc.letter_issue(
        user,
        kind=payload.kind,
        unit=_unit(user, payload.department_id, payload.organisation_id),
        title=payload.title,
        content=payload.content,
        working_days=payload.working_days,
        reply_required=payload.reply_required,
        category=payload.category,
    )
    return Status(201, letter_out(letter))


@letters_router.get("/{letter_id}", response=LetterOut, summary=_("A letter"))
def letter_get(request, letter_id: ObjectId):
    return letter_out(get_for_user(Letter, request.user, letter_id))


@letters_router.get("/{letter_id}/docx", summary=_("A letter as a Word document"))
def letter_word(request, letter_id: ObjectId):
    letter = get_for_user(Letter, request.user, letter_id)
    return docx_response(letter)


def docx_response(letter: Letter) -> HttpResponse:
    from django.utils.http import content_disposition_header

    response = HttpResponse(
        letter_docx(letter),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = content_disposition_header(True, letter_docx_name(letter))
    return response


@letters_router.post("/{letter_id}/acknowledge", response=LetterOut, summary=_("Acknowledge a letter"))
def letter_ack(request, letter_id: ObjectId):
    """签收, by the unit's staff."""
    letter = get_for_user(Letter, request.user, letter_id)
    return letter_out(svc.letter_acknowledge(request.user, letter=letter))


@letters_router.post("/{letter_id}/reply", response=LetterOut, summary=_("Reply to a letter"))
def letter_reply(request, letter_id: ObjectId, payload: ReplyIn):
    letter = get_for_user(Letter, request.user, letter_id)
    return letter_out(svc.letter_reply(request.user, letter=letter, reply=payload.reply))


# Interviews.


class InterviewOut(Schema):
    id: int
    unit: str
    department_id: int | None
    organisation_id: int | None
    held_on: date
    participants: str
    subject: str
    notes: str
    acknowledged_at: str | None


def interview_out(x: Interview) -> dict:
    return {
        "id": x.pk,
        "unit": str(x.unit),
        "department_id": x.department_id,
        "organisation_id": x.organisation_id,
        "held_on": x.held_on,
        "participants": x.participants,
        "subject": x.subject,
        "notes": x.notes,
        "acknowledged_at": _iso(x.acknowledged_at),
    }


class InterviewFigures(Schema):
    total: int
    acknowledged: int


class InterviewPage(Schema):
    count: int
    figures: InterviewFigures
    items: list[InterviewOut]
    next_cursor: str | None


class InterviewIn(Schema):
    department_id: ObjectId | None = None
    organisation_id: ObjectId | None = None
    held_on: date
    participants: str = Field(max_length=300)
    subject: str = Field(max_length=200)
    notes: str = Field("", max_length=5000)


@interviews_router.get("/", response=InterviewPage, summary=_("Interviews"))
def interview_list(request, page: Query[PageParams], q: Query[PeriodQuery]):
    rows = sel.interviews_for(user=request.user, period=_period(q), root=_root(request.user, q.area_id))
    chunk = paginate(rows, page, key="id", descending=True)
    return {
        "count": rows.count(),
        "figures": sel.interview_figures(rows),
        "items": [interview_out(x) for x in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@interviews_router.post("/", response={201: InterviewOut}, summary=_("Record an interview"))
def interview_create(request, payload: InterviewIn):
    user = request.user
    interview = svc.interview_record(
        user,
        unit=_unit(user, payload.department_id, payload.organisation_id),
        held_on=payload.held_on,
        participants=payload.participants,
        subject=payload.subject,
        notes=payload.notes,
    )
    return Status(201, interview_out(interview))


@interviews_router.post(
    "/{interview_id}/acknowledge", response=InterviewOut, summary=_("Acknowledge an interview")
)
def interview_ack(request, interview_id: ObjectId):
    interview = get_for_user(Interview, request.user, interview_id)
    return interview_out(svc.interview_acknowledge(request.user, interview=interview))


# Inspections.


class FindingOut(Schema):
    id: int
    inspection_id: int
    description: str
    formalism: bool
    letter_id: int
    letter_number: str
    unit: str
    handle_due: str | None
    overdue: bool
    closed_at: str | None
    has_evidence: bool


def finding_out(f: Finding) -> dict:
    return {
        "id": f.pk,
        "inspection_id": f.inspection_id,
        "description": f.description,
        "formalism": f.formalism,
        "letter_id": f.letter_id,
        "letter_number": f.letter.number_label,
        "unit": str(f.letter.unit),
        "handle_due": _iso(f.letter.case.handle_due) if f.letter.case_id else None,
        "overdue": bool(f.letter.case_id and f.letter.case.handle_overdue),
        "closed_at": _iso(f.closed_at),
        "has_evidence": bool(f.evidence),
    }


class InspectionOut(Schema):
    id: int
    group_name: str
    area_id: int
    area_name: str
    held_on: date
    place: str
    unannounced: bool
    notes: str
    findings: list[FindingOut]


class InspectionFigures(Schema):
    inspections: int
    unannounced: int
    findings: int
    formalism: int
    closed: int
    overdue: int


class InspectionPage(Schema):
    count: int
    figures: InspectionFigures
    items: list[InspectionOut]
    next_cursor: str | None


class InspectionIn(Schema):
    area_id: ObjectId
    group_id: ObjectId | None = None
    group_name: str = Field("", max_length=100)
    held_on: date
    place: str = Field(max_length=200)
    unannounced: bool = True
    notes: str = Field("", max_length=5000)


class FindingIn(Schema):
    description: str = Field(max_length=300)
    formalism: bool = False
    department_id: ObjectId | None = None
    organisation_id: ObjectId | None = None
    working_days: Decimal = Field(gt=0, le=365)


def inspection_out(i: Inspection, findings: list) -> dict:
    return {
        "id": i.pk,
        "group_name": i.group_name,
        "area_id": i.area_id,
        "area_name": i.area.name,
        "held_on": i.held_on,
        "place": i.place,
        "unannounced": i.unannounced,
        "notes": i.notes,
        "findings": [finding_out(f) for f in findings],
    }


@inspections_router.get("/", response=InspectionPage, summary=_("Inspections"))
def inspection_list(request, page: Query[PageParams], q: Query[PeriodQuery]):
    user = request.user
    rows = sel.inspections_for(user=user, period=_period(q), root=_root(user, q.area_id))
    chunk = paginate(rows.select_related("area"), page, key="id", descending=True)
    findings = {}
    for f in sel.findings_for(user=user, inspection_ids=[i.pk for i in chunk.items]):
        findings.setdefault(f.inspection_id, []).append(f)
    return {
        "count": rows.count(),
        "figures": sel.inspection_figures(rows),
        "items": [inspection_out(i, findings.get(i.pk, [])) for i in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@inspections_router.post("/", response={201: InspectionOut}, summary=_("Record an inspection"))
def inspection_create(request, payload: InspectionIn):
    user = request.user
    inspection = insp.inspection_record(
        user,
        area=_pick(Area, user, payload.area_id, "area_id"),
        group=_pick(Department, user, payload.group_id, "group_id"),
        group_name=payload.group_name,
        held_on=payload.held_on,
        place=payload.place,
        unannounced=payload.unannounced,
        notes=payload.notes,
    )
    return Status(201, inspection_out(inspection, []))


@inspections_router.post("/{inspection_id}/findings", response={201: FindingOut}, summary=_("Add a finding"))
def finding_create(request, inspection_id: ObjectId, payload: FindingIn):
    user = request.user
    inspection = get_for_user(Inspection, user, inspection_id, CHANGE)
    finding = insp.finding_add(
        user,
        inspection=inspection,
        description=payload.description,
        formalism=payload.formalism,
        unit=_unit(user, payload.department_id, payload.organisation_id),
        working_days=payload.working_days,
    )
    return Status(201, finding_out(finding))


@inspections_router.post(
    "/findings/{finding_id}/close", response=FindingOut, summary=_("Close a finding with a photo")
)
def finding_close(request, finding_id: ObjectId, photo: File[UploadedFile] = None):
    finding = get_for_user(Finding, request.user, finding_id)
    return finding_out(insp.finding_close(request.user, finding=finding, photo=photo))


# Contact projects.


class ProjectOut(Schema):
    id: int
    kind: str
    kind_label: str
    name: str
    enterprise: str | None
    leader: str
    contact: str
    responsible: str
    coordinating_unit: str | None
    lead_unit: str
    street: str
    problems: int
    solved: int
    visits: int


def project_out(p: ContactProject) -> dict:
    return {
        "id": p.pk,
        "kind": p.kind,
        "kind_label": str(p.get_kind_display()),
        "name": p.name,
        "enterprise": str(p.enterprise) if p.enterprise_id else None,
        "leader": p.leader.name,
        "contact": p.contact.name,
        "responsible": p.responsible.name,
        "coordinating_unit": str(p.coordinating_department) if p.coordinating_department_id else None,
        "lead_unit": str(p.lead_department),
        "street": p.street.name,
        "problems": getattr(p, "n_problems", 0),
        "solved": getattr(p, "n_solved", 0),
        "visits": getattr(p, "n_visits", 0),
    }


class SolvedByArea(Schema):
    area: str
    solved: int


class ProblemFigures(Schema):
    logged: int
    solved: int
    solved_by_area: list[SolvedByArea]


class ProjectPage(Schema):
    count: int
    problems: ProblemFigures
    items: list[ProjectOut]
    next_cursor: str | None


class ProjectIn(Schema):
    kind: str
    name: str = Field(max_length=100)
    enterprise_id: ObjectId | None = None
    alliance_id: ObjectId | None = None
    leader_id: ObjectId | None = None
    contact_id: ObjectId | None = None
    responsible_id: ObjectId | None = None
    coordinating_department_id: ObjectId | None = None
    lead_department_id: ObjectId | None = None
    street_id: ObjectId | None = None
    description: str = Field("", max_length=5000)


class ProblemOut(Schema):
    id: int
    project_id: int
    area: str
    title: str
    case_id: int
    state: str
    solved_at: str | None


def problem_out(p: ProjectProblem) -> dict:
    return {
        "id": p.pk,
        "project_id": p.project_id,
        "area": p.area.name,
        "title": p.title,
        "case_id": p.case_id,
        "state": str(p.case.get_state_display()),
        "solved_at": _iso(p.solved_at),
    }


class ProblemIn(Schema):
    area_id: ObjectId
    title: str = Field(max_length=100)
    description: str = Field("", max_length=5000)


class NeedIn(Schema):
    category: str
    description: str = Field(max_length=200)


class ContactVisitIn(Schema):
    visitor_id: ObjectId
    visited_on: date
    notes: str = Field("", max_length=5000)
    needs: list[NeedIn] = Field(default_factory=list, max_length=20)


class NeedOut(Schema):
    category: str
    description: str
    demand_id: int


class ContactVisitOut(Schema):
    id: int
    project_id: int
    visitor: str
    visited_on: date
    notes: str
    needs: list[NeedOut]


def visit_out(v) -> dict:
    return {
        "id": v.pk,
        "project_id": v.project_id,
        "visitor": v.visitor.name,
        "visited_on": v.visited_on,
        "notes": v.notes,
        "needs": [
            {
                "category": str(n.get_category_display()),
                "description": n.description,
                "demand_id": n.demand_id,
            }
            for n in v.needs.all()
        ],
    }


def _person(user, pk, field):
    # A named person need not be in the user's scope (a county leader named by the org department).
    if pk is None:
        return None
    person = Person.objects.filter(pk=pk).first()
    if person is None:
        raise DomainError(str(_("No such person.")), field=field)
    return person


@projects_router.get("/", response=ProjectPage, summary=_("Contact projects"))
def project_list(request, page: Query[PageParams], q: Query[PeriodQuery], mine: bool = False):
    """Each unit of a project (coordinating, lead, street) and its three named people see it; ``problems``
    counts the period's logged and solved problems, solved by community."""
    user = request.user
    root = _root(user, q.area_id)
    rows = sel.projects_for(user=user, root=root, mine=mine)
    chunk = paginate(rows, page, key="id", descending=True)
    return {
        "count": rows.count(),
        "problems": sel.problem_figures(user=user, period=_period(q), root=root),
        "items": [project_out(p) for p in chunk.items],
        "next_cursor": chunk.next_cursor,
    }


@projects_router.post("/", response={201: ProjectOut}, summary=_("Create a contact project"))
def project_create(request, payload: ProjectIn):
    """400 “包联项目缺少：联系人” when one of the three roles is missing."""
    user = request.user
    project = proj.project_create(
        user,
        kind=payload.kind,
        name=payload.name,
        enterprise=_pick(Organisation, user, payload.enterprise_id, "enterprise_id"),
        alliance=_pick(PartyOrg, user, payload.alliance_id, "alliance_id"),
        leader=_person(user, payload.leader_id, "leader_id"),
        contact=_person(user, payload.contact_id, "contact_id"),
        responsible=_person(user, payload.responsible_id, "responsible_id"),
        coordinating_department=_pick(
            Department, user, payload.coordinating_department_id, "coordinating_department_id"
        ),
        lead_department=Department.objects.filter(pk=payload.lead_department_id).first()
        if payload.lead_department_id
        else None,
        street=_pick(Area, user, payload.street_id, "street_id"),
        description=payload.description,
    )
    return Status(201, project_out(sel.projects_for(user=user).get(pk=project.pk)))


@projects_router.get("/problems", response=list[ProblemOut], summary=_("Project problems"))
def problem_list(request, q: Query[PeriodQuery]):
    rows = sel.problems_for(user=request.user, period=_period(q), root=_root(request.user, q.area_id))
    return [problem_out(p) for p in rows[:500]]


@projects_router.post(
    "/{project_id}/problems", response={201: ProblemOut}, summary=_("Log a project problem")
)
def problem_create(request, project_id: ObjectId, payload: ProblemIn):
    user = request.user
    project = get_for_user(ContactProject, user, project_id)
    problem = proj.problem_log(
        user,
        project=project,
        area=_pick(Area, user, payload.area_id, "area_id"),
        title=payload.title,
        description=payload.description,
    )
    return Status(201, problem_out(problem))


@projects_router.get(
    "/{project_id}/visits", response=list[ContactVisitOut], summary=_("An enterprise's visits")
)
def visit_list(request, project_id: ObjectId):
    project = get_for_user(ContactProject, request.user, project_id)
    return [visit_out(v) for v in sel.visits_for(user=request.user, project=project)]


@projects_router.post("/{project_id}/visits", response={201: ContactVisitOut}, summary=_("Log a visit"))
def visit_create(request, project_id: ObjectId, payload: ContactVisitIn):
    user = request.user
    project = get_for_user(ContactProject, user, project_id)
    visit = proj.visit_log(
        user,
        project=project,
        visitor=_person(user, payload.visitor_id, "visitor_id"),
        visited_on=payload.visited_on,
        notes=payload.notes,
        needs=[n.dict() for n in payload.needs],
    )
    return Status(201, visit_out(visit))


# Alliances: chairs, policy lists, joint activities.


class TermOut(Schema):
    member: str
    position: int
    starts_on: date
    ends_on: date
    automatic: bool


class ChairOut(Schema):
    alliance_id: int
    alliance: str
    term_months: int
    current: TermOut | None
    order: list[str]
    history: list[TermOut]


def _term(t) -> dict:
    from lianxin.party.services.alliance_chairs import member_label

    return {
        "member": member_label(t.member),
        "position": t.position,
        "starts_on": t.starts_on,
        "ends_on": t.ends_on,
        "automatic": t.automatic,
    }


class ChairPage(Schema):
    count: int
    items: list[ChairOut]


@chairs_router.get("/", response=ChairPage, summary=_("Alliance chairs"))
def chair_list(request):
    """Each alliance the user reaches: its current chair, rotation order and history of terms."""
    from lianxin.party.selectors.alliance_chairs import chair_rows

    rows = chair_rows(request.user)
    return {
        "count": len(rows),
        "items": [
            {
                "alliance_id": r["alliance"].pk,
                "alliance": r["alliance"].name,
                "term_months": r["months"],
                "current": _term(r["current"]) if r["current"] else None,
                "order": r["order"],
                "history": [_term(t) for t in r["history"]],
            }
            for r in rows
        ],
    }


class PolicyItemOut(Schema):
    title: str
    content: str
    provider: str


class PolicyChangeOut(Schema):
    title: str
    before: str
    after: str


class PolicyDiffOut(Schema):
    added: list[str]
    removed: list[str]
    changed: list[PolicyChangeOut]
    unchanged: int


class PolicyListOut(Schema):
    id: int
    alliance_id: int
    alliance: str
    version: int
    title: str
    published_on: date
    items: list[PolicyItemOut]
    diff: PolicyDiffOut = Field(description=_("What changed against the version before"))


def policy_out(pl: PolicyList) -> dict:
    from lianxin.party.services.alliance_chairs import policy_diff, policy_previous

    diff = policy_diff(policy_previous(pl), pl)
    return {
        "id": pl.pk,
        "alliance_id": pl.alliance_id,
        "alliance": pl.alliance.name,
        "version": pl.version,
        "title": pl.title,
        "published_on": pl.published_on,
        "items": [{"title": i.title, "content": i.content, "provider": i.provider} for i in pl.items.all()],
        "diff": {
            "added": [i.title for i in diff.added],
            "removed": [i.title for i in diff.removed],
            "changed": [{"title": n.title, "before": o.content, "after": n.content} for o, n in diff.changed],
            "unchanged": diff.unchanged,
        },
    }


class PolicyPage(Schema):
    count: int = Field(description=_("Current policy lists (one per alliance)"))
    policies: int = Field(description=_("Policies in the current versions"))
    items: list[PolicyListOut]


class PolicyIn(Schema):
    alliance_id: ObjectId
    title: str = Field(max_length=100)
    items: list[PolicyItemOut] = Field(max_length=500)


@policies_router.get("/", response=PolicyPage, summary=_("Policy lists"))
def policy_list(request, alliance_id: ObjectId | None = None, all_versions: bool = False):
    """The current version of each alliance's policy list (as enterprises see it); every version with
    ``all_versions``."""
    from lianxin.party.selectors.alliance_chairs import policy_rows

    rows = policy_rows(request.user, alliance_id=alliance_id, all_versions=all_versions)
    return {
        "count": len(rows),
        "policies": sum(len(pl.items.all()) for pl in rows),
        "items": [policy_out(pl) for pl in rows],
    }


@policies_router.post("/", response={201: PolicyListOut}, summary=_("Publish a new version"))
def policy_publish(request, payload: PolicyIn):
    from lianxin.party.services.alliance_chairs import policy_list_publish

    alliance = get_for_user(PartyOrg, request.user, payload.alliance_id)
    pl = policy_list_publish(
        request.user, alliance=alliance, title=payload.title, items=[i.dict() for i in payload.items]
    )
    return Status(201, policy_out(pl))


class JointKindCount(Schema):
    kind: str
    label: str
    count: int


class JointYear(Schema):
    year: int
    kinds: list[JointKindCount]
    total: int


class JointOut(Schema):
    id: int
    alliance: str
    kind: str
    kind_label: str
    title: str
    held_on: date
    participants: int


class JointPage(Schema):
    count: int
    by_year: list[JointYear]
    items: list[JointOut]


class JointIn(Schema):
    alliance_id: ObjectId
    kind: str
    title: str = Field(max_length=200)
    held_on: date
    participants: int = Field(0, ge=0, le=100000)
    host: str = Field("", max_length=100)
    note: str = Field("", max_length=2000)


def joint_out(j: JointActivity) -> dict:
    return {
        "id": j.pk,
        "alliance": j.alliance.name,
        "kind": j.kind,
        "kind_label": str(j.get_kind_display()),
        "title": j.activity.title,
        "held_on": j.activity.held_on,
        "participants": j.activity.participants,
    }


@joint_router.get("/", response=JointPage, summary=_("Alliance joint activities"))
def joint_list(request, year: int | None = Query(None, ge=2000, le=2100)):
    from lianxin.party.selectors.alliance_chairs import joint_rows
    from lianxin.party.services.alliance_chairs import joint_counts

    rows = joint_rows(request.user, year=year)
    return {"count": rows.count(), "by_year": joint_counts(rows), "items": [joint_out(j) for j in rows[:500]]}


@joint_router.post("/", response={201: JointOut}, summary=_("Record a joint activity"))
def joint_create(request, payload: JointIn):
    from lianxin.party.services.alliance_chairs import joint_activity_record

    alliance = get_for_user(PartyOrg, request.user, payload.alliance_id)
    j = joint_activity_record(
        request.user,
        alliance=alliance,
        kind=payload.kind,
        title=payload.title,
        held_on=payload.held_on,
        participants=payload.participants,
        host=payload.host,
        note=payload.note,
    )
    return Status(201, joint_out(j))


ROUTERS: list = [
    ("/letters/", letters_router),
    ("/interviews/", interviews_router),
    ("/inspections/", inspections_router),
    ("/contact-projects/", projects_router),
    ("/alliance-chairs/", chairs_router),
    ("/policy-lists/", policies_router),
    ("/joint-activities/", joint_router),
]
