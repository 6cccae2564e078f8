"""The party organisation pages: the tree with drill-down and member counts, and an organisation's page.

The reads are kept here, above the views, until the party app has a selectors module of its own; each
starts from ``restrict(user)`` like every other read.
"""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from lianxin.areas.models import Area, Level
from lianxin.areas.selectors import counts_by_prefix, members_current, persons_visible_ids, posts_current
from lianxin.core.pages import is_htmx
from lianxin.core.paths import ancestor_paths
from lianxin.core.scope import VIEW, get_for_user, grants_for, outermost, under
from lianxin.party.models import MemberHousehold, Membership, OrgKind, PartyOrg
from lianxin.people.models import Organisation
from lianxin.people.roles import Role

PAGE_SIZE = 50


def user_has_party_scope(user) -> bool:
    """Whether the party-building pages are the user's work: a post in a party organisation or a sector
    committee, or an area post that serves the area's residents (secretaries, community and grid workers,
    captains, liaisons). Couriers, volunteers and company or department staff work in some estates and so
    read a few organisations there, but keeping party building is not theirs: their menu leaves it out."""
    from lianxin.party.models.sector_departments import sector_read_paths

    grants = grants_for(user)
    return bool(grants.resident_area_paths[VIEW] or grants.party_org_paths[VIEW] or sector_read_paths(grants))


# -- reads ---------------------------------------------------------------------------------------------------


def party_org_roots(*, user) -> QuerySet:
    """The outermost organisations the user may see. Scope comes from areas and from organisations alike,
    so the roots are found among the visible paths rather than from the grants."""
    visible = PartyOrg.objects.restrict(user)
    tops = outermost(visible.values_list("path", flat=True))
    return visible.filter(path__in=tops).select_related("area").order_by("path")


def party_org_children(*, user, org: PartyOrg) -> QuerySet:
    return (
        PartyOrg.objects.restrict(user)
        .filter(under("path", org.path), depth=org.depth + 1)
        .select_related("area")
        .order_by("path")
    )


def party_org_ancestors(*, user, org: PartyOrg) -> list[PartyOrg]:
    """The crumbs above ``org``: those the user may open are linked, the others named only."""
    paths = ancestor_paths(org.path, include_self=False)
    visible = set(PartyOrg.objects.restrict(user).filter(path__in=paths).values_list("path", flat=True))
    # Names only, as for areas: a branch's members know which committee it answers to.
    crumbs = list(PartyOrg.objects.filter(path__in=paths).order_by("path").only("id", "name", "path"))
    for crumb in crumbs:
        crumb.is_visible = crumb.path in visible
    return crumbs


@dataclass
class OrgRow:
    org: PartyOrg
    members_here: int
    members_subtree: int
    orgs_below: int
    member_households: int


def party_org_rows(*, user, orgs) -> list[OrgRow]:
    """Each organisation with its members (held here, and in its whole subtree), the organisations under
    it and its member households: four grouped queries for the whole table."""
    orgs = list(orgs)
    paths = [org.path for org in orgs]
    members = members_current(user)
    here = dict(
        members.filter(org__in=orgs)
        .order_by()
        .values("org_id")
        .annotate(n=Count("pk"))
        .values_list("org_id", "n")
    )
    subtree = counts_by_prefix(members, "org_path", paths)
    below = counts_by_prefix(PartyOrg.objects.restrict(user), "path", paths)
    households = counts_by_prefix(MemberHousehold.objects.restrict(user), "group__path", paths)
    return [
        OrgRow(
            org=org,
            members_here=here.get(org.pk, 0),
            members_subtree=subtree[org.path],
            orgs_below=max(below[org.path] - 1, 0),
            member_households=households[org.path],
        )
        for org in orgs
    ]


# The five levels of the linkage (P004-20): street working committee → community committee → estate (grid)
# branch → building group → member household.
FIVE_LEVELS = [
    ("working_committees", _("Street working committees")),
    ("community_committees", _("Community committees")),
    ("estate_branches", _("Estate (grid) branches")),
    ("groups", _("Building groups")),
    ("member_households", _("Member households")),
]


def party_level_counts(*, user, org: PartyOrg | None = None) -> list[tuple[str, str, int]]:
    """How many organisations of each of the five levels the user sees, under ``org`` or in all."""
    orgs = PartyOrg.objects.restrict(user)
    households = MemberHousehold.objects.restrict(user)
    if org is not None:
        orgs = orgs.filter(under("path", org.path))
        households = households.filter(under("group__path", org.path))
    counts = dict.fromkeys((key for key, _label in FIVE_LEVELS), 0)
    for kind, level, n in orgs.order_by().values_list("kind", "area__level").annotate(n=Count("pk")):
        if kind == OrgKind.WORKING_COMMITTEE:
            counts["working_committees"] += n
        elif kind == OrgKind.COMMITTEE and level == Level.COMMUNITY:
            counts["community_committees"] += n
        elif kind == OrgKind.BRANCH and level in (Level.ESTATE, Level.GRID):
            counts["estate_branches"] += n
        elif kind == OrgKind.GROUP:
            counts["groups"] += n
    counts["member_households"] = households.count()
    return [(key, label, counts[key]) for key, label in FIVE_LEVELS]


# -- views ---------------------------------------------------------------------------------------------------


@login_required
@require_GET
def party_tree(request):
    user = request.user
    filters = _tree_filters(request)
    if filters:
        return _party_orgs_filtered(request, filters)
    parent = None
    crumbs = []
    if request.GET.get("parent"):
        parent = get_for_user(PartyOrg, user, request.GET["parent"])
        orgs = party_org_children(user=user, org=parent)
        crumbs = party_org_ancestors(user=user, org=parent)
    else:
        orgs = party_org_roots(user=user)
    context = {
        "parent": parent,
        "crumbs": crumbs,
        "rows": party_org_rows(user=user, orgs=orgs),
        "parent_row": party_org_rows(user=user, orgs=[parent])[0] if parent else None,
        "levels": party_level_counts(user=user, org=parent),
    }
    template = "party/_tree.html" if is_htmx(request) else "party/tree.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _tree_filters(request) -> dict[str, str]:
    """?field=, ?kind=, ?setup_mode= with known values (unknown ones are ignored: the plain tree)."""
    from lianxin.party.models import Field, SetupMode

    choices = {"field": Field, "kind": OrgKind, "setup_mode": SetupMode}
    return {name: request.GET[name] for name, c in choices.items() if request.GET.get(name) in c.values}


def _party_orgs_filtered(request, filters):
    """Every organisation the user may see of a field, kind or set-up mode, in tree order: what a figure of
    the figures page counts, opened (the same filter as GET /api/v1/party-orgs/)."""
    from lianxin.party.models import Field, SetupMode

    orgs = PartyOrg.objects.restrict(request.user).filter(**filters).select_related("area").order_by("path")
    area = get_for_user(Area, request.user, request.GET["area"]) if request.GET.get("area") else None
    if area is not None:
        orgs = orgs.filter(under("area_path", area.path))
        filters = {**filters, "area": str(area.pk)}
    page = Paginator(orgs, PAGE_SIZE).get_page(request.GET.get("page"))
    labels = {"field": Field, "kind": OrgKind, "setup_mode": SetupMode}
    context = {
        "filters": [labels[name](value).label for name, value in filters.items() if name in labels]
        + ([area.name] if area else []),
        "page": page,
        "rows": party_org_rows(user=request.user, orgs=page.object_list),
        "query": "&".join(f"{name}={value}" for name, value in filters.items()),
    }
    return render(request, "party/filtered.html", context)


@login_required
@require_GET
def party_org_detail(request, pk: int):
    user = request.user
    org = get_for_user(PartyOrg.objects.select_related("area"), user, pk)
    posts = list(posts_current(user).filter(party_org=org).select_related("person").order_by("role", "id"))
    memberships = (
        Membership.objects.restrict(user)
        .current()
        .filter(org=org)
        .select_related("person")
        .order_by("kind", "person__name", "id")
    )
    page = Paginator(memberships, PAGE_SIZE).get_page(request.GET.get("page"))
    children = party_org_children(user=user, org=org)
    context = {
        "org": org,
        "crumbs": party_org_ancestors(user=user, org=org),
        "row": party_org_rows(user=user, orgs=[org])[0],
        "secretaries": [p for p in posts if p.role == Role.SECRETARY],
        "posts": posts,
        "area_openable": bool(org.area_id) and Area.objects.restrict(user).filter(pk=org.area_id).exists(),
        "organisations": Organisation.objects.restrict(user).filter(party_orgs=org).order_by("name"),
        "children": party_org_rows(user=user, orgs=children),
        "member_households": MemberHousehold.objects.restrict(user)
        .filter(group=org)
        .select_related("household", "member")
        .annotate(served_count=Count("served"))
        .order_by("id"),
        "page": page,
        "openable": persons_visible_ids(
            user=user,
            person_ids=[m.person_id for m in page] + [p.person_id for p in posts],
        ),
        "levels": party_level_counts(user=user, org=org),
    }
    context["street_structure_pk"] = _street_structure_pk(org, context["area_openable"])
    context.update(_manage_context(user, org))
    return render(request, "party/org_detail.html", context)


def _street_structure_pk(org: PartyOrg, area_openable: bool) -> int | None:
    """A street's working committee and its office link to the street's three-level page (P002-47), for
    those who see the street."""
    if org.kind not in (OrgKind.WORKING_COMMITTEE, OrgKind.OFFICE) or not area_openable:
        return None
    return org.area_id if org.area.level == Level.STREET else None


def _manage_context(user, org: PartyOrg) -> dict:
    """What the keeping pages add to an organisation's page: its member posts (P000-67) and, for those who
    may change it, the links and forms to change it, enrol members and designate member posts."""
    from lianxin.core.rights import may
    from lianxin.party.forms.manage import MemberPostForm
    from lianxin.party.selectors.orgs import member_posts

    # The post that keeps organisations must itself be able to change this one.
    can_manage = may(user, "party_org.edit", org)
    return {
        "can_manage": can_manage,
        "member_posts": list(member_posts(user=user, org=org).filter(org=org)),
        "member_post_form": MemberPostForm() if can_manage else None,
    }
