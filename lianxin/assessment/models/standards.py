"""The standards part's models (issue 22): what the organisation department and the party committees keep
about the standard of party organisations and members, beside the scoring part's schemes.

- ``StarCriterion`` / ``StarRating`` / ``StarEvidence``: a party organisation's 1–5 stars for a year, given by
  its superior committee against configurable criteria, each with its evidence; every rating is kept, the
  newest is the current one (P003-50, P003-51 达标提星).
- ``CreditRule`` / ``CreditEvent`` / ``MemberStar``: members rated with stars and a credit score moved by
  configurable rules (P002-74 党员干部“星级+信用”评价).
- ``WeakOrgFlag`` / ``WeakOrgItem``: a party organisation flagged 软弱涣散 for a year, with reasons,
  rectification items (each a task), the support given; off the list only by county acceptance (P004-04).
- ``ChecklistTemplate`` / ``ChecklistItem`` / ``ChecklistTick``: a named checklist (三巩固两提升一创建) that
  organ branches tick with evidence (P001-50).
- ``Honour``: a title awarded to a person, a building or an organisation (P000-36, P000-38).
- ``PartyBrand``: a party-building brand of an organisation (P000-68, P003-45).
- ``Campaign`` / ``Nomination``: a campaign period with activities for couriers and riders, and the riders
  nominated, selected and rewarded (P000-57).
- ``SharedPractice``: a practice an organisation shares with the others of its sector committee (P000-55).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager

__all__ = [
    "Campaign",
    "ChecklistItem",
    "ChecklistTemplate",
    "ChecklistTick",
    "CreditEvent",
    "CreditRule",
    "Honour",
    "HonourKind",
    "MemberStar",
    "Nomination",
    "NominationStatus",
    "PartyBrand",
    "BrandStatus",
    "SharedPractice",
    "StarCriterion",
    "StarEvidence",
    "StarRating",
    "WeakOrgFlag",
    "WeakOrgItem",
    "WeakOrgStatus",
    "STANDARDS_AUDITED",
]


def _org_paths(row, org) -> None:
    row.org_path = org.path
    row.area_path = org.area_path or ""


class StarCriterion(models.Model):
    """One criterion a star rating is given against (组织生活, 阵地建设 …), configured by the organisation
    department; a rating needs evidence for every active criterion."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("star criterion")
        verbose_name_plural = _("star criteria")
        ordering = ["order", "id"]

    def __str__(self):
        return self.name


class StarRating(models.Model):
    """A party organisation's stars for a year. A new rating for the same year replaces the current one
    (``is_current``), the older rows stay as the history."""

    org = models.ForeignKey(
        "party.PartyOrg", verbose_name=_("party organisation"), on_delete=models.PROTECT, related_name="+"
    )
    org_path = models.CharField(max_length=255, db_index=True, editable=False)
    area_path = models.CharField(max_length=255, blank=True, default="", db_index=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    stars = models.PositiveSmallIntegerField(_("stars"))
    rated_by_org = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("superior committee"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    is_current = models.BooleanField(_("current"), default=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("given by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    given_at = models.DateTimeField(_("given at"), default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", party_org_path="org_path")

    class Meta:
        verbose_name = _("star rating")
        verbose_name_plural = _("star ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year"], condition=Q(is_current=True), name="star_rating_current_once"
            ),
            models.CheckConstraint(condition=Q(stars__gte=1, stars__lte=5), name="star_rating_1_to_5"),
        ]

    def __str__(self):
        return f"{self.org} · {self.year} · {self.stars}★"

    def save(self, *args, **kwargs):
        _org_paths(self, self.org)
        super().save(*args, **kwargs)


class StarEvidence(models.Model):
    rating = models.ForeignKey(
        StarRating, verbose_name=_("star rating"), on_delete=models.CASCADE, related_name="evidence"
    )
    criterion = models.ForeignKey(
        StarCriterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("evidence"))

    class Meta:
        verbose_name = _("star evidence")
        verbose_name_plural = _("star evidence")
        constraints = [models.UniqueConstraint(fields=["rating", "criterion"], name="star_evidence_once")]

    def __str__(self):
        return f"{self.criterion}: {self.text[:30]}"


class CreditRule(models.Model):
    """A credit event kind and the points it moves (领办合作社 +10, 无故不参加组织生活 -5 …)."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    points = models.IntegerField(_("points"))
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("credit rule")
        verbose_name_plural = _("credit rules")
        ordering = ["-points", "id"]

    def __str__(self):
        return f"{self.name} ({self.points:+d})"


class CreditEvent(models.Model):
    person = models.ForeignKey(
        "people.Person", verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    org = models.ForeignKey(
        "party.PartyOrg", verbose_name=_("party organisation"), on_delete=models.PROTECT, related_name="+"
    )
    org_path = models.CharField(max_length=255, db_index=True, editable=False)
    area_path = models.CharField(max_length=255, blank=True, default="", db_index=True, editable=False)
    rule = models.ForeignKey(
        CreditRule, verbose_name=_("credit rule"), on_delete=models.PROTECT, related_name="events"
    )
    points = models.IntegerField(_("points"))
    happened_on = models.DateField(_("happened on"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", party_org_path="org_path", own="person_id", residents=True)

    class Meta:
        verbose_name = _("credit event")
        verbose_name_plural = _("credit events")

    def __str__(self):
        return f"{self.person} · {self.rule}"

    def save(self, *args, **kwargs):
        _org_paths(self, self.org)
        super().save(*args, **kwargs)


class MemberStar(models.Model):
    """A member's stars for a year, given by his organisation; the credit score is read from the events."""

    person = models.ForeignKey(
        "people.Person", verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    org = models.ForeignKey(
        "party.PartyOrg", verbose_name=_("party organisation"), on_delete=models.PROTECT, related_name="+"
    )
    org_path = models.CharField(max_length=255, db_index=True, editable=False)
    area_path = models.CharField(max_length=255, blank=True, default="", db_index=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    stars = models.PositiveSmallIntegerField(_("stars"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    is_current = models.BooleanField(_("current"), default=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("given by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    given_at = models.DateTimeField(_("given at"), default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", party_org_path="org_path", own="person_id", residents=True)

    class Meta:
        verbose_name = _("member star rating")
        verbose_name_plural = _("member star ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year"], condition=Q(is_current=True), name="member_star_current_once"
            ),
            models.CheckConstraint(condition=Q(stars__gte=1, stars__lte=5), name="member_star_1_to_5"),
        ]

    def __str__(self):
        return f"{self.person} · {self.year} · {self.stars}★"

    def save(self, *args, **kwargs):
        _org_paths(self, self.org)
        super().save(*args, **kwargs)


class WeakOrgStatus(models.TextChoices):
    LISTED = "listed", _("under rectification")
    ACCEPTED = "accepted", _("accepted by the county")


class WeakOrgFlag(models.Model):
    """A party organisation on the 软弱涣散 list for a year, until the county accepts its rectification."""

    org = models.ForeignKey(
        "party.PartyOrg", verbose_name=_("party organisation"), on_delete=models.PROTECT, related_name="+"
    )
    org_path = models.CharField(max_length=255, db_index=True, editable=False)
    area_path = models.CharField(max_length=255, blank=True, default="", db_index=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    reasons = models.TextField(_("reasons"))
    support_yuan = models.DecimalField(_("funds (yuan)"), max_digits=12, decimal_places=2, default=0)
    staff_sent = models.PositiveIntegerField(_("staff sent"), default=0)
    staff_note = models.CharField(_("who was sent"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=WeakOrgStatus.choices, default=WeakOrgStatus.LISTED
    )
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("flagged by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    flagged_at = models.DateTimeField(_("flagged at"), default=timezone.now)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    acceptance_note = models.TextField(_("acceptance note"), blank=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", party_org_path="org_path")

    class Meta:
        verbose_name = _("weak and lax organisation")
        verbose_name_plural = _("weak and lax organisations")
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="weak_org_once_a_year")]

    def __str__(self):
        return f"{self.org} · {self.year}"

    def save(self, *args, **kwargs):
        _org_paths(self, self.org)
        super().save(*args, **kwargs)


class WeakOrgItem(models.Model):
    """One rectification item of a flag, issued as a task (its deadline and progress are the case's)."""

    flag = models.ForeignKey(
        WeakOrgFlag, verbose_name=_("flag"), on_delete=models.CASCADE, related_name="items"
    )
    title = models.CharField(_("title"), max_length=100)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("task"), null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("rectification item")
        verbose_name_plural = _("rectification items")

    def __str__(self):
        return self.title


class ChecklistTemplate(models.Model):
    """A named checklist (三巩固两提升一创建) the organisations of one field tick, year by year."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    field = models.CharField(_("for organisations of the field"), max_length=16, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")

    def __str__(self):
        return self.name


class ChecklistItem(models.Model):
    template = models.ForeignKey(
        ChecklistTemplate, verbose_name=_("checklist"), on_delete=models.CASCADE, related_name="items"
    )
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["template", "name"], name="checklist_item_name_once")]

    def __str__(self):
        return self.name


class ChecklistTick(models.Model):
    item = models.ForeignKey(
        ChecklistItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="ticks"
    )
    org = models.ForeignKey(
        "party.PartyOrg", verbose_name=_("party organisation"), on_delete=models.PROTECT, related_name="+"
    )
    org_path = models.CharField(max_length=255, db_index=True, editable=False)
    area_path = models.CharField(max_length=255, blank=True, default="", db_index=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    evidence = models.TextField(_("evidence"))
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ticked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ticked_at = models.DateTimeField(_("ticked at"), default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", party_org_path="org_path")

    class Meta:
        verbose_name = _("checklist tick")
        verbose_name_plural = _("checklist ticks")
        constraints = [models.UniqueConstraint(fields=["item", "org", "year"], name="checklist_tick_once")]

    def __str__(self):
        return f"{self.org} · {self.item}"

    def save(self, *args, **kwargs):
        _org_paths(self, self.org)
        super().save(*args, **kwargs)


class HonourKind(models.TextChoices):
    PERSON = "person", _("person")
    BUILDING = "building", _("building")
    ORGANISATION = "organisation", _("organisation")


class Honour(models.Model):
    """A title awarded for a year (优秀共产党员, 文明示范楼栋, 先进基层党组织 …) to a person, a building or a
    party organisation, by an awarding body."""

    kind = models.CharField(_("awarded to"), max_length=12, choices=HonourKind.choices)
    title = models.CharField(_("title"), max_length=50)
    year = models.PositiveSmallIntegerField(_("year"))
    awarding_body = models.CharField(_("awarding body"), max_length=100)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("building"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    org = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("party organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    awarded_on = models.DateField(_("awarded on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    area_path = models.CharField(max_length=255, blank=True, default="", db_index=True, editable=False)
    org_path = models.CharField(max_length=255, blank=True, default="", db_index=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", party_org_path="org_path")

    class Meta:
        verbose_name = _("honour")
        verbose_name_plural = _("honours")

    def __str__(self):
        return f"{self.title} · {self.year}"

    def save(self, *args, **kwargs):
        if self.person_id:
            self.area_path = self.person.area_path or ""
            self.org_path = ""
        elif self.area_id:
            self.area_path = self.area.path
            self.org_path = ""
        elif self.org_id:
            self.area_path = self.org.area_path or ""
            self.org_path = self.org.path
        super().save(*args, **kwargs)

    @property
    def holder_name(self) -> str:
        holder = self.person or self.area or self.org
        return str(holder) if holder else ""


class BrandStatus(models.TextChoices):
    CULTIVATING = "cultivating", _("being cultivated")
    NAMED = "named", _("named")


class PartyBrand(models.Model):
    name = models.CharField(_("name"), max_length=100)
    org = models.ForeignKey(
        "party.PartyOrg", verbose_name=_("owning organisation"), on_delete=models.PROTECT, related_name="+"
    )
    org_path = models.CharField(max_length=255, db_index=True, editable=False)
    area_path = models.CharField(max_length=255, blank=True, default="", db_index=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=BrandStatus.choices, default=BrandStatus.CULTIVATING
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", party_org_path="org_path")

    class Meta:
        verbose_name = _("party-building brand")
        verbose_name_plural = _("party-building brands")
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="party_brand_name_per_org")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        _org_paths(self, self.org)
        super().save(*args, **kwargs)


class Campaign(models.Model):
    """A campaign period (暖心服务月) with activities for couriers and riders, whose riders are nominated,
    selected and rewarded (花都模范骑手)."""

    title = models.CharField(_("title"), max_length=100)
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    description = models.TextField(_("description"), blank=True)
    activities = models.ManyToManyField(
        "areas.PlaceActivity", verbose_name=_("activities"), blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.area_path = self.area.path
        super().save(*args, **kwargs)


class NominationStatus(models.TextChoices):
    NOMINATED = "nominated", _("nominated")
    SELECTED = "selected", _("selected")
    REWARDED = "rewarded", _("rewarded")


class Nomination(models.Model):
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="nominations"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("rider"), on_delete=models.PROTECT, related_name="+"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=NominationStatus.choices, default=NominationStatus.NOMINATED
    )
    reward = models.CharField(_("reward"), max_length=100, blank=True)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominated by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    nominated_at = models.DateTimeField(_("nominated at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", own="person_id")

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [models.UniqueConstraint(fields=["campaign", "person"], name="nomination_once")]

    def __str__(self):
        return f"{self.campaign} · {self.person}"

    def save(self, *args, **kwargs):
        self.area_path = self.campaign.area_path
        super().save(*args, **kwargs)


class SharedPractice(models.Model):
    """A practice one organisation shares with the others under its sector committee (互观互学互促)."""

    org = models.ForeignKey(
        "party.PartyOrg", verbose_name=_("party organisation"), on_delete=models.PROTECT, related_name="+"
    )
    org_path = models.CharField(max_length=255, db_index=True, editable=False)
    area_path = models.CharField(max_length=255, blank=True, default="", db_index=True, editable=False)
    title = models.CharField(_("title"), max_length=100)
    body = models.TextField(_("practice"))
    shared_on = models.DateField(_("shared on"), default=timezone.localdate)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("shared by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ScopedManager()
    scope = Scope(area_path="area_path", party_org_path="org_path")

    class Meta:
        verbose_name = _("shared practice")
        verbose_name_plural = _("shared practices")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        _org_paths(self, self.org)
        super().save(*args, **kwargs)


STANDARDS_AUDITED = [
    StarCriterion,
    StarRating,
    CreditRule,
    CreditEvent,
    MemberStar,
    WeakOrgFlag,
    WeakOrgItem,
    ChecklistTemplate,
    ChecklistItem,
    ChecklistTick,
    Honour,
    PartyBrand,
    Campaign,
    Nomination,
    SharedPractice,
]
