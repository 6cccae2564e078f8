"""The staff's desktop queue (诉求管理): every case of the user's scope, filtered by state, category, area,
overdue, kind, channel, source, whose and date, 50 to a page, with keyboard-driven bulk dispatch: one
``case_dispatch`` per selected case, each with its own idempotency key, and a result per row."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, QueryDict
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lianxin.areas.models import Area, Level
from lianxin.cases import services
from lianxin.cases.figures import FIGURE_LABELS
from lianxin.cases.forms import BulkDispatchForm, QueueFilterForm
from lianxin.cases.selectors import CaseFilters, case_get_for_user, case_list, case_queue_page
from lianxin.cases.views import queries
from lianxin.cases.views.common import error_status, is_htmx, new_key
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import may
from lianxin.core.scope import VIEW

PAGE_SIZE = 50
# The queue filters by the levels that hold cases, down to the estates.
FILTER_LEVELS = sorted(queries.REPORT_LEVELS - {Level.BUILDING, Level.UNIT})
FLAGS = ("overdue", "supervised", "extension_pending", "return_disputed", "area_itself", "category_exact")


def is_staff(user) -> bool:
    return may(user, "case.dispatch")


def _filter_choices(user, params=None) -> dict:
    areas = (
        Area.objects.restrict(user, VIEW).live().filter(level__in=FILTER_LEVELS)[: queries.PLACE_LIST_LIMIT]
    )
    options = queries.place_options(list(areas))
    # A link from the figures may name any area of the user's scope (the county, a building, one past the
    # list's limit): it is offered too, so the list filters by it instead of dropping it.
    wanted = str((params or {}).get("area") or "")
    if wanted.isdigit() and all(o.area.pk != int(wanted) for o in options):
        extra = Area.objects.restrict(user, VIEW).filter(pk=wanted).first()
        if extra is not None:
            options.insert(0, queries.PlaceOption(extra, extra.name))
    return {
        "categories": queries.report_categories(user, public_only=False),
        "areas": options,
    }


def queue_filters(user, form: QueueFilterForm) -> CaseFilters:
    """The form's values as the selector's filters; a value that does not parse is left out, not refused,
    and the others still apply."""
    form.is_valid()
    data = form.cleaned_data
    area = None
    if data.get("area"):
        area = Area.objects.restrict(user, VIEW).filter(pk=data["area"]).first()
    return CaseFilters(
        state=data.get("state", ""),
        category=int(data["category"]) if data.get("category") else None,
        area=area,
        kind=data.get("kind", ""),
        channel=data.get("channel", ""),
        reporter_group=data.get("reporter_group", ""),
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
        q=data.get("q", ""),
        handler=data.get("handler", ""),
        figure=data.get("figure", ""),
        handler_type=data.get("handler_type", ""),
        **{flag: bool(data.get(flag)) for flag in FLAGS},
    )


def _queue_context(request, params) -> dict:
    user = request.user
    if not params:
        params = QueryDict("state=open")  # the queue opens on what is still open
    form = QueueFilterForm(params, **_filter_choices(user, params))
    cases = case_list(user=user, filters=queue_filters(user, form))
    page = case_queue_page(cases=cases, number=params.get("page"), per_page=PAGE_SIZE)
    query = params.copy()
    query.pop("page", None)
    figure = form.cleaned_data.get("figure", "")
    without_figure = query.copy()
    without_figure.pop("figure", None)
    return {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "figure_label": FIGURE_LABELS.get(figure, ""),
        "without_figure": without_figure.urlencode(),
        "bulk": BulkDispatchForm(initial={"batch": new_key()}, targets=queries.bulk_dispatch_targets(user)),
    }


@login_required
@require_GET
def staff_queue(request):
    if not is_staff(request.user):
        raise PermissionDenied  # the page is not for this post
    context = _queue_context(request, request.GET)
    template = "cases/_staff_results.html" if is_htmx(request) else "cases/staff_queue.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_POST
def bulk_dispatch(request):
    """Dispatch each selected case in turn; one failure does not stop the others, each row says how it
    went. The batch key and the case make each dispatch's own idempotency key, so a repeated submission
    dispatches nothing twice."""
    user = request.user
    if not is_staff(user):
        raise PermissionDenied  # the page is not for this post
    targets = queries.bulk_dispatch_targets(user)
    form = BulkDispatchForm(request.POST, targets=targets)
    ids = [int(i) for i in request.POST.getlist("cases") if i.isdigit()]
    results, status = [], 200
    if not form.is_valid() or not ids:
        message = _("Select at least one case and choose where to send it.")
        status = 400
        results = []
        errors = [message]
    else:
        errors = []
        target = next((t for t in targets if t.value == form.cleaned_data["target"]), None)
        batch = form.cleaned_data["batch"]
        for pk in ids:
            results.append(_dispatch_one(user, pk, target, form.cleaned_data["note"], f"bulk-{batch}-{pk}"))
        if not any(r["ok"] for r in results):
            status = results[0]["status"]
    context = {"results": results, "errors": errors, "batch": new_key()}
    if is_htmx(request):
        response = render(request, "cases/_bulk_results.html", context, status=status)
        if any(r["ok"] for r in results):
            response["HX-Trigger"] = "queue-changed"
        return response
    context.update(_queue_context(request, QueryDict()))
    return render(request, "cases/staff_queue.html", context, status=status)


def _dispatch_one(user, pk: int, target, note: str, key: str) -> dict:
    try:
        case = case_get_for_user(user=user, pk=pk)
    except Http404:
        return {
            "pk": pk,
            "number": str(pk),
            "title": "",
            "ok": False,
            "status": 404,
            "message": _("Case not found."),
        }
    row = {"pk": pk, "number": case.number, "title": case.title}
    try:
        if target is None:
            case = services.case_dispatch(user, case=case, auto=True, note=note, idempotency_key=key)
        else:
            case = services.case_dispatch(
                user, case=case, note=note, idempotency_key=key, **{target.group: target.obj}
            )
    except DomainError as error:
        return {**row, "ok": False, "status": error_status(error), "message": error.message}
    case.refresh_from_db()
    message = _("Sent to %(handler)s") % {"handler": case.handler_label}
    return {**row, "ok": True, "status": 200, "message": message}
