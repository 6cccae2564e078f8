"""External systems that exchange cases with Lianxin (the 12345 hotline, city management, WeChat mini
programs, the province's platform), their API keys, and what each Open311 request brought beyond the case.

An external system is issued in the admin: it is bound to a channel and an area (where its requests may be
placed) and reports through a service account of its own (an account and a person with no post, so that it
reads back only the cases it reported, through the same ``restrict`` as everyone). Its keys are stored as
SHA-256 hashes only; the key itself is shown once, when it is issued.
"""

import hashlib

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.cases.models import Channel, ReporterGroup

KEY_PREFIX_LENGTH = 8


def key_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ServiceType(models.TextChoices):
    """GeoReport's ``type``: realtime answers a POST with the request's id, batch with a token."""

    REALTIME = "realtime", _("realtime: the request id at once")
    BATCH = "batch", _("batch: a token, exchanged later for the request id")


class ExternalSystem(models.Model):
    name = models.CharField(_("name"), max_length=100)
    code = models.SlugField(
        _("code"),
        max_length=50,
        unique=True,
        help_text=_("Stored on each of its cases as the external system, e.g. hotline-12345."),
    )
    channel = models.CharField(
        _("channel"),
        max_length=20,
        choices=[(Channel.OPEN311, Channel.OPEN311.label), (Channel.API, Channel.API.label)],
        default=Channel.OPEN311,
    )
    reporter_group = models.CharField(
        _("reporter group"),
        max_length=16,
        choices=ReporterGroup.choices,
        default=ReporterGroup.EXTERNAL,
        help_text=_("How its reports are counted by source, e.g. couriers for a riders' mini program."),
    )
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Its requests may be placed only in this area and under it."),
    )
    service_type = models.CharField(
        _("request type"), max_length=10, choices=ServiceType.choices, default=ServiceType.REALTIME
    )
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("service account"),
        on_delete=models.PROTECT,
        related_name="external_system",
        editable=False,
    )
    contact = models.CharField(_("contact"), max_length=100, blank=True)
    rate_per_minute = models.PositiveIntegerField(
        _("requests per minute"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text=_(
            "How many calls each of its keys may make a minute. Empty: the platform's default "
            '(RATE_LIMITS["open311_key"], 600 a minute).'
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("external system")
        verbose_name_plural = _("external systems")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name

    @property
    def rate(self) -> str:
        """Its keys' limit, as RATE_LIMITS writes one ("600/m")."""
        if self.rate_per_minute:
            return f"{self.rate_per_minute}/m"
        return settings.RATE_LIMITS["open311_key"]


class ApiKeyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, system__is_active=True)


class ApiKey(models.Model):
    system = models.ForeignKey(
        ExternalSystem, verbose_name=_("external system"), on_delete=models.CASCADE, related_name="keys"
    )
    name = models.CharField(_("key name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=KEY_PREFIX_LENGTH, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    last_used_ip = models.GenericIPAddressField(_("last used from"), null=True, blank=True, editable=False)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class Open311Request(models.Model):
    """What an Open311 POST brought that the case does not hold: its token (for batch clients), the media
    URLs it named, the client's account id."""

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="open311"
    )
    system = models.ForeignKey(
        ExternalSystem, verbose_name=_("external system"), on_delete=models.PROTECT, related_name="requests"
    )
    token = models.CharField(_("token"), max_length=40, unique=True)
    media_urls = models.JSONField(_("media URLs"), default=list, blank=True)
    account_id = models.CharField(_("account id"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("Open311 request")
        verbose_name_plural = _("Open311 requests")

    def __str__(self):
        return self.token
