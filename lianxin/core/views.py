import structlog
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from lianxin.core.health import health_report

logger = structlog.get_logger(__name__)


@login_required
def home(request):
    from lianxin.core.workbench import workbench_build

    return render(request, "core/home.html", {"bench": workbench_build(user=request.user)})


@never_cache
@require_GET
def healthz(request):
    report = health_report()
    if report["failed"]:
        logger.warning("health_check_failed", failed=",".join(report["failed"]))
    return JsonResponse(report, status=200 if not report["failed"] else 503)


@login_required
@require_GET
def media(request, name):
    """Uploaded files, checked by the owning app (lianxin.core.uploads)."""
    from lianxin.core.uploads import media_response

    return media_response(request, name)
