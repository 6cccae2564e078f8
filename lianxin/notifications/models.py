"""The in-app inbox of every user, and the outbox that Huey turns into inbox rows and outbound messages.

Services write an ``Outbox`` row in their own transaction (cheap, no lookups); a Huey task, never the
request, resolves who should hear of it, writes each recipient's ``Notification`` and hands it to the
outbound backend (SMS, WeChat template …; ``settings.LIANXIN_NOTIFICATION_BACKEND``).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Outbox(models.Model):
    verb = models.CharField(max_length=40)
    # Set for a notice a person pushed (政策推送, P000-23); empty for what the platform sends on a step.
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="notices_sent"
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=200, blank=True)
    # {"persons": [ids], "users": [ids], "departments": [ids], "organisations": [ids], "areas": [ids]}:
    # an area means the staff who hold posts over that very area.
    targets = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    processed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("outgoing notification")
        verbose_name_plural = _("outgoing notifications")

    def __str__(self):
        return self.title


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    outbox = models.ForeignKey(
        Outbox, null=True, blank=True, on_delete=models.SET_NULL, related_name="notifications"
    )
    verb = models.CharField(_("kind"), max_length=40)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("content"), blank=True)
    url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    delivery_error = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "created_at"], name="notification_inbox")]
        constraints = [
            models.UniqueConstraint(fields=["outbox", "recipient"], name="notification_once_per_recipient")
        ]

    def __str__(self):
        return self.title
