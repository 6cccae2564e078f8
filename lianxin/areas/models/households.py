"""Households on the tree and the tags grid work watches them by."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lianxin.areas.models.areas import AreaPathMixin
from lianxin.core.fields import EncryptedCharField
from lianxin.core.scope import Scope, ScopedManager


class HouseholdTag(models.Model):
    """A group grid work watches (独居老人, 空巢, 低保, 残疾, 留守儿童, 退役军人 …): configurable."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=50, unique=True)

    class Meta:
        verbose_name = _("household tag")
        verbose_name_plural = _("household tags")
        ordering = ["id"]

    def __str__(self):
        return self.name


def _own_household(person_id: int) -> Q:
    from lianxin.people.models import Person

    return Q(pk__in=Person.objects.filter(pk=person_id, household__isnull=False).values("household_id"))


class Household(AreaPathMixin):
    address = models.CharField(_("address"), max_length=200)
    size = models.PositiveSmallIntegerField(_("household size"), default=1)
    tags = models.ManyToManyField(HouseholdTag, verbose_name=_("tags"), blank=True, related_name="households")
    # Household circumstances: personal data, sealed like the numbers.
    note = EncryptedCharField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(area_path="area_path", own=_own_household, residents=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self):
        return self.address
