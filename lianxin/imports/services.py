"""Import a file in two steps: preview (nothing written) and confirm (all rows written, or none)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.audit.models import Action
from lianxin.audit.services import audit_record
from lianxin.core.errors_domain import DomainError
from lianxin.core.rights import require
from lianxin.imports.models import BatchStatus, ImportBatch
from lianxin.imports.runner import rows_apply
from lianxin.imports.specs import SPECS
from lianxin.imports.workbook import rows_read


def preview_hours() -> int:
    return getattr(settings, "IMPORT_PREVIEW_HOURS", 24)


def _check_may_import(actor) -> None:
    require(
        actor,
        "imports.run",
        message=_("Your posts do not allow importing data. Ask the community or street office to import it."),
    )


def batch_preview(*, actor, kind: str, upload) -> ImportBatch:
    """Read the file and try every row against the database in a transaction that is rolled back.

    Guarantees: nothing of the file is written; the batch records every problem (row, column, reason) and
    stores the rows, encrypted, for confirmation. A file that cannot be read at all raises DomainError.
    """
    _check_may_import(actor)
    if kind not in SPECS:
        raise DomainError(_("Choose what the file holds."), code="invalid", field="kind")
    spec = SPECS[kind]
    rows = rows_read(upload, spec)
    with transaction.atomic():
        outcome = rows_apply(spec=spec, actor=actor, rows=rows)
        transaction.set_rollback(True)
    batch = ImportBatch(
        kind=kind,
        uploaded_by=actor,
        file_name=str(getattr(upload, "name", "") or "")[:200],
        status=BatchStatus.INVALID if outcome.errors else BatchStatus.PREVIEWED,
        total_rows=len(rows),
        valid_rows=outcome.written,
        errors=outcome.errors,
        sample=outcome.sample,
    )
    # Rows with errors are never confirmed, so their personal data is not kept.
    batch.rows = [] if outcome.errors else rows
    batch.save()
    return batch


def batch_confirm(*, actor, batch: ImportBatch) -> ImportBatch:
    """Write every row of a previewed batch in one transaction, or none of them.

    Idempotent: a batch already confirmed is returned as it is, so a double click writes once. If a row
    fails now (the data changed since the preview), everything is rolled back and the batch is marked
    failed with the reasons. The stored rows are dropped either way.
    """
    _check_may_import(actor)
    spec = SPECS[batch.kind]
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status == BatchStatus.CONFIRMED:
            return locked
        if locked.status != BatchStatus.PREVIEWED:
            raise DomainError(
                _("This file was not imported: %(status)s. Correct it and upload it again.")
                % {"status": locked.get_status_display()},
                code="not_confirmable",
            )
        if locked.created_at < timezone.now() - timedelta(hours=preview_hours()):
            locked.status = BatchStatus.EXPIRED
            locked.rows = []
            locked.save(update_fields=["status", "rows_data"])
            return locked
        outcome = rows_apply(spec=spec, actor=actor, rows=locked.rows)
        if not outcome.errors:
            locked.status = BatchStatus.CONFIRMED
            locked.written_rows = outcome.written
            locked.confirmed_at = timezone.now()
            locked.rows = []
            locked.save(update_fields=["status", "written_rows", "confirmed_at", "rows_data"])
            # Rows written in bulk send no signals: one record for the batch says who imported what.
            audit_record(
                action=Action.CREATE,
                actor=actor,
                obj=locked,
                object_repr=f"import {locked.kind}",
                detail={"import": locked.kind, "rows": outcome.written},
            )
            return locked
        transaction.set_rollback(True)
    # Recorded after the rollback, in a transaction of its own, so the failure itself is not lost.
    ImportBatch.objects.filter(pk=batch.pk, status=BatchStatus.PREVIEWED).update(
        status=BatchStatus.FAILED,
        errors=outcome.errors,
        rows_data="",
        valid_rows=batch.total_rows - len({e["row"] for e in outcome.errors}),
    )
    return ImportBatch.objects.get(pk=batch.pk)


def batches_expire(*, now=None) -> int:
    """Drop the stored rows of previews nobody confirmed in time: personal data is kept no longer than
    needed."""
    now = now or timezone.now()
    return ImportBatch.objects.filter(
        status=BatchStatus.PREVIEWED, created_at__lt=now - timedelta(hours=preview_hours())
    ).update(status=BatchStatus.EXPIRED, rows_data="")
