"""The password policy (等保 三级 身份鉴别): three character classes, not the account name, none of the last
five, and expiry for staff. Django's validators add length ≥ 8, not common, not all digits."""

import re
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

_CLASSES = (re.compile(r"[a-z]"), re.compile(r"[A-Z]"), re.compile(r"[0-9]"), re.compile(r"[^a-zA-Z0-9]"))


class CharacterClassValidator:
    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        if sum(1 for pattern in _CLASSES if pattern.search(password)) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return _(
            "Your password must mix at least %(count)d of: lower-case letters, upper-case letters, digits "
            "and symbols."
        ) % {"count": self.min_classes}


class NotUsernameValidator:
    def validate(self, password, user=None):
        username = (getattr(user, "username", "") or "").lower()
        if username and len(username) >= 3 and username in password.lower():
            raise ValidationError(self.get_help_text(), code="password_contains_username")

    def get_help_text(self):
        return _("Your password must not contain your account name.")


class HistoryValidator:
    """None of the last ``keep`` passwords (the current one included) may be used again."""

    def __init__(self, keep: int = 5):
        self.keep = keep

    def _recent(self, user):
        from lianxin.security.models import PasswordHistory

        if user is None or user.pk is None:
            return []
        return list(PasswordHistory.objects.filter(user=user).values_list("password", flat=True)[: self.keep])

    def validate(self, password, user=None):
        recent = self._recent(user)
        current = getattr(user, "password", "") if user is not None and user.pk else ""
        if any(check_password(password, encoded) for encoded in [current, *recent] if encoded):
            raise ValidationError(self.get_help_text(), code="password_reused")

    def password_changed(self, password, user=None):
        from lianxin.security.models import PasswordHistory

        if user is None or user.pk is None or not user.password:
            return
        PasswordHistory.objects.create(user=user, password=user.password)
        stale = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[self.keep :]
        PasswordHistory.objects.filter(pk__in=list(stale)).delete()

    def get_help_text(self):
        return ngettext(
            "Your password must differ from your last password.",
            "Your password must differ from your last %(count)d passwords.",
            self.keep,
        ) % {"count": self.keep}


def password_expired(user, now=None) -> bool:
    """Whether a staff account's password is older than PASSWORD_EXPIRY_DAYS (residents' never expire)."""
    days = settings.PASSWORD_EXPIRY_DAYS
    # Demo accounts (load_demo, DEBUG only) keep the published password: documented in docs/security.md.
    if not days or not user.is_authenticated or user.password_changed_at is None or user.is_demo:
        return False
    from lianxin.security.policy import user_is_staff

    if not user_is_staff(user):
        return False
    return (now or timezone.now()) - user.password_changed_at > timedelta(days=days)
