"""Call-outs (召集, P000-46): a team or the volunteers of an area called out for an emergency or a task,
with time, place and the number needed, and each one's answer (到岗 / 待命 / 不能参加)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.paths import ancestor_paths
from lianxin.core.scope import Scope, ScopedManager


class CalloutKind(models.TextChoices):
    EMERGENCY = "emergency", _("emergency")
    TASK = "task", _("task")


class Answer(models.TextChoices):
    ON_DUTY = "on_duty", _("on duty")
    STANDBY = "standby", _("on standby")
    UNABLE = "unable", _("unable to take part")


def called_q(person_id: int) -> Q:
    """The call-outs that reach a person: those of his teams, and the area call-outs over the communities
    where he holds a volunteer post."""
    from lianxin.people.models import Post
    from lianxin.people.roles import Role
    from lianxin.volunteering.models.teams import TeamMember

    teams = TeamMember.objects.filter(person_id=person_id, left_on__isnull=True).values("team_id")
    paths = (
        Post.objects.current()
        .filter(person_id=person_id, role=Role.VOLUNTEER)
        .values_list("area_path", flat=True)
    )
    prefixes = {p for path in paths for p in ancestor_paths(path)}
    return Q(team_id__in=teams) | Q(team__isnull=True, area_path__in=sorted(prefixes))


class Callout(models.Model):
    team = models.ForeignKey(
        "volunteering.VolunteerTeam",
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="callouts",
    )
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=CalloutKind.choices)
    title = models.CharField(_("title"), max_length=100)
    details = models.TextField(_("details"), blank=True)
    starts_at = models.DateTimeField(_("time"))
    place = models.CharField(_("place"), max_length=200)
    needed = models.PositiveIntegerField(_("people needed"))
    created_by = models.ForeignKey(
        "people.Person", verbose_name=_("called by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("called at"), default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", own=called_q)

    class Meta:
        verbose_name = _("call-out")
        verbose_name_plural = _("call-outs")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.team_id:
            self.area = self.team.area
        self.area_path = self.area.path
        super().save(*args, **kwargs)


class CalloutAnswer(models.Model):
    callout = models.ForeignKey(
        Callout, verbose_name=_("call-out"), on_delete=models.PROTECT, related_name="answers"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    answered_at = models.DateTimeField(_("answered at"), default=timezone.now)
    area_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", own="person_id", residents=True)

    class Meta:
        verbose_name = _("call-out answer")
        verbose_name_plural = _("call-out answers")
        constraints = [models.UniqueConstraint(fields=["callout", "person"], name="callout_answer_once")]

    def __str__(self):
        return f"{self.callout} · {self.get_answer_display()}"

    def save(self, *args, **kwargs):
        self.area_path = self.callout.area_path
        super().save(*args, **kwargs)
