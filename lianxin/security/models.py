"""Account security records: past password hashes (for the history rule) and each account's sessions."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PasswordHistory(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    password = models.CharField(max_length=255)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("past password")
        verbose_name_plural = _("past passwords")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.user_id} · {self.at:%Y-%m-%d}"


class UserSession(models.Model):
    """A signed-in session of an account, so that all of them can be ended at once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=40, unique=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("signed in at"), default=timezone.now)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.user_id} · {self.created_at:%Y-%m-%d %H:%M}"
