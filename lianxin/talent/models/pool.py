"""The pool part's models (issue 23, docs/talent/pool.md).

- the outside-talent pool (在外人才信息库, P000-17) and the local talent pool by field (P002-14);
- the channels that reach talents (P000-18) and talent visits (人才遍访, P002-14);
- cluster needs and their matchings (P000-19);
- the 归雁兴巢 events and their invitations (P002-12);
- returns (返乡创业就业, P000-20) and each returnee's follow-up timeline (P000-21);
- external people in cluster work (P002-11).

A returnee's post at a village (P000-22) is a ``people.Post`` with source ``PostSource.RETURNEE``
(services.pool.returnee_post_give). Every row carries the area path of the village (or township,
cluster) it belongs to: the scope of the talents' readers (village and township secretaries,
county_admin: the ``talent.view_talents`` capability).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lianxin.core import crypto
from lianxin.core.fields import EncryptedCharField
from lianxin.core.masking import mask_mobile
from lianxin.core.scope import Scope, ScopedManager

__all__ = [
    "ChannelKind",
    "TalentField",
    "Willingness",
    "TalentOrigin",
    "TalentStatus",
    "TalentChannel",
    "TalentProfile",
    "VisitorKind",
    "TalentVisit",
    "NeedKind",
    "NeedStatus",
    "TalentNeed",
    "MatchOutcome",
    "Matching",
    "MatchContact",
    "EventKind",
    "EventSeason",
    "OutreachEvent",
    "Invitation",
    "ReturnKind",
    "TalentReturn",
    "FollowUpKind",
    "FollowUp",
    "EngagementForm",
    "ClusterEngagement",
]

TALENT_MOBILE_INDEX_PURPOSE = "talent.mobile"


class ChannelKind(models.TextChoices):
    CHAMBER = "chamber", _("chamber of commerce")
    MOBILE_BRANCH = "mobile_branch", _("mobile-member party organisation")
    SERVICE_STATION = "service_station", _("returnee entrepreneurship service station")
    WORKSTATION = "workstation", _("talent-recruitment workstation")


class TalentField(models.TextChoices):
    PRODUCTION = "production", _("production")
    MANAGEMENT = "management", _("management")
    BUSINESS = "business", _("business")
    PLANTING = "planting", _("planting")
    OTHER = "other", _("other field")


class Willingness(models.TextChoices):
    WILLING = "willing", _("willing to return")
    CONSIDERING = "considering", _("considering returning")
    UNWILLING = "unwilling", _("not willing to return for now")


class TalentOrigin(models.TextChoices):
    OUTSIDE = "outside", _("talent working elsewhere")
    VETERAN = "veteran", _("veteran")
    LOCAL = "local", _("local talent")


class TalentStatus(models.TextChoices):
    IN_POOL = "in_pool", _("in the pool")
    RETURNED = "returned", _("returned")
    # Moved into a village party organisation's team (P002-15, the reserves part).
    SELECTED = "selected", _("selected into a village party organisation")


class TalentChannel(models.Model):
    """A body that reaches talents (P000-18): a chamber of commerce, a mobile-member party organisation (a
    MOBILE_BRANCH PartyOrg in the party tree, away from home), a returnee entrepreneurship service station or
    a talent-recruitment workstation. Kept by a township or the county (``area``)."""

    kind = models.CharField(_("kind"), max_length=20, choices=ChannelKind.choices)
    name = models.CharField(_("name"), max_length=100)
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    party_org = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("party organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Where the body sits, away from home (北京, 上海, 苏州 …).
    location = models.CharField(_("location"), max_length=100, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("talent channel")
        verbose_name_plural = _("talent channels")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["area", "name"], name="talent_channel_unique_name")]

    def __str__(self):
        return self.name


class TalentProfile(models.Model):
    """One talent in the pool: a person from a village who works elsewhere (或 a local talent found by a
    visit). ``person`` is set once he is (or becomes) a person of the register, e.g. when given a post.
    The mobile number is stored encrypted with a blind index and shown masked."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="talent_profiles",
    )
    name = models.CharField(_("name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=8, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    home_area = models.ForeignKey(
        "areas.Area", verbose_name=_("home village"), on_delete=models.PROTECT, related_name="+"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    current_city = models.CharField(_("current city"), max_length=50, blank=True)
    occupation = models.CharField(_("work unit and occupation"), max_length=100, blank=True)
    field = models.CharField(
        _("field"), max_length=12, choices=TalentField.choices, default=TalentField.OTHER
    )
    # Skills as people write them, separated by 、 or commas (matching compares them word by word).
    skills = models.CharField(_("skills"), max_length=200, blank=True)
    willingness = models.CharField(
        _("willingness to return"),
        max_length=12,
        choices=Willingness.choices,
        default=Willingness.CONSIDERING,
    )
    origin = models.CharField(
        _("origin"), max_length=10, choices=TalentOrigin.choices, default=TalentOrigin.OUTSIDE
    )
    channel = models.ForeignKey(
        TalentChannel,
        verbose_name=_("channel"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="talents",
    )
    # Who found him (a two-committee member or a resident cadre, P002-14).
    finder = models.ForeignKey(
        "people.Person",
        verbose_name=_("found by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="talents_found",
    )
    mobile = EncryptedCharField(_("mobile number"), blank=True, default="")
    mobile_index = models.CharField(max_length=64, blank=True, default="", db_index=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=TalentStatus.choices, default=TalentStatus.IN_POOL, db_index=True
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("talent")
        verbose_name_plural = _("talents")
        ordering = ["id"]

    def __str__(self):
        return self.name

    def set_mobile(self, value: str) -> None:
        from lianxin.people.models import normalise_mobile

        number = normalise_mobile(value) if value else ""
        self.mobile = number
        self.mobile_index = crypto.blind_index(number, purpose=TALENT_MOBILE_INDEX_PURPOSE) if number else ""

    @staticmethod
    def mobile_lookup(value: str) -> str:
        from lianxin.people.models import normalise_mobile

        return crypto.blind_index(normalise_mobile(value), purpose=TALENT_MOBILE_INDEX_PURPOSE)

    @property
    def mobile_masked(self) -> str:
        return mask_mobile(self.mobile)

    def skill_words(self) -> set[str]:
        return skill_words(self.skills)


def skill_words(text: str) -> set[str]:
    """The words of a skills text: split on 、，,;； and spaces."""
    import re

    return {w for w in re.split(r"[、，,;；/\s]+", text or "") if w}


class VisitorKind(models.TextChoices):
    TWO_COMMITTEE = "two_committee", _("village two-committee member")
    RESIDENT_CADRE = "resident_cadre", _("resident village cadre")


class TalentVisit(models.Model):
    """A talent visit (人才遍访, P002-14): who visited whom, when, and what was learnt."""

    talent = models.ForeignKey(
        TalentProfile, verbose_name=_("talent"), on_delete=models.PROTECT, related_name="visits"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    visited_on = models.DateField(_("visited on"))
    visitor = models.ForeignKey(
        "people.Person", verbose_name=_("visitor"), on_delete=models.PROTECT, related_name="+"
    )
    visitor_kind = models.CharField(_("visitor is"), max_length=16, choices=VisitorKind.choices)
    content = models.TextField(_("content"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("talent visit")
        verbose_name_plural = _("talent visits")
        ordering = ["-visited_on", "-id"]

    def __str__(self):
        return f"{self.talent} {self.visited_on}"


class NeedKind(models.TextChoices):
    SKILL = "skill", _("skill")
    POST = "post", _("post")
    PROJECT = "project", _("project")


class NeedStatus(models.TextChoices):
    OPEN = "open", _("open")
    FILLED = "filled", _("filled")
    CLOSED = "closed", _("closed")


class TalentNeed(models.Model):
    """A need a cluster (or one of its villages) posts (P000-19): skills, a post or a project."""

    area = models.ForeignKey(
        "areas.Area", verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="+"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=NeedKind.choices)
    title = models.CharField(_("title"), max_length=100)
    skills = models.CharField(_("skills wanted"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=NeedStatus.choices, default=NeedStatus.OPEN)
    posted_on = models.DateField(_("posted on"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("talent need")
        verbose_name_plural = _("talent needs")
        ordering = ["-posted_on", "-id"]

    def __str__(self):
        return self.title


class MatchOutcome(models.TextChoices):
    SUGGESTED = "suggested", _("suggested")
    CONTACTED = "contacted", _("contacted")
    INTERESTED = "interested", _("interested")
    AGREED = "agreed", _("agreed")
    DECLINED = "declined", _("declined")


class Matching(models.Model):
    """A talent put forward for a need (P000-19), with the outcome of the latest contact."""

    need = models.ForeignKey(
        TalentNeed, verbose_name=_("need"), on_delete=models.CASCADE, related_name="matchings"
    )
    talent = models.ForeignKey(
        TalentProfile, verbose_name=_("talent"), on_delete=models.PROTECT, related_name="matchings"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    # The skills of the need the talent's skills share, when matched.
    matched_skills = models.CharField(_("matched skills"), max_length=200, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=MatchOutcome.choices, default=MatchOutcome.SUGGESTED
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("matching")
        verbose_name_plural = _("matchings")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["need", "talent"], name="talent_matching_unique")]

    def __str__(self):
        return f"{self.need} · {self.talent}"


class MatchContact(models.Model):
    """One contact (对接) about a matching and its outcome."""

    matching = models.ForeignKey(
        Matching, verbose_name=_("matching"), on_delete=models.CASCADE, related_name="contacts"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    contacted_on = models.DateField(_("contacted on"))
    outcome = models.CharField(_("outcome"), max_length=12, choices=MatchOutcome.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("matching contact")
        verbose_name_plural = _("matching contacts")
        ordering = ["contacted_on", "id"]

    def __str__(self):
        return f"{self.matching} {self.contacted_on}"


class EventKind(models.TextChoices):
    FORUM = "forum", _("forum")
    TEA_PARTY = "tea_party", _("tea party")


class EventSeason(models.TextChoices):
    SPRING_FESTIVAL = "spring_festival", _("Spring Festival")
    MID_AUTUMN = "mid_autumn", _("Mid-Autumn Festival")
    OTHER = "other", _("other time")


class OutreachEvent(models.Model):
    """A 归雁兴巢 event (P002-12): a township's forum or tea party for talents working elsewhere."""

    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    title = models.CharField(_("title"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=EventKind.choices)
    season = models.CharField(_("season"), max_length=16, choices=EventSeason.choices)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    # Projects the event brought home (free text, one per line).
    projects = models.TextField(_("projects brought back"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("outreach event")
        verbose_name_plural = _("outreach events")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return self.title


class Invitation(models.Model):
    """A talent from the pool invited to an outreach event; ``attended`` once the event is held."""

    event = models.ForeignKey(
        OutreachEvent, verbose_name=_("event"), on_delete=models.CASCADE, related_name="invitations"
    )
    talent = models.ForeignKey(
        TalentProfile, verbose_name=_("talent"), on_delete=models.PROTECT, related_name="invitations"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["event", "talent"], name="talent_invitation_unique")]

    def __str__(self):
        return f"{self.event} · {self.talent}"


class ReturnKind(models.TextChoices):
    STARTUP = "startup", _("start a business")
    EMPLOYMENT = "employment", _("take a job")


class TalentReturn(models.Model):
    """A talent's return (P000-20): date, 创业 or 就业, the village; the channel and the event that brought
    him back, when any (counts per channel, P000-18; per event, P002-12)."""

    talent = models.ForeignKey(
        TalentProfile, verbose_name=_("talent"), on_delete=models.PROTECT, related_name="returns"
    )
    returned_on = models.DateField(_("returned on"))
    kind = models.CharField(_("type"), max_length=12, choices=ReturnKind.choices)
    village = models.ForeignKey(
        "areas.Area", verbose_name=_("village"), on_delete=models.PROTECT, related_name="+"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    channel = models.ForeignKey(
        TalentChannel,
        verbose_name=_("channel"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="returns",
    )
    event = models.ForeignKey(
        OutreachEvent,
        verbose_name=_("outreach event"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="returns",
    )
    project = models.CharField(_("project"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("talent return")
        verbose_name_plural = _("talent returns")
        ordering = ["-returned_on", "-id"]

    def __str__(self):
        return f"{self.talent} {self.returned_on}"


class FollowUpKind(models.TextChoices):
    CONTACT = "contact", _("contact")
    TRAINING = "training", _("training")
    POST = "post", _("post")
    HELP = "help", _("help given")


class FollowUp(models.Model):
    """One entry of a returnee's follow-up timeline (全过程跟踪培养, P000-21)."""

    talent_return = models.ForeignKey(
        TalentReturn, verbose_name=_("return"), on_delete=models.PROTECT, related_name="follow_ups"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    happened_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=FollowUpKind.choices)
    content = models.CharField(_("content"), max_length=300)
    post = models.ForeignKey(
        "people.Post",
        verbose_name=_("post"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["happened_on", "id"]

    def __str__(self):
        return f"{self.talent_return} {self.happened_on}"


class EngagementForm(models.TextChoices):
    APPOINTMENT = "appointment", _("appointment")
    SECONDMENT = "secondment", _("secondment")
    RED_PARTNER = "red_partner", _("red partner")


class ClusterEngagement(models.Model):
    """An external person in a cluster's working force (P002-11): his origin (veteran, talent working
    elsewhere) and the form of engagement (任职, 挂职, 红色合伙人), from a date until a date."""

    cluster = models.ForeignKey(
        "areas.Area", verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="+"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    talent = models.ForeignKey(
        TalentProfile,
        verbose_name=_("talent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="engagements",
    )
    origin = models.CharField(_("origin"), max_length=10, choices=TalentOrigin.choices)
    form = models.CharField(_("form of engagement"), max_length=12, choices=EngagementForm.choices)
    post = models.ForeignKey(
        "people.Post",
        verbose_name=_("post"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("external person in cluster work")
        verbose_name_plural = _("external people in cluster work")
        ordering = ["id"]

    def __str__(self):
        return f"{self.cluster} · {self.person}"
