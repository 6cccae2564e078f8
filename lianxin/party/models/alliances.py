"""Industry-chain party alliances (产业链党建联盟, P003-31–34): the configurable chain categories of the
city's industry clusters, the alliance's category, its ordered chain segments from upstream to downstream,
and its members with their roles (lead department, local competent department, leading enterprises' party
organisations, member enterprises) placed on the segments.

An alliance itself is a PartyOrg of kind chain_alliance; these rows hang on it and are scoped through it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager

ALLIANCE_SCOPE = {"area_path": "alliance__area_path", "party_org_path": "alliance__path"}


class ChainCategory(models.Model):
    """A chain category of the dictionary (“231”: 2 strengths, 3 emerging industries, 1 specialty), kept by
    the system administrator."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=50)
    group = models.CharField(_("cluster group"), max_length=50, help_text=_("e.g. 两大优势产业"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("chain category")
        verbose_name_plural = _("chain categories")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name


class AllianceCategory(models.Model):
    alliance = models.OneToOneField(
        "party.PartyOrg", verbose_name=_("alliance"), on_delete=models.CASCADE, related_name="chain_category"
    )
    category = models.ForeignKey(
        ChainCategory, verbose_name=_("chain category"), on_delete=models.PROTECT, related_name="alliances"
    )

    objects = ScopedManager()
    scope = Scope(**ALLIANCE_SCOPE)

    class Meta:
        verbose_name = _("alliance category")
        verbose_name_plural = _("alliance categories")

    def __str__(self):
        return f"{self.alliance} · {self.category}"


class ChainSegment(models.Model):
    """One segment of the chain, upstream (1) to downstream (煤化工—燃料化工—焦化产品深加工—合成材料)."""

    alliance = models.ForeignKey(
        "party.PartyOrg", verbose_name=_("alliance"), on_delete=models.CASCADE, related_name="chain_segments"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=50)

    objects = ScopedManager()
    scope = Scope(**ALLIANCE_SCOPE)

    class Meta:
        verbose_name = _("chain segment")
        verbose_name_plural = _("chain segments")
        ordering = ["alliance", "position"]
        constraints = [
            models.UniqueConstraint(fields=["alliance", "position"], name="chain_segment_position_once"),
        ]

    def __str__(self):
        return self.name


class AllianceRole(models.TextChoices):
    LEAD_DEPARTMENT = "lead_department", _("chain lead department")
    COMPETENT_DEPARTMENT = "competent_department", _("local competent department")
    LEADING_ENTERPRISE = "leading_enterprise", _("leading enterprise's party organisation")
    MEMBER_ENTERPRISE = "member_enterprise", _("member enterprise")


DEPARTMENT_ROLES = (AllianceRole.LEAD_DEPARTMENT, AllianceRole.COMPETENT_DEPARTMENT)


class AllianceMember(models.Model):
    """A founder or member of an alliance: a department, or an enterprise (with its party organisation
    when it is a leading enterprise), placed on one of the chain's segments."""

    alliance = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("alliance"),
        on_delete=models.CASCADE,
        related_name="alliance_members",
    )
    role = models.CharField(_("role"), max_length=24, choices=AllianceRole.choices)
    department = models.ForeignKey(
        "people.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    enterprise = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="alliance_memberships",
    )
    party_org = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("enterprise's party organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    segment = models.ForeignKey(
        ChainSegment,
        verbose_name=_("chain segment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )

    objects = ScopedManager()
    scope = Scope(**ALLIANCE_SCOPE)

    class Meta:
        verbose_name = _("alliance member")
        verbose_name_plural = _("alliance members")
        ordering = ["alliance", "role", "id"]

    def __str__(self):
        return str(self.department or self.enterprise or self.party_org or "—")
