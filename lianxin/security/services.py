"""Writes about account security: separate administrator roles, sessions, lockouts, second factors."""

import secrets

from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from lianxin.audit.models import Action
from lianxin.audit.services import audit_record
from lianxin.people.roles import ADMIN_ROLES
from lianxin.security.models import UserSession

RECOVERY_CODE_COUNT = 10


def post_check_admin_roles(*, post) -> None:
    """三员分立: an administrator role (system, security, audit) is the only current post of its holder.

    So no account holds two of them, and none of them also holds a post that reads residents' data.
    Raises ValidationError (Chinese) otherwise.
    """
    from lianxin.people.models import Post

    if post.person_id is None:
        return
    others = Post.objects.current().filter(person_id=post.person_id).exclude(pk=post.pk)
    if post.role in ADMIN_ROLES and others.exists():
        raise ValidationError(
            _("An administrator role (system, security or audit) must be the only post of its holder."),
            code="admin_role_combined",
        )
    if others.filter(role__in=ADMIN_ROLES).exists():
        raise ValidationError(
            _("This person holds an administrator role and can hold no other post."),
            code="admin_role_combined",
        )


def _session_store() -> type[SessionBase]:
    from django.conf import settings

    return import_string(f"{settings.SESSION_ENGINE}.SessionStore")


def session_track(*, user, request) -> None:
    key = request.session.session_key
    if not key:
        request.session.save()
        key = request.session.session_key
    from lianxin.audit.middleware import client_ip

    UserSession.objects.update_or_create(
        session_key=key,
        defaults={
            "user": user,
            "ip": client_ip(request),
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:200],
        },
    )


def session_renew(*, request, previous_key: str | None = None) -> None:
    """A new session id at every raise of privilege (second factor given, password changed): an id seen
    before the raise (on a shared desk, in a proxy's log) must not carry the raised session. The session's
    data goes with it, the old id is deleted from the store, and the account's list of sessions follows,
    so that "sign out everywhere" still reaches it.

    ``previous_key``: the id before the raise, when something else (Django's password change) has already
    given a new one.
    """
    session = request.session
    previous_key = previous_key or session.session_key
    if session.session_key == previous_key:
        session.cycle_key()
    if previous_key and session.session_key != previous_key:
        UserSession.objects.filter(session_key=previous_key).update(session_key=session.session_key)


@transaction.atomic
def sessions_revoke_all(*, actor, user) -> int:
    """End every signed-in session of ``user`` (deleted from the session store, not merely forgotten)."""
    store = _session_store()
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    UserSession.objects.filter(user=user).delete()
    audit_record(action=Action.SESSIONS_REVOKED, actor=actor, obj=user, detail={"sessions": len(keys)})
    return len(keys)


@transaction.atomic
def lockout_clear(*, actor, username: str = "", ip: str = "") -> int:
    """The security administrator lifts a sign-in lockout of an account or an address."""
    from axes.models import AccessAttempt

    attempts = AccessAttempt.objects.all()
    if username:
        attempts = attempts.filter(username=username)
    elif ip:
        attempts = attempts.filter(ip_address=ip)
    else:
        return 0
    count, _ignored = attempts.delete()
    audit_record(
        action=Action.UNLOCK,
        actor=actor,
        object_type="axes.accessattempt",
        object_repr=username or ip,
        detail={"username": username, "ip": ip, "attempts": count},
    )
    return count


def recovery_codes_issue(*, user) -> list[str]:
    """Ten new single-use recovery codes (the old ones stop working); shown once."""
    from django_otp.plugins.otp_static.models import StaticDevice

    device, _created = StaticDevice.objects.get_or_create(user=user, name="recovery")
    device.token_set.all().delete()
    codes = [secrets.token_hex(4) for _i in range(RECOVERY_CODE_COUNT)]
    for code in codes:
        device.token_set.create(token=code)
    return codes


@transaction.atomic
def otp_reset(*, actor, user) -> None:
    """The security administrator removes an account's second factors (lost phone): it enrols again."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(action=Action.OTP_RESET, actor=actor, obj=user)
