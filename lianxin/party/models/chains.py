"""Key industry chains and their party organisations (P000-59 … P000-61): "成熟一条、组建一条".

A chain is kept on the list with its enterprises and a ready flag; once it is ready its party
organisation (usually a chain general branch under the development zone's working committee) is set up
and recorded here. The chain leader is a post (``Role.CHAIN_LEADER``) over that organisation, beside its
secretary's post, so "the secretary also serves as chain leader" is read from posts, never typed in.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lianxin.areas.models import Area
from lianxin.core.scope import Scope, ScopedManager


class ChainLink(models.TextChoices):
    PLANTING = "planting", _("planting")
    BREEDING = "breeding", _("breeding")
    PROCESSING = "processing", _("processing")
    RESEARCH = "research", _("research")
    TOURISM = "tourism", _("tourism")
    SALES = "sales", _("sales")


class IndustryChain(models.Model):
    name = models.CharField(_("name"), max_length=100)
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="industry_chains"
    )
    area_path = models.CharField(max_length=255, db_index=True, editable=False)
    is_ready = models.BooleanField(_("ready for a party organisation"), default=False)
    ready_on = models.DateField(_("ready on"), null=True, blank=True)
    party_org = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("party organisation of the chain"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="industry_chains",
    )
    enterprises = models.ManyToManyField(
        "people.Organisation", verbose_name=_("enterprises"), blank=True, related_name="industry_chains"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    # Which of the six links (种、养、加、研、游、销) the chain has, as ChainLink codes; all six: a full
    # chain (全产业链条, P000-14; issue 23, docs/rural/industry.md).
    links = models.JSONField(_("links"), default=list, blank=True)

    objects = ScopedManager()
    # Those who see its area, and the posts of its own party organisation (its chain leader, its secretary).
    scope = Scope(area_path="area_path", party_org_path="party_org__path")

    class Meta:
        verbose_name = _("key industry chain")
        verbose_name_plural = _("key industry chains")
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="industry_chain_name_unique_per_area")
        ]

    def __str__(self):
        return self.name

    @property
    def is_full_chain(self) -> bool:
        return set(self.links or ()) >= set(ChainLink.values)
