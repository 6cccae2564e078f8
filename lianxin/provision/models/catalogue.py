"""The service catalogue (服务清单): each item is one service-order category with what the platform needs to
offer it — its mechanism, the groups it serves, the materials an applicant brings, its price in points and
whether every cluster centre and every community centre handles it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lianxin.cases.models import Category


class Mechanism(models.TextChoices):
    """The five service mechanisms (五项机制, P004-21): every item belongs to exactly one."""

    PARTY_GOVERNMENT = "party_government", _("party and government services")
    RED_PROPERTY = "red_property", _("red property services")
    PUBLIC_FACILITIES = "public_facilities", _("public facility services")
    CONVENIENCE = "convenience", _("convenience services")
    VOLUNTEER = "volunteer", _("volunteer services")


class TargetGroup(models.TextChoices):
    """Whom an item serves (一老一小 and the rest, P001-30): residents filter the catalogue by these."""

    ELDERLY = "elderly", _("the elderly")
    CHILDREN = "children", _("children")
    DISABLED = "disabled", _("people with disabilities")
    NEEDY = "needy", _("households in difficulty")
    RESIDENTS = "residents", _("all residents")
    PARTY_MEMBERS = "party_members", _("party members")
    ENTERPRISES = "enterprises", _("enterprises")


class ServiceItem(models.Model):
    """One item of the catalogue, one to one with a service-order category; the category's root is the
    item's top category (大类, P001-62), so each item sits in exactly one (P002-46)."""

    category = models.OneToOneField(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="service_item",
        limit_choices_to={"kind": "service_order"},
    )
    mechanism = models.CharField(_("mechanism"), max_length=20, choices=Mechanism.choices)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    materials = models.JSONField(_("required materials"), default=list, blank=True)
    points_price = models.PositiveIntegerField(_("price in points"), default=0)
    at_cluster_centres = models.BooleanField(_("handled at every cluster centre"), default=False)
    # The matters of a community's one-stop hall (一站式服务大厅): every 社区党群服务中心 handles them,
    # with no window or provider of its own needed (P000-24's rule for the cluster centres, in town).
    at_community_centres = models.BooleanField(_("handled at every community centre"), default=False)

    class Meta:
        verbose_name = _("service item")
        verbose_name_plural = _("service items")

    def __str__(self):
        return self.category.name

    @property
    def name(self) -> str:
        return self.category.name

    def target_group_labels(self) -> list[str]:
        labels = dict(TargetGroup.choices)
        return [str(labels.get(code, code)) for code in self.target_groups]
