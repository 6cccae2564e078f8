"""The departments that work a sector committee's sector with it (P003-15, 条块结合、上下联动): the
organisation department leads, the sector's administration (e.g. the postal administration for express
delivery) guides, related departments cooperate. Their staff read that sector's organisations, nothing else.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import VIEW, Scope, ScopedManager, under


class SectorDepartmentRole(models.TextChoices):
    LEAD = "lead", _("leads (牵头抓总)")
    GUIDING = "guiding", _("guides (指导推动)")
    COOPERATING = "cooperating", _("cooperates (协同配合)")


class SectorDepartment(models.Model):
    committee = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("sector committee"),
        on_delete=models.CASCADE,
        related_name="sector_departments",
    )
    department = models.ForeignKey(
        "people.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="sector_committees",
    )
    role = models.CharField(
        _("role in the sector's work"), max_length=12, choices=SectorDepartmentRole.choices
    )
    since = models.DateField(_("since"), default=timezone.localdate)

    objects = ScopedManager()
    scope = Scope(area_path="committee__area_path", party_org_path="committee__path", department="department")

    class Meta:
        verbose_name = _("sector committee department")
        verbose_name_plural = _("sector committee departments")
        constraints = [
            models.UniqueConstraint(fields=["committee", "department"], name="sector_department_once"),
        ]

    def __str__(self):
        return f"{self.committee} · {self.department}"


def sector_read_paths(grants) -> list[str]:
    """Paths of the sector committees a user's departments work with (read only), computed once per
    request and kept on the grants."""
    cached = getattr(grants, "_sector_read_paths", None)
    if cached is not None:
        return cached
    ids = sorted(grants.department_ids[VIEW])
    paths = (
        sorted(
            set(
                SectorDepartment.objects.filter(department_id__in=ids).values_list(
                    "committee__path", flat=True
                )
            )
        )
        if ids
        else []
    )
    grants._sector_read_paths = paths
    return paths


def sector_orgs_q(grants) -> Q | None:
    """For PartyOrg's scope: the organisations of the sectors the user's departments work with."""
    paths = sector_read_paths(grants)
    if not paths:
        return None
    condition = under("path", paths[0])
    for path in paths[1:]:
        condition |= under("path", path)
    return condition
