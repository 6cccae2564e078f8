"""Emergency plans (平急结合, P004-51): a community's or street's plan with its commander and workflow steps,
its teams (a party shock team ``party.MemberPost(kind=shock_team)`` or a ``volunteering.VolunteerTeam``)
with members and duties, and the estates each team covers. A plan is incomplete while any estate of its
area is covered by no team (``readiness.selectors.plan_gaps``)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager


class EmergencyPlan(models.Model):
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    title = models.CharField(_("title"), max_length=100)
    commander = models.ForeignKey(
        "people.Person", verbose_name=_("commander"), on_delete=models.PROTECT, related_name="+"
    )
    deputy = models.ForeignKey(
        "people.Person", verbose_name=_("deputy commander"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    # The workflow, one step a line (接警 → 研判 → 集结 → 处置 → 总结).
    workflow = models.TextField(_("workflow steps"), blank=True)
    created_by = models.ForeignKey(
        "people.Person", verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("emergency plan")
        verbose_name_plural = _("emergency plans")
        constraints = [
            models.UniqueConstraint(fields=["area", "title"], name="emergency_plan_title_per_area")
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.area_path = self.area.path
        super().save(*args, **kwargs)

    @property
    def steps(self) -> list[str]:
        return [line.strip() for line in self.workflow.splitlines() if line.strip()]


class PlanTeam(models.Model):
    """One team of a plan: a party shock team or a volunteer team, its duties and the estates it covers."""

    plan = models.ForeignKey(
        EmergencyPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="teams"
    )
    name = models.CharField(_("name"), max_length=100)
    shock_team = models.ForeignKey(
        "party.MemberPost", verbose_name=_("party-member shock team"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    volunteer_team = models.ForeignKey(
        "volunteering.VolunteerTeam", verbose_name=_("volunteer team"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    leader = models.ForeignKey(
        "people.Person", verbose_name=_("team leader"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    duties = models.TextField(_("duties"), blank=True)
    estates = models.ManyToManyField(
        "areas.Area", verbose_name=_("estates covered"), blank=True, related_name="+"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path")

    class Meta:
        verbose_name = _("plan team")
        verbose_name_plural = _("plan teams")
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="plan_team_name_once")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.area_path = self.plan.area_path
        super().save(*args, **kwargs)


class PlanTeamMember(models.Model):
    team = models.ForeignKey(
        PlanTeam, verbose_name=_("team"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    duty = models.CharField(_("duty"), max_length=100, blank=True)
    area_path = models.CharField(max_length=255, db_index=True, editable=False)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", own="person_id", residents=True)

    class Meta:
        verbose_name = _("plan team member")
        verbose_name_plural = _("plan team members")
        constraints = [models.UniqueConstraint(fields=["team", "person"], name="plan_team_member_once")]

    def __str__(self):
        return f"{self.team} · {self.person}"

    def save(self, *args, **kwargs):
        self.area_path = self.team.area_path
        super().save(*args, **kwargs)
