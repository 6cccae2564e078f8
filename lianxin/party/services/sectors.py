"""Recording the departments that work a sector with its committee (P003-15), and reading them."""

from django.db import transaction
from django.utils.translation import gettext as _

from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.party.models.sector_departments import SectorDepartment, SectorDepartmentRole
from lianxin.people.models import Department


@transaction.atomic
def sector_department_add(
    *, actor, committee: PartyOrg, department: Department, role: str
) -> SectorDepartment:
    if committee.kind != OrgKind.SECTOR_COMMITTEE:
        raise DomainError(
            _("Only a sector committee records the departments of its sector."), code="bad_kind"
        )
    if not PartyOrg.objects.restrict(actor, CHANGE).filter(pk=committee.pk).exists():
        raise DomainError(_("You may not change %(org)s.") % {"org": committee.name}, code="forbidden")
    if role not in SectorDepartmentRole.values:
        raise DomainError(_("Choose the department's role."), code="required", field="role")
    if SectorDepartment.objects.filter(committee=committee, department=department).exists():
        raise DomainError(
            _("%(department)s is already recorded for %(org)s.")
            % {"department": department.name, "org": committee.name},
            code="exists",
            field="department",
        )
    return SectorDepartment.objects.create(committee=committee, department=department, role=role)


@transaction.atomic
def sector_department_remove(*, actor, link: SectorDepartment) -> None:
    if not PartyOrg.objects.restrict(actor, CHANGE).filter(pk=link.committee_id).exists():
        raise DomainError(_("You may not change %(org)s.") % {"org": link.committee.name}, code="forbidden")
    link.delete()


def sector_departments_list(*, user, committee: PartyOrg):
    """The departments recorded for a committee the user may see (the caller fetched it through scope)."""
    return (
        SectorDepartment.objects.filter(committee=committee)
        .select_related("department")
        .order_by("role", "department__name")
    )


def sector_department_choices(*, user):
    """Departments the user may name: those he can see."""
    return Department.objects.restrict(user).order_by("area_path", "name")
