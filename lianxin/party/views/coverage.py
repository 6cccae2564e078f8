from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from lianxin.areas.models import Area
from lianxin.core.db_router import read_from_replica
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, get_for_user
from lianxin.party.coverage.report import coverage_figures, coverage_report
from lianxin.party.services.tree import estate_branch_create


@login_required
@read_from_replica
def report(request):
    root = None
    if request.GET.get("area"):
        root = get_for_user(Area, request.user, request.GET["area"])
    sections = coverage_report(user=request.user, root=root)
    return render(
        request,
        "party/coverage.html",
        {
            "root": root,
            "sections": sections,
            "figures": coverage_figures(user=request.user, root=root),
            "total": sum(len(s.lines) for s in sections),
        },
    )


@login_required
@read_from_replica
def report_xlsx(request):
    """The coverage report as a workbook: the same rules, counts and lines as the page."""
    from lianxin.party.coverage.exports import coverage_xlsx

    return coverage_xlsx(user=request.user, root=_root(request))


@login_required
@read_from_replica
def figures_xlsx(request):
    """The figures page as a workbook: every table and line, the same period as the page."""
    from lianxin.party.coverage.exports import figures_xlsx as build

    since, until = _period(request)
    return build(user=request.user, root=_root(request), since=since, until=until)


def _root(request):
    return get_for_user(Area, request.user, request.GET["area"]) if request.GET.get("area") else None


@login_required
@require_POST
def branch_create(request, pk):
    estate = get_for_user(Area, request.user, pk, CHANGE)
    try:
        branch = estate_branch_create(actor=request.user, estate=estate)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("coverage:report")
    messages.success(request, branch.name)
    return redirect("coverage:report")


@login_required
@read_from_replica
def figures(request):
    from lianxin.party.figures.organisation import territory_figures

    root = None
    if request.GET.get("area"):
        root = get_for_user(Area, request.user, request.GET["area"])
    since, until = _period(request)
    return render(
        request,
        "party/figures.html",
        {
            "root": root,
            "since": since,
            "until": until,
            "tables": territory_figures(user=request.user, root=root, since=since, until=until),
        },
    )


def _period(request):
    """The period of the "founded in" figures: ?from=&to= (ISO dates); a bad date is ignored."""
    from datetime import date

    def parse(name):
        try:
            return date.fromisoformat(request.GET.get(name, ""))
        except ValueError:
            return None

    return parse("from"), parse("to")
