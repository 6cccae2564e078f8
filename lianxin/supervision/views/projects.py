"""Contact-duty projects (包联项目, P001-09): the issuing side creates them (never without 包保领导, 联系人
and 责任人); the coordinating unit, the lead unit, the implementing street and the three people named each see
them; a county leader sees his own (包保领导). Communities log problems (P001-11), cadres log visits and the
needs found (P003-37)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from lianxin.areas.models import Area, Level
from lianxin.core.context import user_context
from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response
from lianxin.core.scope import CHANGE, get_for_user, under
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.people.models import Department, Organisation, Person
from lianxin.people.roles import STAFF_ROLES
from lianxin.supervision.models import ContactProject, ContactProjectKind, NeedCategory
from lianxin.supervision.permissions import GROUP_ROLES
from lianxin.supervision.selectors import letters as sel
from lianxin.supervision.services import projects as svc
from lianxin.supervision.views.letters import form_run, is_issuer, period_of, require

# Those who keep or carry out contact-duty projects: the issuers, the staff of the levels (a community logs
# its problems), the lead units' department staff and the groups' seats. Posts that only work in an area
# (grid workers, captains, property staff) are not offered them. Decided by role, without a query: the
# menu asks it on every page.
PROJECT_ROLES = STAFF_ROLES | GROUP_ROLES | {"department_staff"}


def sees_projects(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return is_issuer(user) or bool(user_context(user).roles & PROJECT_ROLES)


class PersonField(forms.CharField):
    """A person by id or exact name (a county leader need not be in the issuer's areas)."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        value = value.strip()
        person = Person.objects.filter(pk=value).first() if value.isdigit() else None
        person = person or Person.objects.filter(name=value).order_by("pk").first()
        if person is None:
            raise forms.ValidationError(_("No such person."))
        return person


class ProjectForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=ContactProjectKind.choices)
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    enterprise = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Enterprise"), required=False)
    alliance = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Alliance"), required=False)
    leader = PersonField(label=gettext_lazy("Responsible leader (包保领导)"), required=False)
    contact = PersonField(label=gettext_lazy("Contact person (联系人)"), required=False)
    responsible = PersonField(label=gettext_lazy("Accountable person (责任人)"), required=False)
    coordinating_department = forms.ModelChoiceField(
        queryset=None, label=gettext_lazy("Coordinating unit"), required=False
    )
    lead_department = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Lead unit"), required=False)
    street = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Implementing street"), required=False)
    description = forms.CharField(
        label=gettext_lazy("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = (
            Organisation.objects.restrict(user).filter(kind="employer").order_by("name")
        )
        self.fields["alliance"].queryset = PartyOrg.objects.restrict(user).filter(kind=OrgKind.CHAIN_ALLIANCE)
        departments = Department.objects.order_by("area__path", "name")
        self.fields["coordinating_department"].queryset = departments
        self.fields["lead_department"].queryset = departments
        self.fields["street"].queryset = (
            Area.objects.restrict(user)
            .live()
            .filter(level__in=[Level.STREET, Level.TOWNSHIP])
            .order_by("path")
        )


class ProblemForm(forms.Form):
    area = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Community"))
    title = forms.CharField(label=gettext_lazy("Problem"), max_length=100)
    description = forms.CharField(
        label=gettext_lazy("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, user, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = (
            Area.objects.restrict(user, CHANGE)
            .filter(under("path", project.area_path), level__in=[Level.COMMUNITY, Level.VILLAGE])
            .order_by("path")
        )


class VisitForm(forms.Form):
    visitor = PersonField(label=gettext_lazy("Cadre"))
    visited_on = forms.DateField(
        label=gettext_lazy("Visited on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    need_category = forms.ChoiceField(
        label=gettext_lazy("Need category"), choices=[("", "—"), *NeedCategory.choices], required=False
    )
    need = forms.CharField(label=gettext_lazy("Need found"), max_length=200, required=False)


PROJECT_COLUMNS = [
    ExcelColumn(gettext_lazy("Name"), lambda p: p.name, 24),
    ExcelColumn(gettext_lazy("Kind"), lambda p: p.get_kind_display(), 8),
    ExcelColumn(gettext_lazy("Responsible leader (包保领导)"), lambda p: p.leader.name, 12),
    ExcelColumn(gettext_lazy("Contact person (联系人)"), lambda p: p.contact.name, 12),
    ExcelColumn(gettext_lazy("Accountable person (责任人)"), lambda p: p.responsible.name, 12),
    ExcelColumn(gettext_lazy("Coordinating unit"), lambda p: p.coordinating_department, 16),
    ExcelColumn(gettext_lazy("Lead unit"), lambda p: p.lead_department, 16),
    ExcelColumn(gettext_lazy("Implementing street"), lambda p: p.street.name, 12),
    ExcelColumn(gettext_lazy("Problems"), lambda p: p.n_problems, 8),
    ExcelColumn(gettext_lazy("Solved"), lambda p: p.n_solved, 8),
    ExcelColumn(gettext_lazy("Visits"), lambda p: p.n_visits, 8),
]


@login_required
@require_http_methods(["GET", "POST"])
def project_list(request):
    user = request.user
    require(sees_projects(user))
    period = period_of(request)
    mine = request.GET.get("mine") == "1"
    rows = sel.projects_for(user=user, mine=mine)
    problems = sel.problem_figures(user=user, period=period)
    if request.GET.get("format") == "xlsx":
        workbook = list_workbook(
            title=_("Contact projects"),
            columns=[ExcelColumn(str(c.label), c.value, c.width) for c in PROJECT_COLUMNS],
            objects=rows,
            notes=[
                (_("Contact projects"), str(rows.count())),
                (_("Problems solved in the period"), str(problems["solved"])),
            ],
        )
        return xlsx_response(workbook, f"{_('Contact projects')}.xlsx")
    form = ProjectForm(request.POST or None, user=user) if is_issuer(user) else None
    if request.method == "POST":
        require(form is not None)

    def create(data):
        return svc.project_create(user, **data)

    done, status = form_run(
        request,
        form,
        create,
        success=_("The contact project has been created."),
        then=lambda p: reverse("supervision:contact_project", args=[p.pk]),
    )
    if done:
        return done
    return render(
        request,
        "supervision/letters/projects.html",
        {
            "rows": list(rows[:300]),
            "count": rows.count(),
            "problems": problems,
            "period": period,
            "mine": mine,
            "form": form,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_detail(request, pk: int):
    user = request.user
    project = get_for_user(ContactProject, user, pk)
    logs_problems = (
        Area.objects.restrict(user, CHANGE)
        .filter(level__in=[Level.COMMUNITY, Level.VILLAGE], path__startswith=project.area_path)
        .exists()
    )
    problem_form = (
        ProblemForm(
            request.POST if request.POST.get("form") == "problem" else None, user=user, project=project
        )
        if logs_problems
        else None
    )
    logs_visits = project.kind == ContactProjectKind.ENTERPRISE and (
        is_issuer(user) or user.person_id in (project.contact_id, project.leader_id, project.responsible_id)
    )
    visit_form = (
        VisitForm(request.POST if request.POST.get("form") == "visit" else None) if logs_visits else None
    )
    if request.method == "POST":
        which = request.POST.get("form")
        form = problem_form if which == "problem" else visit_form if which == "visit" else None
        require(form is not None)
    else:
        form, which = None, ""

    def run(data):
        if which == "problem":
            return svc.problem_log(
                user, project=project, area=data["area"], title=data["title"], description=data["description"]
            )
        needs = [{"category": data["need_category"], "description": data["need"]}] if data["need"] else []
        return svc.visit_log(
            user,
            project=project,
            visitor=data["visitor"],
            visited_on=data["visited_on"],
            notes=data["notes"],
            needs=needs,
        )

    done, status = form_run(
        request,
        form,
        run,
        success=_("The problem has been logged.") if which == "problem" else _("The visit has been logged."),
        then=lambda _x: request.path,
    )
    if done:
        return done
    return render(
        request,
        "supervision/letters/project.html",
        {
            "project": project,
            "problems": list(sel.problems_for(user=user, project=project)),
            "visits": list(sel.visits_for(user=user, project=project)),
            "problem_form": problem_form,
            "visit_form": visit_form,
        },
        status=status,
    )
