"""The clusters part's pages: the county's overview of its clusters and their gaps (with its Excel), forming
a cluster, a cluster's page (villages, grades, mentoring, resources, plan, joint committee, joint branch),
the joint committees and one committee's page (leader, secretary, members, task forces and their heads,
cross-appointments, cluster tasks), a task-force head's queue and resources, and a villager's cluster
tasks. Views parse and render; the rules are the services'; the numbers the selectors'."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lianxin.areas.models import Area, Level
from lianxin.core import pages
from lianxin.core.errors_domain import DomainError
from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response
from lianxin.core.rights import may
from lianxin.core.scope import CHANGE, VIEW, under
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.people.models import Department, Person, Post
from lianxin.people.roles import Role
from lianxin.rural.models import DepartmentResourceKind, HelpKind, MentoringPair, VillageGradeLevel
from lianxin.rural.selectors import clusters as sel
from lianxin.rural.services import clusters as svc
from lianxin.rural.setup_clusters import heads_task_force, sees_committees, sees_overview

OTHER_PARTS = [
    ("/rural/pools/", "资金与人才池"),
    ("/rural/cooperatives/", "合作社"),
    ("/rural/income/", "集体收入"),
    ("/rural/land/", "土地"),
    ("/rural/projects/", "产业项目"),
    ("/talent/", "人才"),
]


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat((value or "").strip()) if value else None
    except ValueError:
        raise DomainError(_("Enter a date as YYYY-MM-DD."), field="date") from None


def _period(request) -> tuple[date, date]:
    today = timezone.localdate()
    try:
        since = _date(request.GET.get("since", "")) or date(today.year - 2, 1, 1)
        until = _date(request.GET.get("until", "")) or today
    except DomainError:
        since, until = date(today.year - 2, 1, 1), today
    return since, until


# -- the county's overview -------------------------------------------------------------------------------


@login_required
@require_GET
def overview(request):
    user = request.user
    _require(sees_overview(user))
    rows = sel.cluster_rows(user)
    since, until = _period(request)
    ups = sel.upgrades(user, since=since, until=until)
    return render(
        request,
        "rural/clusters/overview.html",
        {
            "rows": rows,
            "counties": sel.county_rows(rows),
            "gaps": sel.gaps_of(rows),
            "upgrades": ups,
            "since": since,
            "until": until,
            "grades": list(VillageGradeLevel),
            "other_parts": OTHER_PARTS,
            "forms": may(user, svc.CLUSTER_FORM),
        },
    )


EXPORT_COLUMNS = [
    ExcelColumn("片区", lambda r: r.cluster.name, 20),
    ExcelColumn("乡镇", lambda r: r.township.name if r.township else "", 14),
    ExcelColumn("村数", lambda r: len(r.villages), 8),
    ExcelColumn("中心村", lambda r: r.central_village.name if r.central_village else "", 12),
    ExcelColumn("示范村", lambda r: r.grade_mix["model"], 8),
    ExcelColumn("强基村", lambda r: r.grade_mix["strengthening"], 8),
    ExcelColumn("薄弱村", lambda r: r.grade_mix["weak"], 8),
    ExcelColumn("联合党委", lambda r: r.committee.name if r.committee else "", 28),
    ExcelColumn("专班数", lambda r: r.task_forces, 8),
    ExcelColumn("产业规划", lambda r: r.plan.title if r.plan else "", 30),
    ExcelColumn("缺项", lambda r: "、".join(r.gaps), 30),
]


@login_required
@require_GET
def overview_xlsx(request):
    user = request.user
    _require(sees_overview(user))
    rows = sel.cluster_rows(user)
    book = list_workbook(title="示范片区", columns=EXPORT_COLUMNS, objects=rows)
    return xlsx_response(book, "clusters.xlsx")


# -- forming a cluster -----------------------------------------------------------------------------------


def _townships(user):
    return (
        Area.objects.restrict(user, CHANGE)
        .filter(level=Level.TOWNSHIP, retired_on__isnull=True)
        .order_by("path")
    )


@login_required
@require_http_methods(["GET", "POST"])
def cluster_new(request):
    user = request.user
    _require(may(user, svc.CLUSTER_FORM))
    townships = list(_townships(user))
    within = Q(pk__in=[])
    for township in townships:
        within |= under("path", township.path)
    villages = list(
        Area.objects.filter(within, level=Level.VILLAGE, retired_on__isnull=True).order_by("path")
    )
    error, status = "", 200
    values = request.POST if request.method == "POST" else {}
    if request.method == "POST":
        try:
            township = next((t for t in townships if str(t.pk) == request.POST.get("township")), None)
            chosen = [v for v in villages if str(v.pk) in request.POST.getlist("villages")]
            central = next((v for v in chosen if str(v.pk) == request.POST.get("central_village")), None)
            cluster, warning = svc.cluster_form(
                user,
                township=township,
                name=request.POST.get("name", ""),
                villages=chosen,
                central_village=central,
                brand=request.POST.get("brand", ""),
            )
            if request.POST.get("committee"):
                svc.joint_committee_form(user, cluster=cluster)
        except DomainError as exc:
            error, status = exc.message, pages.error_status(exc)
        else:
            messages.success(request, _("Saved."))
            if warning:
                messages.warning(request, warning)
            return redirect("rural:cluster", cluster.pk)
    return render(
        request,
        "rural/clusters/cluster_new.html",
        {"townships": townships, "villages": villages, "error": error, "values": values},
        status=status,
    )


# -- one cluster -----------------------------------------------------------------------------------------


def _cluster_for(user, pk: int) -> Area:
    cluster = sel.clusters_visible(user).filter(pk=pk).first()
    if cluster is None:
        raise Http404
    return cluster


def _village_of(cluster, pk) -> Area | None:
    return svc.cluster_villages(cluster).filter(pk=pk or 0).first() if str(pk or "").isdigit() else None


def _cluster_post(user, cluster: Area, post) -> None:
    """One form of the cluster's page, through its service."""
    which = post.get("form", "")
    if which == "central":
        svc.central_village_set(user, cluster=cluster, village=_village_of(cluster, post.get("village")))
    elif which == "grade":
        village = _village_of(cluster, post.get("village"))
        if village is None:
            raise DomainError(_("Choose a village."), field="village")
        svc.village_grade_set(
            user,
            village=village,
            grade=post.get("grade", ""),
            start_date=_date(post.get("start_date", "")),
            reason=post.get("reason", ""),
        )
    elif which == "pair":
        svc.mentoring_pair_create(
            user,
            cluster=cluster,
            mentor=_village_of(cluster, post.get("mentor")),
            mentee=_village_of(cluster, post.get("mentee")),
        )
    elif which == "activity":
        pair = (
            MentoringPair.objects.restrict(user, VIEW)
            .filter(cluster=cluster, pk=post.get("pair") or 0)
            .first()
        )
        if pair is None:
            raise DomainError(_("Choose a mentoring pair."), field="pair")
        svc.mentoring_activity_record(
            user,
            pair=pair,
            kind=post.get("kind", ""),
            title=post.get("title", ""),
            held_on=_date(post.get("held_on", "")),
            participants=_int(post.get("participants", "0")),
            note=post.get("note", ""),
        )
    elif which == "resource":
        village = _village_of(cluster, post.get("village"))
        if village is None:
            raise DomainError(_("Choose a village."), field="village")
        svc.village_resource_set(
            user,
            village=village,
            land_mu=post.get("land_mu", "0"),
            funds=post.get("funds", "0"),
            labour=post.get("labour", "0"),
            technology=post.get("technology", ""),
        )
    elif which == "plan":
        svc.cluster_plan_save(
            user,
            cluster=cluster,
            title=post.get("title", ""),
            period_start=post.get("period_start"),
            period_end=post.get("period_end"),
            document=post.get("document", ""),
            content=post.get("content", ""),
            projects=post.get("projects", ""),
            shared_resources=post.get("shared_resources", ""),
            joint_brands=post.get("joint_brands", ""),
        )
    elif which == "attach":
        village = Area.objects.filter(pk=post.get("village") or 0, level=Level.VILLAGE).first()
        if village is None:
            raise DomainError(_("Choose a village."), field="village")
        svc.cluster_village_attach(user, cluster=cluster, village=village)
    elif which == "committee":
        svc.joint_committee_form(user, cluster=cluster, name=post.get("name", ""))
    elif which == "joint_branch":
        branches = list(svc.member_branches(cluster).filter(pk__in=post.getlist("branches") or [0]))
        svc.joint_branch_form(user, cluster=cluster, name=post.get("name", ""), branches=branches)
    else:
        raise DomainError(_("Choose what to save."))


def _int(value) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        raise DomainError(_("Enter a whole number."), field="participants") from None


@login_required
@require_http_methods(["GET", "POST"])
def cluster_page(request, pk: int):
    user = request.user
    cluster = _cluster_for(user, pk)
    keeper = (
        may(user, svc.CLUSTER_KEEP) and Area.objects.restrict(user, CHANGE).filter(pk=cluster.pk).exists()
    )
    former = may(user, svc.CLUSTER_FORM) and keeper
    error, status = "", 200
    if request.method == "POST":
        _require(keeper)
        try:
            _cluster_post(user, cluster, request.POST)
        except DomainError as exc:
            error, status = exc.message, pages.error_status(exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("rural:cluster", cluster.pk)
    [row] = sel.cluster_rows(user, clusters=[cluster])
    resources, totals = sel.cluster_resources(cluster)
    township = svc.township_of(cluster)
    loose = Area.objects.filter(
        under("path", township.path), level=Level.VILLAGE, retired_on__isnull=True
    ).exclude(under("path", cluster.path))
    committee = row.committee
    return render(
        request,
        "rural/clusters/cluster.html",
        {
            "cluster": cluster,
            "row": row,
            "history": sel.grade_history(cluster),
            "pairs": sel.mentoring_pairs(cluster),
            "resources": resources,
            "totals": totals,
            "plans": sel.cluster_plans(cluster),
            "committee": committee,
            "joint_branches": [
                {"org": j, "links": list(sel.joint_branch_links(j)), "members": sel.joint_branch_members(j)}
                for j in PartyOrg.objects.filter(kind=OrgKind.JOINT_BRANCH, area=cluster).order_by("path")
            ],
            "branches": svc.member_branches(cluster),
            "loose_villages": loose.order_by("path"),
            "keeper": keeper,
            "former": former,
            "grades": VillageGradeLevel.choices,
            "help_kinds": HelpKind.choices,
            "error": error,
            "this_year": timezone.localdate().year,
        },
        status=status,
    )


# -- joint committees ------------------------------------------------------------------------------------


@login_required
@require_GET
def committees(request):
    user = request.user
    _require(sees_committees(user))
    rows = []
    for committee in sel.committees_visible(user):
        view = sel.committee_view(user, committee)
        rows.append(view)
    return render(request, "rural/clusters/committees.html", {"rows": rows})


def _committee_for(user, pk: int) -> PartyOrg:
    committee = sel.committees_visible(user).filter(pk=pk).first()
    if committee is None:
        raise Http404
    return committee


def _person_among(posts, pk) -> Person | None:
    return next((p.person for p in posts if str(p.person_id) == str(pk)), None)


def _candidates(committee: PartyOrg) -> dict:
    township = svc.township_of(committee.area)
    leaders = list(Post.objects.current().filter(role=Role.SECRETARY, area=township).select_related("person"))
    heads = list(
        Post.objects.current()
        .filter(department__isnull=False, department__area__level=Level.COUNTY)
        .select_related("person", "department")
        .order_by("department__name", "person__name")
    )
    members = list(
        Post.objects.current()
        .filter(department__isnull=False, department__area=township)
        .select_related("person", "department")
    )
    return {
        "leaders": leaders,
        "secretaries": svc.member_secretaries(svc.member_branches(committee.area)),
        "heads": heads,
        "members": members,
    }


def _committee_post(user, committee: PartyOrg, post, candidates) -> None:
    which = post.get("form", "")
    forces = {str(f.pk): f for f in svc.task_forces_of(committee)}
    if which == "leader":
        person = _person_among(candidates["leaders"], post.get("person"))
        if person is None:
            raise DomainError(_("Choose a person."), field="person")
        svc.committee_leader_appoint(user, committee=committee, person=person)
    elif which == "secretary":
        person = _person_among(candidates["secretaries"], post.get("person"))
        if person is None:
            raise DomainError("须从成员村党组织书记中产生", code="invalid_state", field="person")
        svc.committee_secretary_appoint(user, committee=committee, person=person)
    elif which == "member":
        person = _person_among(candidates["members"] + candidates["secretaries"], post.get("person"))
        if person is None:
            raise DomainError(_("Choose a person."), field="person")
        svc.committee_member_appoint(user, committee=committee, person=person)
    elif which == "head":
        force = forces.get(post.get("task_force", ""))
        person = Person.objects.restrict(user, VIEW).filter(pk=post.get("person") or 0).first()
        if force is None or person is None:
            raise DomainError(_("Choose a task force and a person."), field="person")
        svc.task_force_head_appoint(user, task_force=force, person=person)
    elif which == "complete":
        svc.task_forces_complete(user, committee=committee)
    elif which == "task":
        force = forces.get(post.get("task_force", ""))
        branches = list(svc.member_branches(committee.area).filter(pk__in=post.getlist("branches") or [0]))
        svc.cluster_task_issue(
            user,
            committee=committee,
            task_force=force,
            title=post.get("title", ""),
            description=post.get("description", ""),
            branches=branches,
            working_days=post.get("working_days") or None,
            idempotency_key=(post.get("idempotency_key") or "").strip()[:100],
        )
    else:
        raise DomainError(_("Choose what to save."))


@login_required
@require_http_methods(["GET", "POST"])
def committee_page(request, pk: int):
    user = request.user
    committee = _committee_for(user, pk)
    keeper = (
        may(user, svc.CLUSTER_KEEP)
        and PartyOrg.objects.restrict(user, CHANGE).filter(pk=committee.pk).exists()
    )
    issuer = svc.issues_for(user, committee)
    candidates = _candidates(committee)
    error, status = "", 200
    if request.method == "POST":
        which = request.POST.get("form", "")
        _require(issuer if which == "task" else keeper)
        try:
            _committee_post(user, committee, request.POST, candidates)
        except DomainError as exc:
            error, status = exc.message, pages.error_status(exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("rural:committee", committee.pk)
    return render(
        request,
        "rural/clusters/committee.html",
        {
            "view": sel.committee_view(user, committee),
            "keeper": keeper,
            "former": keeper and may(user, svc.CLUSTER_FORM),
            "issuer": issuer,
            "candidates": candidates,
            "error": error,
            "key": pages.new_key(),
        },
        status=status,
    )


# -- the task-force head ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def task_force(request):
    user = request.user
    _require(heads_task_force(user))
    forces = sel.my_task_forces(user)
    error, status = "", 200
    if request.method == "POST":
        force = next((f for f in forces if str(f.pk) == request.POST.get("task_force")), None)
        try:
            if force is None:
                raise DomainError(_("Choose a task force."), field="task_force")
            department = None
            if request.POST.get("department"):
                department = Department.objects.filter(pk=request.POST.get("department")).first()
            svc.department_resource_record(
                user,
                task_force=force,
                kind=request.POST.get("kind", ""),
                title=request.POST.get("title", ""),
                amount=request.POST.get("amount", "0"),
                department=department,
                brought_on=_date(request.POST.get("brought_on", "")),
                note=request.POST.get("note", ""),
            )
        except DomainError as exc:
            error, status = exc.message, pages.error_status(exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("rural:task_force")
    rows = []
    for force in forces:
        view = sel.committee_view(user, PartyOrg.objects.get_parent(force))
        row = next(f for f in view.forces if f.org.pk == force.pk)
        cluster = force.area
        resources, totals = sel.cluster_resources(cluster)
        rows.append(
            {
                "force": force,
                "cluster": cluster,
                "row": row,
                "queue": list(sel.force_queue(user, force)[:200]),
                "tasks": sel.task_rows(sel.tasks_visible(user).filter(task_force=force)),
                "totals": totals,
            }
        )
    return render(
        request,
        "rural/clusters/task_force.html",
        {"rows": rows, "error": error, "kinds": DepartmentResourceKind.choices},
        status=status,
    )


# -- the villager ----------------------------------------------------------------------------------------


@login_required
@require_GET
def my_cluster(request):
    from lianxin.rural.setup_clusters import lives_in_cluster

    if not lives_in_cluster(request.user):
        raise PermissionDenied
    cluster = sel.my_cluster(request.user)
    tasks = sel.cluster_tasks_public(cluster)
    return render(request, "rural/clusters/my_cluster.html", {"cluster": cluster, "tasks": tasks})
