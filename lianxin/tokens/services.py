"""Creating, revoking and checking personal API tokens.

Lifetimes are configuration (``API_TOKEN_DEFAULT_DAYS``, ``API_TOKEN_MAX_DAYS``, ``API_TOKEN_MAX_ACTIVE`` in
settings; defaults 90, 365 and 20): a token always expires, and never later than the maximum allows.
"""

import secrets
from datetime import timedelta

import structlog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.core.errors_domain import DomainError
from lianxin.tokens.models import PREFIX_LENGTH, ApiToken, TokenStatus, secret_hash

logger = structlog.get_logger(__name__)

SECRET_PREFIX = "lx_"  # noqa: S105 - a marker that makes leaked tokens easy to recognise, not a secret  # nosec B105
NAME_MAX_LENGTH = ApiToken._meta.get_field("name").max_length
# A used token's last-use time is written at most this often, not on every call.
LAST_USED_PRECISION = timedelta(minutes=1)


def token_default_days() -> int:
    return getattr(settings, "API_TOKEN_DEFAULT_DAYS", 90)


def token_max_days() -> int:
    return getattr(settings, "API_TOKEN_MAX_DAYS", 365)


def token_max_active() -> int:
    return getattr(settings, "API_TOKEN_MAX_ACTIVE", 20)


@transaction.atomic
def token_create(*, actor, name: str, expires_at=None) -> tuple[ApiToken, str]:
    """A new token of ``actor`` and its secret, which is returned here once and stored only as a hash.

    Guarantees: a name is required; the token expires (by default after ``API_TOKEN_DEFAULT_DAYS``), in the
    future and no later than ``API_TOKEN_MAX_DAYS`` from now; an account holds at most
    ``API_TOKEN_MAX_ACTIVE`` active tokens.
    """
    name = (name or "").strip()
    if not name:
        raise DomainError(
            _("Give the token a name, e.g. the program that will use it."), code="required", field="name"
        )
    if len(name) > NAME_MAX_LENGTH:
        raise DomainError(
            _("Enter at most %(limit)s characters.") % {"limit": NAME_MAX_LENGTH},
            code="too_long",
            field="name",
        )
    now = timezone.now()
    expires_at = expires_at or now + timedelta(days=token_default_days())
    if expires_at <= now:
        raise DomainError(_("The expiry date must be in the future."), code="expiry_past", field="expires_at")
    if expires_at > now + timedelta(days=token_max_days()):
        raise DomainError(
            _("A token may last at most %(days)s days.") % {"days": token_max_days()},
            code="expiry_too_far",
            field="expires_at",
        )
    # Lock the account's row so two simultaneous creations cannot both pass the count.
    get_user_model().objects.select_for_update().filter(pk=actor.pk).first()
    if ApiToken.objects.active(now).filter(user=actor).count() >= token_max_active():
        raise DomainError(
            _("You already have %(count)s active tokens. Revoke one you no longer use first.")
            % {"count": token_max_active()},
            code="too_many_tokens",
        )
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor,
        name=name,
        prefix=secret[:PREFIX_LENGTH],
        key_hash=secret_hash(secret),
        created_at=now,
        expires_at=expires_at,
    )
    logger.info("api_token_created", token_id=token.pk, user_id=actor.pk)
    return token, secret


@transaction.atomic
def token_revoke(*, actor, token: ApiToken) -> ApiToken:
    """Revoke one of ``actor``'s own tokens. Revoking an already revoked token changes nothing."""
    if token.user_id != actor.pk:
        raise DomainError(_("You can revoke only your own tokens."), code="not_owner")
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        logger.info("api_token_revoked", token_id=token.pk, user_id=actor.pk)
    return token


class TokenRefused(Exception):
    """Why a presented secret does not sign anybody in: ``code`` is one of invalid, expired, revoked,
    account_inactive."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def token_authenticate(*, secret: str, ip: str | None = None) -> ApiToken:
    """The active token behind ``secret``, with its owner and the owner's person loaded in the same
    statement; records when (and from where) it was used.

    Raises ``TokenRefused`` for an unknown, expired or revoked token or a disabled account.
    """
    if not secret or len(secret) > 200:
        raise TokenRefused("invalid")
    token = (
        ApiToken.objects.select_related("user", "user__person").filter(key_hash=secret_hash(secret)).first()
    )
    if token is None:
        raise TokenRefused("invalid")
    now = timezone.now()
    status = token.status(now)
    if status != TokenStatus.ACTIVE:
        raise TokenRefused(str(status))
    if not token.user.is_active:
        raise TokenRefused("account_inactive")
    if (
        token.last_used_at is None
        or now - token.last_used_at >= LAST_USED_PRECISION
        or token.last_used_ip != ip
    ):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now, last_used_ip=ip)
        token.last_used_at, token.last_used_ip = now, ip
    return token
