"""Contact-duty projects (包联项目制度, P001-09): a project or an enterprise, never without its 包保领导,
联系人 and 责任人; the organisation department coordinates, a lead unit drives it, a street carries it out.

Problems (P001-11): a community logs what blocks a project; it becomes a task to the project's lead unit (the
level above), which takes it up (签收) and marks it solved (反馈); the community accepts it (验收).
Visits (把脉问诊, P003-37): a cadre assigned to an enterprise logs visits with the needs found by category;
each need goes onto the alliance's demand list (``party.AllianceDemand``).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Level
from lianxin.cases.models import Kind
from lianxin.cases.services import case_handle, case_take
from lianxin.core.errors_domain import DomainError
from lianxin.core.paths import is_under
from lianxin.core.scope import CHANGE, VIEW
from lianxin.party.models import AllianceDemand, AllianceMember, OrgKind
from lianxin.supervision.models import (
    ContactNeed,
    ContactProject,
    ContactProjectKind,
    ContactVisit,
    NeedCategory,
    ProjectProblem,
)
from lianxin.supervision.services.letters import _text, issuer_require
from lianxin.supervision.services.tasks import task_issue

PROBLEM_LEVELS = (Level.COMMUNITY, Level.VILLAGE)


@transaction.atomic
def project_create(
    actor,
    *,
    kind: str,
    name: str,
    leader=None,
    contact=None,
    responsible=None,
    lead_department=None,
    street=None,
    coordinating_department=None,
    enterprise=None,
    alliance=None,
    description: str = "",
) -> ContactProject:
    issuer_require(actor)
    if kind not in ContactProjectKind.values:
        raise DomainError(_("Choose a project or an enterprise."), field="kind")
    name = _text(name, "name", _("Give the project a name."), limit=100)
    missing = [
        label
        for label, value in (
            (_("responsible leader"), leader),
            (_("contact person"), contact),
            (_("accountable person"), responsible),
        )
        if value is None
    ]
    if missing:
        raise DomainError(
            _("The contact project lacks: %(roles)s") % {"roles": "、".join(str(m) for m in missing)},
            code="required",
            field="leader" if leader is None else "contact" if contact is None else "responsible",
        )
    if lead_department is None:
        raise DomainError(_("Choose the lead unit."), code="required", field="lead_department")
    if street is None or street.level not in (Level.STREET, Level.TOWNSHIP):
        raise DomainError(_("Choose the implementing street."), code="required", field="street")
    if not Area.objects.restrict(actor, VIEW).filter(pk=street.pk).exists():
        raise DomainError(_("Choose one within your scope."), field="street")
    if kind == ContactProjectKind.ENTERPRISE and enterprise is None:
        raise DomainError(_("Choose the enterprise."), code="required", field="enterprise")
    if alliance is not None and alliance.kind != OrgKind.CHAIN_ALLIANCE:
        raise DomainError(_("Choose an alliance."), field="alliance")
    return ContactProject.objects.create(
        kind=kind,
        name=name,
        enterprise=enterprise,
        alliance=alliance,
        leader=leader,
        contact=contact,
        responsible=responsible,
        coordinating_department=coordinating_department,
        lead_department=lead_department,
        street=street,
        area_path=street.path,
        description=_text(description, "description", "", limit=5000, required=False),
        created_by=actor,
    )


@transaction.atomic
def problem_log(
    actor,
    *,
    project: ContactProject,
    area,
    title: str,
    description: str = "",
    working_days=10,
    category: str = "task_governance_problem",
) -> ProjectProblem:
    """A community logs a problem; the task goes to the project's lead unit."""
    if not ContactProject.objects.restrict(actor, VIEW).filter(pk=project.pk).exists():
        raise DomainError(_("Choose one within your scope."), code="not_found", field="project")
    if area is None or area.level not in PROBLEM_LEVELS or not is_under(area.path, project.area_path):
        raise DomainError(_("Choose a community of the project's street."), field="area")
    if not Area.objects.restrict(actor, CHANGE).filter(pk=area.pk).exists():
        raise DomainError(_("Only the community's staff log its problems."), code="forbidden", field="area")
    title = _text(title, "title", _("Describe the problem."), limit=100)
    case = task_issue(
        actor,
        category=category,
        area=area,
        title=f"{project.name}：{title}",
        description=description or title,
        handler={"department": project.lead_department},
        working_days=working_days,
    )
    return ProjectProblem.objects.create(
        project=project,
        area=area,
        area_path=area.path,
        title=title,
        case=case,
        logged_by=actor,
        logged_at=case.reported_at,
    )


def problem_take_up(actor, *, problem: ProjectProblem) -> ProjectProblem:
    """The level above takes the problem up (签收 its task)."""
    case_take(actor, case=problem.case)
    return problem


def problem_solve(actor, *, problem: ProjectProblem, note: str) -> ProjectProblem:
    """Marked solved: the task's 反馈 (the listener records the moment)."""
    case_handle(actor, case=problem.case, note=note)
    problem.refresh_from_db()
    return problem


def problem_step(*, case, event) -> None:
    """HANDLE on a problem's task: solved at that moment (the first time)."""
    if case.kind != Kind.TASK:
        return
    ProjectProblem.objects.filter(case_id=case.pk, solved_at__isnull=True).update(solved_at=event.at)


def _alliance_of(project: ContactProject):
    if project.alliance_id:
        return project.alliance
    member = (
        AllianceMember.objects.filter(enterprise=project.enterprise, alliance__kind=OrgKind.CHAIN_ALLIANCE)
        .select_related("alliance")
        .order_by("alliance__path")
        .first()
    )
    return member.alliance if member else None


@transaction.atomic
def visit_log(
    actor, *, project: ContactProject, visitor, visited_on, notes: str = "", needs=()
) -> ContactVisit:
    """A cadre's visit with the needs found: ``needs`` is a list of {"category", "description"}."""
    if not ContactProject.objects.restrict(actor, VIEW).filter(pk=project.pk).exists():
        raise DomainError(_("Choose one within your scope."), code="not_found", field="project")
    if project.kind != ContactProjectKind.ENTERPRISE or project.enterprise_id is None:
        raise DomainError(_("Visits are logged for enterprises."), field="project")
    if visitor is None:
        raise DomainError(_("Name the cadre who visited."), code="required", field="visitor")
    if visited_on is None:
        raise DomainError(_("Give the date of the visit."), code="required", field="visited_on")
    cleaned = []
    for need in needs:
        category = (need.get("category") or "").strip()
        if category not in NeedCategory.values:
            raise DomainError(_("Choose the category of each need."), field="needs")
        cleaned.append(
            (category, _text(need.get("description"), "needs", _("Describe each need."), limit=200))
        )
    alliance = _alliance_of(project) if cleaned else None
    if cleaned and alliance is None:
        raise DomainError(
            _("The enterprise is in no party-building alliance: its needs have no demand list."),
            field="needs",
        )
    visit = ContactVisit.objects.create(
        project=project,
        visitor=visitor,
        visited_on=visited_on,
        notes=_text(notes, "notes", "", limit=5000, required=False),
        created_by=actor,
    )
    for category, description in cleaned:
        label = NeedCategory(category).label
        demand = AllianceDemand.objects.create(
            alliance=alliance,
            organisation=project.enterprise,
            title=f"{label}：{description}"[:100],
            description=f"{visited_on:%Y-%m-%d}包联走访（{visitor.name}）发现的需求：{description}",
            created_by=actor,
        )
        ContactNeed.objects.create(visit=visit, category=category, description=description, demand=demand)
    return visit
