"""Dashboard pages: thin, each reads the area (scoped by ``dashboard_area``) and the period from the query
string, calls the selectors and renders. Files (Excel, Word) come from exports.py and bulletins.py."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from lianxin.cases.figures import FIGURES
from lianxin.cases.models import Kind
from lianxin.core.db_router import read_from_replica
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import may
from lianxin.dashboard import exports
from lianxin.dashboard.bulletins import bulletin_generate, bulletin_get_for_user, bulletins_for_user
from lianxin.dashboard.chart_options import chart_options
from lianxin.dashboard.selectors import (
    cell,
    choice_from,
    crumbs,
    dashboard_area,
    dashboard_data,
    dashboard_roots,
    figure_table,
    period_choices,
    practices_with_links,
    safe_date,
    table_by_choices,
    table_columns,
)


def _context(request, **extra):
    area = dashboard_area(user=request.user, pk=request.GET.get("area"))
    choice = choice_from(request.GET)
    return (
        area,
        choice,
        {
            "area": area,
            "choice": choice,
            "crumbs": crumbs(user=request.user, area=area),
            "roots": dashboard_roots(user=request.user),
            "period_choices": period_choices(),
            "kind_choices": Kind.choices,
            "figure_choices": [(f.key, f.label) for f in FIGURES],
            # A figure's count opens the staff case list only for those the list serves (a grid worker or a
            # building captain sees the dashboard of his area but works from his own lists).
            "cases_links": may(request.user, "case.dispatch"),
            **extra,
        },
    )


@login_required
@require_GET
@read_from_replica
def index(request):
    area, choice, context = _context(request)
    data = dashboard_data(user=request.user, area=area, choice=choice)
    context.update(data, chart_options=chart_options(data["charts"]))
    return render(request, "dashboard/index.html", context)


@login_required
@require_GET
@read_from_replica
def screen(request):
    area, choice, context = _context(request)
    data = dashboard_data(user=request.user, area=area, choice=choice)
    context.update(data, chart_options=chart_options(data["charts"], dark=True))
    return render(request, "dashboard/screen.html", context)


@login_required
@require_GET
@read_from_replica
def data(request):
    """The charts and cards as JSON, for the big screen's refresh."""
    area, choice, _context_ = _context(request)
    d = dashboard_data(user=request.user, area=area, choice=choice, with_overdue=False)
    cards = [
        {
            "key": c["key"],
            "label": str(c["label"]),
            "value": c["value"],
            "unit": c["unit"],
            "numerator": c["numerator"],
            "denominator": c["denominator"],
        }
        for c in d["cards"]
    ]
    return JsonResponse(
        {
            "charts": d["charts"],
            "options": chart_options(d["charts"], dark=True),
            "cards": cards,
            "reported": d["current"].reported,
            "period": choice.caption,
        }
    )


@login_required
@require_GET
@read_from_replica
def panel_organisation(request):
    from lianxin.party.coverage.report import coverage_figures
    from lianxin.party.figures.organisation import territory_figures
    from lianxin.rollups.tables import SERVICES

    area, _choice, context = _context(request)
    context.update(
        coverage=coverage_figures(user=request.user, root=area),
        tables=territory_figures(user=request.user, root=area, exclude_group=SERVICES),
    )
    return render(request, "dashboard/_organisation.html", context)


@login_required
@require_GET
@read_from_replica
def panel_services(request):
    """服务与志愿: the roll-up figures and the services tables the apps registered (services_panel.py)."""
    from lianxin.dashboard.services_panel import services_panel

    area, choice, context = _context(request)
    context.update(services_panel(user=request.user, area=area, period=choice.period))
    return render(request, "dashboard/_services.html", context)


@login_required
@require_GET
@read_from_replica
def panel_practices(request):
    area, choice, context = _context(request)
    context["practices"], context["computed_at"] = practices_with_links(area=area, period=choice.period)
    return render(request, "dashboard/_practices.html", context)


@login_required
@require_GET
@read_from_replica
def practices_xlsx(request):
    area, choice, _context_ = _context(request)
    practices, computed_at = practices_with_links(area=area, period=choice.period)
    return exports.practices_xlsx(area=area, choice=choice, practices=practices, computed_at=computed_at)


@login_required
@require_GET
@read_from_replica
def table(request):
    area, choice, context = _context(request)
    by = request.GET.get("by") or "child"
    rows, total = figure_table(area=area, choice=choice, by=by)
    columns = table_columns()
    if request.GET.get("format") == "xlsx":
        return exports.figure_table_xlsx(area=area, choice=choice, by=by, rows=rows, total=total)
    context.update(
        by=by,
        by_choices=table_by_choices(),
        columns=columns,
        rows=[(row, [(c, cell(row, c), row.links.get(c.key)) for c in columns]) for row in rows],
        total=[(c, cell(total, c)) for c in columns],
    )
    return render(request, "dashboard/table.html", context)


@login_required
@require_GET
@read_from_replica
def cases_xlsx(request):
    return exports.cases_xlsx(user=request.user, params=request.GET)


@login_required
@require_http_methods(["GET", "POST"])
@read_from_replica
def bulletins(request):
    area, choice, context = _context(request)
    last_week = timezone.localdate() - timedelta(days=7)
    if request.method == "POST" and request.POST.get("form") in ("series", "issue"):
        return _series_post(request, area, last_week)
    if request.method == "POST":
        day = safe_date(request.POST.get("day")) or last_week
        try:
            bulletin = bulletin_generate(actor=request.user, area=area, day=day)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, bulletin.title)
        return redirect(f"{request.path}?area={area.pk}")
    from lianxin.dashboard.bulletin_series import series_for_user
    from lianxin.dashboard.models import BulletinRanking

    context.update(
        bulletins=bulletins_for_user(user=request.user, area=area),
        last_week=last_week,
        series=series_for_user(request.user),
        series_writer=_series_writer(request.user, area),
        rankings=BulletinRanking.choices,
    )
    return render(request, "dashboard/bulletins.html", context)


def _series_writer(user, area) -> bool:
    """Numbered series are kept by those who issue key tasks at the area (task.issue)."""
    from lianxin.cases.permissions import is_issuer_over

    return is_issuer_over(user, area.path)


def _series_post(request, area, last_week):
    """Set up a numbered series (its first number, schedule, what it ranks) or issue its next number."""
    from django.core.exceptions import PermissionDenied

    from lianxin.core.pages import error_status
    from lianxin.dashboard.bulletin_series import series_create, series_for_user, series_issue

    user = request.user
    if not _series_writer(user, area):
        raise PermissionDenied
    post = request.POST
    try:
        if post.get("form") == "series":
            first = post.get("first_number", "1")
            series = series_create(
                user,
                area=area,
                title=post.get("title", ""),
                first_number=int(first) if first.isdigit() else -1,
                rrule=post.get("rrule", ""),
                ranking=post.get("ranking", "children"),
            )
            messages.success(request, series.title)
        else:
            series_id = post.get("series", "")
            series = series_for_user(user).filter(pk=int(series_id) if series_id.isdigit() else 0).first()
            if series is None:
                raise Http404
            day = safe_date(post.get("day")) or last_week
            bulletin = series_issue(actor=user, series=series, day=day)
            messages.success(request, bulletin.title)
    except DomainError as error:
        return render(
            request,
            "dashboard/bulletin_error.html",
            {"message": error.message, "back": f"{request.path}?area={area.pk}"},
            status=error_status(error),
        )
    return redirect(f"{request.path}?area={area.pk}")


@login_required
@require_GET
@read_from_replica
def bulletin_download(request, pk: int):
    bulletin = bulletin_get_for_user(user=request.user, pk=pk)
    try:
        handle = bulletin.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=bulletin.filename)
