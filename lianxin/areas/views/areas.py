"""The area pages: the browser (tree with drill-down and counts), an area's page, its households and posts.

Thin: fetch through ``get_for_user`` (404 outside scope), read through ``areas.selectors``, render.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from lianxin.areas import selectors
from lianxin.areas.estate_facts import area_facts_editable
from lianxin.areas.models import Area, Household, Level
from lianxin.areas.restructuring import area_history
from lianxin.areas.sections import area_sections
from lianxin.core.pages import is_htmx
from lianxin.core.scope import CHANGE, get_for_user
from lianxin.people.roles import Role

PAGE_SIZE = 50
# The detail page shows this many households; the rest are one click away on the household list.
HOUSEHOLDS_ON_DETAIL = 30


@login_required
@require_GET
def area_browse(request):
    user = request.user
    parent = None
    crumbs = []
    if request.GET.get("parent"):
        parent = get_for_user(Area, user, request.GET["parent"])
        areas = selectors.area_children(user=user, area=parent)
        crumbs = selectors.area_ancestors(user=user, area=parent)
    else:
        areas = selectors.area_roots(user=user)
    rows = selectors.area_rows(user=user, areas=areas)
    totals = (
        selectors.area_counts(user=user, areas=[parent])[parent.path]
        if parent
        else selectors.area_totals(rows)
    )
    context = {"parent": parent, "crumbs": crumbs, "rows": rows, "totals": totals}
    template = "areas/_browser.html" if is_htmx(request) else "areas/browse.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
def area_detail(request, pk: int):
    user = request.user
    area = get_for_user(Area, user, pk)
    posts = list(selectors.area_posts(user=user, area=area))
    can_change = Area.objects.restrict(user, CHANGE).filter(pk=area.pk).exists()
    households = None
    if selectors.area_lists_households(area):
        households = list(selectors.household_list(user=user, area=area)[: HOUSEHOLDS_ON_DETAIL + 1])
    context = {
        "area": area,
        "crumbs": selectors.area_ancestors(user=user, area=area),
        "facts": selectors.area_facts(user=user, area=area),
        "posts": posts,
        "openable": selectors.persons_visible_ids(user=user, person_ids=[p.person_id for p in posts]),
        "places": selectors.area_places(user=user, area=area),
        "party_orgs": selectors.area_party_orgs(user=user, area=area),
        "children": selectors.area_children(user=user, area=area).exists(),
        "households": households[:HOUSEHOLDS_ON_DETAIL] if households is not None else None,
        "more_households": households is not None and len(households) > HOUSEHOLDS_ON_DETAIL,
        "is_community": area.level in (Level.COMMUNITY, Level.VILLAGE),
        "is_estate": area.level in (Level.ESTATE, Level.GRID),
        "is_cluster": area.level == Level.CLUSTER,
        "keeping": _keeping(user, area),
        "history": area_history(user=user, area=area),
        "sections": area_sections(user=user, area=area),
        "four_roles": selectors.four_roles_figures(user=user, area=area),
        "governance": _estate_governance(area),
        "level_counts": selectors.area_level_counts(user=user, area=area),
        "can_change": can_change,
        "can_edit_facts": can_change and bool(area_facts_editable(user=user, area=area)),
        "can_restructure": can_change
        and area.level in (Level.STREET, Level.COMMUNITY)
        and not area.is_retired,
    }
    return render(request, "areas/area_detail.html", context)


def _estate_governance(area):
    """The estate's branch and owners' committee (P004-07, P004-10); none for other levels."""
    if area.level not in (Level.ESTATE, Level.GRID):
        return None
    from lianxin.party.estate_governance import estate_governance

    return estate_governance(estate=area)


def _keeping(user, area) -> dict:
    """Which keeping links the page offers: adding and moving areas, the estate's facts (P000-01, P004-29)."""
    from lianxin.areas.estate_facts import estate_facts_setter
    from lianxin.areas.models import ALLOWED_CHILDREN
    from lianxin.areas.tree_keeping import tree_keeper
    from lianxin.core.scope import CHANGE

    if area.is_retired or not Area.objects.restrict(user, CHANGE).filter(pk=area.pk).exists():
        return {}
    keeper = tree_keeper(user)
    return {
        "add": keeper and bool(ALLOWED_CHILDREN.get(area.level)),
        "move": keeper and area.depth > 1,
        "estate": estate_facts_setter(user) and area.level == Level.ESTATE,
    }


@login_required
@require_GET
def area_households(request, pk: int):
    user = request.user
    area = get_for_user(Area, user, pk)
    households = selectors.household_list(user=user, area=area)
    unserved = request.GET.get("unserved") == "1"
    if unserved:
        # Households no member household serves (P000-35), linked from the member households page.
        from lianxin.party.households import households_unserved

        households = households.filter(pk__in=households_unserved(user=user, area=area).values("pk"))
    watched = request.GET.get("watched") == "1"
    if watched:
        # The households grid work watches (tagged 独居老人, 低保 …, P000-28), which the area page counts.
        households = households.filter(pk__in=Household.objects.filter(tags__isnull=False).values("pk"))
    page = Paginator(households, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "area": area,
        "crumbs": selectors.area_ancestors(user=user, area=area),
        "page": page,
        "unserved": unserved,
        "watched": watched,
    }
    return render(request, "areas/area_households.html", context)


@login_required
@require_GET
def area_posts(request, pk: int):
    user = request.user
    area = get_for_user(Area, user, pk)
    role = request.GET.get("role", "")
    if role not in Role.values:
        role = ""
    posts = selectors.area_subtree_posts(user=user, area=area, role=role)
    if request.GET.get("format") == "xlsx":
        from lianxin.areas.exports import posts_xlsx

        return posts_xlsx(area=area, role=role, posts=posts)
    page = Paginator(posts, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "area": area,
        "crumbs": selectors.area_ancestors(user=user, area=area),
        "page": page,
        "total": page.paginator.count,
        "people": selectors.posts_people(posts),
        "role": role,
        "roles": Role.choices,
        "openable": selectors.persons_visible_ids(user=user, person_ids=[p.person_id for p in page]),
    }
    return render(request, "areas/area_posts.html", context)
