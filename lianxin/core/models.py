from django.db import models
from django.utils.translation import gettext_lazy as _

from lianxin.core.fields import EncryptedCharField


class IdempotentAnswer(models.Model):
    """The first answer to a write of the JSON API sent with an ``Idempotency-Key``
    (``lianxin.core.api_idempotency``), stored in the transaction of the write itself: a retry with the same
    key gets this answer back instead of doing the work again.

    The actor is a plain string ("user:12") so that core refers to no other app's model.
    """

    actor = models.CharField(_("actor"), max_length=40)
    key = models.CharField(_("idempotency key"), max_length=100)
    method = models.CharField(_("method"), max_length=10)
    path = models.CharField(_("path"), max_length=300)
    # What makes two requests the same request: method, path and the validated input.
    fingerprint = models.CharField(_("request fingerprint"), max_length=64)
    status = models.PositiveSmallIntegerField(_("status"))
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    # Encrypted: an answer may hold a secret shown once (a new API token's).
    body = EncryptedCharField(_("body"), blank=True)
    created_at = models.DateTimeField(_("created at"), db_index=True)

    class Meta:
        verbose_name = _("idempotent answer")
        verbose_name_plural = _("idempotent answers")
        constraints = [models.UniqueConstraint(fields=["actor", "key"], name="core_idempotent_answer_once")]

    def __str__(self):
        return f"{self.actor} {self.key}"
