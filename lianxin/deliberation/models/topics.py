"""Topics (P003-07, P001-59): residents of an estate raise them and second them (one second per household);
the estate branch puts one on a meeting's agenda and records the outcome. Only the estate's residents, its
branch and the community above it see them."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager
from lianxin.deliberation.models.common import at_home


class Weight(models.TextChoices):
    MAJOR = "major", _("major matter")  # 大事
    HARD = "hard", _("hard matter")  # 难事
    IMPORTANT = "important", _("important matter")  # 要事


class TopicStatus(models.TextChoices):
    OPEN = "open", _("open for seconds")
    ON_AGENDA = "on_agenda", _("on a meeting's agenda")
    DECIDED = "decided", _("decided")
    DROPPED = "dropped", _("dropped")


def _topic_seen(person_id: int) -> Q:
    return at_home(person_id)


class Topic(models.Model):
    estate = models.ForeignKey(
        "areas.Area", verbose_name=_("estate"), on_delete=models.PROTECT, related_name="+"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    # The estate's branch: its post holders see and schedule the topic.
    party_org = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("estate party branch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    org_path = models.CharField(max_length=255, blank=True, default="", db_index=True, editable=False)
    title = models.CharField(_("topic"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    weight = models.CharField(_("weight"), max_length=10, choices=Weight.choices, default=Weight.IMPORTANT)
    category = models.ForeignKey(
        "cases.Category",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cases = models.ManyToManyField(
        "cases.Case", verbose_name=_("cases behind it"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=TopicStatus.choices, default=TopicStatus.OPEN
    )
    meeting = models.ForeignKey(
        "deliberation.Meeting",
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topics",
    )
    outcome = models.TextField(_("outcome"), blank=True)
    raised_by = models.ForeignKey(
        "people.Person", verbose_name=_("raised by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("raised at"), default=timezone.now)
    seconds_count = models.PositiveIntegerField(_("seconds"), default=0)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", party_org_path="org_path", own=_topic_seen)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.area_path = self.estate.path
        self.org_path = self.party_org.path if self.party_org_id else ""
        super().save(*args, **kwargs)


class TopicSecond(models.Model):
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="seconds"
    )
    household = models.ForeignKey(
        "areas.Household", verbose_name=_("household"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("seconded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("seconded at"), default=timezone.now)

    class Meta:
        verbose_name = _("second")
        verbose_name_plural = _("seconds")
        constraints = [
            models.UniqueConstraint(fields=["topic", "household"], name="topic_second_per_household")
        ]

    def __str__(self):
        return f"{self.topic} · {self.household_id}"
