"""The audit trail: one append-only, hash-chained record per security-relevant event or business change.

Each record's ``hash`` covers its own content and the previous record's hash, so editing, deleting or
inserting a row anywhere breaks the chain from that row on (``manage.py verify_audit``).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    LOGIN = "login", _("signed in")
    LOGOUT = "logout", _("signed out")
    LOGIN_FAILED = "login_failed", _("sign-in failed")
    LOCKOUT = "lockout", _("locked out")
    UNLOCK = "unlock", _("unlocked")
    OTP_FAILED = "otp_failed", _("second factor failed")
    OTP_ENROLLED = "otp_enrolled", _("second factor enrolled")
    OTP_RESET = "otp_reset", _("second factor reset")
    PASSWORD_CHANGE = "password_change", _("password changed")
    PASSWORD_RESET = "password_reset", _("password reset by an administrator")
    SESSIONS_REVOKED = "sessions_revoked", _("all sessions signed out")
    PERMISSION_CHANGE = "permission_change", _("permission changed")
    EXPORT = "export", _("data exported")
    PERSONAL_DATA_VIEW = "personal_data_view", _("personal data viewed in full")
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")
    OTHER = "other", _("other")


class AuditRecord(models.Model):
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    # Not indexed: nothing looks records up by account id; the trail's page filters by account name.
    actor_id = models.BigIntegerField(_("account id"), null=True, blank=True)
    actor_name = models.CharField(_("account"), max_length=150, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    action = models.CharField(_("action"), max_length=32, choices=Action.choices, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    # {"field": [before, after]}; personal and secret fields show only that they changed.
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=80, editable=False)
    hash = models.CharField(max_length=80, unique=True, editable=False)

    class Meta:
        verbose_name = _("audit record")
        verbose_name_plural = _("audit records")
        ordering = ["-id"]
        default_permissions = ("view",)
        # The trail's page: one account's records, newest first.
        indexes = [models.Index(fields=["actor_name", "id"], name="audit_actor_name_id")]

    def __str__(self):
        return f"#{self.pk} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("audit records are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("audit records are never deleted by the application")
