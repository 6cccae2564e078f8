"""The security app's housekeeping, run by the Huey consumer."""

from django.contrib.sessions.models import Session
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from lianxin.security.models import UserSession


# Huey schedules in UTC (settings.HUEY["utc"]): 19:15 UTC is 03:15 in Asia/Shanghai, the quietest hour.
@db_periodic_task(crontab(hour="19", minute="15"), name="sessions_clear_expired")
def sessions_clear_expired() -> int:
    """Delete sessions past their expiry, nightly, so the table holds only live sign-ins."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    # The account's list of its sessions forgets those that no longer exist.
    UserSession.objects.exclude(session_key__in=Session.objects.values("session_key")).delete()
    return deleted
