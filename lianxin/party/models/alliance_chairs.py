"""An alliance's rotating chair (理事长轮值, P003-35), its versioned policy list (政策清单, P003-41) and its
joint activities of five kinds (组织共建、事务共商、资源共享、发展共促、品牌共创, P003-44).

- The rotation order names member units (``AllianceMember``) one after another; each holds the chair for
  ``LIANXIN_ALLIANCE_CHAIR_MONTHS`` months, and the Huey task ``alliance_chairs_rotate`` hands over at the end
  of a term to the next in order. Every term is a row: the history.
- A policy list is published as a whole new version; the page shows what changed against the one before,
  enterprises see the current (latest) version.
- A joint activity is a ``PlaceActivity`` of kind ``co_building``; this row adds the alliance and which of
  the five kinds it is.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager
from lianxin.party.models.alliances import ALLIANCE_SCOPE


def _member_orgs(ids):
    """Member enterprises' contacts reach their alliance's chair, policy list and activities."""
    from lianxin.party.models.alliances import AllianceMember

    return models.Q(alliance__in=AllianceMember.objects.filter(enterprise__in=ids).values("alliance"))


class AllianceChairSeat(models.Model):
    """One place in the rotation order."""

    alliance = models.ForeignKey(
        "party.PartyOrg", verbose_name=_("alliance"), on_delete=models.CASCADE, related_name="chair_seats"
    )
    position = models.PositiveSmallIntegerField(_("order"))
    member = models.ForeignKey(
        "party.AllianceMember", verbose_name=_("member unit"), on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedManager()
    scope = Scope(**ALLIANCE_SCOPE)

    class Meta:
        verbose_name = _("chair rotation place")
        verbose_name_plural = _("chair rotation places")
        ordering = ["alliance", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "position"], name="alliance_chair_seat_position_once"
            ),
            models.UniqueConstraint(fields=["alliance", "member"], name="alliance_chair_seat_member_once"),
        ]

    def __str__(self):
        return f"{self.position}. {self.member}"


class AllianceChairTerm(models.Model):
    """One member's term in the chair: the history of the rotation."""

    alliance = models.ForeignKey(
        "party.PartyOrg", verbose_name=_("alliance"), on_delete=models.CASCADE, related_name="chair_terms"
    )
    member = models.ForeignKey(
        "party.AllianceMember", verbose_name=_("member unit"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("order"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    automatic = models.BooleanField(_("handed over automatically"), default=False)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(**ALLIANCE_SCOPE, organisation=_member_orgs)

    class Meta:
        verbose_name = _("chair term")
        verbose_name_plural = _("chair terms")
        ordering = ["alliance", "-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["alliance", "starts_on"], name="alliance_chair_term_start_once"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")), name="alliance_chair_term_order"
            ),
        ]

    def __str__(self):
        return f"{self.member} {self.starts_on}–{self.ends_on}"


class PolicyList(models.Model):
    """One published version of the alliance's policy list."""

    alliance = models.ForeignKey(
        "party.PartyOrg", verbose_name=_("alliance"), on_delete=models.CASCADE, related_name="policy_lists"
    )
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=100)
    published_on = models.DateField(_("published on"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ScopedManager()
    scope = Scope(**ALLIANCE_SCOPE, organisation=_member_orgs)

    class Meta:
        verbose_name = _("policy list")
        verbose_name_plural = _("policy lists")
        ordering = ["alliance", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["alliance", "version"], name="policy_list_version_once"),
        ]

    def __str__(self):
        return f"{self.title} v{self.version}"


class PolicyItem(models.Model):
    """One policy of a version, keyed by its title (the diff compares titles, then the text)."""

    policy_list = models.ForeignKey(
        PolicyList, verbose_name=_("policy list"), on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("policy"), max_length=100)
    content = models.TextField(_("content"), blank=True)
    provider = models.CharField(_("provided by"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        ordering = ["policy_list", "position"]
        constraints = [
            models.UniqueConstraint(fields=["policy_list", "title"], name="policy_item_title_once"),
        ]

    def __str__(self):
        return self.title


class JointKind(models.TextChoices):
    ORGANISATION = "organisation", _("building organisations together")
    AFFAIRS = "affairs", _("discussing affairs together")
    RESOURCES = "resources", _("sharing resources")
    DEVELOPMENT = "development", _("promoting development together")
    BRAND = "brand", _("creating brands together")


class JointActivity(models.Model):
    """An alliance's joint activity with enterprises: a co-building ``PlaceActivity`` and its kind."""

    alliance = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("alliance"),
        on_delete=models.CASCADE,
        related_name="joint_activities",
    )
    activity = models.OneToOneField(
        "areas.PlaceActivity", verbose_name=_("activity"), on_delete=models.CASCADE, related_name="joint"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=JointKind.choices, db_index=True)

    objects = ScopedManager()
    scope = Scope(**ALLIANCE_SCOPE, organisation=_member_orgs)

    class Meta:
        verbose_name = _("joint activity")
        verbose_name_plural = _("joint activities")
        ordering = ["-activity__held_on", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.activity}"


__all__ = [
    "AllianceChairSeat",
    "AllianceChairTerm",
    "JointActivity",
    "JointKind",
    "PolicyItem",
    "PolicyList",
]
