"""Running the rows of a file through their kind's writer: the one path for preview and confirmation.

Preview runs it inside a transaction that is always rolled back, confirmation inside the transaction that
commits, so the preview's verdict is exactly what confirmation will meet (a row may depend on an area an
earlier row creates). Each row runs in a savepoint, so a bad row leaves nothing behind and the next rows
are still checked: the user sees every problem at once.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lianxin.core.errors_domain import DomainError
from lianxin.imports.specs.base import Context, Row, RowInvalid, Spec

SAMPLE_SIZE = 10


@dataclass
class Outcome:
    errors: list[dict] = field(default_factory=list)
    written: int = 0
    sample: list[dict] = field(default_factory=list)


def rows_apply(*, spec: Spec, actor, rows: list[dict]) -> Outcome:
    outcome = Outcome()
    ctx = Context(actor)
    for data in rows:
        row = Row(spec, data["row"], data["values"])
        if row.is_example():
            row.error(
                None, _("this is the template's example row; overwrite it or delete it before uploading")
            )
        else:
            try:
                with transaction.atomic():
                    summary = spec.write(row, ctx)
            except RowInvalid:
                pass
            except DomainError as exc:
                row.error(spec.field_columns.get(exc.field or ""), exc.message)
            except IntegrityError:
                row.error(None, _("this row conflicts with data already recorded"))
        if row.errors:
            outcome.errors.extend(row.errors)
            continue
        outcome.written += 1
        if len(outcome.sample) < SAMPLE_SIZE:
            outcome.sample.append(
                {"row": row.number, "cells": [row.shown(c.key) for c in spec.columns], "summary": summary}
            )
    return outcome
