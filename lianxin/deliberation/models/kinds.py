"""Meeting kinds (seeded from the practices, ``deliberation.seeds``) and the schedules that say how often a
kind is due for an area or a body (an iCalendar RRULE; the kind's own, else LIANXIN_MEETING_DEFAULT_RRULE)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager


class MeetingLevel(models.TextChoices):
    COUNTY = "county", _("county")
    STREET = "street", _("street")
    COMMUNITY = "community", _("community")
    ESTATE = "estate", _("estate")
    GRID = "grid", _("grid")
    VILLAGE = "village", _("village")
    ALLIANCE = "alliance", _("alliance body")


class PartyRole(models.TextChoices):
    """Who sits at a meeting (MeetingParty.role); a kind's required parties are a list of these."""

    COMMUNITY = "community", _("community committee")
    BRANCH = "branch", _("estate party branch")
    OWNERS_COMMITTEE = "owners_committee", _("owners' committee")
    PROPERTY_COMPANY = "property_company", _("property company")
    RESIDENT_REP = "resident_rep", _("resident representative")
    DEPUTY = "deputy", _("deputy or member")
    UNIT = "unit", _("co-building unit")
    SECRETARY = "secretary", _("secretary")
    INVITEE = "invitee", _("invitee")
    OTHER = "other", _("other")


class MeetingKind(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=40)
    level = models.CharField(_("level"), max_length=12, choices=MeetingLevel.choices)
    # The parties a meeting of this kind must seat (PartyRole values), e.g. 四方联动: branch, owners'
    # committee, property company, resident representatives.
    parties = models.JSONField(_("required parties"), default=list, blank=True)
    # Matters raised at it become cases through this intake channel (Channel.TALK, EVENING_TALK); blank: none.
    channel = models.CharField(_("intake channel"), max_length=20, blank=True)
    # How often it is due (RRULE, e.g. FREQ=WEEKLY); blank: LIANXIN_MEETING_DEFAULT_RRULE.
    rrule = models.CharField(_("recurrence (RRULE)"), max_length=200, blank=True)
    # Held weekly with deputies on a rota (两代表一委员工作室).
    has_rota = models.BooleanField(_("deputies on a rota"), default=False)
    is_forum = models.BooleanField(_("forum with invitees"), default=False)
    source = models.CharField(_("practice"), max_length=60, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("meeting kind")
        verbose_name_plural = _("meeting kinds")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name


class MeetingSchedule(models.Model):
    """A kind due at an area (or for a body there, e.g. an alliance) on a recurrence of its own."""

    kind = models.ForeignKey(MeetingKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    body = models.CharField(_("convening body"), max_length=100, blank=True)
    rrule = models.CharField(_("recurrence (RRULE)"), max_length=200, blank=True)
    starts_on = models.DateField(_("starts on"))
    is_active = models.BooleanField(_("active"), default=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("meeting schedule")
        verbose_name_plural = _("meeting schedules")
        constraints = [
            models.UniqueConstraint(fields=["kind", "area", "body"], name="meeting_schedule_unique")
        ]

    def __str__(self):
        return f"{self.area} · {self.body or self.kind}"

    def save(self, *args, **kwargs):
        self.area_path = self.area.path
        super().save(*args, **kwargs)
