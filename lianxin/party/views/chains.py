"""Pages of the sector and chain work: a sector committee's departments (P003-15), the industry-chain
alliances with their categories, segments and members (P003-31–34), and couriers' fixed grid workers
(P003-27). Thin: reads and writes go through the services, every object through the user's scope."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lianxin.areas.models import Area
from lianxin.core.errors_domain import DomainError
from lianxin.core.paths import under
from lianxin.core.scope import CHANGE, get_for_user, grants_for
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.party.models.alliances import AllianceMember, AllianceRole, ChainCategory, ChainSegment
from lianxin.party.models.sector_departments import SectorDepartmentRole
from lianxin.party.services import alliances as alliance_services
from lianxin.party.services import couriers as courier_services
from lianxin.party.services import sectors as sector_services
from lianxin.party.services.alliance_lists import alliance_standing
from lianxin.people.models import Department, Organisation, Person


def _pick(queryset, raw):
    """The object named by a form field, among those the user may see; None when absent or out of scope."""
    if not raw:
        return None
    try:
        return queryset.get(pk=int(raw))
    except (ValueError, TypeError, queryset.model.DoesNotExist):
        return None


def _root(request):
    if request.GET.get("area"):
        return get_for_user(Area, request.user, request.GET["area"])
    return None


# -- sector committee departments (P003-15) ---------------------------------------------------------------


def _sector_context(request, committee):
    user = request.user
    return {
        "org": committee,
        "links": sector_services.sector_departments_list(user=user, committee=committee),
        "can_change": PartyOrg.objects.restrict(user, CHANGE).filter(pk=committee.pk).exists(),
        "departments": sector_services.sector_department_choices(user=user),
        "roles": SectorDepartmentRole.choices,
    }


def _sector_committee(request, pk, action="view"):
    committee = get_for_user(PartyOrg, request.user, pk, action)
    if committee.kind != OrgKind.SECTOR_COMMITTEE:
        from django.http import Http404

        raise Http404
    return committee


@login_required
@require_GET
def sector_departments(request, pk):
    committee = _sector_committee(request, pk)
    return render(request, "party/sector_departments.html", _sector_context(request, committee))


@login_required
@require_POST
def sector_department_add(request, pk):
    committee = _sector_committee(request, pk, CHANGE)
    department = _pick(Department.objects.restrict(request.user), request.POST.get("department"))
    try:
        if department is None:
            raise DomainError(_("Choose a department."), code="required", field="department")
        sector_services.sector_department_add(
            actor=request.user, committee=committee, department=department, role=request.POST.get("role", "")
        )
    except DomainError as error:
        messages.error(request, error.message)
        return render(
            request, "party/sector_departments.html", _sector_context(request, committee), status=400
        )
    messages.success(request, _("%(department)s recorded.") % {"department": department.name})
    return redirect("party:sector_departments", pk=committee.pk)


# -- industry-chain alliances (P003-31–34) -----------------------------------------------------------------


@login_required
@require_GET
def alliance_list(request):
    root = _root(request)
    alliances = list(alliance_services.alliances_list(user=request.user, root=root))
    members = {}
    for member in AllianceMember.objects.filter(alliance__in=alliances):
        members.setdefault(member.alliance_id, []).append(member)
    rows = [
        {
            "alliance": a,
            "category": getattr(getattr(a, "chain_category", None), "category", None),
            "enterprises": len({m.enterprise_id for m in members.get(a.pk, []) if m.enterprise_id}),
            "warnings": alliance_services.alliance_warnings(alliance=a, members=members.get(a.pk, [])),
        }
        for a in alliances
    ]
    return render(
        request,
        "party/alliances.html",
        {
            "root": root,
            "rows": rows,
            "figures": alliance_services.alliance_figures(user=request.user, root=root),
        },
    )


def _alliance(request, pk, action="view"):
    alliance = get_for_user(PartyOrg.objects.select_related("area"), request.user, pk, action)
    if alliance.kind != OrgKind.CHAIN_ALLIANCE:
        from django.http import Http404

        raise Http404
    return alliance


def _alliance_context(request, alliance):
    user = request.user
    members = list(AllianceMember.objects.filter(alliance=alliance))
    link = getattr(alliance, "chain_category", None) if hasattr(alliance, "chain_category") else None
    return {
        "alliance": alliance,
        "category": link.category if link else None,
        "chain": alliance_services.alliance_chain(alliance=alliance),
        "warnings": alliance_services.alliance_warnings(alliance=alliance, members=members),
        "can_change": PartyOrg.objects.restrict(user, CHANGE).filter(pk=alliance.pk).exists(),
        # The lists answer 404 to those who neither lead the alliance nor file for a member enterprise: a
        # read-only viewer of the alliance is not offered the link.
        "sees_lists": bool(alliance_standing(user, alliance)),
        "categories": ChainCategory.objects.all(),
        "segments": ChainSegment.objects.filter(alliance=alliance).order_by("position"),
        "roles": AllianceRole.choices,
        "departments": Department.objects.restrict(user).order_by("area_path", "name"),
        "enterprises": Organisation.objects.restrict(user).order_by("name"),
        "party_orgs": PartyOrg.objects.restrict(user)
        .filter(under("area_path", alliance.area_path))
        .exclude(kind=OrgKind.CHAIN_ALLIANCE)
        .exclude(area__level__in=["estate", "building", "unit", "grid"])[:200]
        if alliance.area_path
        else PartyOrg.objects.none(),
    }


@login_required
@require_GET
def alliance_detail(request, pk):
    alliance = _alliance(request, pk)
    return render(request, "party/alliance_detail.html", _alliance_context(request, alliance))


def _alliance_write(request, pk, action):
    alliance = _alliance(request, pk, CHANGE)
    try:
        action(alliance)
    except DomainError as error:
        messages.error(request, error.message)
        return render(request, "party/alliance_detail.html", _alliance_context(request, alliance), status=400)
    messages.success(request, _("Saved."))
    return redirect("party:alliance_detail", pk=alliance.pk)


@login_required
@require_POST
def alliance_category(request, pk):
    def action(alliance):
        category = _pick(ChainCategory.objects.all(), request.POST.get("category"))
        if category is None:
            raise DomainError(_("Choose a chain category."), code="required", field="category")
        alliance_services.alliance_category_set(actor=request.user, alliance=alliance, category=category)

    return _alliance_write(request, pk, action)


@login_required
@require_POST
def alliance_segment_add(request, pk):
    def action(alliance):
        raw = request.POST.get("position", "").strip()
        if raw and not raw.isdigit():
            raise DomainError(_("The position is a whole number from 1."), code="invalid", field="position")
        alliance_services.chain_segment_add(
            actor=request.user,
            alliance=alliance,
            name=request.POST.get("name", ""),
            position=int(raw) if raw else None,
        )

    return _alliance_write(request, pk, action)


@login_required
@require_POST
def alliance_member_add(request, pk):
    user = request.user

    def action(alliance):
        alliance_services.alliance_member_add(
            actor=user,
            alliance=alliance,
            role=request.POST.get("role", ""),
            department=_pick(Department.objects.restrict(user), request.POST.get("department")),
            enterprise=_pick(Organisation.objects.restrict(user), request.POST.get("enterprise")),
            party_org=_pick(PartyOrg.objects.restrict(user), request.POST.get("party_org")),
            segment=_pick(ChainSegment.objects.filter(alliance=alliance), request.POST.get("segment")),
        )

    return _alliance_write(request, pk, action)


@login_required
@require_POST
def alliance_member_place(request, pk, member_pk):
    def action(alliance):
        member = _pick(AllianceMember.objects.filter(alliance=alliance), member_pk)
        if member is None:
            raise DomainError(_("This member is not in the alliance."), code="invalid")
        segment = _pick(ChainSegment.objects.filter(alliance=alliance), request.POST.get("segment"))
        alliance_services.alliance_member_place(actor=request.user, member=member, segment=segment)

    return _alliance_write(request, pk, action)


# -- couriers' fixed grid workers (P003-27) ----------------------------------------------------------------


def _couriers_context(request, root):
    user = request.user
    loads, unlinked = courier_services.courier_link_gaps(user=user, root=root)
    low, high = courier_services.couriers_per_grid_worker()
    return {
        "root": root,
        "links": courier_services.courier_links_list(user=user, root=root),
        "loads": loads,
        "unlinked": unlinked,
        "low": low,
        "high": high,
        "can_link": bool(grants_for(user).area_paths[CHANGE]),
        "couriers": courier_services.courier_choices(user=user),
        "grid_workers": courier_services.grid_worker_choices(user=user),
    }


@login_required
@require_GET
def courier_links(request):
    return render(request, "party/courier_links.html", _couriers_context(request, _root(request)))


@login_required
@require_POST
def courier_link_set(request):
    user = request.user
    if not grants_for(user).area_paths[CHANGE]:
        raise PermissionDenied
    courier = _pick(Person.objects.restrict(user), request.POST.get("courier"))
    grid_worker = _pick(courier_services.grid_worker_choices(user=user), request.POST.get("grid_worker"))
    try:
        if courier is None:
            raise DomainError(_("Choose a courier."), code="required", field="courier")
        if grid_worker is None:
            raise DomainError(_("Choose a grid worker."), code="required", field="grid_worker")
        courier_services.courier_link_set(
            actor=user,
            courier=courier,
            grid_worker=grid_worker,
            group_name=request.POST.get("group_name", ""),
        )
    except DomainError as error:
        messages.error(request, error.message)
        return render(request, "party/courier_links.html", _couriers_context(request, None), status=400)
    messages.success(
        request,
        _("%(courier)s linked to %(grid_worker)s.")
        % {"courier": courier.name, "grid_worker": grid_worker.name},
    )
    return redirect("party:courier_links")
