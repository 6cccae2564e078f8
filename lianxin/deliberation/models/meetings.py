"""A meeting (P000-29/30/42, P001-07/36/37/59, P002-38/62/63, P003-06/08/36, P004-11/36): its parties, votes,
decisions (each a tracked task, ``Case(kind=task)``) and the matters raised at it (each a case through the
kind's intake channel); the periods a scheduled kind passed without one."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager
from lianxin.deliberation.models.common import at_home
from lianxin.deliberation.models.kinds import MeetingKind, MeetingSchedule, PartyRole


def _meeting_seen(person_id: int) -> Q:
    """A resident reads the public (阳光议事) meetings of his estate, community and street; anyone reads the
    meetings he sat at or was invited to."""
    seated = MeetingParty.objects.filter(person_id=person_id).values("meeting_id")
    return (Q(is_public=True) & at_home(person_id)) | Q(pk__in=seated)


class Meeting(models.Model):
    kind = models.ForeignKey(MeetingKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    # The party organisation that holds it (an estate branch, a community committee, an alliance): its
    # post holders see it.
    party_org = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("party organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    org_path = models.CharField(max_length=255, blank=True, default="", db_index=True, editable=False)
    body = models.CharField(_("convening body"), max_length=100, blank=True)
    schedule = models.ForeignKey(
        MeetingSchedule,
        verbose_name=_("schedule"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    title = models.CharField(_("title"), max_length=100)
    held_on = models.DateTimeField(_("held on"), db_index=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    convener = models.ForeignKey(
        "people.Person", verbose_name=_("convener"), on_delete=models.PROTECT, related_name="+"
    )
    convener_post = models.ForeignKey(
        "people.Post",
        verbose_name=_("convener's post"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    minutes = models.TextField(_("minutes"), blank=True)
    # 阳光议事 (P000-29): topics, vote and decisions published to the residents of the area.
    is_public = models.BooleanField(_("public (sunshine deliberation)"), default=False)
    attendance = models.PositiveIntegerField(_("people present"), default=0)
    created_by = models.ForeignKey(
        "people.User", verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", party_org_path="org_path", own=_meeting_seen)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["area_path", "held_on"], name="meeting_area_held")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.area_path = self.area.path
        self.org_path = self.party_org.path if self.party_org_id else ""
        super().save(*args, **kwargs)


class MeetingParty(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="parties"
    )
    role = models.CharField(_("role"), max_length=20, choices=PartyRole.choices)
    name = models.CharField(_("name"), max_length=100)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    party_org = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("party organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    attended = models.BooleanField(_("attended"), default=True)

    class Meta:
        verbose_name = _("meeting party")
        verbose_name_plural = _("meeting parties")

    def __str__(self):
        return f"{self.get_role_display()} · {self.name}"


class Vote(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="votes"
    )
    topic = models.ForeignKey(
        "deliberation.Topic",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="votes",
    )
    question = models.CharField(_("question"), max_length=200)
    votes_for = models.PositiveIntegerField(_("for"), default=0)
    votes_against = models.PositiveIntegerField(_("against"), default=0)
    votes_abstain = models.PositiveIntegerField(_("abstain"), default=0)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self):
        return f"{self.question} {self.votes_for}:{self.votes_against}"

    @property
    def passed(self) -> bool:
        return self.votes_for > self.votes_against


class Decision(models.Model):
    """A decision with its owner and deadline, followed as a task (``case``) to done or overdue."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="decisions"
    )
    topic = models.ForeignKey(
        "deliberation.Topic",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    vote = models.ForeignKey(
        Vote, verbose_name=_("vote"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.CharField(_("decision"), max_length=200)
    owner_name = models.CharField(_("responsible party"), max_length=100)
    case = models.OneToOneField(
        "cases.Case", verbose_name=_("task"), on_delete=models.PROTECT, related_name="meeting_decision"
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.text


class MeetingMatter(models.Model):
    """A matter raised at a meeting, filed as a case through the kind's channel (居民说事, 乡村夜话 …)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="matters"
    )
    case = models.OneToOneField(
        "cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="meeting_matter"
    )
    raised_by = models.CharField(_("raised by"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("matter raised")
        verbose_name_plural = _("matters raised")

    def __str__(self):
        return str(self.case)


class MissedMeeting(models.Model):
    """A period of a schedule that passed without its meeting (found by the meetings_missed job)."""

    schedule = models.ForeignKey(
        MeetingSchedule, verbose_name=_("schedule"), on_delete=models.CASCADE, related_name="missed"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    period_start = models.DateTimeField(_("period from"))
    period_end = models.DateTimeField(_("period until"))
    found_at = models.DateTimeField(_("found at"), default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("missed meeting")
        verbose_name_plural = _("missed meetings")
        constraints = [
            models.UniqueConstraint(fields=["schedule", "period_start"], name="missed_meeting_once")
        ]

    def __str__(self):
        return f"{self.schedule} · {self.period_start:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        self.area_path = self.schedule.area_path
        super().save(*args, **kwargs)
