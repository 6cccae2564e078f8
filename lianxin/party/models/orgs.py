"""Party organisations (their own tree, anchored to areas or to a sector), members, member households and
the liaisons' household links."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from lianxin.areas.models import Area, Household
from lianxin.core.fields import EncryptedCharField
from lianxin.core.scope import Scope, ScopedManager, ScopedQuerySet
from lianxin.party.models.sector_departments import sector_orgs_q
from lianxin.people.models import Person


class OrgKind(models.TextChoices):
    WORKING_COMMITTEE = "working_committee", _("working committee")
    COMMITTEE = "committee", _("committee")
    JOINT_COMMITTEE = "joint_committee", _("joint committee")
    TASK_FORCE = "task_force", _("task force")
    GENERAL_BRANCH = "general_branch", _("general branch")
    BRANCH = "branch", _("branch")
    GROUP = "group", _("party group")
    SECTOR_COMMITTEE = "sector_committee", _("sector committee")
    CHAIN_ALLIANCE = "chain_alliance", _("chain alliance")
    JOINT_BRANCH = "joint_branch", _("joint branch")
    MOBILE_BRANCH = "mobile_branch", _("mobile branch")
    OFFICE = "office", _("party-building office")


class Field(models.TextChoices):
    """The field an organisation works in (P000-50, P001-40)."""

    COMMUNITY = "community", _("community")
    RURAL = "rural", _("rural")
    ORGAN = "organ", _("government organ")
    SCHOOL = "school", _("school")
    SOE = "soe", _("state-owned enterprise")
    TWO_NEW = "two_new", _("two-new (private enterprise, social organisation)")
    SECTOR = "sector", _("sector")


class SetupMode(models.TextChoices):
    SINGLE = "single", _("built singly")
    JOINT = "joint", _("built jointly")
    LED = "led", _("led by a leading enterprise")


class Sector(models.TextChoices):
    """Industry sectors that have sector committees (P000-51, P001-31)."""

    EXPRESS = "express", _("express delivery")
    FOOD_DELIVERY = "food_delivery", _("food delivery")
    ROAD_TRANSPORT = "road_transport", _("road transport")
    LIVE_ECOMMERCE = "live_ecommerce", _("live e-commerce")
    PROPERTY = "property", _("property management")


# The five task forces of a joint committee's "1+5" (P000-06, P002-05): the TaskForce rows (seeded by the
# party app's migration 0010), in this order; a joint committee gets one TASK_FORCE child for each.
TASK_FORCES = [
    ("large_scale_farming", "规模农业"),
    ("high_efficiency_farming", "高效农业"),
    ("specialty_industry", "特色产业"),
    ("returnee_entrepreneurship", "返乡创业"),
    ("public_services", "公共服务"),
]


class TaskForce(models.Model):
    """One of the five lines of work of a joint committee (专班); a TASK_FORCE organisation names its line."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=40)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("task force line")
        verbose_name_plural = _("task force lines")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name


class PartyOrgQuerySet(MP_NodeQuerySet, ScopedQuerySet):
    pass


class PartyOrgManager(MP_NodeManager.from_queryset(PartyOrgQuerySet)):
    def get_queryset(self):
        # treebeard's manager hard-codes its own queryset class; ours adds restrict().
        return PartyOrgQuerySet(self.model, using=self._db).order_by("path")


class PartyOrg(MP_Node):
    steplen = 4

    kind = models.CharField(_("kind"), max_length=20, choices=OrgKind.choices, db_index=True)
    name = models.CharField(_("name"), max_length=100)
    area = models.ForeignKey(
        Area,
        verbose_name=_("anchored to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="party_orgs",
    )
    area_path = models.CharField(max_length=255, blank=True, default="", db_index=True, editable=False)
    field = models.CharField(_("field"), max_length=16, choices=Field.choices, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    setup_mode = models.CharField(_("set-up mode"), max_length=10, choices=SetupMode.choices, blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    # Estate branches: plaque and physical operation (P004-07).
    has_plaque = models.BooleanField(_("plaque and physical operation"), default=False)
    office_place = models.CharField(_("office place"), max_length=100, blank=True)
    operating_since = models.DateField(_("operating since"), null=True, blank=True)
    # A TASK_FORCE organisation's line of work (规模农业专班 …, P002-05).
    task_force = models.ForeignKey(
        TaskForce,
        verbose_name=_("task force line"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="party_orgs",
    )
    # Organisations of property companies and other units (P000-40, P001-31).
    organisations = models.ManyToManyField(
        "people.Organisation", verbose_name=_("organisations covered"), blank=True, related_name="party_orgs"
    )

    objects = PartyOrgManager()
    # Staff of the departments that work a sector with its committee read its organisations (P003-15).
    scope = Scope(area_path="area_path", party_org_path="path", also=sector_orgs_q)

    class Meta:
        verbose_name = _("party organisation")
        verbose_name_plural = _("party organisations")

    def __str__(self):
        return self.name


class MembershipKind(models.TextChoices):
    APPLICANT = "applicant", _("applicant")
    PROBATIONARY = "probationary", _("probationary member")
    FULL = "full", _("full member")


class MembershipQuerySet(ScopedQuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(start_date__lte=on).filter(Q(end_date__isnull=True) | Q(end_date__gte=on))


class Membership(models.Model):
    """A person's place in a party organisation. ``is_home`` marks where his organisational relation sits;
    an enrolment elsewhere (a mobile branch, a dual registration) is a second, non-home membership, so
    counting home memberships counts each member once."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="memberships"
    )
    org = models.ForeignKey(
        PartyOrg, verbose_name=_("party organisation"), on_delete=models.PROTECT, related_name="memberships"
    )
    org_path = models.CharField(max_length=255, db_index=True, editable=False)
    area_path = models.CharField(max_length=255, blank=True, default="", db_index=True, editable=False)
    kind = models.CharField(
        _("kind"), max_length=16, choices=MembershipKind.choices, default=MembershipKind.FULL
    )
    is_home = models.BooleanField(_("organisational relation held here"), default=True)
    is_mobile = models.BooleanField(_("mobile member"), default=False)
    work_place = EncryptedCharField(_("place of work"), blank=True)
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    joined_on = models.DateField(_("joined the party on"), null=True, blank=True)
    start_date = models.DateField(_("from"), default=timezone.localdate)
    end_date = models.DateField(_("until"), null=True, blank=True)

    objects = ScopedManager.from_queryset(MembershipQuerySet)()
    scope = Scope(area_path="area_path", party_org_path="org_path", own="person_id", residents=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.person} · {self.org}"


class MemberHousehold(models.Model):
    """A party member's household that serves its neighbours (党员中心户), under a building group."""

    household = models.OneToOneField(
        Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="member_household"
    )
    member = models.ForeignKey(Person, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(
        PartyOrg, verbose_name=_("party group"), on_delete=models.PROTECT, related_name="member_households"
    )
    selected_on = models.DateField(_("selected on"), default=timezone.localdate)
    served = models.ManyToManyField(
        Household, verbose_name=_("households served"), blank=True, related_name="served_by"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", residents=True)

    class Meta:
        verbose_name = _("member household")
        verbose_name_plural = _("member households")

    def __str__(self):
        return str(self.household)


class LiaisonLink(models.Model):
    """A household linked to its liaison ("1+11": one liaison, eleven households)."""

    liaison = models.ForeignKey(
        Person, verbose_name=_("liaison"), on_delete=models.PROTECT, related_name="liaison_links"
    )
    household = models.OneToOneField(
        Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="liaison_link"
    )
    since = models.DateField(_("since"), default=timezone.localdate)
    area_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", residents=True)

    class Meta:
        verbose_name = _("liaison link")
        verbose_name_plural = _("liaison links")

    def __str__(self):
        return f"{self.liaison} · {self.household}"
