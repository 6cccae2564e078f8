"""An uploaded import file between its preview and its confirmation.

Preview and confirmation are two requests, so the parsed rows wait here. They hold mobile and ID numbers,
so they are stored encrypted and dropped as soon as the batch is confirmed, fails or expires.
"""

import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lianxin.core.fields import EncryptedCharField
from lianxin.core.scope import Scope, ScopedManager
from lianxin.imports.registry import import_kind_choices


class ImportKind(models.TextChoices):
    AREAS = "areas", _("Areas")
    HOUSEHOLDS = "households", _("Households")
    PERSONS = "persons", _("Persons and posts")
    MEMBERS = "members", _("Party members")
    COURIERS = "couriers", _("Couriers (new-employment workers)")
    AREA_FACTS = "area_facts", _("Yearly facts of areas")


class BatchStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Waiting for confirmation")
    INVALID = "invalid", _("Has errors, nothing written")
    CONFIRMED = "confirmed", _("Imported")
    FAILED = "failed", _("Failed, nothing written")
    EXPIRED = "expired", _("Expired, nothing written")


class ImportBatch(models.Model):
    kind = models.CharField(_("kind"), max_length=32, choices=import_kind_choices)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField(_("file name"), max_length=200)
    status = models.CharField(
        _("status"), max_length=16, choices=BatchStatus.choices, default=BatchStatus.PREVIEWED, db_index=True
    )
    # [{"row": 2, "values": {"column key": "cell text"}}, …], JSON, encrypted; emptied once the batch is done.
    rows_data = EncryptedCharField(_("rows"), blank=True, default="")
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    valid_rows = models.PositiveIntegerField(_("valid rows"), default=0)
    written_rows = models.PositiveIntegerField(_("rows written"), default=0)
    # [{"row": 5, "column": "区域代码", "message": "…"}]: every problem, with personal numbers masked.
    errors = models.JSONField(_("errors"), default=list, blank=True)
    # The first valid rows as they will be written, personal numbers masked: [{"row": 2, "cells": […], …}].
    sample = models.JSONField(_("sample"), default=list, blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    objects = ScopedManager()
    # A batch is its uploader's own draft: nobody else previews or confirms it.
    scope = Scope(own="uploaded_by__person_id")

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.file_name}"

    @property
    def rows(self) -> list[dict]:
        return json.loads(self.rows_data) if self.rows_data else []

    @rows.setter
    def rows(self, value: list[dict]) -> None:
        self.rows_data = json.dumps(value, ensure_ascii=False) if value else ""

    @property
    def invalid_rows(self) -> int:
        return self.total_rows - self.valid_rows

    @property
    def can_be_confirmed(self) -> bool:
        return self.status == BatchStatus.PREVIEWED
