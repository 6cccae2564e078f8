"""Mobilisations and drills (应急动员, P004-52). A mobilisation sends one ``volunteering.Callout`` to a
roster (home party members, volunteers and the plan's team members of an area, filtered); each person
called has a ``MobilisationRecipient`` row with the token of his signed link (/readiness/r/<token>/) and the
time his notice went out (batches of ``LIANXIN_MOBILISATION_BATCH``, Huey task ``mobilisation_send``). His
answer is the call-out's ``CalloutAnswer`` (到岗/待命/不能参加, one per person)."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager


def token_new() -> str:
    return secrets.token_urlsafe(18)


class MobilisationKind(models.TextChoices):
    DRILL = "drill", _("drill")
    REAL = "real", _("real emergency")


class Audience(models.TextChoices):
    ALL = "all", _("members, volunteers and team members")
    MEMBERS = "members", _("party members")
    VOLUNTEERS = "volunteers", _("volunteers")
    TEAMS = "teams", _("the plan's team members")


class Channel(models.TextChoices):
    INBOX = "inbox", _("inbox notice")
    LINK = "link", _("signed link")


class Mobilisation(models.Model):
    callout = models.OneToOneField(
        "volunteering.Callout",
        verbose_name=_("call-out"),
        on_delete=models.PROTECT,
        related_name="mobilisation",
    )
    plan = models.ForeignKey(
        "readiness.EmergencyPlan", verbose_name=_("plan"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="mobilisations",
    )  # fmt: skip
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    kind = models.CharField(_("kind"), max_length=8, choices=MobilisationKind.choices)
    audience = models.CharField(
        _("who is called"), max_length=12, choices=Audience.choices, default=Audience.ALL
    )
    estate = models.ForeignKey(
        "areas.Area", verbose_name=_("only this estate"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices, default=Channel.INBOX)
    launched_at = models.DateTimeField(_("launched at"))
    launched_by = models.ForeignKey(
        "people.Person", verbose_name=_("launched by"), on_delete=models.PROTECT, related_name="+"
    )
    called = models.PositiveIntegerField(_("people called"), default=0)
    sent = models.PositiveIntegerField(_("notices sent"), default=0)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("mobilisation")
        verbose_name_plural = _("mobilisations")

    def __str__(self):
        return self.callout.title

    def save(self, *args, **kwargs):
        self.area_path = self.area.path
        super().save(*args, **kwargs)


class MobilisationRecipient(models.Model):
    mobilisation = models.ForeignKey(
        Mobilisation, verbose_name=_("mobilisation"), on_delete=models.CASCADE, related_name="recipients"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    grid = models.ForeignKey(
        "areas.Area",
        verbose_name=_("grid"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    token = models.CharField(max_length=40, unique=True, default=token_new, editable=False)
    notified_at = models.DateTimeField(_("notified at"), null=True, blank=True)
    area_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", own="person_id", residents=True)

    class Meta:
        verbose_name = _("person called")
        verbose_name_plural = _("people called")
        constraints = [
            models.UniqueConstraint(fields=["mobilisation", "person"], name="mobilisation_recipient_once")
        ]
        indexes = [models.Index(fields=["person", "mobilisation"])]

    def __str__(self):
        return f"{self.mobilisation} · {self.person}"
