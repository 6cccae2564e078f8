"""The phone lists: "my cases" (what I raised, with where each stands) and "my to-do list" (what waits on me,
soonest deadline first; my level's pool, P002-54; what I first received, P002-43), each row takeable."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from lianxin.cases.permissions import pool_paths
from lianxin.cases.selectors import QUEUE_ORDER, CaseFilters, case_list, my_claims, my_queue, my_reports
from lianxin.cases.views.common import is_htmx, new_key
from lianxin.cases.views.detail import can_take
from lianxin.core.rights import may

PAGE_SIZE = 30
RELATED = ("category", "area", "handler_person", "handler_department", "handler_organisation", "handler_area")


@login_required
@require_GET
def my_cases(request):
    """What I reported, or (tab "claimed") what I or my organisations claimed (我认领的)."""
    user = request.user
    claimed = request.GET.get("tab") == "claimed"
    cases = my_claims(user=user) if claimed else my_reports(user=user)
    page = Paginator(cases.select_related(*RELATED), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/mine.html",
        {
            "page": page,
            "tab": "claimed" if claimed else "reported",
            "query": "tab=claimed" if claimed else "",
        },
    )


def queue_tabs(user) -> list[tuple[str, str]]:
    from django.utils.translation import gettext as _

    tabs = [("me", _("Waiting on me"))]
    if pool_paths(user):
        tabs.append(("pool", _("My level's pool")))
    if may(user, "case.dispatch"):
        tabs.append(("first", _("First received by me")))
    return tabs


@login_required
@require_GET
def my_todo(request):
    user = request.user
    if not may(user, "case.handle"):
        raise PermissionDenied  # the page is not for this post
    tabs = queue_tabs(user)
    tab = request.GET.get("tab", "me")
    if tab not in dict(tabs):
        tab = "me"
    if tab == "me":
        cases = my_queue(user=user)
    else:
        cases = case_list(user=user, filters=CaseFilters(handler=tab)).order_by(*QUEUE_ORDER)
    page = Paginator(cases.select_related(*RELATED), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"case": case, "can_take": can_take(user, case), "key": new_key()} for case in page.object_list]
    context = {"page": page, "rows": rows, "tabs": tabs, "tab": tab, "query": f"tab={tab}"}
    template = "cases/_todo_list.html" if is_htmx(request) else "cases/todo.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
