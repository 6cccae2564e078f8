"""Member model posts, responsibility areas and shock teams (党员示范岗、党员责任区、党员突击队, P000-67).

Each belongs to a party organisation (an enterprise branch, a community committee …) and is held by one
of its members; a shock team names its leader. Ending one keeps the row, with its end date.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import Scope, ScopedManager, ScopedQuerySet


class MemberPostKind(models.TextChoices):
    MODEL_POST = "model_post", _("member model post")
    RESPONSIBILITY_AREA = "responsibility_area", _("member responsibility area")
    SHOCK_TEAM = "shock_team", _("member shock team")


class MemberPostQuerySet(ScopedQuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(designated_on__lte=on).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))


class MemberPost(models.Model):
    org = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("party organisation"),
        on_delete=models.PROTECT,
        related_name="member_posts",
    )
    org_path = models.CharField(max_length=255, db_index=True, editable=False)
    area_path = models.CharField(max_length=255, blank=True, default="", db_index=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=MemberPostKind.choices, db_index=True)
    # The post, or the workshop, counter or area the member is responsible for.
    name = models.CharField(_("post or area"), max_length=100)
    holder = models.ForeignKey(
        "people.Person", verbose_name=_("held by"), on_delete=models.PROTECT, related_name="member_posts"
    )
    designated_on = models.DateField(_("designated on"), default=timezone.localdate)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    objects = ScopedManager.from_queryset(MemberPostQuerySet)()
    scope = Scope(area_path="area_path", party_org_path="org_path", own="holder_id", residents=True)

    class Meta:
        verbose_name = _("member post")
        verbose_name_plural = _("member posts")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.name}"
