"""Dual registration (双报到, P000-47, P001-42, P002-60, P004-45): a resident or an employed party member
reports to the community where he lives and volunteers there; a unit's party organisation reports to the
community where the unit sits, naming its party head."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("awaiting approval")
    APPROVED = "approved", _("approved")
    REFUSED = "refused", _("refused")


class RegistrantKind(models.TextChoices):
    RESIDENT = "resident", _("resident")
    # An employed party member whose organisational relation sits in his work unit (在职党员).
    MEMBER = "member", _("employed party member")


class UnitType(models.TextChoices):
    """The five kinds of unit whose party organisations pair with communities (P004-49)."""

    ORGAN = "organ", _("government body")
    SOE = "soe", _("state-owned enterprise")
    SCHOOL = "school", _("school or institution")
    PRIVATE = "private", _("non-public enterprise")
    SOCIAL = "social", _("social organisation")


class Vetted(models.Model):
    """A registration the community decides on: pending, then approved or refused with a reason."""

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    decided_by = models.ForeignKey(
        "people.Person",
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        abstract = True


class VolunteerRegistration(Vetted):
    """One person reporting to one community. Approval gives him a ``volunteer`` post over the community
    and, for an employed member, a non-home membership in the community's party organisation: the rows
    are kept here so the vetting list and his unit can follow them."""

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("registering as"), max_length=10, choices=RegistrantKind.choices)
    community = models.ForeignKey(
        "areas.Area", verbose_name=_("community"), on_delete=models.PROTECT, related_name="+"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    # An employed member's home organisation (his work unit's): the unit follows his service through it.
    home_org = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("home party organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    home_org_path = models.CharField(max_length=255, blank=True, default="", db_index=True, editable=False)
    skills = models.CharField(_("skills and services offered"), max_length=200, blank=True)
    post = models.ForeignKey(
        "people.Post",
        verbose_name=_("volunteer post"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    membership = models.ForeignKey(
        "party.Membership",
        verbose_name=_("membership"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ScopedManager()
    # A registration names a resident: community staff see it, volunteers over the community do not; the
    # registrant sees his own, his unit's party organisation those of its members.
    scope = Scope(area_path="area_path", party_org_path="home_org_path", own="person_id", residents=True)

    class Meta:
        verbose_name = _("volunteer registration")
        verbose_name_plural = _("volunteer registrations")
        indexes = [models.Index(fields=["status", "area_path"])]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.community}"

    def save(self, *args, **kwargs):
        self.area_path = self.community.path
        self.home_org_path = self.home_org.path if self.home_org_id else ""
        super().save(*args, **kwargs)


class UnitRegistration(Vetted):
    """A unit's party organisation reporting to the community where the unit sits (单位报到)."""

    unit_org = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("unit party organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit_org_path = models.CharField(max_length=255, db_index=True, editable=False)
    unit_type = models.CharField(_("unit type"), max_length=10, choices=UnitType.choices)
    community = models.ForeignKey(
        "areas.Area", verbose_name=_("community"), on_delete=models.PROTECT, related_name="+"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    head = models.ForeignKey(
        "people.Person", verbose_name=_("party head"), on_delete=models.PROTECT, related_name="+"
    )
    services = models.CharField(_("services offered"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        "people.Person", verbose_name=_("registered by"), on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedManager()
    # The community's staff and the unit's own party organisation; it names the unit's party head.
    scope = Scope(area_path="area_path", party_org_path="unit_org_path", residents=True)

    class Meta:
        verbose_name = _("unit registration")
        verbose_name_plural = _("unit registrations")

    def __str__(self):
        return f"{self.unit_org} · {self.community}"

    def save(self, *args, **kwargs):
        self.area_path = self.community.path
        self.unit_org_path = self.unit_org.path
        super().save(*args, **kwargs)
