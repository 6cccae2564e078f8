"""Pairings (结对, "1+N帮1", P001-29): one captain and N volunteers around one household in need, with
their visits; and the unit–organisation links: co-building agreements (共驻共建, P001-58, P004-49) and
people sent down to grassroots party organisations (下沉, P004-50)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager
from lianxin.volunteering.models.registrations import UnitType


def _in_pairing(person_id: int) -> Q:
    through = Pairing.volunteers.through.objects.filter(person_id=person_id)
    return Q(captain_id=person_id) | Q(pk__in=through.values("pairing_id"))


class Pairing(models.Model):
    household = models.ForeignKey(
        "areas.Household", verbose_name=_("household"), on_delete=models.PROTECT, related_name="+"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    captain = models.ForeignKey(
        "people.Person", verbose_name=_("captain"), on_delete=models.PROTECT, related_name="+"
    )
    volunteers = models.ManyToManyField(
        "people.Person", verbose_name=_("volunteers"), blank=True, related_name="+"
    )
    started_on = models.DateField(_("paired on"), default=timezone.localdate)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ScopedManager()
    # The household's staff see every pairing; the captain and the volunteers see their own (the household
    # they serve is named on it), and nothing else of the area's residents.
    scope = Scope(area_path="area_path", own=_in_pairing, residents=True)

    class Meta:
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(ended_on__isnull=True),
                name="pairing_one_active_per_household",
            )
        ]

    def __str__(self):
        return str(self.household)

    def save(self, *args, **kwargs):
        self.area_path = self.household.area_path
        super().save(*args, **kwargs)


def _visit_seen(person_id: int) -> Q:
    return Q(visitor_id=person_id) | Q(
        pairing__in=Pairing.objects.filter(_in_pairing(person_id)).values("pk")
    )


class PairingVisit(models.Model):
    pairing = models.ForeignKey(
        Pairing, verbose_name=_("pairing"), on_delete=models.PROTECT, related_name="visits"
    )
    visitor = models.ForeignKey(
        "people.Person", verbose_name=_("visitor"), on_delete=models.PROTECT, related_name="+"
    )
    visited_on = models.DateField(_("visited on"), default=timezone.localdate)
    note = models.CharField(_("note"), max_length=200, blank=True)
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    created_at = models.DateTimeField(_("logged at"), default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", own=_visit_seen, residents=True)

    class Meta:
        verbose_name = _("pairing visit")
        verbose_name_plural = _("pairing visits")

    def __str__(self):
        return f"{self.pairing} · {self.visited_on}"

    def save(self, *args, **kwargs):
        self.area_path = self.pairing.area_path
        super().save(*args, **kwargs)


class CoBuildingAgreement(models.Model):
    """A co-building agreement between a grassroots party organisation (street, community, estate branch) and
    a unit, with the unit's type (one of five) and the agreement's dates."""

    party_org = models.ForeignKey(
        "party.PartyOrg", verbose_name=_("party organisation"), on_delete=models.PROTECT, related_name="+"
    )
    org_path = models.CharField(max_length=255, db_index=True, editable=False)
    area_path = models.CharField(max_length=255, blank=True, default="", db_index=True, editable=False)
    unit_name = models.CharField(_("unit"), max_length=100)
    unit_org = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("unit party organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit_type = models.CharField(_("unit type"), max_length=10, choices=UnitType.choices)
    signed_on = models.DateField(_("signed on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    content = models.CharField(_("content"), max_length=200, blank=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", party_org_path="org_path")

    class Meta:
        verbose_name = _("co-building agreement")
        verbose_name_plural = _("co-building agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("signed_on")),
                name="cobuilding_ends_after_signing",
            )
        ]

    def __str__(self):
        return f"{self.party_org} · {self.unit_name}"

    def save(self, *args, **kwargs):
        self.org_path = self.party_org.path
        self.area_path = self.party_org.area_path
        super().save(*args, **kwargs)


class SentDownKind(models.TextChoices):
    DEPUTY = "deputy", _("People's Congress deputy")
    CPPCC = "cppcc", _("CPPCC member")
    CADRE = "cadre", _("government cadre")


class SentDownStaff(models.Model):
    """A deputy, a CPPCC member or a cadre attached to a community or estate party organisation (下沉人员)."""

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    party_org = models.ForeignKey(
        "party.PartyOrg", verbose_name=_("party organisation"), on_delete=models.PROTECT, related_name="+"
    )
    org_path = models.CharField(max_length=255, db_index=True, editable=False)
    area_path = models.CharField(max_length=255, blank=True, default="", db_index=True, editable=False)
    kind = models.CharField(_("sent down as"), max_length=10, choices=SentDownKind.choices)
    since = models.DateField(_("since"), default=timezone.localdate)
    until = models.DateField(_("until"), null=True, blank=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", party_org_path="org_path", own="person_id", residents=True)

    class Meta:
        verbose_name = _("person sent down")
        verbose_name_plural = _("people sent down")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "party_org"], condition=Q(until__isnull=True), name="sent_down_once_per_org"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.party_org}"

    def save(self, *args, **kwargs):
        self.org_path = self.party_org.path
        self.area_path = self.party_org.area_path
        super().save(*args, **kwargs)
