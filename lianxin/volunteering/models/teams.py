"""Volunteer and party-member teams (P000-46 先锋队、突击队、志愿服务队; P001-48 courier teams; P002-37 teams
led by a branch; P002-59 typed teams; P003-26 红驹先锋 based at rest stations; P004-46 夕阳红)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager
from lianxin.party.models import Sector


class TeamKind(models.TextChoices):
    VANGUARD = "vanguard", _("party-member vanguard team")
    SHOCK = "shock", _("party-member shock team")
    PARTY_VOLUNTEER = "party_volunteer", _("party-member volunteer team")
    VOLUNTEER = "volunteer", _("volunteer team")
    COURIER = "courier", _("courier and rider volunteer team")
    WOMEN = "women", _("women's volunteer team")
    YOUTH = "youth", _("youth volunteer team")
    ELDERLY = "elderly", _("elderly volunteer team")
    PROFESSIONAL = "professional", _("professional service team")


class MemberRole(models.TextChoices):
    LEADER = "leader", _("team leader")
    MEMBER = "member", _("team member")


def _member_of(person_id: int) -> Q:
    return Q(pk__in=TeamMember.objects.filter(person_id=person_id, left_on__isnull=True).values("team_id"))


class VolunteerTeam(models.Model):
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=TeamKind.choices)
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    leading_org = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("leading party organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    leading_org_path = models.CharField(max_length=255, blank=True, default="", db_index=True, editable=False)
    base = models.ForeignKey(
        "areas.Place",
        verbose_name=_("base"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    founded_on = models.DateField(_("founded on"), default=timezone.localdate)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = ScopedManager()
    # A team is no resident's data: the area's posts see it (volunteers included), the leading organisation
    # sees its teams, and a member sees the teams he is in.
    scope = Scope(area_path="area_path", party_org_path="leading_org_path", own=_member_of)

    class Meta:
        verbose_name = _("volunteer team")
        verbose_name_plural = _("volunteer teams")
        constraints = [models.UniqueConstraint(fields=["area", "name"], name="volunteer_team_name_per_area")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.area_path = self.area.path
        self.leading_org_path = self.leading_org.path if self.leading_org_id else ""
        super().save(*args, **kwargs)


class TeamMember(models.Model):
    """A person in a team from a day until he leaves; one volunteer may be in several teams."""

    team = models.ForeignKey(
        VolunteerTeam, verbose_name=_("team"), on_delete=models.PROTECT, related_name="members"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER)
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    objects = ScopedManager()
    # Members are named persons: the area's staff see them, a member sees his own place.
    scope = Scope(area_path="area_path", own="person_id", residents=True)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "person"], condition=Q(left_on__isnull=True), name="team_member_once"
            )
        ]

    def __str__(self):
        return f"{self.team} · {self.get_role_display()}"

    def save(self, *args, **kwargs):
        self.area_path = self.team.area_path
        super().save(*args, **kwargs)
