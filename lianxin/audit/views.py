"""The audit administrator's pages: the trail with filters, its export, and the chain check."""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lianxin.audit.models import Action, AuditRecord
from lianxin.audit.selectors import audit_record_list, user_is_auditor
from lianxin.audit.services import audit_record, audit_verify
from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response

PAGE_SIZE = 50
EXPORT_MAX_ROWS = 100_000


def _date(value: str):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _filters(request) -> dict:
    action = request.GET.get("action", "")
    return {
        "action": action if action in Action.values else "",
        "actor": request.GET.get("actor", "").strip()[:150],
        "object_type": request.GET.get("object_type", "").strip()[:100],
        "since": _date(request.GET.get("since", "")),
        "until": _date(request.GET.get("until", "")),
    }


def _auditor_only(request):
    if not user_is_auditor(request.user):
        raise PermissionDenied


@login_required
@require_GET
def record_list(request):
    _auditor_only(request)
    filters = _filters(request)
    page = Paginator(audit_record_list(user=request.user, **filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    keep = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in filters.items() if v}
    return render(
        request,
        "audit/record_list.html",
        {"page": page, "filters": filters, "actions": Action.choices, "query": urlencode(keep)},
    )


@login_required
@require_GET
def record_export(request):
    """The filtered trail as Excel; the export is itself recorded."""
    _auditor_only(request)
    filters = _filters(request)
    records = audit_record_list(user=request.user, **filters)[:EXPORT_MAX_ROWS]
    columns = [
        ExcelColumn(_("No."), lambda r: r.pk, 8),
        ExcelColumn(_("Time"), lambda r: timezone.localtime(r.at).strftime("%Y-%m-%d %H:%M:%S"), 20),
        ExcelColumn(_("Account"), lambda r: r.actor_name, 16),
        ExcelColumn(_("IP address"), lambda r: r.ip or "", 16),
        ExcelColumn(_("Action"), lambda r: r.get_action_display(), 16),
        ExcelColumn(_("Object type"), lambda r: r.object_type, 18),
        ExcelColumn(_("Object id"), lambda r: r.object_id, 10),
        ExcelColumn(_("Object"), lambda r: r.object_repr, 20),
        ExcelColumn(_("Changes"), lambda r: _json(r.changes), 50),
        ExcelColumn(_("Detail"), lambda r: _json(r.detail), 30),
        ExcelColumn(_("Hash"), lambda r: r.hash, 40),
    ]
    workbook = list_workbook(title=_("Audit records"), columns=columns, objects=records.iterator())
    audit_record(
        action=Action.EXPORT,
        object_type="audit.auditrecord",
        detail={"export": "audit", "filters": {k: str(v) for k, v in filters.items() if v}},
    )
    return xlsx_response(workbook, f"{_('Audit records')}-{timezone.localdate():%Y%m%d}.xlsx")


def _json(value) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""


@login_required
@require_GET
def chain_check(request):
    _auditor_only(request)
    checked, broken, reason = audit_verify()
    record = AuditRecord.objects.filter(pk=broken).first() if broken else None
    return render(
        request,
        "audit/chain_check.html",
        {"checked": checked, "broken": broken, "reason": reason, "record": record},
    )
